import Foundation
import GRDB

extension Library {
    /// Rebuilds the key bitmaps now, for keys of at least `minimumRows` rows (normally chosen by
    /// size; tests lower it); returns how many were built.
    public func rebuildKeyBitmaps(minimumRows: Int) throws -> Int {
        try write { w in
            try KeyBitmaps.rebuild(w.database, minimumRows: minimumRows)
            return try Int.fetchOne(w.database, sql: "SELECT count(*) FROM key_bitmaps") ?? 0
        }
    }
}

/// Bitmaps of the cases that hold each common drug or event key, kept beside the key indexes.
///
/// Counting the cases of a name held by 7% of a 4M-case library is a scan of 295,000 index rows
/// (~45 ms); intersecting two such names merges both ranges. As bitmaps the same answers are a pass
/// over 62,500 words. Only keys with at least `minimumRows(cases:)` rows get one: a rarer key's
/// range is cheap to read, and its bitmap would be mostly zeros.
///
/// Bitmaps are rebuilt at the end of a large import, in its transaction. Between rebuilds, triggers
/// on `case_drugs` and `case_events` note in `key_bitmap_stale` every case whose keys were written
/// or removed (a small import, a reviewer's correction, a deletion); a query trusts the bitmaps for
/// every other case and asks the indexes about those (`KeyBitmapAnswer`).
enum KeyBitmaps {
    /// The tables whose keys get bitmaps; a bitmap row names its table.
    static let tables = ["case_drugs", "case_events"]
    /// Below this many cases every key's range is cheap to read, so no bitmaps are built.
    static let minimumCases = 20_000

    /// A key gets a bitmap when it has at least this many rows: 4,096, or one row in 256 cases
    /// in a large library, so bitmaps (cases / 8 bytes each) stay within 32 bytes per row they stand for.
    static func minimumRows(cases: Int) -> Int { max(4096, cases / 256) }

    /// More stale cases than this and the bitmaps are rebuilt (at the end of an import) or not used.
    static func staleLimit(cases: Int) -> Int { max(1000, cases / 100) }

    static let schema = """
        CREATE TABLE key_bitmaps (
            tbl TEXT NOT NULL,
            key TEXT NOT NULL,
            cases INTEGER NOT NULL,
            bits BLOB NOT NULL,
            PRIMARY KEY (tbl, key)
        );
        CREATE TABLE key_bitmap_stale (case_n INTEGER PRIMARY KEY);
        CREATE TABLE key_bitmap_state (id INTEGER PRIMARY KEY CHECK (id = 1), cases INTEGER NOT NULL);
        """ + tables.map(triggers).joined(separator: "\n")

    /// Triggers that note a case as stale when its rows in `table` change, only while bitmaps exist:
    /// a library without them (or a bulk load, which empties them first) pays one empty-table probe per row.
    static func triggers(_ table: String) -> String {
        let note = "INSERT OR IGNORE INTO key_bitmap_stale (case_n) VALUES"
        let when = "WHEN EXISTS (SELECT 1 FROM key_bitmaps)"
        return """
            CREATE TRIGGER \(table)_insert_stale AFTER INSERT ON \(table) \(when) BEGIN \(note) (NEW.case_n); END;
            CREATE TRIGGER \(table)_delete_stale AFTER DELETE ON \(table) \(when) BEGIN \(note) (OLD.case_n); END;
            CREATE TRIGGER \(table)_update_stale AFTER UPDATE ON \(table) \(when) BEGIN \(note) (OLD.case_n); \(note) (NEW.case_n); END;
            """
    }

    /// Empties the bitmaps before a bulk load, so its rows are not noted as stale one by one.
    static func clear(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM key_bitmaps; DELETE FROM key_bitmap_stale")
    }

    /// After an import: rebuilds the bitmaps when the import was a bulk load, when the library has
    /// grown past `minimumCases` without them or doubled since they were built, or when too many
    /// cases are stale. Otherwise the stale notes carry the changes.
    static func refresh(_ db: Database, bulk: Bool) throws {
        let cases = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0
        let built = try Int.fetchOne(db, sql: "SELECT cases FROM key_bitmap_state WHERE id = 1")
        let stale = try Int.fetchOne(db, sql: "SELECT count(*) FROM key_bitmap_stale") ?? 0
        let grown = cases >= minimumCases && (built.map { cases >= 2 * max($0, 1) } ?? true)
        if bulk || grown || stale > staleLimit(cases: cases) { try rebuild(db) }
    }

    /// Builds every bitmap again from the key indexes (a `GROUP BY` over each covering index finds
    /// the common keys; each one's range is then read in case order).
    static func rebuild(_ db: Database, minimumRows forcedMinimum: Int? = nil) throws {
        try clear(db)
        let cases = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0
        let top = try Int64.fetchOne(db, sql: "SELECT max(n) FROM cases") ?? 0
        let minimum = forcedMinimum ?? minimumRows(cases: cases)
        let insert = try db.makeStatement(sql: "INSERT INTO key_bitmaps (tbl, key, cases, bits) VALUES (?, ?, ?, ?)")
        for table in tables where cases > 0 && (cases >= minimumCases || forcedMinimum != nil) {
            let common = try String.fetchAll(db, sql: "SELECT key FROM \(table) GROUP BY key HAVING count(*) >= ?", arguments: [minimum])
            for key in common {
                var bits = CaseBitmap(capacity: top)
                let numbers = try Int64.fetchCursor(db, sql: "SELECT case_n FROM \(table) WHERE key = ?", arguments: [key])
                while let n = try numbers.next() { bits.insert(n) }
                let held = bits.count
                guard held >= minimum else { continue }
                try insert.execute(arguments: [table, key, held, bits.blob])
            }
        }
        try db.execute(sql: "INSERT OR REPLACE INTO key_bitmap_state (id, cases) VALUES (1, ?)", arguments: [cases])
    }
}
