import Foundation
import GRDB
import Testing
@testable import OnsetCore

@Suite struct LibraryTests {
    func dataLibrary() throws -> Library {
        let lib = try Library(path: TestSupport.tempPath(), lexicon: TestSupport.lexicon)
        _ = try ImportRunner().run([TestSupport.dataDir.path], into: lib)
        return lib
    }

    func ids(_ lib: Library, _ q: String) throws -> [String] { try lib.ids(QueryParser.parse(q)) }

    @Test func brandNamesAndBritishSpellingsFindTheSeed() throws {
        let lib = try dataLibrary()
        #expect(try ids(lib, "drug:tysabri").contains("lit-bcr-2013-203313"))
        #expect(try ids(lib, "drug:TYSABRI").contains("lit-bcr-2013-203313"))
        #expect(try ids(lib, "event:thrombocytopaenia").contains("lit-bcr-2013-203313"))
        #expect(try ids(lib, "drug:lemtrada").count == (try ids(lib, "drug:alemtuzumab")).count)
        #expect(try ids(lib, "drug:natalizumab,alemtuzumab").count == Set(try ids(lib, "drug:natalizumab") + ids(lib, "drug:alemtuzumab")).count)
        #expect(try ids(lib, "drug:alemtuzumab") == ["lit-alemtuzumab-petechiae-epistaxis"])
    }

    @Test func filtersCombineAndNegate() throws {
        let lib = try dataLibrary()
        let all = try lib.totalCases()
        let nat = try ids(lib, "drug:natalizumab")
        let notNat = try ids(lib, "!drug:natalizumab")
        #expect(nat.count + notNat.count == all)
        #expect(Set(nat).isDisjoint(with: notNat))
        #expect(try ids(lib, "drug:alemtuzumab event:epistaxis") == ["lit-alemtuzumab-petechiae-epistaxis"])
        #expect(try ids(lib, "sex:f age:50..60").contains("lit-bcr-2013-203313"))
        #expect(!(try ids(lib, "sex:m")).contains("lit-bcr-2013-203313"))
        #expect(try ids(lib, "tto:<3d").contains("lit-alemtuzumab-petechiae-epistaxis"))
        #expect(!(try ids(lib, "tto:>1w")).contains("lit-alemtuzumab-petechiae-epistaxis"))
        #expect(try ids(lib, "purpura").contains("lit-bcr-2013-203313"))
        #expect(try ids(lib, "source:vaers").isEmpty)
    }

    /// `X` and `!X` split the library for every field, cases without the field included (the seed
    /// cases lack some sexes, outcomes, seriousness and intervals, so each field has such cases).
    @Test func negationKeepsCasesWithoutTheField() throws {
        let lib = try dataLibrary()
        let all = try lib.totalCases()
        for q in ["sex:f", "outcome:recovered", "serious:yes", "age:>50", "tto:<7d", "status:final", "source:literature",
                  "drug:natalizumab", "event:thrombocytopenia", "purpura"] {
            let yes = try ids(lib, q), no = try ids(lib, "!" + q)
            #expect(yes.count + no.count == all, "\(q): \(yes.count) + \(no.count) of \(all)")
            #expect(Set(yes).isDisjoint(with: no), "\(q)")
            #expect(try lib.count(QueryParser.parse("!" + q)) == no.count, "\(q)")
        }
        // The seed cases include ones with no sex and no outcome reported; they are not female and
        // not recovered.
        let unreported = try lib.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE sex IS NULL OR outcome IS NULL") ?? 0
        }
        #expect(unreported > 0)
    }

    /// A full disk is told apart from other SQLite failures, so `onset import` can say so plainly.
    @Test func diskFullIsRecognised() {
        #expect(Library.isDiskFull(DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full")))
        #expect(!Library.isDiskFull(DatabaseError(resultCode: .SQLITE_BUSY)))
        #expect(!Library.isDiskFull(ImportError(file: "x", message: "y")))
    }

    @Test func hostileFilterValuesAreLiteralText() throws {
        let lib = try dataLibrary()
        for v in [#"drug:"x' OR 1=1 --""#, "drug:%", "drug:_", #"drug:a\b"#, "event:" + String(repeating: "z", count: 5000), #""it's""#, "drug:%*"] {
            let q = try QueryParser.parse(v)
            #expect(try lib.count(q) == 0, "\(v.prefix(30)) matched something")
        }
        #expect(try lib.count(QueryParser.parse("drug:nataliz*")) >= 1)
    }

    @Test func importingTheSameSourceAgainReplacesItsCases() throws {
        let lib = try dataLibrary()
        let before = try lib.totalCases()
        let summary = try ImportRunner().run([TestSupport.dataDir.path], into: lib)
        #expect(try lib.totalCases() == before)
        #expect(summary.sources.reduce(0) { $0 + $1.replaced } == before)
    }

    @Test func aFailedImportLeavesTheLibraryExactlyAsItWas() throws {
        let lib = try dataLibrary()
        let before = try lib.ids(.all)
        let sourcesBefore = try lib.sources().map(\.key)
        let dir = URL(fileURLWithPath: TestSupport.tempPath("in")).deletingLastPathComponent()
        var good = TestSupport.minimalCase(id: "new-good")
        good.narrative = "fine"
        try CaseWriter.text(good).write(to: dir.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try #"{"format":"onset.case/1","id":"bad","source":{"kind":"literature"},"events":[{"id":"e1","term":"x","outcome":"better"}]}"#
            .write(to: dir.appendingPathComponent("b.json"), atomically: true, encoding: .utf8)
        #expect(throws: ImportError.self) { try ImportRunner().run([dir.path], into: lib) }
        do { _ = try ImportRunner().run([dir.path], into: lib) } catch let e as ImportError {
            #expect(e.file.hasSuffix("b.json"))
            #expect(e.place == "$.events[0].outcome")
        }
        #expect(try lib.ids(.all) == before)
        #expect(try lib.sources().map(\.key) == sourcesBefore)
    }

    @Test func readOnlyLibraryOpensForBrowsing() throws {
        let path = TestSupport.tempPath()
        do { _ = try Library(path: path, lexicon: .builtIn).importCases([ImportBatch(key: "k", kind: .literature, format: "json", cases: [TestSupport.minimalCase()])]) }
        let ro = try Library(path: path, lexicon: .builtIn, readOnly: true)
        #expect(ro.isReadOnly)
        #expect(try ro.totalCases() == 1)
        #expect(throws: LibraryError.self) { try ro.importCases([]) }
    }

    /// A library a newer onset has changed is refused with a message, writable or read-only,
    /// rather than opened and then failing on every case it shows.
    @Test func aLibraryFromANewerOnsetIsRefused() throws {
        let path = TestSupport.tempPath()
        do { _ = try Library(path: path, lexicon: .builtIn).importCases([ImportBatch(key: "k", kind: .literature, format: "json", cases: [TestSupport.minimalCase()])]) }
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try queue.close()
        for readOnly in [false, true] {
            #expect(throws: LibraryError.newer(path, ["v99-from-the-future"])) { try Library(path: path, lexicon: .builtIn, readOnly: readOnly) }
        }
        #expect(LibraryError.newer(path, ["v99-from-the-future"]).description.contains("newer onset"))
    }

    @Test func completionsOfferLibraryNames() throws {
        let lib = try dataLibrary()
        #expect(try lib.completions(field: .drug, prefix: "nata").contains("natalizumab"))
        #expect(try lib.completions(field: .event, prefix: "epis").contains("Epistaxis"))
        #expect(try lib.completions(field: .drug, prefix: "%").isEmpty)
    }

    @Test func showJSONReimportsUnchanged() throws {
        let lib = try dataLibrary()
        for id in try lib.ids(.all) {
            let c = try #require(try lib.loadCase(id: id))
            let path = TestSupport.tempPath("\(id).json")
            try CaseWriter.text(c).write(toFile: path, atomically: true, encoding: .utf8)
            let other = try Library(path: TestSupport.tempPath(), lexicon: TestSupport.lexicon)
            _ = try ImportRunner().run([path], into: other)
            #expect(try other.loadCase(id: id) == c)
        }
    }
}

@Suite struct SkipUnchangedTests {
    @Test func unchangedFilesAreNotImportedAgain() throws {
        let lib = try Library(path: TestSupport.tempPath(), lexicon: .builtIn)
        let dir = URL(fileURLWithPath: TestSupport.tempPath("x")).deletingLastPathComponent()
        let file = dir.appendingPathComponent("c.json")
        try CaseWriter.text(TestSupport.minimalCase(id: "one")).write(to: file, atomically: true, encoding: .utf8)
        #expect(try ImportRunner().run([dir.path], into: lib, skipUnchanged: true).imported == 1)
        let again = try ImportRunner().run([dir.path], into: lib, skipUnchanged: true)
        #expect(again.imported == 0 && again.unchanged == 1)
        // A changed file is imported again and replaces its earlier cases.
        try CaseWriter.text(TestSupport.minimalCase(id: "two")).write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: file.path)
        #expect(try ImportRunner().run([dir.path], into: lib, skipUnchanged: true).imported == 1)
        #expect(try lib.ids(.all) == ["two"])
    }

    /// `onset PATH`'s cache library holds exactly what PATH holds: a file deleted from the folder
    /// takes its cases with it; one imported with a plain import stays (no `mirror`).
    @Test func mirrorRemovesSourcesWhoseFilesAreGone() throws {
        let libPath = TestSupport.tempPath()
        let dir = URL(fileURLWithPath: TestSupport.tempPath("x")).deletingLastPathComponent().appendingPathComponent("cases")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for id in ["a", "b", "c"] {
            try CaseWriter.text(TestSupport.minimalCase(id: id)).write(to: dir.appendingPathComponent("\(id).json"), atomically: true, encoding: .utf8)
        }
        let runner = ImportRunner()
        #expect(try runner.run([dir.path], intoLibraryAt: libPath, lexicon: .builtIn, skipUnchanged: true, mirror: true).imported == 3)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("b.json"))
        let plain = try runner.run([dir.path], intoLibraryAt: libPath, lexicon: .builtIn, skipUnchanged: true)
        #expect(plain.removedWithSources == 0 && plain.unchanged == 2)
        #expect(try Library(path: libPath, lexicon: .builtIn).ids(.all) == ["a", "b", "c"])

        // A file is gone: the cache is filled again from what the folder holds.
        let again = try runner.run([dir.path], intoLibraryAt: libPath, lexicon: .builtIn, skipUnchanged: true, mirror: true)
        #expect(again.imported == 2 && again.unchanged == 0 && again.removedWithSources == 1)
        let unchanged = try runner.run([dir.path], intoLibraryAt: libPath, lexicon: .builtIn, skipUnchanged: true, mirror: true)
        #expect(unchanged.imported == 0 && unchanged.unchanged == 2 && unchanged.removedWithSources == 0)
        let lib = try Library(path: libPath, lexicon: .builtIn)
        #expect(try lib.ids(.all) == ["a", "c"])
        #expect(try lib.sources().count == 2)
        let orphans = try lib.read { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM case_drugs WHERE case_n NOT IN (SELECT n FROM cases))
                     + (SELECT count(*) FROM case_events WHERE case_n NOT IN (SELECT n FROM cases))
                     + (SELECT count(*) FROM case_text WHERE rowid NOT IN (SELECT n FROM cases))
                """) ?? -1
        }
        #expect(orphans == 0)
        #expect(try lib.count(QueryParser.parse("drug:natalizumab")) == 2)
    }

    /// A gone quarter had replaced a case of a quarter that stays (a follow-up) and deleted
    /// another: after it goes, the cache holds what a first import of the folder gives.
    @Test func mirrorAfterAGoneQuarterEqualsAFreshImport() throws {
        let root = URL(fileURLWithPath: TestSupport.tempPath("x")).deletingLastPathComponent()
        let folder = root.appendingPathComponent("quarters")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for q in ["faers_ascii_2015q3", "faers_ascii_2015q4"] {
            try FileManager.default.copyItem(at: URL(fileURLWithPath: ImportTestSupport.fixture("faers/\(q)")), to: folder.appendingPathComponent(q))
        }
        let cache = root.appendingPathComponent("cache.sqlite").path
        let runner = ImportRunner()
        _ = try runner.run([folder.path], intoLibraryAt: cache, lexicon: .builtIn, skipUnchanged: true, mirror: true)
        #expect(try Library(path: cache, lexicon: .builtIn).loadCase(id: "faers-100003") == nil)   // on 2015Q4's deleted list
        try FileManager.default.moveItem(at: folder.appendingPathComponent("faers_ascii_2015q4"), to: root.appendingPathComponent("faers_ascii_2015q4"))
        let s = try runner.run([folder.path], intoLibraryAt: cache, lexicon: .builtIn, skipUnchanged: true, mirror: true)
        #expect(s.removedWithSources > 0)
        let fresh = root.appendingPathComponent("fresh.sqlite").path
        _ = try runner.run([folder.path], intoLibraryAt: fresh, lexicon: .builtIn)
        let a = try Library(path: cache, lexicon: .builtIn), b = try Library(path: fresh, lexicon: .builtIn)
        #expect(try a.ids(.all).sorted() == b.ids(.all).sorted())
        #expect(try a.ids(.all).count == 3)
        for id in try b.ids(.all) { #expect(try a.loadCase(id: id) == b.loadCase(id: id), "\(id)") }
    }
}
