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
    /// The text bound for the case being inserted (`BindArena`).
    private let arena = BindArena()

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
        typealias B = SQLiteBinding
        // The previous case's statements have all run.
        arena.reset()
        let a = arena
        let c = insertCase.sqliteStatement
        B.bind(c, 1, row)
        B.bind(c, 2, p.id, in: a)
        B.bind(c, 3, source)
        B.bind(c, 4, p.kind, in: a)
        B.bind(c, 5, p.record, in: a)
        B.bind(c, 6, p.caseNumber, in: a)
        B.bind(c, 7, p.version)
        B.bind(c, 8, p.status, in: a)
        B.bind(c, 9, p.ageYears)
        B.bind(c, 10, p.sex, in: a)
        B.bind(c, 11, p.outcome, in: a)
        B.bind(c, 12, p.serious.map { $0 ? 1 : 0 })
        B.bind(c, 13, p.suspects, in: a)
        B.bind(c, 14, p.events, in: a)
        B.bind(c, 15, p.onsetLabel, in: a)
        B.bind(c, 16, utf8: CaseWriter.compactBytes(p.original), in: a)
        try B.run(insertCase, in: db)
        let n = sqlite3_last_insert_rowid(db.sqliteConnection)

        try insertDrugs.insert(count: p.drugRows.count) { s, r, k in
            let row = p.drugRows[r]
            B.bind(s, k, n)
            B.bind(s, k + 1, row.key, in: a)
            B.bind(s, k + 2, row.name, in: a)
            B.bind(s, k + 3, row.role, in: a)
        }
        try insertEvents.insert(count: p.eventRows.count) { s, r, k in
            let row = p.eventRows[r]
            B.bind(s, k, n)
            B.bind(s, k + 1, row.key, in: a)
            B.bind(s, k + 2, row.term, in: a)
        }
        try insertIntervals.insert(count: p.intervalRows.count) { s, r, k in
            let row = p.intervalRows[r]
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
        let t = insertText.sqliteStatement
        B.bind(t, 1, n)
        B.bind(t, 2, p.text, in: a)
        try B.run(insertText, in: db)
    }
}
