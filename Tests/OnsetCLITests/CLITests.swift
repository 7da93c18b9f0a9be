import Foundation
import Testing
import OnsetCore

@Suite(.serialized) struct CLITests {
    let cli = CLIRunner()

    init() throws {
        let r = try cli.run(["import", CLIRunner.repoRoot.appendingPathComponent("Data").path])
        #expect(r.status == 0, "import failed: \(r.stderr)")
    }

    func intervals(_ query: String) throws -> [JSONValue] {
        let r = try cli.run(["intervals", query, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        guard case .array(let rows) = try JSONParser.parse(r.stdout) else { Issue.record("not an array"); return [] }
        return rows
    }

    /// `--db` after a several-word value is still the library option (it once became part of the
    /// value, and the correction went to the default library).
    @Test func setTakesSeveralWordsAndTheLibraryOptionAfterThem() throws {
        let r = try cli.run(["set", "lit-bcr-2013-203313", "e1.preferred", "Immune", "thrombocytopenia"])
        #expect(r.status == 0, "\(r.stderr)")
        let show = try cli.run(["show", "lit-bcr-2013-203313", "--format", "json"])
        #expect(show.stdout.contains("\"preferred\": \"Immune thrombocytopenia\"") || show.stdout.contains("\"preferred\":\"Immune thrombocytopenia\""),
                "\(show.stdout.prefix(400))")
    }

    @Test func alemtuzumabIntervalsAreOneDayAfterDoseTwo() throws {
        let rows = try intervals("drug:alemtuzumab").filter { $0["case"] == .string("lit-alemtuzumab-petechiae-epistaxis") }
        #expect(Set(rows.compactMap { if case .string(let s)? = $0["event"] { return s }; return nil }) == ["Petechiae", "Epistaxis"])
        for r in rows {
            #expect(r["dose"] == .number(2))
            #expect(r["last_min"] == .number(1))
            #expect(r["last_max"] == .number(1))
            #expect(r["drug"] == .string("alemtuzumab"))
        }
        // JSON keys are exactly the documented ones.
        if case .object(let pairs)? = rows.first {
            #expect(pairs.map(\.0) == ["case", "drug", "event", "dose", "first_min", "first_max", "last_min", "last_max", "basis"])
        }
    }

    @Test func natalizumabPurpuraAfterDoseThreeAndThrombocytopenia() throws {
        let rows = try intervals("drug:natalizumab").filter { $0["case"] == .string("lit-bcr-2013-203313") }
        let purpura = try #require(rows.first { $0["event"] == .string("Purpura") })
        #expect(purpura["dose"] == .number(3))
        #expect(purpura["last_min"] == .number(0))
        #expect(purpura["last_max"] == .number(1))
        #expect(rows.contains { $0["event"] == .string("Thrombocytopenia") })
    }

    @Test func brandNameAndBritishSpellingFindTheNatalizumabCase() throws {
        for q in ["drug:tysabri", "event:thrombocytopaenia"] {
            let r = try cli.run(["list", q, "--format", "tsv"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("lit-bcr-2013-203313\t52\tfemale\tnatalizumab"), "\(q): \(r.stdout)")
        }
    }

    @Test func malformedFileFailsWithPathAndLeavesTheLibraryUnchanged() throws {
        let before = try cli.run(["list", "--format", "json"]).stdout
        let bad = cli.dir.appendingPathComponent("broken.json")
        try #"{"format":"onset.case/1","id":"broken","source":{"kind":"literature"},"events":[{"id":"e1","term":"x"}],"drugs":[{"id":"d1","name":"y","role":"culprit"}]}"#
            .write(to: bad, atomically: true, encoding: .utf8)
        let good = cli.dir.appendingPathComponent("a-good.json")
        try CaseWriter.text(Case(id: "good-one", source: CaseSource(kind: .literature))).replacingOccurrences(of: "\"source\"", with: "\"events\": [{\"id\": \"e1\", \"term\": \"Rash\"}], \"source\"")
            .write(to: good, atomically: true, encoding: .utf8)
        let r = try cli.run(["import", good.path, bad.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("broken.json"))
        #expect(r.stderr.contains("$.drugs[0].role"))
        #expect(r.stderr.contains("library is unchanged"))
        #expect(try cli.run(["list", "--format", "json"]).stdout == before)
        #expect(try cli.run(["show", "good-one"]).status != 0)
    }

    @Test func showJSONRoundTripsThroughImport() throws {
        let other = CLIRunner()
        let ids = try cli.run(["list", "--format", "tsv"]).stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[0]) }
        #expect(ids.count >= 14)
        for id in ids {
            let shown = try cli.run(["show", id, "--format", "json"])
            let file = other.dir.appendingPathComponent("\(id).json")
            try shown.stdout.write(to: file, atomically: true, encoding: .utf8)
            #expect(try other.run(["import", file.path]).status == 0)
            #expect(try other.run(["show", id, "--format", "json"]).stdout == shown.stdout)
        }
    }

    @Test func badFilterPointsAtTheTerm() throws {
        let r = try cli.run(["list", "drug:x", "agee:3"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("drug:x agee:3"))
        #expect(r.stderr.contains("       ^^^^^^"))
        #expect(r.stderr.contains("unknown field \"agee\""))
    }

    @Test func timelineDrawsDosesAndInterval() throws {
        let r = try cli.run(["timeline", "lit-alemtuzumab-petechiae-epistaxis", "--width", "80", "--ascii"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("^2"))
        #expect(r.stdout.contains("1d after dose 2"))
        let asciiOnly = r.stdout.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(asciiOnly)
        // A width too narrow to draw in is refused, not quietly widened.
        for w in ["0", "10"] {
            let narrow = try cli.run(["timeline", "lit-alemtuzumab-petechiae-epistaxis", "--width", w])
            #expect(narrow.status != 0 && narrow.stderr.contains("--width must be at least 30"), "\(narrow.stderr)")
        }
    }

    @Test func showTextHasEverySection() throws {
        let r = try cli.run(["show", "lit-bcr-2013-203313"])
        for section in ["Patient", "Drugs", "Events", "Dose to onset", "Outcome", "Treatment of the reaction", "Tests", "Source", "Narrative"] {
            #expect(r.stdout.contains("\n\(section)\n"), "missing \(section)")
        }
        #expect(r.stdout.contains("doi:10.1136/bcr-2013-203313"))
    }
}
