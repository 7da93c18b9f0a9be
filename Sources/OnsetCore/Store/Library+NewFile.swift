import Foundation
import GRDB

extension Library {
    /// Writes a library that does not exist yet in one pass, then moves it into place.
    ///
    /// A WAL library writes every page of a bulk import twice: into the `-wal` file, then again
    /// into the database by the checkpoint. A new library has nothing to protect but its absence,
    /// so it is built in a temporary file beside `path` without a WAL or syncs (a crash leaves a
    /// temporary file and no library), synced once, switched to WAL, and given its name by a move
    /// that never replaces a file: whoever sees `path` sees a whole library or none.
    ///
    /// Returns nil, having left nothing at `path`, when this does not apply: `path` or one of its
    /// `-wal`, `-shm`, `-journal` files exists (such a file beside a new library would be applied
    /// to it as if it were the library's own), the temporary file cannot be created, or `path`
    /// appeared during the import (another process made a library there). The caller then
    /// imports the usual way. Errors from `body` are thrown, with the temporary file removed.
    static func writeNew<T>(at path: String, lexicon: Lexicon, _ body: (LibraryWriter) throws -> T) throws -> T? {
        guard let aside = NewLibraryFile(destination: path) else { return nil }
        var published = false
        defer { if !published { aside.discard() } }
        var config = Configuration()
        // Foreign keys off while the new file is written: with them on, every drug, event and
        // interval row looked its case up (~11% of a 400k-case FAERS import, scripts/bench_notes.md).
        // Child rows are only inserted right after their case, with its row number
        // (`CaseInsertStatements`), and deleted with it explicitly (`LibraryWriter.delete`);
        // NewLibraryImportTests runs `foreign_key_check` on the result. Connections to the
        // finished library have them on again (a per-connection setting, not stored in the file).
        config.foreignKeysEnabled = false
        config.prepareDatabase { db in
            // MEMORY, not OFF: importers roll back savepoints (a FAERS merge join that finds its
            // tables unsorted), and with OFF that rollback leaves a malformed file (measured in
            // NewLibraryImportTests). Pages added to a file that started empty are not
            // journalled, so the in-memory journal stays small.
            try db.execute(sql: "PRAGMA journal_mode = MEMORY")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA page_size = \(Library.newPageSize)")
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: aside.temporaryPath, configuration: config)
        } catch {
            return nil   // an unwritable folder: the usual path reports it in its own words
        }
        try Schema.migrator(lexicon: lexicon).migrate(queue)
        let result = try queue.write { db in try body(LibraryWriter(db: db, lexicon: lexicon)) }
        // The header's journal mode is what the next open uses: readers and the TUI expect WAL.
        let mode = try queue.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
        guard mode == "wal" else { throw LibraryOpenError(path: path, message: "could not switch the new library to WAL (\(mode ?? "?"))") }
        try queue.close()
        published = try aside.publish()
        return published ? result : nil
    }
}
