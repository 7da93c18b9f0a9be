import Foundation
import Testing
import OnsetCore

@Suite(.serialized) struct ReliabilityCLITests {
    static let hostile = "evil \u{1B}]52;c;SGVsbG8=\u{07} \u{1B}[2J \u{202E}rtl\u{08}\r \u{9B}31m"

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

    @Test func readOnlyLibraryStillLists() throws {
        let cli = try hostileLibrary()
        let dir = cli.dir.path
        chmod(cli.db, 0o444)
        chmod(dir, 0o555)
        defer { chmod(dir, 0o755); chmod(cli.db, 0o644) }
        guard getuid() != 0 else { return }   // root ignores file modes; the library test covers readOnly: true
        let r = try cli.run(["list", "--format", "tsv"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("hostile-1"))
        let imp = try cli.run(["import", CLIRunner.repoRoot.appendingPathComponent("Data").path])
        #expect(imp.status != 0)
        #expect(imp.stderr.contains("read-only"))
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
}
