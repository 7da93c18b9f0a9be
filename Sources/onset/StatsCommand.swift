import ArgumentParser
import Foundation
import OnsetCore

/// Output formats of `stats`.
enum StatsFormat: String, ExpressibleByArgument, CaseIterable { case table, tsv, json }

extension OnsetGrouping: ExpressibleByArgument {}
extension FrequencyField: ExpressibleByArgument {}

/// `onset stats onset|signals|freq`
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Time to onset, disproportionality and frequency tables over a filter.",
        discussion: "Methods and examples: Docs/statistics.md. JSON and TSV layouts: Docs/cli-formats.md.",
        subcommands: [StatsOnsetCommand.self, StatsSignalsCommand.self, StatsFreqCommand.self]
    )
}

/// Options every stats subcommand shares.
struct StatsOutputOptions: ParsableArguments {
    @Option(help: "table, tsv or json.") var format: StatsFormat = .table
    @Flag(help: "Draw bars and signs in ASCII only.") var ascii = false

    var glyphs: StatGlyphs { ascii || !utf8Locale() ? .ascii : .unicode }
}

/// `onset stats onset [QUERY...]`
struct StatsOnsetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onset",
        abstract: "Time to onset per suspect drug × event (and for all matching cases).",
        discussion: """
            Counts cases: each group counts a case once. Partial dates give day ranges: medians use the Turnbull \
            estimate and the Weibull fit the interval likelihood, with the exact-only figures beside them. \
            Columns "no date", "neg", "wide": cases left out for no dates, an onset before the dose, a range wider than --max-range.
            """)

    @OptionGroup var library: LibraryOptions
    @OptionGroup var output: StatsOutputOptions
    @Option(help: "drug-event (an \"all\" row, then one row per suspect drug × event) or all.") var by: OnsetGrouping = .drugEvent
    @Option(name: .customLong("max-range"), help: "Leave out ranges wider than this many days.") var maxRange: Double = 365
    @Option(name: .customLong("min-cases"), help: "Leave out drug × event groups with fewer cases.") var minCases = 1
    @Option(name: .customLong("max-groups"), help: "Show at most this many drug × event groups, the largest (0: all).") var maxGroups = 0
    @Flag(help: "Also list the per-case intervals behind each group (tsv: only them).") var intervals = false
    @Argument(help: "A filter, e.g. drug:natalizumab event:thrombocytopenia.") var query: [String] = []

    func validate() throws {
        guard maxRange >= 0, maxRange.isFinite else { throw ValidationError("--max-range: expected a number of days ≥ 0") }
    }

    func run() throws {
        let q = try parseQuery(query)
        let lib = try library.open(readOnly: true)
        let report = try lib.onsetStatistics(q, groupBy: by, maxRangeWidth: maxRange, minCases: minCases,
                                             maxGroups: maxGroups > 0 ? maxGroups : nil)
        switch output.format {
        case .json:
            out(JSONWriter.write(OnsetReportText.json(report, intervals: intervals)))
        case .tsv:
            for line in intervals ? OnsetReportText.intervalsTSV(report) : OnsetReportText.tsv(report) { out(line) }
        case .table:
            let glyphs = output.glyphs
            let width = terminalWidth()
            out(VisibleText.escape(glyphs.text(OnsetReportText.heading(report))))
            out("")
            for line in OnsetReportText.table(report, glyphs: glyphs).lines(width: width) { out(line) }
            // The "all" group in full, or every group when there is only one pair.
            let detailed = report.groups.count == 2 ? report.groups : Array(report.groups.prefix(1))
            for g in detailed {
                out("")
                for line in OnsetReportText.detail(g, width: min(width, 72), glyphs: glyphs, bothHistograms: true) {
                    out(VisibleText.escape(glyphs.text(line)))
                }
            }
            if intervals {
                for g in report.groups {
                    out("")
                    out(VisibleText.escape(glyphs.text("Intervals · \(g.label(ascii: glyphs.asciiBars))")))
                    for line in OnsetReportText.intervalTable(g, glyphs: glyphs).lines(width: width) { out(line) }
                }
            }
            out("")
            out("Ranges wider than \(DayRange.format(report.maxRangeWidth)) d left out; days count from the dose (day 0).")
        }
    }
}

/// `onset stats signals [QUERY...]`
struct StatsSignalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signals",
        abstract: "Disproportionality of every event reported with the filter's drug(s), against the whole library.",
        discussion: """
            a, b, c, d count distinct cases. The drug set is the filter's drug:/suspect: terms (suspect: counts the \
            suspect and interacting roles only); event: terms choose which events are listed; other terms are not \
            applied. Flags: E = Evans (PRR ≥ 2, Yates χ² ≥ 4, a ≥ 3), R = ROR025 > 1, I = IC025 > 0.
            """)

    @OptionGroup var library: LibraryOptions
    @OptionGroup var output: StatsOutputOptions
    @Option(help: "Sort by \(SignalColumn.allCases.map(\.rawValue).joined(separator: ", ")) (numbers largest first, event A to Z).")
    var sort: String = "a"
    @Flag(help: "Reverse the sort.") var reverse = false
    @Option(name: .customLong("min-a"), help: "Leave out events with fewer than this many cases with the drug.") var minA = 1
    @Argument(help: "A filter with a drug, e.g. suspect:natalizumab.") var query: [String] = []

    func run() throws {
        guard let column = SignalColumn(rawValue: sort.lowercased()) else {
            throw ValidationError("--sort: expected one of \(SignalColumn.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let q = try parseQuery(query)
        let lib = try library.open(readOnly: true)
        let report: SignalReport
        do {
            report = try lib.signals(q, minA: minA)
        } catch let e as StatisticsError {
            throw CLIError(e.description)
        }
        let rows = column.sort(report.rows, reversed: reverse)
        switch output.format {
        case .json:
            out(JSONWriter.write(SignalReportText.json(report, rows: rows, sort: column, reversed: reverse)))
        case .tsv:
            for line in SignalReportText.tsv(rows) { out(line) }
        case .table:
            let glyphs = output.glyphs
            for line in SignalReportText.heading(report) { out(VisibleText.escape(glyphs.text(line))) }
            out("")
            for line in SignalReportText.table(rows, sort: column, reversed: reverse, glyphs: glyphs).lines(width: terminalWidth()) { out(line) }
            out("")
            out("\(rows.count) event\(rows.count == 1 ? "" : "s"). Flags: E Evans (PRR>=2, chi2>=4, a>=3), R ROR025>1, I IC025>0; \(glyphs.undefined) undefined.")
        }
    }
}

/// `onset stats freq FIELD [QUERY...]`
struct StatsFreqCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "freq",
        abstract: "How many matching cases have each value of a field.",
        discussion: "Fields: \(FrequencyField.allCases.map(\.rawValue).joined(separator: ", ")). The filter column (tsv, json) narrows a filter to the row.")

    @OptionGroup var library: LibraryOptions
    @OptionGroup var output: StatsOutputOptions
    @Option(help: "At most this many rows (0: all).") var limit = 0
    @Argument(help: "The field: \(FrequencyField.allCases.map(\.rawValue).joined(separator: ", ")).") var field: FrequencyField
    @Argument(help: "A filter.") var query: [String] = []

    func run() throws {
        let q = try parseQuery(query)
        let lib = try library.open(readOnly: true)
        var report = try lib.frequencies(field, q)
        let total = report.rows.count
        if limit > 0 { report.rows = Array(report.rows.prefix(limit)) }
        switch output.format {
        case .json:
            out(JSONWriter.write(FrequencyReportText.json(report)))
        case .tsv:
            for line in FrequencyReportText.tsv(report) { out(line) }
        case .table:
            let glyphs = output.glyphs
            out(VisibleText.escape(glyphs.text(FrequencyReportText.heading(report))))
            out("")
            for line in FrequencyReportText.table(report, glyphs: glyphs).lines(width: terminalWidth()) { out(line) }
            if report.rows.count < total { out("\(report.rows.count) of \(total) values shown") }
        }
    }
}
