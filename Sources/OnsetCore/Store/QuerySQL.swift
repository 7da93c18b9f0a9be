import GRDB

/// Turns a filter into a SQL condition over `cases c`; every value is a bound parameter.
struct QuerySQL {
    var sql: String
    var arguments: StatementArguments

    init(_ query: Query, lexicon: Lexicon) {
        var parts: [String] = []
        var args: [(any DatabaseValueConvertible)?] = []
        for term in query.terms {
            var part: String
            switch term.condition {
            case .drug(let names, let suspectOnly):
                let keys = names.map { lexicon.drugKey($0) }
                let (cond, condArgs) = QuerySQL.keyMatch(column: "key", keys: keys, rawNames: names, pattern: TermKey.drugPattern)
                let role = suspectOnly ? " AND role IN ('suspect', 'interacting')" : ""
                part = "c.n IN (SELECT case_n FROM case_drugs WHERE \(cond)\(role))"
                args += condArgs
            case .event(let terms):
                let keys = terms.map { lexicon.eventKey($0) }
                let (cond, condArgs) = QuerySQL.keyMatch(column: "key", keys: keys, rawNames: terms)
                part = "c.n IN (SELECT case_n FROM case_events WHERE \(cond))"
                args += condArgs
            case .sex(let sexes):
                part = "c.sex IN (\(QuerySQL.marks(sexes.count)))"
                args += sexes.map(\.rawValue)
            case .age(let r):
                let (cond, a) = QuerySQL.range(r, column: "c.age_years")
                part = cond; args += a
            case .outcome(let os):
                part = "c.outcome IN (\(QuerySQL.marks(os.count)))"
                args += os.map(\.rawValue)
            case .source(let ks):
                part = "c.kind IN (\(QuerySQL.marks(ks.count)))"
                args += ks.map(\.rawValue)
            case .timeToOnset(let r):
                // A range-valued interval matches only when the whole range lies inside the filter;
                // a negative interval (onset dated before the dose) is no time to onset at all.
                var conds: [String] = ["first_min IS NOT NULL", "first_max >= 0"]
                if let l = r.lower { conds.append("first_min \(r.lowerInclusive ? ">=" : ">") ?"); args.append(l) }
                if let u = r.upper { conds.append("first_max \(r.upperInclusive ? "<=" : "<") ?"); args.append(u) }
                part = "c.n IN (SELECT case_n FROM case_intervals WHERE \(conds.joined(separator: " AND ")))"
            case .status(let s):
                part = "c.status = ?"; args.append(s.rawValue)
            case .serious(let b):
                part = "c.serious = ?"; args.append(b)
            case .text(let word):
                part = "c.n IN (SELECT rowid FROM case_text WHERE case_text MATCH ?)"
                args.append(QuerySQL.ftsPhrase(word))
            }
            // `!X` is every case `X` does not match, those without the field too: SQL's NOT of a
            // comparison with NULL (no sex or outcome reported) is NULL, which would drop them.
            parts.append(term.negated ? "NOT coalesce((\(part)), 0)" : part)
        }
        sql = parts.isEmpty ? "1" : parts.joined(separator: " AND ")
        arguments = StatementArguments(args)
    }

    /// The count of a filter made only of drug and event terms, read from the key indexes alone:
    /// `count(DISTINCT case_n)` over one covering index, or the INTERSECT of several, never
    /// touching the wide cases table (a common drug's count visited tens of thousands of case rows).
    /// The same number as counting cases: every key row belongs to a case (foreign keys with
    /// ON DELETE CASCADE). Nil when the filter has any other or a negated term.
    static func keyOnlyCount(_ query: Query, lexicon: Lexicon) -> (sql: String, arguments: StatementArguments)? {
        var selects: [String] = []
        var args: [(any DatabaseValueConvertible)?] = []
        for term in query.terms {
            guard !term.negated else { return nil }
            switch term.condition {
            case .drug(let names, let suspectOnly):
                let (cond, condArgs) = keyMatch(column: "key", keys: names.map { lexicon.drugKey($0) }, rawNames: names, pattern: TermKey.drugPattern)
                let role = suspectOnly ? " AND role IN ('suspect', 'interacting')" : ""
                selects.append("SELECT case_n FROM case_drugs WHERE \(cond)\(role)")
                args += condArgs
            case .event(let terms):
                let (cond, condArgs) = keyMatch(column: "key", keys: terms.map { lexicon.eventKey($0) }, rawNames: terms)
                selects.append("SELECT case_n FROM case_events WHERE \(cond)")
                args += condArgs
            default:
                return nil
            }
        }
        guard let first = selects.first else { return nil }
        if selects.count == 1 {
            return ("SELECT count(DISTINCT case_n) FROM (\(first))", StatementArguments(args))
        }
        return ("SELECT count(*) FROM (\(selects.joined(separator: " INTERSECT ")))", StatementArguments(args))
    }

    /// One term of a filter that names a single drug or event key exactly.
    struct KeyTerm {
        var table: String
        var key: String
        var suspectOnly: Bool
        func condition(_ alias: String) -> String {
            "\(alias).key = ?" + (suspectOnly ? " AND \(alias).role IN ('suspect', 'interacting')" : "")
        }
    }

    /// The terms of a filter made only of drug and event terms, each one name without a wildcard
    /// and none negated (`drug:x event:y`, the browser's usual filters); nil otherwise.
    static func keyTerms(_ query: Query, lexicon: Lexicon) -> [KeyTerm]? {
        var out: [KeyTerm] = []
        for term in query.terms {
            guard !term.negated else { return nil }
            switch term.condition {
            case .drug(let names, let suspectOnly) where names.count == 1 && !names[0].contains("*"):
                out.append(KeyTerm(table: "case_drugs", key: lexicon.drugKey(names[0]), suspectOnly: suspectOnly))
            case .event(let terms) where terms.count == 1 && !terms[0].contains("*"):
                out.append(KeyTerm(table: "case_events", key: lexicon.eventKey(terms[0]), suspectOnly: false))
            default:
                return nil
            }
        }
        return out.isEmpty ? nil : out
    }

    /// The matching case numbers as one index-driven select: the `driver` term's (key, case_n)
    /// index read in case order, every other term checked by an index probe. SQLite streams it,
    /// so a page stops after its rows instead of gathering every match first (a common drug has
    /// tens of thousands), and a count visits only the driver's rows.
    static func drivenSelect(_ terms: [KeyTerm], driver: Int, column: String) -> (sql: String, arguments: [(any DatabaseValueConvertible)?]) {
        let d = terms[driver]
        var sql = "SELECT \(column) FROM \(d.table) t0 WHERE \(d.condition("t0"))"
        var args: [(any DatabaseValueConvertible)?] = [d.key]
        for (j, t) in terms.enumerated() where j != driver {
            sql += " AND EXISTS (SELECT 1 FROM \(t.table) t\(j + 1) WHERE \(t.condition("t\(j + 1)")) AND t\(j + 1).case_n = t0.case_n)"
            args.append(t.key)
        }
        return (sql, args)
    }

    static func marks(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ", ") }

    /// Exact key match, or LIKE when the user wrote a `*` wildcard (with LIKE's own characters escaped).
    static func keyMatch(column: String, keys: [String], rawNames: [String],
                         pattern: (String) -> String = TermKey.basic) -> (String, [(any DatabaseValueConvertible)?]) {
        var exact: [String] = [], likes: [String] = []
        for (k, raw) in zip(keys, rawNames) {
            if raw.contains("*") {
                let escaped = pattern(raw).replacingAll("\\", with: "\\\\").replacingAll("%", with: "\\%").replacingAll("_", with: "\\_")
                likes.append(escaped.replacingAll("*", with: "%"))
            } else {
                exact.append(k)
            }
        }
        var conds: [String] = [], args: [(any DatabaseValueConvertible)?] = []
        if !exact.isEmpty { conds.append("\(column) IN (\(marks(exact.count)))"); args += exact }
        for l in likes { conds.append("\(column) LIKE ? ESCAPE '\\'"); args.append(l) }
        return (conds.count == 1 ? conds[0] : "(\(conds.joined(separator: " OR ")))", args)
    }

    static func range(_ r: NumberRange, column: String) -> (String, [(any DatabaseValueConvertible)?]) {
        var conds = ["\(column) IS NOT NULL"], args: [(any DatabaseValueConvertible)?] = []
        if let l = r.lower { conds.append("\(column) \(r.lowerInclusive ? ">=" : ">") ?"); args.append(l) }
        if let u = r.upper { conds.append("\(column) \(r.upperInclusive ? "<=" : "<") ?"); args.append(u) }
        return ("(\(conds.joined(separator: " AND ")))", args)
    }

    /// A word as an FTS5 string literal, so its characters are searched, never parsed as FTS syntax;
    /// a trailing `*` stays a prefix search.
    static func ftsPhrase(_ word: String) -> String {
        // FTS5 reads its query as a C string: a NUL would end it inside the quotes ("unterminated
        // string"). Indexed text holds no NUL either, so it is searched as a word break.
        var w = word.unicodeScalars.contains("\0") ? word.replacingAll("\0", with: " ") : word
        let prefix = w.hasSuffix("*")
        if prefix { w.removeLast() }
        let quoted = "\"" + w.replacingAll("\"", with: "\"\"") + "\""
        return prefix ? quoted + " *" : quoted
    }
}
