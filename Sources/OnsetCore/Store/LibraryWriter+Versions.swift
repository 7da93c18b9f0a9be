import Foundation
import GRDB

/// What regulator importers need beyond inserting cases: case versions, savepoints, staging.
extension LibraryWriter {
    /// The stored version of the case with this id; nil when there is no such case or it has none.
    public func existingVersion(caseID: String) throws -> Int? {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT version FROM cases WHERE id = ?"), arguments: [caseID])
    }

    /// The row and stored version of the case with this id, or nil when there is no such case.
    func existingCase(id: String) throws -> (n: Int64, version: Int?)? {
        try caseStatements.existingCase(id: id)
    }

    /// Drops the indexes on drug and event keys before a bulk load into a library that holds
    /// less than the import brings (judged by `incomingBytes`, ~800 bytes a case for FAERS), and
    /// returns the statements that recreate them. Keys arrive in random order, so maintaining
    /// these indexes row by row touches pages all over the file; building them once at the end,
    /// inside the same transaction, sorts instead. Nothing reads them during an import.
    func dropKeyIndexesForBulkLoad(incomingBytes: Int64) throws -> [String] {
        let existing = try Int64.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0
        guard existing * 800 < incomingBytes else { return [] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND name IN ('case_drugs_key', 'case_events_key') AND sql IS NOT NULL ORDER BY name
            """)
        var recreate: [String] = []
        for r in rows {
            let name: String = r[0], sql: String = r[1]
            try db.execute(sql: "DROP INDEX \(name)")
            recreate.append(sql)
        }
        return recreate
    }

    /// Before an import: stops noting stale cases when nothing needs the notes (see
    /// `KeySets.suspendNotes`); pass the result to `refreshKeySets`.
    func suspendKeySetNotes(bulk: Bool) throws -> Bool { try KeySets.suspendNotes(db, bulk: bulk) }

    /// After an import: notes stale cases again if they were suspended, and brings the key sets up
    /// to date (see `KeySets.refresh`).
    func refreshKeySets(bulk: Bool, resumingNotes suspended: Bool) throws {
        if suspended { try KeySets.resumeNotes(db) }
        try KeySets.refresh(db, bulk: bulk)
    }

    /// Recreates what `dropKeyIndexesForBulkLoad` dropped, once every row is in.
    ///
    /// SQLite sorts index entries in chunks the size of the page cache, and sorts chunks on
    /// helper threads only when there are several. With the bulk load's 256 MiB cache the two key
    /// indexes were one chunk each, sorted on one thread; in 4 MiB chunks with two helper threads
    /// they took 2.6–2.9 s instead of 4.5–5.3 s (400k-case FAERS library, sqlite3 shell, same
    /// journal settings; scripts/bench_notes.md). The preparing thread has finished by then, so
    /// the second core is free. The cache stays small for what is left of the import.
    func recreateIndexes(_ statements: [String]) throws {
        guard !statements.isEmpty else { return }
        try db.execute(sql: "PRAGMA threads = 2")
        try setCacheSize(mebibytes: 4)
        for sql in statements { try db.execute(sql: sql) }
        try db.execute(sql: "PRAGMA threads = 0")
    }

    /// A page cache of `mebibytes` for this connection (SQLite's default is 2 MiB); a bulk import
    /// sets a larger one so fewer dirty pages spill to the WAL mid-transaction, and puts it back.
    func setCacheSize(mebibytes: Int) throws {
        try db.execute(sql: "PRAGMA cache_size = -\(mebibytes * 1024)")
    }

    /// Lets the full-text index gather up to `mebibytes` of terms in memory before writing them to
    /// the file (FTS5's `hashsize`, 1 MiB unless set). Each write-out is a small segment that
    /// FTS5 merges into larger ones later, writing those terms again: indexing the bodies of a
    /// 400k-case FAERS library took 1.81 s with 1 MiB and 0.96 s with 8 MiB (sqlite3 shell, one
    /// statement; 0.94 s with 64 MiB). FTS5 keeps the setting in the library (`case_text_config`)
    /// for every later writer, so it is written only when it differs. An SQLite that does not
    /// know the option imports as before.
    func setFullTextBuffer(mebibytes: Int) {
        let bytes = mebibytes << 20
        guard (try? Int.fetchOne(db, sql: "SELECT v FROM case_text_config WHERE k = 'hashsize'")) != bytes else { return }
        try? db.execute(sql: "INSERT INTO case_text (case_text, rank) VALUES ('hashsize', ?)", arguments: [bytes])
    }

    /// Recounts every source's cases (a follow-up or a deletion takes cases from other sources).
    public func refreshSourceCounts() throws {
        try db.execute(sql: "UPDATE sources SET cases = (SELECT count(*) FROM cases WHERE cases.source_id = sources.id)")
    }

    /// Runs `body` in a savepoint, keeping its writes when it returns true and undoing them when it
    /// returns false (a fast path that found its assumptions broken).
    func savepoint(_ body: () throws -> Bool) throws -> Bool {
        var kept = false
        try db.inSavepoint {
            kept = try body()
            return kept ? .commit : .rollback
        }
        return kept
    }

    /// The connection, for importers that stage rows in TEMP tables of the same transaction.
    var database: Database { db }
}
