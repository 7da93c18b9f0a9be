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
    private let sourceStatement: Statement
    /// The stored JSON of the cases being bound, reused from group to group.
    private var documents: [[UInt8]] = []
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
        insertDrugs = MultiRowInsert(db, table: "case_drugs", columns: ["case_n", "key", "name", "role", "pos"])
        insertEvents = MultiRowInsert(db, table: "case_events", columns: ["case_n", "key", "term", "pos"])
        insertIntervals = MultiRowInsert(db, table: "case_intervals", columns: [
            "case_n", "drug_pos", "event_pos", "dose", "first_min", "first_max", "last_min", "last_max", "basis",
        ])
        insertText = try db.makeStatement(sql: "INSERT INTO case_text (rowid, body) VALUES (?, ?)")
        insertCases = MultiRowInsert(db, table: "cases", columns: [
            "n", "id", "source_id", "kind", "record", "case_number", "version", "status", "age_years", "sex", "outcome",
            "serious", "suspects", "events", "onset_label", "json",
        ], maxRows: Self.casesPerGroup)
        // What SQLite would give the next row of `cases` (INTEGER PRIMARY KEY without AUTOINCREMENT).
        nextRowStatement = try db.makeStatement(sql: "SELECT coalesce(max(n), 0) + 1 FROM cases")
        sourceStatement = try db.makeStatement(sql: "SELECT key, format FROM sources WHERE id = ?")
    }

    /// The key and format of source `id`, which a stored case's JSON may leave out (`StoredCaseForm`).
    private func facts(ofSource id: Int64) throws -> StoredSourceFacts {
        guard let row = try Row.fetchOne(sourceStatement, arguments: [id]) else {
            throw DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "no source with id \(id)")
        }
        return StoredSourceFacts(key: row["key"], format: row["format"])
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
        let document = try p.json(source: try facts(ofSource: source))
        let c = insertCase.sqliteStatement
        bindCase(p, document: document, source: source, row: row, to: c, from: 1)
        try SQLiteBinding.run(insertCase, in: db)
        let n = sqlite3_last_insert_rowid(db.sqliteConnection)
        try withUnsafePointer(to: p) { try insertChildren(of: UnsafeBufferPointer(start: $0, count: 1), firstRow: n) }
        let t = insertText.sqliteStatement
        SQLiteBinding.bind(t, 1, n)
        SQLiteBinding.bind(t, 2, p.text, in: arena)
        try SQLiteBinding.run(insertText, in: db)
    }

    /// Writes a stored case's drug, event and interval rows again (`PairRowsMigration`), leaving
    /// its case and full-text rows as they are.
    func insertChildRows(of p: PreparedCase, row n: Int64) throws {
        arena.reset()
        try withUnsafePointer(to: p) { try insertChildren(of: UnsafeBufferPointer(start: $0, count: 1), firstRow: n) }
    }

    /// Inserts new cases, none of which is in the library yet (nor twice in `batch`), as rows that
    /// follow every existing one, in order. Their rows go in several to a statement across cases:
    /// each run of a statement costs SQLite a setup larger than a narrow row (`MultiRowInsert`),
    /// and one case alone has only ~4 drug, ~3 event and ~2 interval rows. Everything is written
    /// when this returns, so nothing is pending for later reads, deletions or a savepoint.
    func insert(batch: ArraySlice<PreparedCase>, source: Int64) throws {
        guard !batch.isEmpty else { return }
        let next = nextRowStatement.sqliteStatement
        defer { sqlite3_reset(next) }
        guard sqlite3_step(next) == SQLITE_ROW else { throw SQLiteBinding.failure(sqlite3_errcode(db.sqliteConnection), nextRowStatement, in: db) }
        let n = sqlite3_column_int64(next, 0)
        let sourceFacts = try facts(ofSource: source)
        // Read in place through a buffer: a case taken from a collection by value is a copy of
        // the whole struct (a retain and a release of each of its ~15 references), and taking it
        // once per drug, event and interval row was a fifth of the inserting thread's retains and
        // releases (callgrind, 8,000-case FAERS quarter).
        try batch.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                let end = Swift.min(start + Self.casesPerGroup, all.count)
                let group = UnsafeBufferPointer(rebasing: all[start..<end])
                let first = n + Int64(start)
                arena.reset()
                documents.removeAll(keepingCapacity: true)
                for r in group.indices { documents.append(try group[r].json(source: sourceFacts)) }
                try insertCases.insert(count: group.count) { s, r, k in
                    self.bindCase(group[r], document: self.documents[r], source: source, row: first + Int64(r), to: s, from: k)
                }
                try insertChildren(of: group, firstRow: first)
                // The full-text rows one a statement: SQLite gives a statement that may write several
                // rows of a virtual table a savepoint, and at each savepoint FTS5 writes out the terms
                // it was gathering in memory (a 16-row statement here cost the inserting thread 12%
                // more instructions than the rows one by one; callgrind).
                let t = insertText.sqliteStatement
                for r in 0..<group.count {
                    SQLiteBinding.bind(t, 1, first + Int64(r))
                    SQLiteBinding.bind(t, 2, group[r].text, in: arena)
                    try SQLiteBinding.run(insertText, in: db)
                }
                start = end
            }
        }
    }

    /// Binds a case's row (16 values, `document` its stored JSON) from parameter `k` on; `row`
    /// nil lets SQLite number it.
    private func bindCase(_ p: PreparedCase, document: [UInt8], source: Int64, row: Int64?, to c: SQLiteStatement, from k: CInt) {
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
        B.bind(c, k + 15, utf8: document, in: a)
    }

    /// The drug, event and interval rows of `cases`, case after case; case `i` has row number
    /// `firstRow + i`. Rows are read in place (`cases[c].drugRows[r].key`), never copied out.
    private func insertChildren(of cases: UnsafeBufferPointer<PreparedCase>, firstRow: Int64) throws {
        typealias B = SQLiteBinding
        let a = arena
        // (case, row within the case), flattened in insertion order.
        func flat(_ count: (PreparedCase) -> Int) -> [(c: Int32, r: Int32)] {
            var out: [(c: Int32, r: Int32)] = []
            for c in cases.indices {
                for r in 0..<count(cases[c]) { out.append((Int32(c), Int32(r))) }
            }
            return out
        }
        let drugs = flat { $0.drugRows.count }
        try insertDrugs.insert(count: drugs.count) { s, i, k in
            let c = Int(drugs[i].c), r = Int(drugs[i].r)
            B.bind(s, k, firstRow + Int64(c))
            B.bind(s, k + 1, cases[c].drugRows[r].key, in: a)
            B.bind(s, k + 2, cases[c].drugRows[r].name, in: a)
            B.bind(s, k + 3, cases[c].drugRows[r].role, in: a)
            B.bind(s, k + 4, cases[c].drugRows[r].pos)
        }
        let events = flat { $0.eventRows.count }
        try insertEvents.insert(count: events.count) { s, i, k in
            let c = Int(events[i].c), r = Int(events[i].r)
            B.bind(s, k, firstRow + Int64(c))
            B.bind(s, k + 1, cases[c].eventRows[r].key, in: a)
            B.bind(s, k + 2, cases[c].eventRows[r].term, in: a)
            B.bind(s, k + 3, cases[c].eventRows[r].pos)
        }
        let intervals = flat { $0.intervalRows.count }
        try insertIntervals.insert(count: intervals.count) { s, i, k in
            let c = Int(intervals[i].c), r = Int(intervals[i].r)
            B.bind(s, k, firstRow + Int64(c))
            B.bind(s, k + 1, Int64(cases[c].intervalRows[r].drugPos))
            B.bind(s, k + 2, Int64(cases[c].intervalRows[r].eventPos))
            B.bind(s, k + 3, cases[c].intervalRows[r].dose)
            B.bind(s, k + 4, cases[c].intervalRows[r].firstMin)
            B.bind(s, k + 5, cases[c].intervalRows[r].firstMax)
            B.bind(s, k + 6, cases[c].intervalRows[r].lastMin)
            B.bind(s, k + 7, cases[c].intervalRows[r].lastMax)
            B.bind(s, k + 8, cases[c].intervalRows[r].basis, in: a)
        }
    }
}
