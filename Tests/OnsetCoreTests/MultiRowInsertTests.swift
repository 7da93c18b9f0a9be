import Foundation
import GRDB
import Testing
@testable import OnsetCore

/// A case's drug, event and interval rows go in several to a statement (`MultiRowInsert`): they
/// must land whole and in report order however many statements a case needs, and a library made
/// before the stale-noting triggers were upserts must be upgraded before such an insert meets them.
@Suite struct MultiRowInsertTests {
    /// A case with `drugs` suspect drugs and `events` events, all distinct.
    static func wideCase(_ id: String, drugs: Int, events: Int) -> Case {
        var c = Case(id: id, source: CaseSource(kind: .literature))
        c.drugs = (0..<drugs).map { Drug(id: "d\($0 + 1)", name: "drug number \($0 + 1)", role: .suspect) }
        c.events = (0..<events).map { Event(id: "e\($0 + 1)", term: "event number \($0 + 1)") }
        return c
    }

    @Test(arguments: [(1, 1), (16, 1), (17, 1), (40, 3), (5, 7)])
    func everyRowLandsInReportOrder(drugs: Int, events: Int) throws {
        let lib = try Library(path: TestSupport.tempPath(), lexicon: .builtIn)
        let cases = [Self.wideCase("a", drugs: drugs, events: events), Self.wideCase("b", drugs: 2, events: 2)]
        try lib.importCases([ImportBatch(key: "t", kind: .literature, format: "json", cases: cases)])
        let (drugRows, eventRows) = try lib.read { db in
            (try String.fetchAll(db, sql: "SELECT d.name FROM case_drugs d JOIN cases c ON c.n = d.case_n WHERE c.id = 'a' ORDER BY d.rowid"),
             try String.fetchAll(db, sql: "SELECT e.term FROM case_events e JOIN cases c ON c.n = e.case_n WHERE c.id = 'a' ORDER BY e.rowid"))
        }
        #expect(drugRows == cases[0].drugs.map(\.name))
        #expect(eventRows == cases[0].events.map(\.term))
        let pairs = try lib.intervals(QueryParser.parse("")).filter { $0.caseID == "a" }.map { "\($0.drug) × \($0.event)" }
        let expected = cases[0].drugs.flatMap { d in cases[0].events.map { "\(d.name) × \($0.term)" } }
        #expect(pairs == expected)
        // The case after it is whole too: nothing of one case is held back into the next.
        #expect(try lib.intervals(QueryParser.parse("")).filter { $0.caseID == "b" }.count == 4)
    }

    /// The triggers `v3-key-sets` made, before `v4-stale-notes-upsert` replaced them.
    static func oldTriggers(_ table: String) -> String {
        let note = "INSERT OR IGNORE INTO key_set_stale (case_n) VALUES"
        let when = "WHEN EXISTS (SELECT 1 FROM key_sets)"
        return """
            CREATE TRIGGER \(table)_insert_stale AFTER INSERT ON \(table) \(when) BEGIN \(note) (NEW.case_n); END;
            CREATE TRIGGER \(table)_delete_stale AFTER DELETE ON \(table) \(when) BEGIN \(note) (OLD.case_n); END;
            CREATE TRIGGER \(table)_update_stale AFTER UPDATE ON \(table) \(when) BEGIN \(note) (OLD.case_n); \(note) (NEW.case_n); END;
            """
    }

    @Test func anOlderLibrarysTriggersAreUpgradedBeforeAnImportMeetsThem() throws {
        let path = TestSupport.tempPath()
        do {
            let lib = try Library(path: path, lexicon: .builtIn)
            try lib.importCases([ImportBatch(key: "t", kind: .literature, format: "json", cases: KeySetTests.cases())])
            try lib.write { w in try KeySets.rebuild(w.database, minimumRows: 2) }
        }
        // Make it the library an earlier onset left: old triggers, last migration v3.
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try KeySets.dropTriggers(db)
                try db.execute(sql: KeySets.tables.map(Self.oldTriggers).joined(separator: "\n"))
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4-stale-notes-upsert'")
            }
            // As they were, the old triggers fail a case's second row under INSERT OR FAIL.
            #expect(throws: DatabaseError.self) {
                try queue.write { db in
                    try db.execute(sql: "INSERT OR FAIL INTO case_drugs (case_n, key, name, role) VALUES (1, 'x', 'x', 'suspect'), (1, 'y', 'y', 'suspect')")
                }
            }
            try queue.close()
        }
        let lib = try Library(path: path, lexicon: .builtIn)
        let triggers = try lib.read { db in try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_stale'") }
        #expect(triggers.count == 6)
        #expect(triggers.allSatisfy { $0.contains("ON CONFLICT DO NOTHING") && !$0.contains("OR IGNORE") })
        // A small import into the library with key sets: several rows a case, each case noted once.
        let extra = [Self.wideCase("x1", drugs: 20, events: 2), Self.wideCase("x2", drugs: 3, events: 1)]
        try lib.importCases([ImportBatch(key: "extra", kind: .literature, format: "json", cases: extra)])
        #expect(try KeySetTests.staleCount(lib) == 2)
        try KeySetTests.expectAgreement(lib)
    }
}
