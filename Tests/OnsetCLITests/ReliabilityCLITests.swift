import Foundation
import Testing
import OnsetCore

@Suite(.serialized) struct ReliabilityCLITests {
    static let hostile = "evil \u{1B}]52;c;SGVsbG8=\u{07} \u{1B}[2J \u{202E}rtl\u{08}\r \u{9B}31m nul\u{0}end \u{1B}]0;title\u{1B}\\"

    func hostileLibrary() throws -> CLIRunner {
        let cli = CLIRunner()
        var c = Case(id: "hostile-1", source: CaseSource(kind: .literature, citation: Self.hostile))
        c.drugs = [Drug(id: "d1", name: "drug\u{1B}[31m", generic: "drug\u{1B}[31m", role: .suspect)]
        c.events = [Event(id: "e1", term: "Rash\u{07}\t\n", preferred: "Rash\u{07}\t\n")]
        c.narrative = Self.hostile
        let file = cli.dir.appendingPathComponent("hostile.json")
        try CaseWriter.text(c).write(to: file, atomically: true, encoding: .utf8)
        #expect(try cli.run(["import", file.path]).status == 0)
        return cli
    }

    static func hasControls(_ s: String, allowNewlines: Bool) -> Bool {
        s.unicodeScalars.contains { u in
            let v = u.value
            if allowNewlines && (v == 0x0A || v == 0x09) { return false }
            return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
        }
    }

    @Test func tableAndTextOutputShowControlsAsVisibleEscapes() throws {
        let cli = try hostileLibrary()
        let list = try cli.run(["list"]).stdout
        #expect(!Self.hasControls(list, allowNewlines: true))
        #expect(list.contains("drug^[[31m"))
        let show = try cli.run(["show", "hostile-1"]).stdout
        #expect(!Self.hasControls(show, allowNewlines: true))
        #expect(show.contains("^[]52;c;SGVsbG8=\\x07"))
        #expect(show.contains("^[[2J"))
        #expect(show.contains("<U+202E>rtl\\x08\\x0d"))
        #expect(show.contains("\\x9b31m"))
        #expect(show.contains("nul\\x00end"))
        #expect(show.contains("^[]0;title^[\\"))
        let timeline = try cli.run(["timeline", "hostile-1", "--ascii"]).stdout
        #expect(!Self.hasControls(timeline, allowNewlines: true))
    }

    @Test func tsvAndJSONEscapeControlsAndStayParseable() throws {
        let cli = try hostileLibrary()
        let tsv = try cli.run(["list", "--format", "tsv"]).stdout
        #expect(!Self.hasControls(tsv, allowNewlines: true))
        let rows = tsv.split(separator: "\n")
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 8 })
        #expect(tsv.contains("Rash\\x07\\t\\n"))
        let json = try cli.run(["show", "hostile-1", "--format", "json"]).stdout
        #expect(!Self.hasControls(json, allowNewlines: true))
        let parsed = try CaseReader.read(Array(json.utf8))
        #expect(parsed.first?.narrative == Self.hostile)
        let intervals = try cli.run(["intervals", "--format", "json"]).stdout
        #expect(!Self.hasControls(intervals, allowNewlines: true))
        #expect((try? JSONParser.parse(intervals)) != nil)
    }

    @Test func sqlMetacharactersInFiltersAreLiteral() throws {
        let cli = try hostileLibrary()
        for q in [#"drug:"x' OR '1'='1""#, "drug:%", "drug:_", #"drug:a\b"#, "event:" + String(repeating: "y", count: 20000), #""; DROP TABLE cases; --""#] {
            let r = try cli.run(["list", q, "--format", "tsv"])
            #expect(r.status == 0, "\(q.prefix(20)): \(r.stderr)")
            #expect(r.stdout.split(separator: "\n").count == 1, "\(q.prefix(20)) matched rows")
        }
        #expect(try cli.run(["list", "--format", "tsv"]).stdout.contains("hostile-1"))
    }

    /// Runs `onset` as the user `nobody` (CI runs as root, for whom file modes mean nothing): a
    /// copy of the binary in a folder anyone can read, since the checkout may sit under a home
    /// folder nobody cannot enter.
    static func runAsNobody(_ args: [String], db: String) throws -> CLIRunner.Result {
        let fm = FileManager.default
        let bin = fm.temporaryDirectory.appendingPathComponent("onset-nobody-\(UUID().uuidString)")
        try fm.createDirectory(at: bin, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: bin) }
        for item in ["onset", "Data/lexicon"] {
            let to = bin.appendingPathComponent(item)
            try fm.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: item == "onset" ? CLIRunner.binary : CLIRunner.repoRoot.appendingPathComponent(item), to: to)
        }
        chmod(bin.path, 0o755)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        p.arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", bin.appendingPathComponent("onset").path] + args + ["--db", db]
        p.environment = ["ONSET_LEXICON": bin.appendingPathComponent("Data/lexicon").path, "HOME": "/nonexistent", "PATH": "/usr/bin:/bin"]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLIRunner.Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static var canSwitchToNobody: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") && getpwnam("nobody") != nil
    }

    /// A library in a folder the user can read but not write, as on a shared server: it lists, it
    /// refuses an import with a clear message, and "database is locked" never shows.
    @Test func readOnlyLibraryOpensForReadingAsAnotherUser() throws {
        guard Self.canSwitchToNobody else {
            // Not root: the file modes apply to this user directly.
            let cli = try hostileLibrary()
            chmod(cli.db, 0o444); chmod(cli.dir.path, 0o555)
            defer { chmod(cli.dir.path, 0o755); chmod(cli.db, 0o644) }
            let r = try cli.run(["list", "--format", "tsv"])
            #expect(r.status == 0 && r.stdout.contains("hostile-1"), "\(r.stderr)")
            return
        }
        let cli = try hostileLibrary()
        // The folder and file belong to root (0755, 0644): nobody may read them, not write.
        #expect(!FileManager.default.fileExists(atPath: cli.db + "-shm"), "the import left its WAL index behind")
        let list = try Self.runAsNobody(["list", "--format", "tsv"], db: cli.db)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("hostile-1"))
        #expect(!list.stderr.contains("locked"))
        let show = try Self.runAsNobody(["show", "hostile-1"], db: cli.db)
        #expect(show.status == 0 && show.stdout.contains("hostile-1"), "\(show.stderr)")
        let imp = try Self.runAsNobody(["import", CLIRunner.repoRoot.appendingPathComponent("Data/cases").path], db: cli.db)
        #expect(imp.status != 0)
        #expect(imp.stderr.contains("read-only"), "\(imp.stderr)")
        #expect(try Library(path: cli.db, lexicon: .builtIn, readOnly: true).totalCases() == 1)
    }

    /// While another process holds the shared library open for writing (its WAL index exists and
    /// is live), a read-only user reads it through that index and sees the committed cases.
    @Test func readOnlyUserReadsWhileTheOwnerWrites() throws {
        guard Self.canSwitchToNobody else { return }
        let cli = try hostileLibrary()
        let owner = try Library(path: cli.db, lexicon: .builtIn)
        try owner.importCases([ImportBatch(key: "extra", kind: .literature, format: "json", cases: [{
            var c = Case(id: "extra-1", source: CaseSource(kind: .literature))
            c.drugs = [Drug(id: "d1", name: "heparin", generic: "heparin", role: .suspect)]
            c.events = [Event(id: "e1", term: "Rash", preferred: "Rash")]
            return c
        }()])])
        let list = try Self.runAsNobody(["list", "--format", "tsv"], db: cli.db)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("extra-1") && list.stdout.contains("hostile-1"))
        _ = try owner.totalCases()
    }

    /// Changes left in the -wal by a writer that was killed cannot be read without writing the
    /// folder: the read-only user gets a clear message, not an older library shown as current.
    @Test func readOnlyUserIsToldAboutPendingChanges() throws {
        guard Self.canSwitchToNobody else { return }
        let cli = try hostileLibrary()
        let owner = try Library(path: cli.db, lexicon: .builtIn)
        try owner.importCases([ImportBatch(key: "extra", kind: .literature, format: "json", cases: [{
            var c = Case(id: "extra-1", source: CaseSource(kind: .literature))
            c.drugs = [Drug(id: "d1", name: "heparin", generic: "heparin", role: .suspect)]
            c.events = [Event(id: "e1", term: "Rash", preferred: "Rash")]
            return c
        }()])])
        // A copy of the file and its -wal, as a killed writer leaves them, without the index.
        let copyDir = FileManager.default.temporaryDirectory.appendingPathComponent("onset-pending-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copyDir, withIntermediateDirectories: true)
        let copy = copyDir.appendingPathComponent("lib.sqlite").path
        try FileManager.default.copyItem(atPath: cli.db, toPath: copy)
        try FileManager.default.copyItem(atPath: cli.db + "-wal", toPath: copy + "-wal")
        _ = try owner.totalCases()
        let r = try Self.runAsNobody(["list", "--format", "tsv"], db: copy)
        #expect(r.status != 0)
        #expect(r.stderr.contains("-wal") && r.stderr.contains("cannot be read"), "\(r.stderr)")
    }

    /// `onset import` into a path with no library writes the library aside and moves it into
    /// place: afterwards the folder holds the library alone, in WAL mode; after a failed import
    /// it holds no library at all.
    @Test func importIntoANewLibraryLeavesOnlyTheLibrary() throws {
        let cli = CLIRunner()
        let r = try cli.run(["import", CLIRunner.repoRoot.appendingPathComponent("Data/cases").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.dir.path) == ["lib.sqlite"])
        let header = try #require(FileHandle(forReadingAtPath: cli.db)).readData(ofLength: 20)
        #expect(Array(header.suffix(2)) == [2, 2], "WAL read and write versions")
        #expect(try Library(path: cli.db, lexicon: .builtIn, readOnly: true).totalCases() > 0)

        let failed = CLIRunner()
        let bad = failed.dir.appendingPathComponent("bad.json")
        try Data("[{\"format\": \"onset.case/1\", ".utf8).write(to: bad)
        let f = try failed.run(["import", bad.path])
        #expect(f.status != 0)
        #expect(f.stderr.contains("nothing was imported"), "\(f.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: failed.dir.path) == ["bad.json"])
    }

    @Test func aReaderKeepsWorkingWhileAnotherProcessImports() throws {
        let cli = CLIRunner()
        #expect(try cli.run(["import", CLIRunner.repoRoot.appendingPathComponent("Data/cases").path]).status == 0)
        let before = try Library(path: cli.db, lexicon: .builtIn, readOnly: true).totalCases()
        // A large import in another process, while this process keeps querying.
        var cases: [Case] = []
        for k in 0..<3000 {
            var c = Case(id: "bulk-\(k)", source: CaseSource(kind: .literature))
            c.drugs = [Drug(id: "d1", name: "heparin", generic: "heparin", role: .suspect)]
            c.events = [Event(id: "e1", term: "Thrombocytopenia", preferred: "Thrombocytopenia")]
            cases.append(c)
        }
        let bulk = cli.dir.appendingPathComponent("bulk.json")
        try CaseWriter.text(cases).write(to: bulk, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = CLIRunner.binary
        p.arguments = ["import", bulk.path, "--db", cli.db]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let reader = try Library(path: cli.db, lexicon: .builtIn)
        var seen = Set<Int>()
        var errors: [String] = []
        while p.isRunning {
            do { seen.insert(try reader.totalCases()) } catch { errors.append("\(error)") }
        }
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(errors.isEmpty, "reader saw: \(errors.prefix(3))")
        // Each read saw a whole library: before the import or after it, nothing in between.
        #expect(seen.isSubset(of: [before, before + 3000]), "\(seen)")
        #expect(try reader.totalCases() == before + 3000)
    }

    /// `onset list` run again and again in its own process while another process imports: every
    /// run succeeds, never says "database is locked", and lists the library from before or after.
    @Test func listInOneProcessWhileAnotherImports() throws {
        let cli = CLIRunner()
        #expect(try cli.run(["import", CLIRunner.repoRoot.appendingPathComponent("Data/cases").path]).status == 0)
        let before = try Library(path: cli.db, lexicon: .builtIn, readOnly: true).totalCases()
        let cases = (0..<3000).map { k -> Case in
            var c = Case(id: "bulk-\(k)", source: CaseSource(kind: .literature))
            c.drugs = [Drug(id: "d1", name: "heparin", generic: "heparin", role: .suspect)]
            c.events = [Event(id: "e1", term: "Thrombocytopenia", preferred: "Thrombocytopenia")]
            return c
        }
        let bulk = cli.dir.appendingPathComponent("bulk.json")
        try CaseWriter.text(cases).write(to: bulk, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = CLIRunner.binary
        p.arguments = ["import", bulk.path, "--db", cli.db]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        var counts = Set<Int>(), failures: [String] = []
        repeat {
            let r = try cli.run(["list", "--format", "tsv", "--limit", "0"])
            if r.status != 0 || r.stderr.contains("locked") { failures.append(r.stderr) }
            counts.insert(r.stdout.split(separator: "\n").count - 1)
        } while p.isRunning
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(failures.isEmpty, "\(failures.prefix(2))")
        #expect(counts.isSubset(of: [before, before + 3000]), "\(counts)")
    }
}
