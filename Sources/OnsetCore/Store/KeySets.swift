import Foundation
import GRDB
import GRDBSQLite

extension Library {
    /// Rebuilds the key sets now, for keys held by at least `minimumRows` cases (normally 1,024; tests
    /// lower it); returns how many were stored.
    public func rebuildKeySets(minimumRows: Int) throws -> Int {
        try write { w in
            try KeySets.rebuild(w.database, minimumRows: minimumRows)
            return try Int.fetchOne(w.database, sql: "SELECT count(*) FROM key_sets") ?? 0
        }
    }
}

/// The cases that hold each common drug or event key, stored beside the key indexes.
///
/// Counting the cases of a name held by 7% of a 4M-case library is a scan of 295,000 index rows
/// (~45 ms), and intersecting two such names merges both ranges. Stored as a bitmap (a dense key)
/// or a list of case numbers (the rest), the same answers are a pass over machine words or a walk
/// over one short list with lookups in the others. Keys held by fewer than `minimumRows` cases are
/// left to their index ranges, which are cheap to read whatever the library's size.
///
/// The sets are rebuilt at the end of a large import, in its transaction. Between rebuilds,
/// triggers on `case_drugs` and `case_events` note in `key_set_stale` every case whose keys were
/// written or removed (a small import, a reviewer's correction, a deletion); a query trusts the
/// sets for every other case and asks the indexes about those (`KeySetAnswer`).
enum KeySets {
    /// The tables whose keys get sets; a set's row names its table.
    static let tables = ["case_drugs", "case_events"]
    /// Below this many cases every key's range is cheap to read, so no sets are built.
    static let minimumCases = 20_000
    /// A key gets a set when at least this many cases hold it. Below it, reading the key's index
    /// range costs at most ~0.2 ms. At 4,096 the pair questions of mid-frequency names at 4M cases
    /// (two ranges of ~3,000 rows merged) took 1–4 ms; at 1,024 the 4M p95 went from 2.0–2.8 ms to
    /// 1.1–1.3 ms, for ~0.3 s more at the end of a 400k import (scripts/bench_notes.md).
    static let minimumRows = 1024

    /// More stale cases than this and the sets are rebuilt (at the end of an import) or not used.
    static func staleLimit(cases: Int) -> Int { max(1000, cases / 100) }

    static let schema = """
        CREATE TABLE key_sets (
            tbl TEXT NOT NULL,
            key TEXT NOT NULL,
            cases INTEGER NOT NULL,
            form TEXT NOT NULL,
            members BLOB NOT NULL,
            PRIMARY KEY (tbl, key)
        );
        CREATE TABLE key_set_stale (case_n INTEGER PRIMARY KEY);
        CREATE TABLE key_set_state (id INTEGER PRIMARY KEY CHECK (id = 1), cases INTEGER NOT NULL);
        """ + tables.map(triggers).joined(separator: "\n")

    /// Triggers that note a case as stale when its rows in `table` change, only while sets exist.
    /// An import that needs no notes drops them for its duration (`suspendNotes`).
    ///
    /// A case already noted is skipped by an upsert clause, not by `INSERT OR IGNORE`: SQLite
    /// applies the firing statement's conflict algorithm to the statements of its triggers, and
    /// a case's rows go in through `INSERT OR FAIL` (`MultiRowInsert`), under which the second
    /// row's note would fail. An upsert clause is kept whatever the firing statement says.
    static func triggers(_ table: String) -> String {
        func note(_ row: String) -> String { "INSERT INTO key_set_stale (case_n) VALUES (\(row).case_n) ON CONFLICT DO NOTHING;" }
        let when = "WHEN EXISTS (SELECT 1 FROM key_sets)"
        return """
            CREATE TRIGGER \(table)_insert_stale AFTER INSERT ON \(table) \(when) BEGIN \(note("NEW")) END;
            CREATE TRIGGER \(table)_delete_stale AFTER DELETE ON \(table) \(when) BEGIN \(note("OLD")) END;
            CREATE TRIGGER \(table)_update_stale AFTER UPDATE ON \(table) \(when) BEGIN \(note("OLD")) \(note("NEW")) END;
            """
    }

    /// Drops the stale-noting triggers, whichever version of them the library has.
    static func dropTriggers(_ db: Database) throws {
        for table in tables {
            for op in ["insert", "delete", "update"] { try db.execute(sql: "DROP TRIGGER IF EXISTS \(table)_\(op)_stale") }
        }
    }

    /// Empties the sets (and forgets the stale notes).
    static func clear(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM key_sets; DELETE FROM key_set_stale")
    }

    /// Drops the stale-noting triggers for an import that needs no notes, and returns whether it
    /// did: a bulk load (whose sets are emptied here and rebuilt at its end) or an import into a
    /// library without sets. A trigger runs for every drug and reaction row, even when its WHEN
    /// finds no sets: on a 400k-case bulk load that cost ~25 s (measured).
    static func suspendNotes(_ db: Database, bulk: Bool) throws -> Bool {
        if bulk { try clear(db) }
        guard try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM key_sets LIMIT 1)") == 0 else { return false }
        try dropTriggers(db)
        return true
    }

    /// Recreates the triggers `suspendNotes` dropped.
    static func resumeNotes(_ db: Database) throws {
        try db.execute(sql: tables.map(triggers).joined(separator: "\n"))
    }

    /// After an import: rebuilds the sets when the import was a bulk load, when the library has
    /// grown past `minimumCases` without them or doubled since they were built, or when too many
    /// cases are stale. Otherwise the stale notes carry the changes.
    static func refresh(_ db: Database, bulk: Bool) throws {
        let cases = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0
        let built = try Int.fetchOne(db, sql: "SELECT cases FROM key_set_state WHERE id = 1")
        let stale = try Int.fetchOne(db, sql: "SELECT count(*) FROM key_set_stale") ?? 0
        let grown = cases >= minimumCases && (built.map { cases >= 2 * max($0, 1) } ?? true)
        if bulk || grown || stale > staleLimit(cases: cases) { try rebuild(db) }
    }

    /// Builds every set again from the key indexes, in one pass over each covering (key, case_n)
    /// index: rows come key by key, each key's cases in order.
    ///
    /// One pass, read through SQLite's C API with keys compared as bytes: a `GROUP BY` to find
    /// the common keys and then a read of each one's range went over most rows twice, and made a
    /// Swift string of every key (~0.9 s of a 400k-case import's tail with sets from 1,024 rows).
    static func rebuild(_ db: Database, minimumRows forcedMinimum: Int? = nil) throws {
        try clear(db)
        let cases = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0
        let top = try Int64.fetchOne(db, sql: "SELECT max(n) FROM cases") ?? 0
        let minimum = max(1, forcedMinimum ?? minimumRows)
        let insert = try db.makeStatement(sql: "INSERT INTO key_sets (tbl, key, cases, form, members) VALUES (?, ?, ?, ?, ?)")
        for table in tables where cases > 0 && (cases >= minimumCases || forcedMinimum != nil) {
            let rows = try db.makeStatement(sql: "SELECT key, case_n FROM \(table) ORDER BY key, case_n")
            // The statement (which finalizes itself when released) is kept until it is reset.
            defer { withExtendedLifetime(rows) { _ = sqlite3_reset(rows.sqliteStatement) } }
            let s = rows.sqliteStatement
            var key: [UInt8] = []
            var numbers: [Int64] = []
            func store() throws {
                // A case that names a key twice appears twice in its range; it counts once.
                guard numbers.count >= minimum else { return }
                let set = StoredCaseSet(ascending: numbers, top: top)
                try insert.execute(arguments: [table, String(decoding: key, as: UTF8.self), numbers.count, set.form, set.blob])
            }
            while true {
                let code = sqlite3_step(s)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else { throw SQLiteBinding.failure(code, rows, in: db) }
                // Text first, then its length, as SQLite asks; no text for a non-empty key is out of memory.
                let bytes = sqlite3_column_text(s, 0)
                let length = Int(sqlite3_column_bytes(s, 0))
                guard bytes != nil || length == 0 else { throw SQLiteBinding.failure(SQLITE_NOMEM, rows, in: db) }
                let text = UnsafeRawBufferPointer(start: bytes, count: length)
                if !key.elementsEqual(text) {
                    try store()
                    key = Array(text)
                    numbers.removeAll(keepingCapacity: true)
                }
                let n = sqlite3_column_int64(s, 1)
                if numbers.last != n { numbers.append(n) }
            }
            try store()
        }
        try db.execute(sql: "INSERT OR REPLACE INTO key_set_state (id, cases) VALUES (1, ?)", arguments: [cases])
    }
}
