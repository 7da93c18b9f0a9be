import Foundation
import GRDB

/// One row of the case list.
public struct CaseSummary: Hashable, Sendable {
    public var n: Int64
    public var id: String
    public var kind: SourceKind
    public var status: CaseStatus
    public var ageYears: Double?
    public var sex: Sex?
    public var suspects: String
    public var events: String
    public var onsetLabel: String?
    public var outcome: Outcome?

    /// `52F`, `8mo M`-style age and sex.
    public var ageSex: String {
        var s = ""
        if let a = ageYears {
            if a >= 2 { s = String(Int(a)) }
            else if a * 12 >= 1 { s = "\(Int((a * 12).rounded(.down)))mo" }
            else { s = "\(Int((a * 365.25).rounded(.down)))d" }
        } else { s = "?" }
        return s + (sex?.letter ?? "?")
    }
}

/// A source the library holds.
public struct SourceSummary: Hashable, Sendable {
    public var key: String
    public var kind: String
    public var format: String?
    public var importedAt: String
    public var cases: Int
}

extension Library {
    /// How many cases match.
    public func count(_ query: Query) throws -> Int {
        if let terms = QuerySQL.keyTerms(query, lexicon: lexicon) {
            return try read { db in
                if let stored = try KeySetAnswer.storedCount(terms, db) { return stored }
                if let sets = try KeySetAnswer.load(terms, db) { return try sets.count(db) }
                return try KeyTermPlan.choose(terms, db).count(terms, db)
            }
        }
        if let k = QuerySQL.keyOnlyCount(query, lexicon: lexicon) {
            return try read { db in try Int.fetchOne(db, sql: k.sql, arguments: k.arguments) ?? 0 }
        }
        let q = QuerySQL(query, lexicon: lexicon)
        return try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases c WHERE \(q.sql)", arguments: q.arguments) ?? 0 }
    }

    /// Every case's row count, for the status line's "of M".
    public func totalCases() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0 }
    }

    /// A page of matching cases in library order, starting after row `after` (keyset paging stays fast deep in a list).
    public func page(_ query: Query, after: Int64? = nil, offset: Int = 0, limit: Int) throws -> [CaseSummary] {
        if let terms = QuerySQL.keyTerms(query, lexicon: lexicon) {
            return try read { db in
                let numbers = try KeySetAnswer.load(terms, db)?.page(after: after, offset: offset, limit: limit, db)
                    ?? KeyTermPlan.choose(terms, db).page(terms, after: after, offset: offset, limit: limit, db)
                return try Library.summaries(numbers, db)
            }
        }
        let q = QuerySQL(query, lexicon: lexicon)
        var args = q.arguments
        var keyset = ""
        if let after { keyset = " AND c.n > ?"; args += [after] }
        args += [limit, offset]
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT n, id, kind, status, age_years, sex, suspects, events, onset_label, outcome
                FROM cases c WHERE \(q.sql)\(keyset) ORDER BY c.n LIMIT ? OFFSET ?
                """, arguments: args).map(Library.summary)
        }
    }

    /// The list rows of these cases, in case order.
    static func summaries(_ numbers: [Int64], _ db: Database) throws -> [CaseSummary] {
        guard !numbers.isEmpty else { return [] }
        return try Row.fetchAll(db, sql: """
            SELECT n, id, kind, status, age_years, sex, suspects, events, onset_label, outcome
            FROM cases c WHERE c.n IN (\(QuerySQL.marks(numbers.count))) ORDER BY c.n
            """, arguments: StatementArguments(numbers)).map(Library.summary)
    }

    static func summary(_ row: Row) -> CaseSummary {
        CaseSummary(n: row["n"], id: row["id"], kind: SourceKind(rawValue: row["kind"]) ?? .literature,
                    status: CaseStatus(rawValue: row["status"]) ?? .final, ageYears: row["age_years"],
                    sex: (row["sex"] as String?).flatMap(Sex.init(rawValue:)), suspects: row["suspects"], events: row["events"],
                    onsetLabel: row["onset_label"], outcome: (row["outcome"] as String?).flatMap(Outcome.init(rawValue:)))
    }

    /// The full case with this id.
    public func loadCase(id: String) throws -> Case? {
        guard let r = try read({ db in
            try Row.fetchOne(db, sql: "SELECT \(Library.storedCaseColumns) WHERE c.id = ?", arguments: [id])
        }) else { return nil }
        return try Library.storedCase(r)
    }

    /// The columns `storedCase` reads, and the tables they come from.
    static let storedCaseColumns = """
        c.id, c.json, c.kind, c.record, c.case_number, c.version, s.key, s.format
        FROM cases c LEFT JOIN sources s ON s.id = c.source_id
        """

    /// The case a row of `storedCaseColumns` holds, rebuilt from its stored JSON and its row.
    static func storedCase(_ r: Row) throws -> Case {
        let id: String = r["id"], json: String = r["json"]
        let row = StoredCaseRow(id: id, kind: r["kind"], record: r["record"], caseNumber: r["case_number"], version: r["version"],
                                source: (r["key"] as String?).map { StoredSourceFacts(key: $0, format: r["format"]) })
        return try CaseReader.readStored(Array(json.utf8), row: row, file: "library case \(id)")
    }

    /// Ids of all matching cases in library order.
    public func ids(_ query: Query, limit: Int? = nil) throws -> [String] {
        let q = QuerySQL(query, lexicon: lexicon)
        var args = q.arguments
        args += [limit ?? -1]
        return try read { db in try String.fetchAll(db, sql: "SELECT id FROM cases c WHERE \(q.sql) ORDER BY c.n LIMIT ?", arguments: args) }
    }

    /// The dose-to-onset table for matching cases: one row per case × suspect drug × event.
    public func intervals(_ query: Query, limit: Int? = nil) throws -> [DoseOnset] {
        let q = QuerySQL(query, lexicon: lexicon)
        var args = q.arguments
        args += [limit ?? -1]
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.id AS case_id, d.name AS drug, e.term AS event,
                       i.dose, i.first_min, i.first_max, i.last_min, i.last_max, i.basis
                FROM \(CasePairsSQL.from)
                WHERE \(q.sql) ORDER BY \(CasePairsSQL.order) LIMIT ?
                """, arguments: args).map { row in
                func range(_ a: String, _ b: String) -> DayRange? {
                    guard let lo = row[a] as Double?, let hi = row[b] as Double? else { return nil }
                    return DayRange(min: lo, max: hi)
                }
                return DoseOnset(caseID: row["case_id"], drugID: "", drug: row["drug"], eventID: "", event: row["event"],
                                 dose: row["dose"], first: range("first_min", "first_max"), last: range("last_min", "last_max"),
                                 basis: (row["basis"] as String?).flatMap(IntervalBasis.init(rawValue:)))
            }
        }
    }

    /// Drug or event names starting with `prefix`, most frequent first, for Tab completion.
    public func completions(field: CompletionField, prefix: String, limit: Int = 20) throws -> [String] {
        let table = field == .drug ? "case_drugs" : "case_events"
        let column = field == .drug ? "name" : "term"
        let key = field == .drug ? TermKey.drugPattern(prefix) : TermKey.event(prefix)
        let escaped = key.replacingAll("\\", with: "\\\\").replacingAll("%", with: "\\%").replacingAll("_", with: "\\_")
        return try read { db in
            try String.fetchAll(db, sql: """
                SELECT \(column) FROM \(table) WHERE key LIKE ? ESCAPE '\\'
                GROUP BY key ORDER BY count(*) DESC, \(column) LIMIT ?
                """, arguments: [escaped + "%", limit])
        }
    }

    /// The sources the library holds, newest first.
    public func sources() throws -> [SourceSummary] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT key, kind, format, imported_at, cases FROM sources ORDER BY id DESC").map {
                SourceSummary(key: $0["key"], kind: $0["kind"], format: $0["format"], importedAt: $0["imported_at"], cases: $0["cases"])
            }
        }
    }
}

/// Which names Tab completes.
public enum CompletionField: Sendable { case drug, event }
