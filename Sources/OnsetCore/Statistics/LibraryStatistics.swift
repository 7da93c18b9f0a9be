import Foundation
import GRDB

// MARK: - Time to onset

/// How `onsetStatistics` groups the intervals of the matching cases.
public enum OnsetGrouping: String, CaseIterable, Sendable {
    /// One group per suspect drug × event, after an "all" group.
    case drugEvent = "drug-event"
    /// Only the "all" group.
    case all
}

/// The interval one case contributes to an onset group.
public struct OnsetCaseInterval: Hashable, Sendable {
    public var caseID: String
    public var drug: String
    public var event: String
    /// Number of the last dose before onset, when known.
    public var dose: Int?
    /// Days from the first dose to onset.
    public var first: DayRange?
    /// Days from the last dose before onset to onset.
    public var last: DayRange?
    public var basis: IntervalBasis?

    /// Creates a row.
    public init(caseID: String, drug: String, event: String, dose: Int? = nil, first: DayRange? = nil,
                last: DayRange? = nil, basis: IntervalBasis? = nil) {
        self.caseID = caseID; self.drug = drug; self.event = event; self.dose = dose
        self.first = first; self.last = last; self.basis = basis
    }
}

/// Time-to-onset statistics of one suspect drug × event, or of all matching cases (one interval per case).
public struct OnsetGroup: Hashable, Sendable {
    /// Drug name as shown; `nil` for the "all" group.
    public var drug: String?
    /// Event term as shown; `nil` for the "all" group.
    public var event: String?
    public var drugKey: String?
    public var eventKey: String?
    /// One row per case, in library order: the intervals behind the summaries.
    public var intervals: [OnsetCaseInterval]
    /// Days from the first dose to onset.
    public var first: TimeToOnsetSummary
    /// Days from the last dose before onset to onset.
    public var last: TimeToOnsetSummary

    /// Whether this is the "all" group.
    public var isAll: Bool { drugKey == nil }
    /// Distinct cases in the group.
    public var cases: Int { intervals.count }
    /// `all`, or `drug → event` (`->` with `ascii`).
    public func label(ascii: Bool = false) -> String {
        guard let drug, let event else { return "all" }
        return "\(drug) \(ascii ? "->" : "→") \(event)"
    }

    /// Builds a group from its per-case intervals.
    public init(drug: String?, event: String?, drugKey: String?, eventKey: String?,
                intervals: [OnsetCaseInterval], maxRangeWidth: Double) {
        self.drug = drug; self.event = event; self.drugKey = drugKey; self.eventKey = eventKey
        self.intervals = intervals
        first = TimeToOnsetSummary(intervals.map { ($0.caseID, $0.first) }, maxRangeWidth: maxRangeWidth)
        last = TimeToOnsetSummary(intervals.map { ($0.caseID, $0.last) }, maxRangeWidth: maxRangeWidth)
    }
}

/// The time-to-onset statistics of a filter.
public struct OnsetReport: Hashable, Sendable {
    public var query: String
    public var grouping: OnsetGrouping
    public var maxRangeWidth: Double
    /// Cases the filter matches.
    public var matchingCases: Int
    /// Matching cases with no suspect drug × event pair (after the filter's drug and event terms), left out of every group.
    public var casesWithoutPair: Int
    /// The "all" group first, then drug × event groups by number of cases.
    public var groups: [OnsetGroup]
    /// Drug × event groups left out beyond `maxGroups` (they had the fewest cases).
    public var omittedGroups: Int = 0

    /// A report (the library computes them; this is for tests and tools).
    public init(query: String, grouping: OnsetGrouping, maxRangeWidth: Double, matchingCases: Int,
                casesWithoutPair: Int, groups: [OnsetGroup], omittedGroups: Int = 0) {
        self.query = query; self.grouping = grouping; self.maxRangeWidth = maxRangeWidth
        self.matchingCases = matchingCases; self.casesWithoutPair = casesWithoutPair
        self.groups = groups; self.omittedGroups = omittedGroups
    }
}

// MARK: - Disproportionality

/// One event reported with the drug set, its 2×2 table against the whole library and its measures.
public struct SignalRow: Hashable, Sendable {
    public var event: String
    public var eventKey: String
    public var table: TwoByTwo
    public var measures: Disproportionality

    /// Creates a row; `nil` when the table is not valid.
    public init?(event: String, eventKey: String, table: TwoByTwo) {
        guard let m = table.disproportionality else { return nil }
        self.event = event; self.eventKey = eventKey; self.table = table; measures = m
    }

    /// How many of the three signal flags are raised (for sorting).
    public var flagCount: Int { [measures.evans, measures.rorSignal, measures.icSignal].count { $0 } }
}

/// The disproportionality table of a filter's drug set.
public struct SignalReport: Hashable, Sendable {
    public var query: String
    /// The filter terms that define the drug set, as typed.
    public var drugTerms: [String]
    /// The filter terms that restrict which events are listed (`event:`), as typed.
    public var eventTerms: [String]
    /// Filter terms that disproportionality does not apply (the background is always the whole library).
    public var ignoredTerms: [String]
    /// N: every case in the library.
    public var totalCases: Int
    /// a + b: cases with the drug set.
    public var drugCases: Int
    public var minA: Int
    public var rows: [SignalRow]
}

/// A column the signal table can be sorted by.
public enum SignalColumn: String, CaseIterable, Sendable {
    case event, a, b, c, d, expected, prr, chi2, ror, ror025, ror975, ic, ic025, ic975, flags

    /// Text sorts A→Z, numbers largest first, unless reversed.
    public var descendingByDefault: Bool { self != .event }

    /// The value a row sorts by; `nil` (undefined) always sorts last.
    func value(_ r: SignalRow) -> Double? {
        let m = r.measures
        switch self {
        case .event: return nil
        case .a: return Double(r.table.a)
        case .b: return Double(r.table.b)
        case .c: return Double(r.table.c)
        case .d: return Double(r.table.d)
        case .expected: return m.expected
        case .prr: return m.prr
        case .chi2: return m.chiSquared
        case .ror: return m.ror
        case .ror025: return m.rorCI?.lower
        case .ror975: return m.rorCI?.upper
        case .ic: return m.ic
        case .ic025: return m.ic025
        case .ic975: return m.ic975
        case .flags: return Double(r.flagCount)
        }
    }

    /// Sorts rows by this column; `reversed` flips the default direction. Ties: a descending, then event A→Z.
    public func sort(_ rows: [SignalRow], reversed: Bool = false) -> [SignalRow] {
        let descending = descendingByDefault != reversed
        return rows.sorted { x, y in
            if self == .event {
                let cx = x.event.lowercased(), cy = y.event.lowercased()
                if cx != cy { return descending ? cx > cy : cx < cy }
            } else {
                switch (value(x), value(y)) {
                case let (vx?, vy?) where vx != vy: return descending ? vx > vy : vx < vy
                case (.some, nil): return true
                case (nil, .some): return false
                default: break
                }
            }
            if x.table.a != y.table.a { return x.table.a > y.table.a }
            return x.event.lowercased() < y.event.lowercased()
        }
    }
}

/// Why statistics could not be computed for a filter.
public enum StatisticsError: Error, Equatable, CustomStringConvertible {
    case noDrugTerm
    public var description: String {
        switch self {
        case .noDrugTerm: return "signals need a drug: filter (e.g. drug:natalizumab or suspect:natalizumab)"
        }
    }
}

// MARK: - Frequencies

/// A field whose values `frequencies` counts.
public enum FrequencyField: String, CaseIterable, Sendable {
    /// Drugs in any role.
    case drug
    /// Suspect and interacting drugs only.
    case suspect
    case event, outcome, sex, age, source, serious

    /// The filter term that keeps only cases with `raw` (`nil` when the filter language cannot say it, e.g. a missing value).
    public func filterTerm(raw: String?) -> String? {
        guard let raw else { return nil }
        switch self {
        case .drug, .suspect, .event:
            // Commas split values and quotes group words in the filter language; neither can be
            // escaped, so they become `*` wildcards: the term then matches a little more, never less.
            let safe = String(raw.map { $0 == "\"" || $0 == "," ? "*" : $0 })
            return "\(rawValue):\"\(safe)\""
        case .age:
            return AgeGroup(rawValue: raw)?.filterTerm
        case .outcome, .sex, .source, .serious:
            return "\(rawValue):\(raw)"
        }
    }
}

/// The age groups of the frequency table, in years (lower bound inclusive, upper exclusive).
public enum AgeGroup: String, CaseIterable, Sendable {
    case under2 = "<2", child = "2-11", adolescent = "12-17", adult = "18-44", middle = "45-64", senior = "65-74", old = ">=75"

    /// Label with proper dashes and signs.
    public var label: String {
        switch self {
        case .under2: return "<2"
        case .child: return "2–11"
        case .adolescent: return "12–17"
        case .adult: return "18–44"
        case .middle: return "45–64"
        case .senior: return "65–74"
        case .old: return "≥75"
        }
    }

    /// Lower and upper bounds in years.
    public var bounds: (lower: Double?, upper: Double?) {
        switch self {
        case .under2: return (nil, 2)
        case .child: return (2, 12)
        case .adolescent: return (12, 18)
        case .adult: return (18, 45)
        case .middle: return (45, 65)
        case .senior: return (65, 75)
        case .old: return (75, nil)
        }
    }

    /// Ages are fractional years (an 11½-year-old is 11.5), so a group is `age:>=2 age:<12`, not `age:2..11`.
    public var filterTerm: String {
        let (l, u) = bounds
        return [l.map { "age:>=\(DayRange.format($0))" }, u.map { "age:<\(DayRange.format($0))" }]
            .compactMap { $0 }.joined(separator: " ")
    }
}

/// One value of a frequency table.
public struct FrequencyRow: Hashable, Sendable {
    public var field: FrequencyField
    /// The value as shown (`(not reported)` for a missing value).
    public var value: String
    /// The value as the filter language spells it; `nil` for a missing value.
    public var raw: String?
    /// Distinct matching cases with the value.
    public var count: Int
    /// `count` as a percentage of the matching cases (drugs and events can add up to more than 100).
    public var percent: Double

    /// The filter term that narrows to this row, or `nil` when the filter language cannot express it.
    public var filterTerm: String? { field.filterTerm(raw: raw) }
}

/// A frequency table over the cases a filter matches.
public struct FrequencyReport: Hashable, Sendable {
    public var field: FrequencyField
    public var query: String
    public var matchingCases: Int
    public var rows: [FrequencyRow]
}

/// Composes filter texts for "narrow the filter to this row".
public enum FilterComposition {
    /// `filter` AND `term`; the term is not added twice.
    public static func narrow(_ filter: String, with term: String) -> String {
        let base = filter.trimmingCharacters(in: .whitespaces)
        if base.isEmpty { return term }
        let words = try? QueryParser.tokenize(base).map(\.text)
        let newWords = (try? QueryParser.tokenize(term).map(\.text)) ?? [term]
        if let words, newWords.allSatisfy(words.contains) { return base }
        return base + " " + term
    }
}

// MARK: - Queries

extension Library {
    /// Time-to-onset statistics of the cases matching `query`.
    ///
    /// The unit is a case × suspect drug × event pair (`CasePairsSQL`). When the filter names
    /// drugs (`drug:`, `suspect:`) or events (`event:`), only pairs whose drug and event match those
    /// terms count, so `drug:x event:y` summarises x → y and not its co-suspects. Each group counts a
    /// case once: the case's first pair (report order) with a first-dose interval, else its first pair
    /// with a last-dose interval, else its first pair. The "all" group applies the same rule over all
    /// of a case's pairs, so both its first- and last-dose figures come from one pair per case.
    /// Drug × event groups with fewer than `minCases` cases are left out, and beyond the `maxGroups`
    /// largest ones too (counted in `omittedGroups`); the "all" group is always there.
    public func onsetStatistics(_ query: Query, groupBy: OnsetGrouping = .drugEvent,
                                maxRangeWidth: Double = 365, minCases: Int = 1, maxGroups: Int? = nil) throws -> OnsetReport {
        let q = QuerySQL(query, lexicon: lexicon)
        let pair = Library.pairCondition(query, lexicon: lexicon)
        var args = q.arguments
        args += StatementArguments(pair.arguments)

        // Rows in library order. Each drug × event pair is numbered as it first appears and its names
        // are stored once: a broad filter reads millions of rows that repeat a few thousand names, so
        // every row takes the names of its pair's first row (same keys, so the same drug and event).
        var items: [OnsetCaseInterval] = []
        var caseNs: [Int64] = []
        var pairOfRow: [Int32] = []
        var pairs: [(drugKey: String, eventKey: String, drug: String, event: String)] = []
        var pairIndex: [String: [String: Int32]] = [:]
        let byPair = groupBy == .drugEvent
        // The "all" group is chosen while streaming: a case's rows are adjacent.
        var all: [OnsetCaseInterval] = []
        var block: [OnsetCaseInterval] = []
        var blockCase = Int64.min
        func flushBlock() {
            guard !block.isEmpty else { return }
            all.append(Library.chooseInterval(block))
            block.removeAll(keepingCapacity: true)
        }
        let matching = try read { db -> Int in
            let matching = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases c WHERE \(q.sql)", arguments: q.arguments) ?? 0
            let cursor = try GRDB.Row.fetchCursor(db, sql: """
                SELECT c.n, c.id, d.name, d.key, e.term, e.key, i.dose,
                       i.first_min, i.first_max, i.last_min, i.last_max, i.basis
                FROM \(CasePairsSQL.from)
                WHERE \(q.sql) AND \(pair.sql) ORDER BY \(CasePairsSQL.order)
                """, arguments: args)
            while let r = try cursor.next() {
                func range(_ lo: Int, _ hi: Int) -> DayRange? {
                    guard let a = r[lo] as Double?, let b = r[hi] as Double? else { return nil }
                    return DayRange(min: a, max: b)
                }
                let drugKey: String = r[3], eventKey: String = r[5]
                let index: Int32
                if let known = pairIndex[drugKey]?[eventKey] {
                    index = known
                } else {
                    index = Int32(pairs.count)
                    pairs.append((drugKey, eventKey, r[2], r[4]))
                    pairIndex[drugKey, default: [:]][eventKey] = index
                }
                let p = pairs[Int(index)]
                let item = OnsetCaseInterval(caseID: r[1], drug: p.drug, event: p.event, dose: r[6],
                                             first: range(7, 8), last: range(9, 10),
                                             basis: (r[11] as String?).flatMap(IntervalBasis.init(rawValue:)))
                let caseN: Int64 = r[0]
                if caseN != blockCase { flushBlock(); blockCase = caseN }
                block.append(item)
                if byPair {
                    items.append(item)
                    caseNs.append(caseN)
                    pairOfRow.append(index)
                }
            }
            flushBlock()
            return matching
        }

        /// One interval per case from row indices in library order (a case's rows are adjacent).
        func perCase(_ rows: [Int]) -> [OnsetCaseInterval] {
            var out: [OnsetCaseInterval] = []
            var start = 0
            while start < rows.count {
                var end = start
                while end < rows.count, caseNs[rows[end]] == caseNs[rows[start]] { end += 1 }
                out.append(Library.chooseInterval(rows[start..<end].map { items[$0] }))
                start = end
            }
            return out
        }

        var groups = [OnsetGroup(drug: nil, event: nil, drugKey: nil, eventKey: nil, intervals: all, maxRangeWidth: maxRangeWidth)]
        var omitted = 0
        if groupBy == .drugEvent {
            var rowsOfPair = Array(repeating: [Int](), count: pairs.count)
            var casesOfPair = Array(repeating: 0, count: pairs.count)
            var lastCase = Array(repeating: Int64.min, count: pairs.count)
            for k in items.indices {
                let p = Int(pairOfRow[k])
                rowsOfPair[p].append(k)
                if lastCase[p] != caseNs[k] { casesOfPair[p] += 1; lastCase[p] = caseNs[k] }
            }
            // Order and trim on counts first, so only the groups shown are summarised.
            let sortKeys = pairs.map { ($0.drug.lowercased(), $0.event.lowercased()) }
            var order = pairs.indices.filter { casesOfPair[$0] >= minCases }
            order.sort { x, y in
                if casesOfPair[x] != casesOfPair[y] { return casesOfPair[x] > casesOfPair[y] }
                return sortKeys[x] < sortKeys[y]
            }
            if let maxGroups, order.count > maxGroups {
                omitted = order.count - maxGroups
                order.removeLast(omitted)
            }
            for p in order {
                groups.append(OnsetGroup(drug: pairs[p].drug, event: pairs[p].event, drugKey: pairs[p].drugKey,
                                         eventKey: pairs[p].eventKey, intervals: perCase(rowsOfPair[p]), maxRangeWidth: maxRangeWidth))
            }
        }
        return OnsetReport(query: query.text, grouping: groupBy, maxRangeWidth: maxRangeWidth, matchingCases: matching,
                           casesWithoutPair: matching - all.count, groups: groups, omittedGroups: omitted)
    }

    /// A case's interval for a group: its first pair with a first-dose interval, else with a last-dose one, else its first.
    static func chooseInterval(_ rows: [OnsetCaseInterval]) -> OnsetCaseInterval {
        rows.first { $0.first != nil } ?? rows.first { $0.last != nil } ?? rows[0]
    }

    /// A condition on a pair's rows (`d` and `e` of `CasePairsSQL`) keeping pairs whose drug matches
    /// one of the filter's positive drug terms and whose event matches one of its positive event terms
    /// ("1" when there are none).
    ///
    /// It looks at all of the case's rows with the pair's drug name or event term, not only at the
    /// key of `d` or `e`, so a brand or verbatim name the filter found the case by also selects the pair.
    static func pairCondition(_ query: Query, lexicon: Lexicon) -> (sql: String, arguments: [(any DatabaseValueConvertible)?]) {
        var drugParts: [String] = [], eventParts: [String] = []
        var drugArgs: [(any DatabaseValueConvertible)?] = [], eventArgs: [(any DatabaseValueConvertible)?] = []
        for term in query.terms where !term.negated {
            switch term.condition {
            case .drug(let names, _):
                // The same wildcard pattern as the filter's (`QuerySQL`), so `sulph*` meets `sulf…` keys here too.
                let (cond, a) = QuerySQL.keyMatch(column: "dm.key", keys: names.map { lexicon.drugKey($0) }, rawNames: names,
                                                  pattern: TermKey.drugPattern)
                drugParts.append("EXISTS (SELECT 1 FROM case_drugs dm WHERE dm.case_n = d.case_n AND dm.name = d.name AND \(cond))")
                drugArgs += a
            case .event(let terms):
                let (cond, a) = QuerySQL.keyMatch(column: "em.key", keys: terms.map { lexicon.eventKey($0) }, rawNames: terms)
                eventParts.append("EXISTS (SELECT 1 FROM case_events em WHERE em.case_n = e.case_n AND em.term = e.term AND \(cond))")
                eventArgs += a
            default:
                continue
            }
        }
        var parts: [String] = []
        if !drugParts.isEmpty { parts.append("(" + drugParts.joined(separator: " OR ") + ")") }
        if !eventParts.isEmpty { parts.append("(" + eventParts.joined(separator: " OR ") + ")") }
        // Drug conditions come first in the SQL text, so their arguments do too.
        return (parts.isEmpty ? "1" : parts.joined(separator: " AND "), drugArgs + eventArgs)
    }

    /// Disproportionality of every event reported with the filter's drug set, against the whole library.
    ///
    /// The drug set is the cases satisfying all of the filter's `drug:`/`suspect:` terms (negated
    /// ones too); `suspect:` counts a drug only in the suspect or interacting role, `drug:` in any
    /// role. Event terms only choose which events are listed; every other term is reported in
    /// `ignoredTerms` and not applied, because the background is the whole library.
    /// Counts are distinct cases, and a case "has" event E exactly when the filter `event:E` finds it.
    public func signals(_ query: Query, minA: Int = 1) throws -> SignalReport {
        var drugTerms: [QueryTerm] = [], eventTerms: [QueryTerm] = [], ignored: [QueryTerm] = []
        for t in query.terms {
            switch t.condition {
            case .drug: drugTerms.append(t)
            case .event where !t.negated: eventTerms.append(t)
            default: ignored.append(t)
            }
        }
        guard drugTerms.contains(where: { !$0.negated }) else { throw StatisticsError.noDrugTerm }
        let exposure = QuerySQL(Query(terms: drugTerms), lexicon: lexicon)
        // Event terms match listed keys exactly as the filter matches `case_events.key`.
        var eventSQL = ""
        var args = exposure.arguments
        args += [max(1, minA)]
        for t in eventTerms {
            guard case .event(let values) = t.condition else { continue }
            let (cond, a) = QuerySQL.keyMatch(column: "g.key", keys: values.map { lexicon.eventKey($0) }, rawNames: values)
            eventSQL += " AND \(cond)"
            args += StatementArguments(a)
        }
        let (total, exposed, listed) = try read { db -> (Int, Int, [(key: String, term: String, a: Int, ac: Int)]) in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0
            let exposed = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases c WHERE \(exposure.sql)", arguments: exposure.arguments) ?? 0
            // One pass over the exposed cases' events grouped by key gives a; a + c is a count over the
            // (key, case_n) index. A key is listed only when it is some event's own key (see
            // `ownName`), under that event's term.
            let rows = try GRDB.Row.fetchAll(db, sql: """
                WITH exposed(n) AS (SELECT c.n FROM cases c WHERE \(exposure.sql)),
                     g AS (SELECT e.key, count(DISTINCT e.case_n) AS a FROM case_events e WHERE e.case_n IN exposed GROUP BY e.key)
                SELECT * FROM (
                    SELECT g.key, g.a,
                           (SELECT count(DISTINCT e2.case_n) FROM case_events e2 WHERE e2.key = g.key) AS ac,
                           \(Library.ownName(table: "case_events", name: "term", key: "g.key")) AS term
                    FROM g WHERE g.a >= ?\(eventSQL))
                WHERE term IS NOT NULL
                """, arguments: args)
            return (total, exposed, rows.map { (key: $0["key"], term: $0["term"], a: $0["a"], ac: $0["ac"]) })
        }
        let rows = listed.compactMap { r in
            SignalRow(event: r.term, eventKey: r.key,
                      table: TwoByTwo(a: r.a, b: exposed - r.a, c: r.ac - r.a, d: total - exposed - r.ac + r.a))
        }
        func text(_ t: QueryTerm) -> String { query.text.isEmpty ? "" : Library.termText(query.text, t) }
        return SignalReport(query: query.text, drugTerms: drugTerms.map(text), eventTerms: eventTerms.map(text),
                            ignoredTerms: ignored.map(text), totalCases: total, drugCases: exposed, minA: max(1, minA),
                            rows: SignalColumn.a.sort(rows))
    }

    /// SQL for the name a key is shown under: the name of a row that is its drug's or event's own key, or
    /// NULL when the key only ever appears as a verbatim alias.
    ///
    /// The writer stores a drug's (or event's) own key first and its verbatim alias, if different,
    /// right after, both under the shown name; so a row is an own-key row when it is the first row of
    /// its case with that name. The probe walks the (key, case_n) index and stops at the first such
    /// row, which for a real key is almost always the first row it reads.
    static func ownName(table: String, name: String, key: String) -> String {
        """
        (SELECT x.\(name) FROM \(table) x WHERE x.key = \(key)
             AND x.rowid = (SELECT min(y.rowid) FROM \(table) y WHERE y.case_n = x.case_n AND y.\(name) = x.\(name)) LIMIT 1)
        """
    }

    /// The characters of `text` a term was parsed from.
    static func termText(_ text: String, _ t: QueryTerm) -> String {
        let chars = Array(text)
        let lo = max(0, min(t.start, chars.count)), hi = max(lo, min(t.end, chars.count))
        return String(chars[lo..<hi])
    }

    /// How many matching cases have each value of `field`.
    ///
    /// Drugs and events are counted by key, as the filter matches them, so narrowing to a row finds
    /// exactly `count` cases; a key is listed only when it is some drug's or event's own key, under
    /// the name shown for it. Age uses `AgeGroup`; missing values form a `(not reported)` row.
    /// Rows are by count (then value), except age, which keeps the groups' order.
    public func frequencies(_ field: FrequencyField, _ query: Query) throws -> FrequencyReport {
        let q = QuerySQL(query, lexicon: lexicon)
        let filtered = "SELECT c.n FROM cases c WHERE \(q.sql)"
        let sql: String
        switch field {
        case .drug, .suspect, .event:
            let table = field == .event ? "case_events" : "case_drugs"
            let name = field == .event ? "term" : "name"
            var conditions: [String] = []
            // With no filter, leave the case list out so SQLite counts straight off the (key, case_n) index.
            if !query.isEmpty { conditions.append("t.case_n IN (\(filtered))") }
            if field == .suspect { conditions.append("t.role IN ('suspect', 'interacting')") }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            // Unfiltered suspects: the role is not in the (key, case_n) index, so reading the table in
            // order and sorting beats an index walk with a table lookup per row (0.6 s against 4 s on 400,000 cases).
            let scan = query.isEmpty && field == .suspect ? "NOT INDEXED" : ""
            sql = """
                SELECT * FROM (
                    SELECT g.key AS raw, \(Library.ownName(table: table, name: name, key: "g.key")) AS value, g.cnt FROM (
                        SELECT t.key, count(DISTINCT t.case_n) AS cnt FROM \(table) t \(scan) \(whereClause) GROUP BY t.key) g)
                WHERE value IS NOT NULL
                """
        case .outcome, .sex, .source:
            let column = field == .source ? "kind" : field.rawValue
            sql = "SELECT c.\(column) AS raw, c.\(column) AS value, count(*) AS cnt FROM cases c WHERE \(q.sql) GROUP BY c.\(column)"
        case .serious:
            sql = """
                SELECT CASE c.serious WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END AS raw,
                       CASE c.serious WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END AS value, count(*) AS cnt
                FROM cases c WHERE \(q.sql) GROUP BY raw
                """
        case .age:
            let whens = AgeGroup.allCases.compactMap { g in g.bounds.upper.map { "WHEN c.age_years < \($0) THEN '\(g.rawValue)'" } }
            sql = """
                SELECT g AS raw, g AS value, count(*) AS cnt FROM (
                    SELECT CASE WHEN c.age_years IS NULL THEN NULL \(whens.joined(separator: " ")) ELSE '\(AgeGroup.old.rawValue)' END AS g
                    FROM cases c WHERE \(q.sql)) GROUP BY g
                """
        }
        let (matching, raw) = try read { db -> (Int, [(raw: String?, value: String?, count: Int)]) in
            let matching = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases c WHERE \(q.sql)", arguments: q.arguments) ?? 0
            let rows = try GRDB.Row.fetchAll(db, sql: sql, arguments: q.arguments)
            return (matching, rows.map { (raw: $0["raw"], value: $0["value"], count: $0["cnt"]) })
        }
        var rows = raw.map { r -> FrequencyRow in
            let shown: String
            var rawValue = r.raw
            switch field {
            case .drug, .suspect, .event:
                shown = r.value ?? ""
                rawValue = r.value   // the filter resolves the shown name through the lexicon to the same key
            case .age:
                shown = r.raw.flatMap(AgeGroup.init(rawValue:))?.label ?? "(not reported)"
            default:
                shown = r.value ?? "(not reported)"
            }
            return FrequencyRow(field: field, value: shown, raw: rawValue, count: r.count,
                                percent: matching > 0 ? 100 * Double(r.count) / Double(matching) : 0)
        }
        if field == .age {
            let order = Dictionary(uniqueKeysWithValues: AgeGroup.allCases.enumerated().map { ($1.rawValue, $0) })
            rows.sort { (order[$0.raw ?? ""] ?? Int.max) < (order[$1.raw ?? ""] ?? Int.max) }
        } else {
            rows.sort { x, y in
                if x.count != y.count { return x.count > y.count }
                if (x.raw == nil) != (y.raw == nil) { return y.raw == nil }
                return x.value.lowercased() < y.value.lowercased()
            }
        }
        return FrequencyReport(field: field, query: query.text, matchingCases: matching, rows: rows)
    }
}
