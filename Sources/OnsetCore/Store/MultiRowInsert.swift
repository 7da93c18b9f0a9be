import GRDB
import GRDBSQLite

/// An INSERT of several rows a statement into one table, compiled on first use for each row count.
///
/// Why: SQLite's setup for each run of a statement (opening the table's and its indexes' cursors,
/// finding the table's end, halting, resetting) costs more than a narrow row itself. Measured on
/// the 2.6 million interval rows of a 400k-case FAERS quarter (C harness, one core): 6.6–7.0 s
/// one row a statement, 4.3–4.9 s eight rows, 3.9–4.1 s eight rows as `INSERT OR FAIL`. Each
/// call writes all its rows before it returns, so nothing is left pending for later statements.
///
/// `OR FAIL`, because SQLite gives a statement that may write several rows and then abort (the
/// default, `ABORT`) a statement journal: before each such statement changes a page that already
/// existed, it copies the page aside so that the statement alone can be undone. Inside onset's
/// import that doubled the cost of grouping (400k import: 53 s grouped with `ABORT`, 42 s a row a
/// statement, 34 s grouped with `FAIL`). `FAIL` keeps the rows before a failing one instead; every
/// failure here ends the import, whose transaction then rolls back all of them anyway.
final class MultiRowInsert {
    private let db: Database
    private let head: String
    private let placeholders: String
    /// Values bound per row.
    let columns: Int
    /// Rows per statement at most; longer runs are split.
    let maxRows: Int
    private var statements: [Statement?]

    init(_ db: Database, table: String, columns names: [String], maxRows: Int = 16) {
        precondition(maxRows > 0 && !names.isEmpty)
        self.db = db
        head = "INSERT OR FAIL INTO \(table) (\(names.joined(separator: ", "))) VALUES "
        placeholders = "(" + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
        columns = names.count
        self.maxRows = maxRows
        statements = Array(repeating: nil, count: maxRows + 1)
    }

    /// Inserts `count` rows in order. `bind(statement, row, parameter)` binds row number `row`'s
    /// values to the statement's parameters from `parameter` on (1-based, `columns` of them).
    func insert(count: Int, bind: (SQLiteStatement, Int, CInt) -> Void) throws {
        var start = 0
        while start < count {
            let n = Swift.min(maxRows, count - start)
            let statement = try self.statement(rows: n)
            let s = statement.sqliteStatement
            for r in 0..<n { bind(s, start + r, CInt(r * columns + 1)) }
            try SQLiteBinding.run(statement, in: db)
            start += n
        }
    }

    private func statement(rows n: Int) throws -> Statement {
        if let made = statements[n] { return made }
        let sql = head + Array(repeating: placeholders, count: n).joined(separator: ", ")
        let made = try db.makeStatement(sql: sql)
        statements[n] = made
        return made
    }
}
