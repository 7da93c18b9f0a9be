import Foundation
import GRDB

/// What regulator importers need beyond inserting cases: case versions, savepoints, staging.
extension LibraryWriter {
    /// The stored version of the case with this id; nil when there is no such case or it has none.
    public func existingVersion(caseID: String) throws -> Int? {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT version FROM cases WHERE id = ?"), arguments: [caseID])
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
