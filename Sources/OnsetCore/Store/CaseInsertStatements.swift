import Foundation
import GRDB
import GRDBSQLite

/// The statements that insert a prepared case, compiled once per transaction and bound and
/// stepped through SQLite's C API (`SQLiteBinding`).
///
/// Why not GRDB's `execute(arguments:)` here: profiling a 40k-case FAERS import showed most of
/// the inserting thread's time in per-statement overhead (building `StatementArguments` arrays of
/// `DatabaseValue`, checking and binding them) rather than in SQLite. GRDB still compiles and owns
/// these statements and the transaction; only binding, stepping and resetting skip its layers.
/// A case's drug, event and interval rows go in several to a statement (`MultiRowInsert`).
final class CaseInsertStatements {
    private let db: Database
    private let findCase: Statement
    private let insertCase: Statement
    private let insertDrugs: MultiRowInsert
    private let insertEvents: MultiRowInsert
    private let insertIntervals: MultiRowInsert
    private let insertText: Statement
    /// Several new cases a statement (`insert(batch:source:)`).
    private let insertCases: MultiRowInsert
    private let nextRowStatement: Statement
    /// The text bound for the case being inserted (`BindArena`).
    private let arena = BindArena()
    /// Cases written together by `insert(batch:source:)`: their rows go in several to a statement.
    static let casesPerGroup = 16

    init(_ db: Database) throws {
        self.db = db
        findCase = try db.makeStatement(sql: "SELECT n, version FROM cases WHERE id = ?")
        insertCase = try db.makeStatement(sql: """
            INSERT INTO cases (n, id, source_id, kind, record, case_number, version, status, age_years, sex, outcome,
                               serious, suspects, events, onset_label, json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertDrugs = MultiRowInsert(db, table: "case_drugs", columns: ["case_n", "key", "name", "role"])
        insertEvents = MultiRowInsert(db, table: "case_events", columns: ["case_n", "key", "term"])
        insertIntervals = MultiRowInsert(db, table: "case_intervals", columns: [
            "case_n", "drug", "drug_key", "event", "event_key", "dose", "first_min", "first_max", "last_min", "last_max", "basis",
        ])
        insertText = try db.makeStatement(sql: "INSERT INTO case_text (rowid, body) VALUES (?, ?)")
        insertCases = MultiRowInsert(db, table: "cases", columns: [
            "n", "id", "source_id", "kind", "record", "case_number", "version", "status", "age_years", "sex", "outcome",
            "serious", "suspects", "events", "onset_label", "json",
        ], maxRows: Self.casesPerGroup)
        // What SQLite would give the next row of `cases` (INTEGER PRIMARY KEY without AUTOINCREMENT).
        nextRowStatement = try db.makeStatement(sql: "SELECT coalesce(max(n), 0) + 1 FROM cases")
    }

    /// The row and stored version of the case with this id, or nil when there is no such case.
    func existingCase(id: String) throws -> (n: Int64, version: Int?)? {
        let s = findCase.sqliteStatement
        defer { sqlite3_reset(s) }
        SQLiteBinding.bind(s, 1, id)
        switch sqlite3_step(s) {
        case SQLITE_ROW:
            let n = sqlite3_column_int64(s, 0)
            let version = sqlite3_column_type(s, 1) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(s, 1))
            return (n, version)
        case SQLITE_DONE:
            return nil
        case let code:
            throw SQLiteBinding.failure(code, findCase, in: db)
        }
    }

    /// Inserts the case's row, its drug, event and interval rows and its full-text row. The row
    /// is number `row` when given (a corrected case keeps its place), else the next one.
    func insert(_ p: PreparedCase, source: Int64, row: Int64? = nil) throws {
        // The previous case's statements have all run.
        arena.reset()
        let c = insertCase.sqliteStatement
        bindCase(p, source: source, row: row, to: c, from: 1)
        try SQLiteBinding.run(insertCase, in: db)
        let n = sqlite3_last_insert_rowid(db.sqliteConnection)
        let one = [(case: 0, n: n)]
        try insertChildren(of: CollectionOfOne(p), rows: one)
        let t = insertText.sqliteStatement
        SQLiteBinding.bind(t, 1, n)
        SQLiteBinding.bind(t, 2, p.text, in: arena)
        try SQLiteBinding.run(insertText, in: db)
    }

    /// Inserts new cases, none of which is in the library yet (nor twice in `batch`), as rows that
    /// follow every existing one, in order. Their rows go in several to a statement across cases:
    /// each run of a statement costs SQLite a setup larger than a narrow row (`MultiRowInsert`),
    /// and one case alone has only ~4 drug, ~3 event and ~6 interval rows. Everything is written
    /// when this returns, so nothing is pending for later reads, deletions or a savepoint.
    func insert(batch: ArraySlice<PreparedCase>, source: Int64) throws {
        guard !batch.isEmpty else { return }
        let next = nextRowStatement.sqliteStatement
        defer { sqlite3_reset(next) }
        guard sqlite3_step(next) == SQLITE_ROW else { throw SQLiteBinding.failure(sqlite3_errcode(db.sqliteConnection), nextRowStatement, in: db) }
        var n = sqlite3_column_int64(next, 0)
        var start = batch.startIndex
        while start < batch.endIndex {
            let group = batch[start..<Swift.min(start + Self.casesPerGroup, batch.endIndex)]
            arena.reset()
            let first = n
            try insertCases.insert(count: group.count) { s, r, k in
                self.bindCase(group[group.startIndex + r], source: source, row: first + Int64(r), to: s, from: k)
            }
            try insertChildren(of: group, rows: group.indices.map { (case: $0 - group.startIndex, n: first + Int64($0 - group.startIndex)) })
            // The full-text rows one a statement: SQLite gives a statement that may write several
            // rows of a virtual table a savepoint, and at each savepoint FTS5 writes out the terms
            // it was gathering in memory (a 16-row statement here cost the inserting thread 12%
            // more instructions than the rows one by one; callgrind).
            let t = insertText.sqliteStatement
            for (r, p) in group.enumerated() {
                SQLiteBinding.bind(t, 1, first + Int64(r))
                SQLiteBinding.bind(t, 2, p.text, in: arena)
                try SQLiteBinding.run(insertText, in: db)
            }
            n += Int64(group.count)
            start = group.endIndex
        }
    }

    /// Binds a case's row (16 values) from parameter `k` on; `row` nil lets SQLite number it.
    private func bindCase(_ p: PreparedCase, source: Int64, row: Int64?, to c: SQLiteStatement, from k: CInt) {
        typealias B = SQLiteBinding
        let a = arena
        B.bind(c, k, row)
        B.bind(c, k + 1, p.id, in: a)
        B.bind(c, k + 2, source)
        B.bind(c, k + 3, p.kind, in: a)
        B.bind(c, k + 4, p.record, in: a)
        B.bind(c, k + 5, p.caseNumber, in: a)
        B.bind(c, k + 6, p.version)
        B.bind(c, k + 7, p.status, in: a)
        B.bind(c, k + 8, p.ageYears)
        B.bind(c, k + 9, p.sex, in: a)
        B.bind(c, k + 10, p.outcome, in: a)
        B.bind(c, k + 11, p.serious.map { $0 ? 1 : 0 })
        B.bind(c, k + 12, p.suspects, in: a)
        B.bind(c, k + 13, p.events, in: a)
        B.bind(c, k + 14, p.onsetLabel, in: a)
        B.bind(c, k + 15, utf8: p.json, in: a)
    }

    /// The drug, event and interval rows of `cases`, case after case; `rows[i]` says which case
    /// (its position in `cases`) has row number `n`.
    private func insertChildren<C: Collection<PreparedCase>>(of cases: C, rows: [(case: Int, n: Int64)]) throws where C.Index == Int {
        typealias B = SQLiteBinding
        let a = arena
        // (case position, row number, row index within the case), flattened in insertion order.
        func flat(_ count: (PreparedCase) -> Int) -> [(c: Int, n: Int64, r: Int)] {
            var out: [(c: Int, n: Int64, r: Int)] = []
            for (c, n) in rows {
                let p = cases[cases.startIndex + c]
                for r in 0..<count(p) { out.append((c, n, r)) }
            }
            return out
        }
        func at(_ c: Int) -> PreparedCase { cases[cases.startIndex + c] }
        let drugs = flat { $0.drugRows.count }
        try insertDrugs.insert(count: drugs.count) { s, i, k in
            let (c, n, r) = drugs[i]
            let row = at(c).drugRows[r]
            B.bind(s, k, n)
            B.bind(s, k + 1, row.key, in: a)
            B.bind(s, k + 2, row.name, in: a)
            B.bind(s, k + 3, row.role, in: a)
        }
        let events = flat { $0.eventRows.count }
        try insertEvents.insert(count: events.count) { s, i, k in
            let (c, n, r) = events[i]
            let row = at(c).eventRows[r]
            B.bind(s, k, n)
            B.bind(s, k + 1, row.key, in: a)
            B.bind(s, k + 2, row.term, in: a)
        }
        let intervals = flat { $0.intervalRows.count }
        try insertIntervals.insert(count: intervals.count) { s, i, k in
            let (c, n, r) = intervals[i]
            let row = at(c).intervalRows[r]
            B.bind(s, k, n)
            B.bind(s, k + 1, row.drug, in: a)
            B.bind(s, k + 2, row.drugKey, in: a)
            B.bind(s, k + 3, row.event, in: a)
            B.bind(s, k + 4, row.eventKey, in: a)
            B.bind(s, k + 5, row.dose)
            B.bind(s, k + 6, row.firstMin)
            B.bind(s, k + 7, row.firstMax)
            B.bind(s, k + 8, row.lastMin)
            B.bind(s, k + 9, row.lastMax)
            B.bind(s, k + 10, row.basis, in: a)
        }
    }
}
