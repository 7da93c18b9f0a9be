import Foundation
import GRDB
import Testing
@testable import OnsetCore

/// Imports into an existing library run with foreign-key enforcement off (`Library.writeImport`):
/// no row may outlive its case, and enforcement is back on for every other write, whatever the
/// import did.
@Suite struct ImportForeignKeysTests {
    typealias S = ImportTestSupport

    static func enforcement(_ lib: Library) throws -> Int? {
        try lib.write { w in try Int.fetchOne(w.database, sql: "PRAGMA foreign_keys") }
    }

    @Test func reimportsAndDeletionsLeaveNoOrphans() throws {
        let path = try S.tempDir().appendingPathComponent("lib.sqlite").path
        let lib = try Library(path: path, lexicon: TestSupport.lexicon)
        try ImportRunner().run([TestSupport.dataDir.appendingPathComponent("cases").path], into: lib)
        #expect(try Self.enforcement(lib) == 1)
        // Two quarters (follow-ups replace cases of the first, the second deletes some), twice:
        // the second time every source is replaced whole.
        let quarters = [S.fixture("faers/faers_ascii_2015q3"), S.fixture("faers/faers_ascii_2015q4")]
        let first = try ImportRunner().run(quarters, into: lib)
        #expect(first.sources.contains { $0.replaced > 0 } && first.sources.contains { $0.deleted > 0 })
        let again = try ImportRunner().run(quarters, into: lib)
        #expect(again.sources.allSatisfy { $0.replaced > 0 })
        try lib.write { w in _ = try w.delete(ids: try lib.ids(Query.all, limit: 3)) }
        #expect(try NewLibraryImportTests.orphans(path) == [])
        #expect(try Self.enforcement(lib) == 1)
    }

    @Test func enforcementIsBackOnAfterAFailedImport() throws {
        struct Stop: Error {}
        let lib = try Library(path: TestSupport.tempPath(), lexicon: TestSupport.lexicon)
        #expect(throws: Stop.self) {
            try lib.writeImport { w in
                #expect(try Int.fetchOne(w.database, sql: "PRAGMA foreign_keys") == 0)
                throw Stop()
            }
        }
        #expect(try Self.enforcement(lib) == 1)
        // And a write outside an import is still checked: a drug row for a case that does not exist.
        #expect(throws: DatabaseError.self) {
            try lib.write { w in
                try w.database.execute(sql: "INSERT INTO case_drugs (case_n, key, name, role) VALUES (999999, 'x', 'x', 'suspect')")
            }
        }
    }
}
