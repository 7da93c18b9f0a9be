import Foundation
import GRDB
import Testing
@testable import OnsetCore

/// The full-text table a library is given: without FTS5's per-row sizes when new (migration v5),
/// as it was when it already held cases; both find, replace and delete alike.
@Suite struct FullTextTableTests {
    static func tables(_ lib: Library) throws -> Set<String> {
        try lib.read { db in Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE 'case_text%'")) }
    }

    static func integrityCheck(_ lib: Library) throws {
        // FTS5 compares its index with the stored text and throws on any difference.
        try lib.write { w in try w.database.execute(sql: "INSERT INTO case_text (case_text) VALUES ('integrity-check')") }
    }

    /// Finds, replaces and deletes through text search on `lib`, which holds no case "ft-…" yet.
    static func expectSearchFollowsTheCases(_ lib: Library) throws {
        var a = TestSupport.minimalCase(id: "ft-a")
        a.narrative = "Bruising over both shins after the second infusion."
        let b = TestSupport.minimalCase(id: "ft-b")
        try lib.importCases([ImportBatch(key: "ft", kind: .literature, format: "json", cases: [a, b])])
        #expect(try lib.ids(QueryParser.parse("shins")) == ["ft-a"])
        a.narrative = "Epistaxis on day three."
        try lib.importCases([ImportBatch(key: "ft2", kind: .literature, format: "json", cases: [a])])
        #expect(try lib.ids(QueryParser.parse("shins")).isEmpty)
        #expect(try lib.ids(QueryParser.parse("epistaxis")) == ["ft-a"])
        try lib.write { w in _ = try w.delete(ids: ["ft-a"]) }
        #expect(try lib.ids(QueryParser.parse("epistaxis")).isEmpty)
        try integrityCheck(lib)
    }

    @Test func aNewLibraryKeepsNoPerRowSizes() throws {
        let lib = try Library(path: TestSupport.tempPath(), lexicon: TestSupport.lexicon)
        #expect(try Self.tables(lib) == ["case_text", "case_text_data", "case_text_idx", "case_text_content", "case_text_config"])
        try Self.expectSearchFollowsTheCases(lib)
    }

    /// An import lets FTS5 gather 8 MiB of terms before writing a segment (`hashsize`), and the
    /// index it writes so is whole and finds what it should.
    @Test func importsGatherTermsInALargerBuffer() throws {
        let lib = try Library(path: TestSupport.tempPath(), lexicon: TestSupport.lexicon)
        func hashsize() throws -> Int? {
            try lib.read { db in try Int.fetchOne(db, sql: "SELECT v FROM case_text_config WHERE k = 'hashsize'") }
        }
        #expect(try hashsize() == nil)
        _ = try ImportRunner().run([TestSupport.dataDir.appendingPathComponent("cases").path], into: lib)
        #expect(try hashsize() == 8 << 20)
        try Self.integrityCheck(lib)
        #expect(try lib.ids(QueryParser.parse("petechiae")).contains("lit-alemtuzumab-petechiae-epistaxis"))
        #expect(try lib.ids(QueryParser.parse("\"thrombocytopenia\" natalizumab")).count >= 1)
    }

    @Test func aLibraryThatHoldsCasesKeepsItsTable() throws {
        let path = TestSupport.tempPath()
        do {
            // A library as v4 left it: the full-text table with sizes, and a case in it.
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator(lexicon: .builtIn).migrate(queue, upTo: "v4-stale-notes-upsert")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO sources (key, kind, imported_at) VALUES ('old', 'literature', '2026-01-01')")
                // The whole case document, as onsets before the stored form (v7) kept it.
                try db.execute(sql: """
                    INSERT INTO cases (id, source_id, kind, status, suspects, events, json)
                    VALUES ('old-1', 1, 'literature', 'current', '', '', ?)
                    """, arguments: [CaseWriter.text(TestSupport.minimalCase(id: "old-1"), pretty: false)])
                try db.execute(sql: "INSERT INTO case_text (rowid, body) VALUES (1, 'an older narrative')")
            }
            try queue.close()
        }
        let lib = try Library(path: path, lexicon: TestSupport.lexicon)
        #expect(try Self.tables(lib).contains("case_text_docsize"))
        #expect(try lib.read { db in try String.fetchOne(db, sql: "SELECT body FROM case_text WHERE case_text MATCH 'older'") } == "an older narrative")
        try Self.expectSearchFollowsTheCases(lib)
    }
}
