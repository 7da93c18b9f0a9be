import Foundation

// Presentation of the statistics reports, shared by `onset stats` and the browser's statistics view.
// Everything here is pure: reports in, strings or JSON out.

// MARK: - Glyphs and numbers

/// The characters statistics tables draw with, in Unicode or plain ASCII.
public struct StatGlyphs: Sendable, Equatable {
    /// Shown for an undefined value.
    public var undefined: String
    /// Between the ends of a range, `5–30`.
    public var rangeDash: String
    public var arrow: String
    public var beta: String
    public var chi2: String
    public var ellipsis: String
    /// Marks an unset signal flag.
    public var noFlag: String
    public var sortDown: String
    public var sortUp: String
    /// True for `#` bars instead of eighth blocks.
    public var asciiBars: Bool

    public static let unicode = StatGlyphs(undefined: "–", rangeDash: "–", arrow: "→", beta: "β", chi2: "χ²", ellipsis: "…",
                                           noFlag: "·", sortDown: "▼", sortUp: "▲", asciiBars: false)
    public static let ascii = StatGlyphs(undefined: "-", rangeDash: "-", arrow: "->", beta: "beta", chi2: "chi2", ellipsis: "~",
                                         noFlag: ".", sortDown: " v", sortUp: " ^", asciiBars: true)

    /// `text` with the Unicode dashes and signs of labels turned into ASCII when drawing in ASCII.
    public func text(_ s: String) -> String {
        guard asciiBars else { return s }
        return s.replacingAll("–", with: "-").replacingAll("≥", with: ">=").replacingAll("→", with: "->")
            .replacingAll(" · ", with: " - ").replacingAll("·", with: "-").replacingAll("×", with: "x")
    }
}

/// Number formatting for statistics tables.
public enum StatFormat {
    /// Three significant digits without trailing zeros (`1.5`, `0.0123`, `123`); integers of four to
    /// six digits in full (rounding 1234 to 1230 would look exact); an exponent beyond that; `undefined` for nil, NaN or ±∞.
    public static func number(_ v: Double?, undefined: String = "–") -> String {
        guard let v, v.isFinite else { return undefined }
        if v == 0 { return "0" }
        let magnitude = abs(v)
        if magnitude >= 1e6 || magnitude < 1e-3 {
            let s = String(format: "%.2e", v)   // 1.23e-04
            guard let e = s.firstIndex(of: "e") else { return s }
            var mantissa = String(s[..<e])
            if mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            let exponent = Int(s[s.index(after: e)...]) ?? 0
            return "\(mantissa)e\(exponent)"
        }
        if magnitude >= 999.5 { return String(Int(v.rounded())) }
        let decimals = max(0, 2 - Int(floor(log10(magnitude))))
        var s = String(format: "%.\(decimals)f", v)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// `12 [5–30]`: a median and its interquartile range.
    public static func quartiles(_ q: QuantileSummary?, glyphs: StatGlyphs = .unicode) -> String {
        guard let q else { return glyphs.undefined }
        return "\(number(q.median)) [\(number(q.q1))\(glyphs.rangeDash)\(number(q.q3))]"
    }

    /// `1.23 [0.56–2.71]`: a Weibull shape and its 95 % CI.
    public static func shape(_ w: WeibullFit?, glyphs: StatGlyphs = .unicode) -> String {
        guard let w else { return glyphs.undefined }
        return "\(number(w.shape)) [\(number(w.shapeCI.lower))\(glyphs.rangeDash)\(number(w.shapeCI.upper))]"
    }

    /// `1.23 [0.56–2.71] random`, or one dash when there is no fit.
    public static func shapeAndHazard(_ w: WeibullFit?, glyphs: StatGlyphs = .unicode) -> String {
        guard let w else { return glyphs.undefined }
        return "\(shape(w, glyphs: glyphs)) \(hazard(w.reading, glyphs: glyphs))"
    }

    /// `early`, `random`, `wear-out`.
    public static func hazard(_ r: HazardReading?, glyphs: StatGlyphs = .unicode) -> String {
        guard let r else { return glyphs.undefined }
        return r == .wearOut ? "wear-out" : r.rawValue
    }

    /// A percentage with one decimal.
    public static func percent(_ p: Double) -> String { String(format: "%.1f", p) }
}

// MARK: - Bars and histograms

/// Horizontal bars of eighth blocks (or `#`), for histograms and frequency tables.
public enum StatBar {
    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A bar `value / maximum` of `width` cells long; any non-zero value shows at least a sliver.
    public static func bar(_ value: Double, maximum: Double, width: Int, ascii: Bool) -> String {
        guard value > 0, maximum > 0, width > 0 else { return "" }
        let fraction = min(1, value / maximum)
        if ascii {
            return String(repeating: "#", count: max(1, Int((fraction * Double(width)).rounded())))
        }
        let units = max(1, Int((fraction * Double(width * 8)).rounded()))
        return String(repeating: "█", count: units / 8) + eighths[units % 8]
    }
}

/// An onset histogram as text lines: label, count and bar.
public enum HistogramText {
    /// One line per clinical bin and a last line for the ranges that span bins; at most `width` columns.
    public static func lines(_ h: OnsetHistogram, width: Int, glyphs: StatGlyphs = .unicode) -> [String] {
        let labelWidth = 10
        let countWidth = max(3, String(max(h.counts.max() ?? 0, h.spread)).count)
        let barWidth = max(1, width - labelWidth - countWidth - 2)
        let top = Double(h.counts.max() ?? 0)
        var out = OnsetBin.allCases.map { bin in
            let count = h[bin]
            let line = pad(glyphs.text(bin.label), labelWidth) + leftPad(String(count), countWidth) + " "
                + StatBar.bar(Double(count), maximum: top, width: barWidth, ascii: glyphs.asciiBars)
            return line.trimmingTrailingSpaces()
        }
        let spread = pad("spans bins", labelWidth) + leftPad(String(h.spread), countWidth)
        let note = h.spread == 0 ? nil
            : ["  ranges across bin edges, not drawn", "  not drawn"].first { spread.count + $0.count <= width }
        out.append(spread + (note ?? ""))
        return out
    }

    static func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
    static func leftPad(_ s: String, _ w: Int) -> String { s.count >= w ? s : String(repeating: " ", count: w - s.count) + s }
}

// MARK: - Tables

/// A column of a text table.
public struct TextColumn: Sendable, Equatable {
    /// Where text sits in the column.
    public enum Alignment: Sendable { case left, right }
    public var title: String
    public var alignment: Alignment
    /// Text columns shrink (cut with an ellipsis) down to `minWidth` when the table is too wide; numbers never do.
    public var flexible: Bool
    public var minWidth: Int
    /// When the table still does not fit, columns are dropped highest priority number first; 0 is never dropped.
    public var priority: Int

    /// A column.
    public init(_ title: String, _ alignment: Alignment = .right, flexible: Bool = false, minWidth: Int = 4, priority: Int = 0) {
        self.title = title; self.alignment = alignment; self.flexible = flexible; self.minWidth = minWidth; self.priority = priority
    }
}

/// A table of text cells laid out in fixed columns, one line per row, fitted to a width.
public struct TextTable: Sendable {
    public var columns: [TextColumn]
    /// Cells as given; `lines` escapes them for the terminal.
    public var rows: [[String]]
    public var ellipsis: String

    /// A table.
    public init(columns: [TextColumn], rows: [[String]], ellipsis: String = "…") {
        self.columns = columns; self.rows = rows; self.ellipsis = ellipsis
    }

    /// The columns kept and their widths for `width` (nil: natural widths, nothing cut).
    public func layout(width: Int?) -> [(index: Int, width: Int)] {
        let cells = rows.map { $0.map { VisibleText.escape($0) } }
        var natural = columns.enumerated().map { k, c in
            cells.reduce(c.title.count) { max($0, k < $1.count ? $1[k].count : 0) }
        }
        var kept = Array(columns.indices)
        guard let width else { return kept.map { ($0, natural[$0]) } }
        func total() -> Int { kept.reduce(0) { $0 + natural[$1] } + max(0, kept.count - 1) }
        // Shrink flexible columns, widest first, to their minimum; then drop columns by priority.
        while total() > width {
            let flex = kept.filter { columns[$0].flexible && natural[$0] > columns[$0].minWidth }
            if let widest = flex.max(by: { natural[$0] < natural[$1] }) {
                natural[widest] -= 1
                continue
            }
            guard let drop = kept.filter({ columns[$0].priority > 0 }).max(by: { (columns[$0].priority, $0) < (columns[$1].priority, $1) }) else { break }
            kept.removeAll { $0 == drop }
            // A dropped column frees room: let flexible columns grow back toward their natural width.
            for k in kept where columns[k].flexible {
                let full = cells.reduce(columns[k].title.count) { max($0, k < $1.count ? $1[k].count : 0) }
                natural[k] = full
            }
        }
        return kept.map { ($0, natural[$0]) }
    }

    /// The header line for a layout.
    public func header(_ layout: [(index: Int, width: Int)]) -> String {
        join(columns.map(\.title), layout)
    }

    /// Row `k` as a line for a layout.
    public func line(_ k: Int, _ layout: [(index: Int, width: Int)]) -> String {
        join(rows[k].map { VisibleText.escape($0) }, layout)
    }

    /// Header and rows fitted to `width`.
    public func lines(width: Int?) -> [String] {
        let l = layout(width: width)
        return [header(l)] + rows.indices.map { line($0, l) }
    }

    func join(_ values: [String], _ layout: [(index: Int, width: Int)]) -> String {
        layout.map { index, w in
            let v = index < values.count ? values[index] : ""
            let cut = v.count > w ? String(v.prefix(max(0, w - ellipsis.count))) + ellipsis : v
            let padding = String(repeating: " ", count: max(0, w - cut.count))
            return columns[index].alignment == .left ? cut + padding : padding + cut
        }.joined(separator: " ").trimmingTrailingSpaces()
    }
}

// MARK: - Onset

/// What became of one case's interval in a summary.
public enum OnsetIntervalFate: Hashable, Sendable {
    /// Used; `bin` is nil when the range spans bins.
    case used(bin: OnsetBin?)
    case excluded(OnsetExclusionReason)

    /// `used`, `no_dates`, `negative`, `too_wide`.
    public var key: String {
        switch self {
        case .used: return "used"
        case .excluded(let r): return r.key
        }
    }
}

extension OnsetExclusionReason {
    /// `no_dates`, `negative`, `too_wide`, for TSV and JSON.
    public var key: String {
        switch self {
        case .noDates: return "no_dates"
        case .negative: return "negative"
        case .tooWide: return "too_wide"
        }
    }

    /// `no dates`, `before the dose`, `range too wide`.
    public var label: String {
        switch self {
        case .noDates: return "no dates"
        case .negative: return "before the dose"
        case .tooWide: return "range too wide"
        }
    }
}

extension OnsetBin {
    /// An ASCII key for TSV and JSON: `same_day`, `1d`, `2-3d`, …, `over_1y`.
    public var key: String {
        switch self {
        case .sameDay: return "same_day"
        case .day1: return "1d"
        case .days2to3: return "2-3d"
        case .days4to7: return "4-7d"
        case .weeks1to2: return "1-2w"
        case .weeks2to4: return "2-4w"
        case .months1to3: return "1-3mo"
        case .months3to6: return "3-6mo"
        case .months6to12: return "6-12mo"
        case .overOneYear: return "over_1y"
        }
    }
}

extension TimeToOnsetSummary {
    /// What the summary did with `interval`, by the same rules it applied.
    public func fate(of interval: DayRange?) -> OnsetIntervalFate {
        switch TimeToOnsetSummary.classify(interval, maxRangeWidth: maxRangeWidth) {
        case .success(let kept): return .used(bin: OnsetBin(range: kept))
        case .failure(let rejection): return .excluded(rejection.reason)
        }
    }
}

/// Tables and text of an `OnsetReport`.
public enum OnsetReportText {
    /// One row per group: cases, what was used and left out (first dose), medians, last-dose median, Weibull β.
    public static func table(_ report: OnsetReport, glyphs: StatGlyphs = .unicode) -> TextTable {
        let columns = [
            TextColumn("pair", .left, flexible: true, minWidth: 24),
            TextColumn("cases"),
            TextColumn("used", priority: 2),
            TextColumn("no date", priority: 5),
            TextColumn("neg", priority: 6),
            TextColumn("wide", priority: 6),
            TextColumn("exact", priority: 4),
            TextColumn("range", priority: 4),
            TextColumn("median [IQR] d"),
            TextColumn("exact only", priority: 3),
            TextColumn("last dose", priority: 3),
            TextColumn("\(glyphs.beta) [95% CI]", priority: 1),
            TextColumn("hazard", .left, priority: 1),
        ]
        let rows = report.groups.map { g -> [String] in
            let f = g.first
            return [g.label(ascii: glyphs.asciiBars), String(g.cases), String(f.used), String(f.excludedCount(.noDates)),
                    String(f.excludedCount(.negative)), String(f.excludedCount(.tooWide)), String(f.exactCount), String(f.rangeCount),
                    StatFormat.quartiles(f.censoredQuantiles, glyphs: glyphs), StatFormat.quartiles(f.exactQuantiles, glyphs: glyphs),
                    StatFormat.quartiles(g.last.censoredQuantiles, glyphs: glyphs),
                    StatFormat.shape(f.weibull, glyphs: glyphs), StatFormat.hazard(f.weibull?.reading, glyphs: glyphs)]
        }
        return TextTable(columns: columns, rows: rows, ellipsis: glyphs.ellipsis)
    }

    /// The report's first line: filter, matching cases and those without a pair.
    public static func heading(_ report: OnsetReport) -> String {
        var s = "Time to onset"
        if !report.query.isEmpty { s += " · \(report.query)" }
        s += " · \(report.matchingCases) matching case\(report.matchingCases == 1 ? "" : "s")"
        if report.casesWithoutPair > 0 {
            s += ", \(report.casesWithoutPair) without a suspect drug × event pair"
        }
        if report.omittedGroups > 0 {
            s += " · \(report.omittedGroups) smaller pair\(report.omittedGroups == 1 ? "" : "s") not shown"
        }
        return s
    }

    /// A group in full: both anchors with exclusions, medians and Weibull fits (exact-only beside),
    /// then the first-dose histogram (and the last-dose one when `bothHistograms`).
    public static func detail(_ g: OnsetGroup, width: Int, glyphs: StatGlyphs = .unicode, bothHistograms: Bool = false) -> [String] {
        var out = ["\(g.label(ascii: glyphs.asciiBars)) · \(g.cases) case\(g.cases == 1 ? "" : "s")"]
        for (name, s) in [("first dose", g.first), ("last dose", g.last)] {
            out += anchorLines(name, s, glyphs: glyphs)
        }
        out.append("Days from first dose:")
        out += HistogramText.lines(g.first.histogram, width: width - 2, glyphs: glyphs).map { "  " + $0 }
        if bothHistograms, g.last.used > 0 {
            out.append("Days from last dose:")
            out += HistogramText.lines(g.last.histogram, width: width - 2, glyphs: glyphs).map { "  " + $0 }
        }
        return out
    }

    /// Three lines about one anchor: counts and exclusions, medians, Weibull fits.
    public static func anchorLines(_ name: String, _ s: TimeToOnsetSummary, glyphs: StatGlyphs = .unicode) -> [String] {
        let excluded = s.excluded.count
        var reasons: [String] = []
        for r in OnsetExclusionReason.allCases where s.excludedCount(r) > 0 { reasons.append("\(r.label) \(s.excludedCount(r))") }
        var first = "From \(name): \(s.used) used (\(s.exactCount) exact, \(s.rangeCount) range\(s.rangeCount == 1 ? "" : "s"))"
        first += excluded > 0 ? "; \(excluded) excluded: \(reasons.joined(separator: ", "))" : "; none excluded"
        let median = "  median \(StatFormat.quartiles(s.censoredQuantiles, glyphs: glyphs)) d (Turnbull, ranges included)"
            + " · exact only \(StatFormat.quartiles(s.exactQuantiles, glyphs: glyphs)) d"
        let weibull = "  Weibull \(glyphs.beta) \(StatFormat.shapeAndHazard(s.weibull, glyphs: glyphs))"
            + " · exact only \(glyphs.beta) \(StatFormat.shapeAndHazard(s.weibullExact, glyphs: glyphs))"
        return [first, median, weibull]
    }

    /// The per-case intervals behind a group: case, pair (for "all"), days from first and last dose, bin, fate.
    public static func intervalTable(_ g: OnsetGroup, glyphs: StatGlyphs = .unicode) -> TextTable {
        var columns = [TextColumn("case", .left, flexible: true, minWidth: 10)]
        if g.isAll { columns.append(TextColumn("pair", .left, flexible: true, minWidth: 10, priority: 2)) }
        columns += [
            TextColumn("first dose"), TextColumn("bin", .left), TextColumn("used", .left),
            TextColumn("last dose", priority: 1), TextColumn("basis", .left, priority: 3),
        ]
        let rows = g.intervals.map { i -> [String] in
            var row = [i.caseID]
            if g.isAll { row.append("\(i.drug) \(glyphs.arrow) \(i.event)") }
            let fate = g.first.fate(of: i.first)
            var bin = ""
            if case .used(let b) = fate { bin = b.map { glyphs.text($0.label) } ?? "spans bins" }
            let used: String
            switch fate {
            case .used: used = "yes"
            case .excluded(let r): used = r.label
            }
            var last = i.last.map(DoseOnset.days) ?? glyphs.undefined
            if i.last != nil, let dose = i.dose { last += " (dose \(dose))" }
            row += [i.first.map(DoseOnset.days) ?? glyphs.undefined, bin, used, last, i.basis?.rawValue ?? ""]
            return row
        }
        return TextTable(columns: columns, rows: rows, ellipsis: glyphs.ellipsis)
    }

    /// TSV: one line per group × anchor (`first`, `last`).
    public static func tsv(_ report: OnsetReport) -> [String] {
        var header = ["group", "drug", "event", "anchor", "cases", "used", "excluded_no_dates", "excluded_negative", "excluded_too_wide",
                      "exact", "ranges", "median", "q1", "q3", "exact_median", "exact_q1", "exact_q3",
                      "weibull_shape", "weibull_shape_lower", "weibull_shape_upper", "weibull_scale", "hazard",
                      "exact_weibull_shape", "exact_weibull_shape_lower", "exact_weibull_shape_upper", "exact_hazard"]
        header += OnsetBin.allCases.map { "bin_" + $0.key } + ["spread"]
        var lines = [header.joined(separator: "\t")]
        for g in report.groups {
            for (anchor, s) in [("first", g.first), ("last", g.last)] {
                var f: [String] = [g.isAll ? "all" : "drug-event", g.drug ?? "", g.event ?? "", anchor, String(g.cases), String(s.used)]
                f += OnsetExclusionReason.allCases.map { String(s.excludedCount($0)) }
                f += [String(s.exactCount), String(s.rangeCount)]
                f += quartileFields(s.censoredQuantiles) + quartileFields(s.exactQuantiles)
                f += weibullFields(s.weibull, scale: true) + weibullFields(s.weibullExact, scale: false)
                f += s.histogram.counts.map(String.init) + [String(s.histogram.spread)]
                lines.append(f.map(VisibleText.tsvField).joined(separator: "\t"))
            }
        }
        return lines
    }

    /// TSV of the per-case intervals of every group.
    public static func intervalsTSV(_ report: OnsetReport) -> [String] {
        var lines = [["group", "drug", "event", "case", "pair_drug", "pair_event", "dose", "first_min", "first_max", "first_status", "first_bin",
                      "last_min", "last_max", "last_status", "last_bin", "basis"].joined(separator: "\t")]
        for g in report.groups {
            for i in g.intervals {
                func bin(_ fate: OnsetIntervalFate) -> String { if case .used(let b?) = fate { return b.key }; return "" }
                let ff = g.first.fate(of: i.first), lf = g.last.fate(of: i.last)
                let f = [g.isAll ? "all" : "drug-event", g.drug ?? "", g.event ?? "", i.caseID, i.drug, i.event,
                         i.dose.map(String.init) ?? "", n(i.first?.min), n(i.first?.max), ff.key, bin(ff),
                         n(i.last?.min), n(i.last?.max), lf.key, bin(lf), i.basis?.rawValue ?? ""]
                lines.append(f.map(VisibleText.tsvField).joined(separator: "\t"))
            }
        }
        return lines
    }

    static func n(_ v: Double?) -> String { v.map(JSONWriter.number) ?? "" }
    static func quartileFields(_ q: QuantileSummary?) -> [String] { [n(q?.median), n(q?.q1), n(q?.q3)] }
    static func weibullFields(_ w: WeibullFit?, scale: Bool) -> [String] {
        var f = [n(w?.shape), n(w?.shapeCI.lower), n(w?.shapeCI.upper)]
        if scale { f.append(n(w?.scale)) }
        f.append(w.map { StatFormat.hazard($0.reading) } ?? "")
        return f
    }

    /// JSON (Docs/cli-formats.md); `intervals` adds each group's per-case rows.
    public static func json(_ report: OnsetReport, intervals: Bool = false) -> JSONValue {
        .object([
            ("query", .string(report.query)),
            ("grouping", .string(report.grouping.rawValue)),
            ("max_range_days", .number(report.maxRangeWidth)),
            ("matching_cases", .number(Double(report.matchingCases))),
            ("cases_without_pair", .number(Double(report.casesWithoutPair))),
            ("omitted_groups", .number(Double(report.omittedGroups))),
            ("groups", .array(report.groups.map { g in
                var pairs: [(String, JSONValue)] = [
                    ("group", .string(g.isAll ? "all" : "drug-event")),
                    ("drug", g.drug.map(JSONValue.string) ?? .null),
                    ("event", g.event.map(JSONValue.string) ?? .null),
                    ("cases", .number(Double(g.cases))),
                    ("first_dose", summaryJSON(g.first)),
                    ("last_dose", summaryJSON(g.last)),
                ]
                if intervals {
                    pairs.append(("intervals", .array(g.intervals.map { i in
                        func range(_ r: DayRange?) -> JSONValue {
                            guard let r else { return .null }
                            return .object([("min", .number(r.min)), ("max", .number(r.max))])
                        }
                        func fate(_ f: OnsetIntervalFate) -> JSONValue {
                            var o: [(String, JSONValue)] = [("status", .string(f.key))]
                            if case .used(let b) = f { o.append(("bin", b.map { .string($0.key) } ?? .null)) }
                            return .object(o)
                        }
                        return .object([
                            ("case", .string(i.caseID)), ("drug", .string(i.drug)), ("event", .string(i.event)),
                            ("dose", i.dose.map { .number(Double($0)) } ?? .null),
                            ("first", range(i.first)), ("first_fate", fate(g.first.fate(of: i.first))),
                            ("last", range(i.last)), ("last_fate", fate(g.last.fate(of: i.last))),
                            ("basis", i.basis.map { .string($0.rawValue) } ?? .null),
                        ])
                    })))
                }
                return .object(pairs)
            })),
        ])
    }

    static func summaryJSON(_ s: TimeToOnsetSummary) -> JSONValue {
        func quartiles(_ q: QuantileSummary?) -> JSONValue {
            guard let q else { return .null }
            return .object([("median", .number(q.median)), ("q1", .number(q.q1)), ("q3", .number(q.q3)), ("iqr", .number(q.iqr))])
        }
        func weibull(_ w: WeibullFit?) -> JSONValue {
            guard let w else { return .null }
            return .object([
                ("shape", .number(w.shape)), ("shape_lower", .number(w.shapeCI.lower)), ("shape_upper", .number(w.shapeCI.upper)),
                ("scale", .number(w.scale)), ("scale_lower", .number(w.scaleCI.lower)), ("scale_upper", .number(w.scaleCI.upper)),
                ("n", .number(Double(w.n))), ("exact", .number(Double(w.exactCount))), ("ranges", .number(Double(w.rangeCount))),
                ("hazard", .string(StatFormat.hazard(w.reading))),
            ])
        }
        return .object([
            ("used", .number(Double(s.used))),
            ("excluded", .object(OnsetExclusionReason.allCases.map { ($0.key, .number(Double(s.excludedCount($0)))) })),
            ("exact", .number(Double(s.exactCount))),
            ("ranges", .number(Double(s.rangeCount))),
            ("median", quartiles(s.censoredQuantiles)),
            ("exact_median", quartiles(s.exactQuantiles)),
            ("weibull", weibull(s.weibull)),
            ("weibull_exact", weibull(s.weibullExact)),
            ("histogram", .object([
                ("bins", .array(OnsetBin.allCases.map { b in
                    .object([("bin", .string(b.key)), ("label", .string(b.label)), ("from_day", .number(b.lowerBound)),
                             ("to_day", b.upperBound.isFinite ? .number(b.upperBound) : .null), ("count", .number(Double(s.histogram[b])))])
                })),
                ("spread", .number(Double(s.histogram.spread))),
            ])),
        ])
    }
}

// MARK: - Signals

/// Tables and text of a `SignalReport`.
public enum SignalReportText {
    /// The table's columns with the sort column marked; `sort` is the column rows are ordered by.
    public static func table(_ rows: [SignalRow], sort: SignalColumn? = nil, reversed: Bool = false,
                             glyphs: StatGlyphs = .unicode) -> TextTable {
        let spec: [(SignalColumn, TextColumn)] = [
            (.event, TextColumn("event", .left, flexible: true, minWidth: 20)),
            (.a, TextColumn("a")), (.b, TextColumn("b", priority: 4)), (.c, TextColumn("c", priority: 4)), (.d, TextColumn("d", priority: 5)),
            (.expected, TextColumn("E", priority: 5)),
            (.prr, TextColumn("PRR", priority: 1)), (.chi2, TextColumn(glyphs.chi2, priority: 2)),
            (.ror, TextColumn("ROR", priority: 1)), (.ror025, TextColumn("ROR025")), (.ror975, TextColumn("ROR975", priority: 3)),
            (.ic, TextColumn("IC", priority: 2)), (.ic025, TextColumn("IC025")),
            (.flags, TextColumn("flags", .left)),
        ]
        let columns = spec.map { column, c -> TextColumn in
            guard column == sort else { return c }
            var c = c
            let descending = column.descendingByDefault != reversed
            c.title += descending ? glyphs.sortDown : glyphs.sortUp
            return c
        }
        let u = glyphs.undefined
        let body = rows.map { r -> [String] in
            let m = r.measures
            return [r.event, String(r.table.a), String(r.table.b), String(r.table.c), String(r.table.d),
                    StatFormat.number(m.expected, undefined: u), StatFormat.number(m.prr, undefined: u),
                    StatFormat.number(m.chiSquared, undefined: u), StatFormat.number(m.ror, undefined: u),
                    StatFormat.number(m.rorCI?.lower, undefined: u), StatFormat.number(m.rorCI?.upper, undefined: u),
                    StatFormat.number(m.ic, undefined: u), StatFormat.number(m.ic025, undefined: u), flags(r, glyphs: glyphs)]
        }
        return TextTable(columns: columns, rows: body, ellipsis: glyphs.ellipsis)
    }

    /// `ERI`: Evans (PRR ≥ 2, χ² ≥ 4, a ≥ 3), ROR025 > 1, IC025 > 0; an unset flag shows as `·`.
    public static func flags(_ r: SignalRow, glyphs: StatGlyphs = .unicode) -> String {
        (r.measures.evans ? "E" : glyphs.noFlag) + (r.measures.rorSignal ? "R" : glyphs.noFlag) + (r.measures.icSignal ? "I" : glyphs.noFlag)
    }

    /// The report's heading lines: drug set, counts, terms not applied.
    public static func heading(_ report: SignalReport) -> [String] {
        var lines = ["Disproportionality · \(report.drugTerms.joined(separator: " ")) · \(report.drugCases) of \(report.totalCases) cases in the library"]
        var notes: [String] = []
        if !report.eventTerms.isEmpty { notes.append("events limited to \(report.eventTerms.joined(separator: " "))") }
        if !report.ignoredTerms.isEmpty { notes.append("not applied (background is the whole library): \(report.ignoredTerms.joined(separator: " "))") }
        if report.minA > 1 { notes.append("a ≥ \(report.minA)") }
        if !notes.isEmpty { lines.append(notes.joined(separator: "; ")) }
        return lines
    }

    /// TSV, one line per event.
    public static func tsv(_ rows: [SignalRow]) -> [String] {
        let header = ["event", "event_key", "a", "b", "c", "d", "expected", "prr", "prr_lower", "prr_upper", "chi2", "chi2_p",
                      "ror", "ror_lower", "ror_upper", "ic", "ic025", "ic975", "evans", "ror_signal", "ic_signal"]
        return [header.joined(separator: "\t")] + rows.map { r in
            let m = r.measures
            func n(_ v: Double?) -> String { v.map(JSONWriter.number) ?? "" }
            return ([r.event, r.eventKey, String(r.table.a), String(r.table.b), String(r.table.c), String(r.table.d),
                     n(m.expected), n(m.prr), n(m.prrCI?.lower), n(m.prrCI?.upper), n(m.chiSquared), n(m.chiSquaredP),
                     n(m.ror), n(m.rorCI?.lower), n(m.rorCI?.upper), n(m.ic), n(m.ic025), n(m.ic975),
                     m.evans ? "1" : "0", m.rorSignal ? "1" : "0", m.icSignal ? "1" : "0"]).map(VisibleText.tsvField).joined(separator: "\t")
        }
    }

    /// JSON (Docs/cli-formats.md).
    public static func json(_ report: SignalReport, rows: [SignalRow], sort: SignalColumn, reversed: Bool) -> JSONValue {
        func n(_ v: Double?) -> JSONValue { v.map(JSONValue.number) ?? .null }
        return .object([
            ("query", .string(report.query)),
            ("drug_terms", .array(report.drugTerms.map(JSONValue.string))),
            ("event_terms", .array(report.eventTerms.map(JSONValue.string))),
            ("ignored_terms", .array(report.ignoredTerms.map(JSONValue.string))),
            ("total_cases", .number(Double(report.totalCases))),
            ("drug_cases", .number(Double(report.drugCases))),
            ("min_a", .number(Double(report.minA))),
            ("sort", .string(sort.rawValue)),
            ("descending", .bool(sort.descendingByDefault != reversed)),
            ("rows", .array(rows.map { r in
                let m = r.measures
                return .object([
                    ("event", .string(r.event)), ("event_key", .string(r.eventKey)),
                    ("a", .number(Double(r.table.a))), ("b", .number(Double(r.table.b))),
                    ("c", .number(Double(r.table.c))), ("d", .number(Double(r.table.d))),
                    ("expected", .number(m.expected)),
                    ("prr", n(m.prr)), ("prr_lower", n(m.prrCI?.lower)), ("prr_upper", n(m.prrCI?.upper)),
                    ("chi2", n(m.chiSquared)), ("chi2_p", n(m.chiSquaredP)),
                    ("ror", n(m.ror)), ("ror_lower", n(m.rorCI?.lower)), ("ror_upper", n(m.rorCI?.upper)),
                    ("ic", .number(m.ic)), ("ic025", .number(m.ic025)), ("ic975", .number(m.ic975)),
                    ("evans", .bool(m.evans)), ("ror_signal", .bool(m.rorSignal)), ("ic_signal", .bool(m.icSignal)),
                ])
            })),
        ])
    }
}

// MARK: - Frequencies

/// Tables and text of a `FrequencyReport`.
public enum FrequencyReportText {
    /// value, cases, percent and a bar `barWidth` cells long (0: no bar column).
    public static func table(_ report: FrequencyReport, barWidth: Int = 20, glyphs: StatGlyphs = .unicode) -> TextTable {
        var columns = [TextColumn(report.field.rawValue, .left, flexible: true, minWidth: 10), TextColumn("cases"), TextColumn("%")]
        if barWidth > 0 { columns.append(TextColumn("", .left, priority: 1)) }
        let top = Double(report.rows.map(\.count).max() ?? 0)
        let rows = report.rows.map { r -> [String] in
            var row = [glyphs.text(r.value), String(r.count), StatFormat.percent(r.percent)]
            if barWidth > 0 { row.append(StatBar.bar(Double(r.count), maximum: top, width: barWidth, ascii: glyphs.asciiBars)) }
            return row
        }
        return TextTable(columns: columns, rows: rows, ellipsis: glyphs.ellipsis)
    }

    /// `Frequencies of drug · filter · N matching cases`.
    public static func heading(_ report: FrequencyReport) -> String {
        var s = "Frequencies of \(report.field.rawValue)"
        if !report.query.isEmpty { s += " · \(report.query)" }
        s += " · \(report.matchingCases) matching case\(report.matchingCases == 1 ? "" : "s")"
        if [.drug, .suspect, .event].contains(report.field) { s += " (a case counts once per value; percentages can add up to more than 100)" }
        return s
    }

    /// TSV: value, cases, percent, filter term.
    public static func tsv(_ report: FrequencyReport) -> [String] {
        [["value", "cases", "percent", "filter"].joined(separator: "\t")] + report.rows.map { r in
            [r.value, String(r.count), JSONWriter.number(r.percent), r.filterTerm ?? ""].map(VisibleText.tsvField).joined(separator: "\t")
        }
    }

    /// JSON (Docs/cli-formats.md).
    public static func json(_ report: FrequencyReport) -> JSONValue {
        .object([
            ("field", .string(report.field.rawValue)),
            ("query", .string(report.query)),
            ("matching_cases", .number(Double(report.matchingCases))),
            ("rows", .array(report.rows.map { r in
                .object([("value", .string(r.value)), ("cases", .number(Double(r.count))), ("percent", .number(r.percent)),
                         ("filter", r.filterTerm.map(JSONValue.string) ?? .null)])
            })),
        ])
    }
}
