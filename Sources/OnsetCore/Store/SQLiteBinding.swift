import GRDB
import GRDBSQLite

/// Binding values to, and stepping, statements GRDB compiled, through SQLite's C API.
///
/// Values are bound with the storage classes GRDB itself uses (text, 64-bit integers, doubles,
/// booleans as 0/1, nil as NULL), so rows written here read back exactly as GRDB's would.
enum SQLiteBinding {
    /// SQLite copies the bytes (the Swift string's storage is only borrowed during the call).
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1 as Int, to: sqlite3_destructor_type.self) }

    static func bind(_ s: SQLiteStatement, _ k: CInt, _ v: String) {
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

    static func bind(_ s: SQLiteStatement, _ k: CInt, _ v: String?) {
        if let v { bind(s, k, v) } else { sqlite3_bind_null(s, k) }
    }

    /// Binds a copy of `v` kept in `arena`, which SQLite reads in place (`SQLITE_STATIC`)
    /// instead of copying it into an allocation of its own: the statement must run before
    /// `arena` is reset.
    static func bind(_ s: SQLiteStatement, _ k: CInt, _ v: String, in arena: BindArena) {
        let (bytes, count) = arena.copy(v)
        sqlite3_bind_text(s, k, bytes, CInt(count), nil)
    }

    /// Binds UTF-8 `bytes` as text, kept in `arena` like a string.
    static func bind(_ s: SQLiteStatement, _ k: CInt, utf8 bytes: [UInt8], in arena: BindArena) {
        let (text, count) = arena.copy(bytes: bytes)
        sqlite3_bind_text(s, k, text, CInt(count), nil)
    }

    static func bind(_ s: SQLiteStatement, _ k: CInt, _ v: String?, in arena: BindArena) {
        if let v { bind(s, k, v, in: arena) } else { sqlite3_bind_null(s, k) }
    }

    static func bind(_ s: SQLiteStatement, _ k: CInt, _ v: Int64) {
        sqlite3_bind_int64(s, k, v)
    }

    static func bind(_ s: SQLiteStatement, _ k: CInt, _ v: Int64?) {
        if let v { sqlite3_bind_int64(s, k, v) } else { sqlite3_bind_null(s, k) }
    }

    static func bind(_ s: SQLiteStatement, _ k: CInt, _ v: Int?) {
        if let v { sqlite3_bind_int64(s, k, Int64(v)) } else { sqlite3_bind_null(s, k) }
    }

    static func bind(_ s: SQLiteStatement, _ k: CInt, _ v: Double?) {
        if let v { sqlite3_bind_double(s, k, v) } else { sqlite3_bind_null(s, k) }
    }

    /// Runs a bound INSERT, UPDATE or DELETE to completion and resets it for the next use.
    static func run(_ statement: Statement, in db: Database) throws {
        let s = statement.sqliteStatement
        let code = sqlite3_step(s)
        sqlite3_reset(s)
        guard code == SQLITE_DONE else { throw failure(code, statement, in: db) }
    }

    /// The error SQLite reported for `statement`, in GRDB's terms.
    static func failure(_ code: CInt, _ statement: Statement, in db: Database) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code),
                      message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                      sql: statement.sql)
    }
}
