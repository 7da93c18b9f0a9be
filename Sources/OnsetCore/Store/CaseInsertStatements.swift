import Foundation
import GRDB
import GRDBSQLite

/// The statements that insert a prepared case, compiled once per transaction and bound and
/// stepped through SQLite's C API.
///
/// Why not GRDB's `execute(arguments:)` here: profiling a 40k-case FAERS import showed most of
/// the inserting thread's time in per-statement overhead (building `StatementArguments` arrays of
/// `DatabaseValue`, checking and binding them; ~17 statements a case) rather than in SQLite. GRDB
/// still compiles and owns these statements and the transaction; only binding, stepping and
/// resetting skip its layers. Values are bound with the same storage classes GRDB uses (text,
/// 64-bit integers, doubles, booleans as 0/1, nil as NULL), so the rows are the same.
final class CaseInsertStatements {
    private let db: Database
    private let findCase: Statement
    private let insertCase: Statement
    private let insertDrug: Statement
    private let insertEvent: Statement
    private let insertInterval: Statement
    private let insertText: Statement

    init(_ db: Database) throws {
        self.db = db
        findCase = try db.makeStatement(sql: "SELECT n, version FROM cases WHERE id = ?")
        insertCase = try db.makeStatement(sql: """
            INSERT INTO cases (id, source_id, kind, record, case_number, version, status, age_years, sex, outcome,
                               serious, suspects, events, onset_label, json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertDrug = try db.makeStatement(sql: "INSERT INTO case_drugs (case_n, key, name, role) VALUES (?, ?, ?, ?)")
        insertEvent = try db.makeStatement(sql: "INSERT INTO case_events (case_n, key, term) VALUES (?, ?, ?)")
        insertInterval = try db.makeStatement(sql: """
            INSERT INTO case_intervals (case_n, drug, drug_key, event, event_key, dose, first_min, first_max, last_min, last_max, basis)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertText = try db.makeStatement(sql: "INSERT INTO case_text (rowid, body) VALUES (?, ?)")
    }

    /// The row and stored version of the case with this id, or nil when there is no such case.
    func existingCase(id: String) throws -> (n: Int64, version: Int?)? {
        let s = findCase.sqliteStatement
        defer { sqlite3_reset(s) }
        Self.bind(s, 1, id)
        switch sqlite3_step(s) {
        case SQLITE_ROW:
            let n = sqlite3_column_int64(s, 0)
            let version = sqlite3_column_type(s, 1) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(s, 1))
            return (n, version)
        case SQLITE_DONE:
            return nil
        case let code:
            throw failure(code, findCase)
        }
    }

    /// Inserts the case's row, its drug, event and interval rows and its full-text row.
    func insert(_ p: PreparedCase, source: Int64) throws {
        let c = insertCase.sqliteStatement
        Self.bind(c, 1, p.id)
        sqlite3_bind_int64(c, 2, source)
        Self.bind(c, 3, p.kind)
        Self.bind(c, 4, p.record)
        Self.bind(c, 5, p.caseNumber)
        Self.bind(c, 6, p.version)
        Self.bind(c, 7, p.status)
        Self.bind(c, 8, p.ageYears)
        Self.bind(c, 9, p.sex)
        Self.bind(c, 10, p.outcome)
        Self.bind(c, 11, p.serious.map { $0 ? 1 : 0 })
        Self.bind(c, 12, p.suspects)
        Self.bind(c, 13, p.events)
        Self.bind(c, 14, p.onsetLabel)
        Self.bind(c, 15, p.json)
        try step(insertCase)
        let n = sqlite3_last_insert_rowid(db.sqliteConnection)

        let d = insertDrug.sqliteStatement
        for row in p.drugRows {
            sqlite3_bind_int64(d, 1, n)
            Self.bind(d, 2, row.key)
            Self.bind(d, 3, row.name)
            Self.bind(d, 4, row.role)
            try step(insertDrug)
        }
        let e = insertEvent.sqliteStatement
        for row in p.eventRows {
            sqlite3_bind_int64(e, 1, n)
            Self.bind(e, 2, row.key)
            Self.bind(e, 3, row.term)
            try step(insertEvent)
        }
        let i = insertInterval.sqliteStatement
        for row in p.intervalRows {
            sqlite3_bind_int64(i, 1, n)
            Self.bind(i, 2, row.drug)
            Self.bind(i, 3, row.drugKey)
            Self.bind(i, 4, row.event)
            Self.bind(i, 5, row.eventKey)
            Self.bind(i, 6, row.dose)
            Self.bind(i, 7, row.firstMin)
            Self.bind(i, 8, row.firstMax)
            Self.bind(i, 9, row.lastMin)
            Self.bind(i, 10, row.lastMax)
            Self.bind(i, 11, row.basis)
            try step(insertInterval)
        }
        let t = insertText.sqliteStatement
        sqlite3_bind_int64(t, 1, n)
        Self.bind(t, 2, p.text)
        try step(insertText)
    }

    /// Runs a bound INSERT to completion and resets it for the next row.
    private func step(_ statement: Statement) throws {
        let s = statement.sqliteStatement
        let code = sqlite3_step(s)
        sqlite3_reset(s)
        guard code == SQLITE_DONE else { throw failure(code, statement) }
    }

    private func failure(_ code: CInt, _ statement: Statement) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code),
                      message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                      sql: statement.sql)
    }

    /// SQLite copies the bytes (the Swift string's storage is only borrowed during the call).
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1 as Int, to: sqlite3_destructor_type.self) }

    private static func bind(_ s: SQLiteStatement, _ k: CInt, _ v: String) {
        var v = v
        v.withUTF8 { b in
            if let base = b.baseAddress, b.count > 0 {
                _ = base.withMemoryRebound(to: CChar.self, capacity: b.count) {
                    sqlite3_bind_text(s, k, $0, CInt(b.count), transient)
                }
            } else {
                _ = sqlite3_bind_text(s, k, "", 0, transient)
            }
        }
    }

    private static func bind(_ s: SQLiteStatement, _ k: CInt, _ v: String?) {
        if let v { bind(s, k, v) } else { sqlite3_bind_null(s, k) }
    }

    private static func bind(_ s: SQLiteStatement, _ k: CInt, _ v: Int?) {
        if let v { sqlite3_bind_int64(s, k, Int64(v)) } else { sqlite3_bind_null(s, k) }
    }

    private static func bind(_ s: SQLiteStatement, _ k: CInt, _ v: Double?) {
        if let v { sqlite3_bind_double(s, k, v) } else { sqlite3_bind_null(s, k) }
    }
}
