import Foundation
import GRDB
import Testing
@testable import OnsetCore

/// An import into a library that does not exist yet is written aside and moved into place
/// (`Library.writeNew`); these check that it gives the same library as the usual path, and that
/// it never applies stray files, replaces a library, or leaves anything behind.
@Suite struct NewLibraryImportTests {
    typealias S = ImportTestSupport

    /// The inputs compared: onset JSON, two FAERS quarters (versions, deletions), and a quarter
    /// whose tables are out of order (its merge join is rolled back to a savepoint).
    static let inputSets: [String] = ["json", "faers", "faers-unsorted", "faers-unsorted-late"]

    static func inputs(_ set: String) throws -> [String] {
        switch set {
        case "json": return [TestSupport.dataDir.appendingPathComponent("cases").path]
        case "faers": return [S.fixture("faers/faers_ascii_2015q3"), S.fixture("faers/faers_ascii_2015q4")]
        case "faers-unsorted-late": return [try unsortedLate(cases: 300).path]
        default:
            let dst = try S.tempDir().appendingPathComponent("faers_ascii_2015q3")
            try FileManager.default.copyItem(at: URL(fileURLWithPath: S.fixture("faers/faers_ascii_2015q3")), to: dst)
            for t in ["DRUG15Q3.txt", "REAC15Q3.txt"] {
                let u = dst.appendingPathComponent("ASCII").appendingPathComponent(t)
                let lines = try String(contentsOf: u, encoding: .isoLatin1).components(separatedBy: "\r\n").filter { !$0.isEmpty }
                try (([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\r\n") + "\r\n")
                    .write(to: u, atomically: true, encoding: .isoLatin1)
            }
            return [dst.path]
        }
    }

    /// A quarter whose DRUG table has its last two rows swapped: the merge join inserts nearly
    /// every case before it notices, so the savepoint rollback has a lot to undo.
    static func unsortedLate(cases n: Int) throws -> URL {
        let q = try S.tempDir().appendingPathComponent("faers_ascii_2099q1")
        let ascii = q.appendingPathComponent("ASCII")
        try FileManager.default.createDirectory(at: ascii, withIntermediateDirectories: true)
        var demo = ["primaryid$caseid$caseversion$i_f_code$event_dt$mfr_dt$init_fda_dt$fda_dt$rept_cod$auth_num$mfr_num$mfr_sndr$lit_ref$age$age_cod$age_grp$sex$e_sub$wt$wt_cod$rept_dt$to_mfr$occp_cod$reporter_country$occr_country"]
        var drug = ["primaryid$caseid$drug_seq$role_cod$drugname$prod_ai$val_vbm$route$dose_vbm$cum_dose_chr$cum_dose_unit$dechal$rechal$lot_num$exp_dt$nda_num$dose_amt$dose_unit$dose_form$dose_freq"]
        var reac = ["primaryid$caseid$pt$drug_rec_act"]
        let drugs = ["TYSABRI$NATALIZUMAB", "HEPARIN$HEPARIN", "VANCOMYCIN$VANCOMYCIN"]
        for i in 0..<n {
            let caseid = 500_000 + i, primaryid = caseid * 10 + 1
            demo.append("\(primaryid)$\(caseid)$1$I$20990110$$20990111$20990112$EXP$$X-\(i)$ACME$$\(20 + i % 60)$YR$$\(i % 2 == 0 ? "F" : "M")$Y$$$20990112$$MD$US$US")
            drug.append("\(primaryid)$\(caseid)$1$PS$\(drugs[i % 3])$1$Oral$$$$$$$$$$$$")
            reac.append("\(primaryid)$\(caseid)$\(["Purpura", "Rash", "Thrombocytopenia"][i % 3])$")
        }
        drug.swapAt(drug.count - 1, drug.count - 2)
        for (name, lines) in [("DEMO99Q1.txt", demo), ("DRUG99Q1.txt", drug), ("REAC99Q1.txt", reac)] {
            try (lines.joined(separator: "\r\n") + "\r\n").write(to: ascii.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return q
    }

    /// Every row of every table (sources without their import time), the schema and migrations.
    static func dump(_ path: String) throws -> [String] {
        var config = Configuration()
        config.readonly = true
        let db = try DatabaseQueue(path: path, configuration: config)
        return try db.read { db in
            var out: [String] = []
            for sql in ["SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
                        "SELECT identifier FROM grdb_migrations ORDER BY identifier",
                        "SELECT id, key, kind, format, cases, signature FROM sources ORDER BY id",
                        "SELECT * FROM cases ORDER BY n",
                        "SELECT * FROM case_drugs ORDER BY rowid",
                        "SELECT * FROM case_events ORDER BY rowid",
                        "SELECT * FROM case_intervals ORDER BY rowid",
                        "SELECT rowid, body FROM case_text ORDER BY rowid",
                        "SELECT * FROM key_sets ORDER BY tbl, key",
                        "SELECT * FROM key_set_stale ORDER BY case_n",
                        "SELECT * FROM key_set_state"] {
                out.append(sql)
                out += try Row.fetchAll(db, sql: sql).map(\.description)
            }
            return out
        }
    }

    /// Rows whose case is gone: what `foreign_key_check` finds, and full-text rows (no key).
    static func orphans(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map(\.description)
                + Int64.fetchAll(db, sql: "SELECT rowid FROM case_text WHERE rowid NOT IN (SELECT n FROM cases)").map { "case_text \($0)" }
        }
    }

    /// The leftovers a finished import must not leave: a temporary file or SQLite's companions.
    static func strays(beside path: String) throws -> [String] {
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let name = URL(fileURLWithPath: path).lastPathComponent
        return try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0 != name }.sorted()
    }

    @Test(arguments: inputSets) func fastPathGivesTheSameLibraryAsTheUsualPath(_ set: String) throws {
        let paths = try Self.inputs(set)
        let usual = try Library(path: try S.tempDir().appendingPathComponent("lib.sqlite").path, lexicon: TestSupport.lexicon)
        let a = try ImportRunner().run(paths, into: usual)
        let fresh = try S.tempDir().appendingPathComponent("lib.sqlite").path
        let b = try ImportRunner().run(paths, intoLibraryAt: fresh, lexicon: TestSupport.lexicon)
        #expect(b.wroteNewLibrary)
        #expect(!a.wroteNewLibrary)
        #expect(a.sources == b.sources)
        #expect(a.imported > 0)
        if set.hasPrefix("faers-unsorted") {
            #expect(b.sources.first?.warnings.contains { $0.contains("not sorted") } == true)
        }
        #expect(try Self.strays(beside: fresh) == [])
        let left = try Self.dump(usual.path), right = try Self.dump(fresh)
        #expect(left.count == right.count)
        for (l, r) in zip(left, right) where l != r {
            Issue.record("differs:\n\(l.prefix(300))\n\(r.prefix(300))")
            break
        }
        // Written with foreign keys off, yet no row outlives its case (replaced follow-ups and
        // deleted cases included).
        if set == "faers" { #expect(a.sources.contains { $0.replaced > 0 } && a.sources.contains { $0.deleted > 0 }) }
        #expect(try Self.orphans(fresh) == [])
        #expect(try Self.orphans(usual.path) == [])
        // The case JSON read back through the library is the same too.
        let reopened = try Library(path: fresh, lexicon: TestSupport.lexicon)
        for id in try usual.ids(Query.all) {
            #expect(try usual.loadCase(id: id) == reopened.loadCase(id: id))
        }
    }

    @Test func newLibraryIsInWALMode() throws {
        let path = try S.tempDir().appendingPathComponent("lib.sqlite").path
        let s = try ImportRunner().run([S.fixture("faers/faers_ascii_2015q3")], intoLibraryAt: path, lexicon: .builtIn)
        #expect(s.wroteNewLibrary)
        // Bytes 18 and 19 of the header: 2 and 2 mean WAL, read by whoever opens the file next.
        let header = try #require(FileHandle(forReadingAtPath: path)).readData(ofLength: 20)
        #expect(Array(header.suffix(2)) == [2, 2])
        let mode = try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let check = try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        #expect(check == "ok")
        #expect(try Self.strays(beside: path) == [])
    }

    /// New files get 8 KiB pages whichever path writes them; a library made with another page
    /// size keeps it when it is opened and imported into.
    @Test func newLibrariesGetEightKiBPagesAndOlderOnesKeepTheirs() throws {
        func pageSize(_ path: String) throws -> Int? {
            try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA page_size") }
        }
        let fast = try S.tempDir().appendingPathComponent("lib.sqlite").path
        #expect(try ImportRunner().run([S.fixture("faers/faers_ascii_2015q3")], intoLibraryAt: fast, lexicon: .builtIn).wroteNewLibrary)
        #expect(try pageSize(fast) == Library.newPageSize)
        let usual = try S.tempDir().appendingPathComponent("lib.sqlite").path
        _ = try ImportRunner().run([S.fixture("faers/faers_ascii_2015q3")], into: Library(path: usual, lexicon: .builtIn))
        #expect(try pageSize(usual) == Library.newPageSize)

        let older = try S.tempDir().appendingPathComponent("lib.sqlite").path
        try DatabaseQueue(path: older).write { db in
            try db.execute(sql: "PRAGMA page_size = 4096; CREATE TABLE t(x); DROP TABLE t")
        }
        #expect(try pageSize(older) == 4096)
        let library = try Library(path: older, lexicon: .builtIn)
        _ = try ImportRunner().run([S.fixture("faers/faers_ascii_2015q3")], into: library)
        #expect(try library.totalCases() == 3)
        #expect(try pageSize(older) == 4096)
    }

    @Test func newFolderIsCreated() throws {
        let path = try S.tempDir().appendingPathComponent("a/b/lib.sqlite").path
        let s = try ImportRunner().run([S.fixture("faers/faers_ascii_2015q3")], intoLibraryAt: path, lexicon: .builtIn)
        #expect(s.wroteNewLibrary)
        #expect(try Library(path: path, lexicon: .builtIn).totalCases() == 3)
    }

    @Test(arguments: ["-wal", "-shm", "-journal"]) func aStrayCompanionFileDisablesTheFastPath(_ suffix: String) throws {
        let path = try S.tempDir().appendingPathComponent("lib.sqlite").path
        // Not a valid WAL or journal: SQLite ignores it on the usual path, so the import succeeds.
        try Data("left over".utf8).write(to: URL(fileURLWithPath: path + suffix))
        let s = try ImportRunner().run([S.fixture("faers/faers_ascii_2015q3")], intoLibraryAt: path, lexicon: .builtIn)
        #expect(!s.wroteNewLibrary)
        #expect(try Library(path: path, lexicon: .builtIn).totalCases() == 3)
        #expect(try Self.strays(beside: path).allSatisfy { !$0.contains(".importing-") })
    }

    @Test func anExistingLibraryIsImportedIntoTheUsualWay() throws {
        let path = try S.tempDir().appendingPathComponent("lib.sqlite").path
        #expect(try ImportRunner().run([S.fixture("faers/faers_ascii_2015q3")], intoLibraryAt: path, lexicon: .builtIn).wroteNewLibrary)
        let s = try ImportRunner().run([S.fixture("faers/faers_ascii_2012q4")], intoLibraryAt: path, lexicon: .builtIn)
        #expect(!s.wroteNewLibrary)
        #expect(try Library(path: path, lexicon: .builtIn).totalCases() == 4)
    }

    /// Makes a library at `destination` (as another process would) the first time it runs, then
    /// imports the JSON file it is given.
    struct LibraryAppearsMeanwhile: SourceImporter {
        let destination: String
        func run(url: URL, writer: LibraryWriter, progress: ImportProgress) throws -> SourceResult {
            if !FileManager.default.fileExists(atPath: destination) {
                let other = try Library(path: destination, lexicon: .builtIn)
                try other.importCases([ImportBatch(key: "other process", kind: .literature, format: "json",
                                                   cases: [TestSupport.minimalCase(id: "made-meanwhile")])])
            }
            return try NativeImporter().run(url: url, writer: writer, progress: progress)
        }
    }

    @Test func aLibraryThatAppearsMeanwhileIsNotReplaced() throws {
        let path = try S.tempDir().appendingPathComponent("lib.sqlite").path
        let input = TestSupport.dataDir.appendingPathComponent("cases/000-natalizumab-bcr-2013-203313.json").path
        let runner = ImportRunner(forcedFormat: .json, importers: [.json: LibraryAppearsMeanwhile(destination: path)])
        let s = try runner.run([input], intoLibraryAt: path, lexicon: .builtIn)
        // The other library was kept and the import went into it the usual way.
        #expect(!s.wroteNewLibrary)
        let lib = try Library(path: path, lexicon: .builtIn)
        #expect(try lib.loadCase(id: "made-meanwhile") != nil)
        #expect(try lib.loadCase(id: "lit-bcr-2013-203313") != nil)
        #expect(try Self.strays(beside: path).allSatisfy { !$0.contains(".importing-") })
    }

    /// Imports one JSON file, then fails as bad input found deep in a source would.
    struct FailsMidway: SourceImporter {
        func run(url: URL, writer: LibraryWriter, progress: ImportProgress) throws -> SourceResult {
            _ = try NativeImporter().run(url: url, writer: writer, progress: progress)
            throw ImportError(file: url.path, place: "line 2", message: "bad row")
        }
    }

    @Test func aFailedImportLeavesNoLibraryAndNoTemporaryFile() throws {
        let dir = try S.tempDir()
        let path = dir.appendingPathComponent("lib.sqlite").path
        // Bad input found while reading (not JSON at all), then midway through a source.
        let bad = dir.appendingPathComponent("bad.json")
        try Data("[{\"format\": \"onset.case/1\", ".utf8).write(to: bad)
        #expect(throws: ImportError.self) {
            try ImportRunner(forcedFormat: .json).run([bad.path], intoLibraryAt: path, lexicon: .builtIn)
        }
        let good = TestSupport.dataDir.appendingPathComponent("cases/000-natalizumab-bcr-2013-203313.json").path
        #expect(throws: ImportError.self) {
            try ImportRunner(forcedFormat: .json, importers: [.json: FailsMidway()]).run([good], intoLibraryAt: path, lexicon: .builtIn)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["bad.json"])
    }

    @Test func temporaryFilesOfDeadImportsAreRemovedAndLiveOnesKept() throws {
        let dir = try S.tempDir()
        let path = dir.appendingPathComponent("lib.sqlite").path
        // No process has a pid this large (Linux's pid_max is at most 2^22).
        let dead = ".lib.sqlite.importing-2147483646-1a2b"
        let live = ".lib.sqlite.importing-\(getppid())-3c4d"
        let otherLibrary = ".other.sqlite.importing-2147483646-5e6f"
        for name in [dead, dead + "-wal", live, otherLibrary] {
            try Data("x".utf8).write(to: dir.appendingPathComponent(name))
        }
        let s = try ImportRunner().run([S.fixture("faers/faers_ascii_2015q3")], intoLibraryAt: path, lexicon: .builtIn)
        #expect(s.wroteNewLibrary)
        #expect(try Self.strays(beside: path) == [live, otherLibrary].sorted())
    }
}
