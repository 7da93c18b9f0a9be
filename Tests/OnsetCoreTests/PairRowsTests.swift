import Foundation
import GRDB
import Testing
@testable import OnsetCore

/// A case's suspect drug × event pairs are read from its drug and event rows; only pairs with
/// figures have an interval row (migration v8), and older libraries are rewritten to match.
@Suite struct PairRowsTests {
    /// Two suspects under brand names the lexicon does not know (so each drug has a second,
    /// verbatim-name row), a concomitant drug, the first suspect listed again, and three events,
    /// one reported under a preferred term that differs from its verbatim term. Only the first
    /// suspect's pair with the dated event has figures.
    static func brandCase() -> Case {
        var c = Case(id: "pairs-1", source: CaseSource(kind: .literature))
        var a = Drug(id: "d1", name: "Zorvella", generic: "natalizumab", role: .suspect)
        a.start = .date(TestSupport.date("2024-03-01"))
        let b = Drug(id: "d2", name: "Quintrabrand", generic: "alemtuzumab", role: .interacting)
        let other = Drug(id: "d3", name: "paracetamol", generic: "paracetamol", role: .concomitant)
        c.drugs = [a, other, b, Drug(id: "d4", name: "Zorvella", generic: "natalizumab", role: .suspect)]
        var dated = Event(id: "e1", term: "Petechiae")
        dated.onset = .date(TestSupport.date("2024-03-11"))
        c.events = [dated, Event(id: "e2", term: "low platelets", preferred: "Thrombocytopenia"), Event(id: "e3", term: "Purpura")]
        return c
    }

    static func library() throws -> Library {
        let lib = try Library(path: TestSupport.tempPath(), lexicon: TestSupport.lexicon)
        _ = try ImportRunner().run([TestSupport.dataDir.path], into: lib)
        _ = try lib.importCases([ImportBatch(key: "pairs", kind: .literature, format: "json", cases: [brandCase()])])
        return lib
    }

    /// Lays a library's rows out as onsets before v8 wrote them.
    static func rewindToV7(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE old_pairs AS
                SELECT c.n AS case_n, d.name AS drug, d.key AS drug_key, e.term AS event, e.key AS event_key, i.dose,
                       i.first_min, i.first_max, i.last_min, i.last_max, i.basis
                FROM \(CasePairsSQL.from) ORDER BY \(CasePairsSQL.order);
            DROP TABLE case_intervals;
            CREATE TABLE case_intervals (
                case_n INTEGER NOT NULL REFERENCES cases(n) ON DELETE CASCADE,
                drug TEXT NOT NULL, drug_key TEXT NOT NULL, event TEXT NOT NULL, event_key TEXT NOT NULL,
                dose INTEGER, first_min REAL, first_max REAL, last_min REAL, last_max REAL, basis TEXT);
            INSERT INTO case_intervals SELECT * FROM old_pairs;
            DROP TABLE old_pairs;
            CREATE INDEX case_intervals_case ON case_intervals(case_n);
            DROP INDEX case_drugs_case;
            DROP INDEX case_events_case;
            ALTER TABLE case_drugs DROP COLUMN pos;
            ALTER TABLE case_events DROP COLUMN pos;
            CREATE INDEX case_drugs_case ON case_drugs(case_n);
            CREATE INDEX case_events_case ON case_events(case_n);
            DELETE FROM grdb_migrations WHERE identifier = '\(PairRowsMigration.identifier)';
            """)
    }

    static func describe(_ i: DoseOnset) -> String {
        "\(i.caseID) | \(i.drug) | \(i.event) | \(i.dose.map(String.init) ?? "-") | \(i.first.map { "\($0.min)..\($0.max)" } ?? "-") | "
            + "\(i.last.map { "\($0.min)..\($0.max)" } ?? "-") | \(i.basis?.rawValue ?? "-")"
    }

    @Test func everyPairIsListedButOnlyPairsWithFiguresAreStored() throws {
        let lib = try Self.library()
        var expected: [String] = [], withFigures = 0
        for id in try lib.ids(.all) {
            let computed = DoseOnsetCalculator.intervals(for: try #require(try lib.loadCase(id: id)))
            expected += computed.map(Self.describe)
            withFigures += computed.filter(\.hasFigures).count
        }
        #expect(try lib.intervals(.all).map(Self.describe) == expected)
        #expect(expected.count > withFigures && withFigures > 0)
        let (stored, verbatimRows) = try lib.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM case_intervals") ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM case_drugs WHERE pos IS NULL") ?? -1)
        }
        #expect(stored == withFigures)
        #expect(verbatimRows >= 3)

        // The brand case: 3 suspects × 3 events in report order, the concomitant drug left out,
        // and the verbatim-name rows adding no pair.
        let pairs = try lib.intervals(QueryParser.parse("drug:zorvella")).map(Self.describe)
        #expect(pairs == [
            "pairs-1 | natalizumab | Petechiae | - | 10.0..10.0 | - | dates",
            "pairs-1 | natalizumab | Thrombocytopenia | - | - | - | -",
            "pairs-1 | natalizumab | Purpura | - | - | - | -",
            "pairs-1 | alemtuzumab | Petechiae | - | - | - | -",
            "pairs-1 | alemtuzumab | Thrombocytopenia | - | - | - | -",
            "pairs-1 | alemtuzumab | Purpura | - | - | - | -",
            "pairs-1 | natalizumab | Petechiae | - | - | - | -",
            "pairs-1 | natalizumab | Thrombocytopenia | - | - | - | -",
            "pairs-1 | natalizumab | Purpura | - | - | - | -",
        ])
    }

    /// A statistics filter by brand or verbatim term still picks the pair whose own row has the
    /// generic name or preferred term.
    @Test func statisticsPairsFollowBrandsAndVerbatimTerms() throws {
        let lib = try Self.library()
        let report = try lib.onsetStatistics(QueryParser.parse("drug:quintrabrand event:\"low platelets\""))
        #expect(report.matchingCases == 1)
        #expect(report.groups.dropFirst().map { "\($0.drug ?? "") → \($0.event ?? "")" } == ["alemtuzumab → Thrombocytopenia"])
        let dated = try lib.onsetStatistics(QueryParser.parse("drug:zorvella event:petechiae"))
        #expect(dated.groups[0].intervals.map { $0.first?.min } == [10])
    }

    /// A drug wildcard selects pairs the way it finds cases, with the British spelling folded.
    @Test func statisticsPairsFollowDrugWildcards() throws {
        let lib = try Library(path: TestSupport.tempPath(), lexicon: TestSupport.lexicon)
        _ = try lib.importCases([ImportBatch(key: "w", kind: .literature, format: "json",
                                             cases: [TestSupport.minimalCase(id: "w1", drug: "sulphasalazine", event: "Rash")])])
        let report = try lib.onsetStatistics(QueryParser.parse("drug:sulphasal*"))
        #expect(report.matchingCases == 1)
        #expect(report.casesWithoutPair == 0)
        #expect(report.groups.count == 2)
    }

    /// A library written before v8 (every pair a row with names and keys; drug and event rows
    /// without places) is rewritten from its cases when opened, into exactly what a fresh import
    /// writes, even when opened read-only (the file can be written, so it is upgraded once).
    @Test func anOlderLibraryIsRewrittenFromItsCases() throws {
        let lib = try Self.library()
        let path = lib.path
        let fresh = try NewLibraryImportTests.dump(path)
        let freshIntervals = try lib.intervals(.all).map(Self.describe)
        let freshStats = try lib.onsetStatistics(.all).groups.map { "\($0.drug ?? "all") \($0.event ?? "") \($0.cases)" }
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try Self.rewindToV7(db)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM case_intervals WHERE first_min IS NULL AND last_min IS NULL") ?? 0 > 0)
        }
        try queue.close()

        let reopened = try Library(path: path, lexicon: TestSupport.lexicon, readOnly: true)
        #expect(try NewLibraryImportTests.dump(path) == fresh)
        #expect(try reopened.intervals(.all).map(Self.describe) == freshIntervals)
        #expect(try reopened.onsetStatistics(.all).groups.map { "\($0.drug ?? "all") \($0.event ?? "") \($0.cases)" } == freshStats)
        let check = try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        #expect(check == "ok")
    }

    /// A case whose old interval rows do not line up with its pairs is written again from its
    /// JSON; the others keep their rows. The result is still what a fresh import writes.
    @Test func aCaseWhoseOldRowsDoNotLineUpIsRewrittenFromItsJSON() throws {
        let lib = try Self.library()
        let fresh = try NewLibraryImportTests.dump(lib.path)
        let queue = try DatabaseQueue(path: lib.path)
        try queue.write { db in
            try Self.rewindToV7(db)
            try db.execute(sql: """
                DELETE FROM case_intervals WHERE rowid = (SELECT min(i.rowid) FROM case_intervals i JOIN cases c ON c.n = i.case_n
                                                          WHERE c.id = 'pairs-1');
                """)
        }
        try queue.close()
        _ = try Library(path: lib.path, lexicon: TestSupport.lexicon)
        let after = try NewLibraryImportTests.dump(lib.path)
        // The rewritten case's rows are written last, so compare them as sets.
        #expect(after.count == fresh.count)
        #expect(Set(after) == Set(fresh))
        let reopened = try Library(path: lib.path, lexicon: TestSupport.lexicon, readOnly: true)
        #expect(try reopened.intervals(QueryParser.parse("drug:zorvella")).filter { $0.first != nil }.count == 1)
    }

    /// Key sets stay as they were when every case's rows are carried over (their keys do not
    /// change), and are built again when a case is rewritten from its JSON (its keys may). The
    /// triggers that note changed cases are back afterwards, and no case is left noted.
    @Test func keySetsAreRebuiltOnlyWhenACaseIsRewritten() throws {
        let lib = try Self.library()
        #expect(try lib.rebuildKeySets(minimumRows: 1) > 0)
        let queue = try DatabaseQueue(path: lib.path)
        let triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        let sets = "SELECT tbl || ' ' || key || ' ' || cases FROM key_sets ORDER BY tbl, key"
        let (beforeTriggers, beforeSets) = try queue.read { (try String.fetchAll($0, sql: triggers), try String.fetchAll($0, sql: sets)) }
        try queue.write { db in
            try Self.rewindToV7(db)
            try PairRowsMigration.run(db, lexicon: TestSupport.lexicon)
            #expect(try String.fetchAll(db, sql: sets) == beforeSets)

            try Self.rewindToV7(db)
            try db.execute(sql: "UPDATE key_sets SET key = 'stale-' || key")
            try db.execute(sql: "DELETE FROM case_intervals WHERE rowid = (SELECT max(rowid) FROM case_intervals)")
            try PairRowsMigration.run(db, lexicon: TestSupport.lexicon)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM key_sets WHERE key LIKE 'stale-%'") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM key_set_stale") == 0)
        }
        #expect(try queue.read { try String.fetchAll($0, sql: triggers) } == beforeTriggers)
        #expect(!beforeTriggers.isEmpty)
    }

    @Test func aReadOnlyOlderLibraryIsExplained() {
        let message = LibraryError.older("/srv/lib.sqlite", [PairRowsMigration.identifier]).description
        #expect(message.contains("older onset"))
        #expect(message.contains("onset list --db /srv/lib.sqlite"))
    }
}
