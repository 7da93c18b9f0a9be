import Foundation
import Testing
import ZIPFoundation
@testable import OnsetCore

@Suite struct ImportFAERSTests {
    typealias S = ImportTestSupport

    @Test func currentLayoutWithByteQuirks() throws {
        let lib = try S.library()
        let summary = try S.importing([S.fixture("faers/faers_ascii_2015q3")], into: lib)
        let r = try #require(summary.sources.first)
        #expect(r.format == .faers)
        #expect(r.imported == 3)
        // Line 4 of DEMO has 28 fields: set aside with its place, never mis-aligned.
        #expect(r.quarantined == 1)
        #expect(r.quarantineSamples.first?.contains("DEMO15Q3.txt:4") == true)

        let c = try #require(try lib.loadCase(id: "faers-100001"))
        #expect(c.source.kind == .faers)
        #expect(c.source.record == "1000011")
        #expect(c.source.caseNumber == "100001")
        #expect(c.source.version == 1)
        #expect(c.source.format == "faers-ascii")
        // The Latin-1 byte 0xFC decodes as ü (the file is not UTF-8).
        #expect(c.source.citation == "Müller J. Purpura after natalizumab. J Neurol 2015")
        #expect(c.patient.age == Quantity(52, .year))
        #expect(c.patient.sex == .female)
        #expect(c.patient.weight == Quantity(70, .kg))
        #expect(c.country == "US")
        #expect(c.dates.received == PartialDate(year: 2015, month: 8, day: 1))
        #expect(c.serious == true)
        #expect(c.seriousness == [.hospitalization, .death])
        #expect(c.outcome == .fatal)
        #expect(c.notes?.contains("literature") == true)

        #expect(c.drugs.count == 2)
        let d1 = c.drugs[0]
        #expect(d1.name == "TYSABRI")
        #expect(d1.generic == "natalizumab")
        #expect(d1.role == .suspect)
        #expect(d1.route == "intravenous")
        #expect(d1.indication == "Multiple sclerosis")
        #expect(d1.dose == "300 MG, Q4W")
        // Two THER rows: two courses; start from the first, end from the last (a partial date).
        #expect(d1.courses.count == 2)
        #expect(d1.start == TimePoint(parsing: "2015-07-10"))
        #expect(d1.end == TimePoint(parsing: "2015-08"))
        #expect(c.drugs[1].role == .concomitant)
        #expect(c.drugs[1].generic == "aspirin")

        #expect(c.events.map(\.term) == ["Purpura", "Thrombocytopenia"])
        #expect(c.drugs.map(\.id) == ["d1", "d2"])
        #expect(c.events.map(\.id) == ["e1", "e2"])
        #expect(c.events.allSatisfy { $0.onset == TimePoint(parsing: "2015-07") })

        // An event in 2015-07 after a first dose on 2015-07-10: 0…21 days, never a guess.
        let iv = try lib.intervals(try QueryParser.parse("drug:natalizumab"))
        #expect(iv.count == 2)
        #expect(iv.allSatisfy { $0.first == DayRange(min: 0, max: 21) })
        #expect(try lib.count(try QueryParser.parse("drug:tysabri")) == 1)

        let c2 = try #require(try lib.loadCase(id: "faers-100002"))
        #expect(c2.patient.age == Quantity(8, .decade))
        #expect(c2.country == "GB")
        #expect(c2.drugs.first?.route == nil)           // "Unknown"
        #expect(c2.drugs.first?.note?.contains("dechallenge positive") == true)
        // 300 days does not fit the format's 0–200 range: kept exactly as weeks, with a note.
        let c3 = try #require(try lib.loadCase(id: "faers-100003"))
        #expect(c3.patient.age?.unit == .week)
        #expect(abs((c3.patient.ageInYears ?? 0) - 300 / 365.25) < 1e-9)
        #expect(c3.patient.sex == .unknown)
        #expect(c3.drugs.first?.generic == nil)
        try S.expectRoundTrip(lib)
    }

    @Test func followUpReplacesOlderIsSupersededDeletedRemoved() throws {
        let lib = try S.library()
        let s = try S.importing([S.fixture("faers/faers_ascii_2015q3"), S.fixture("faers/faers_ascii_2015q4")], into: lib)
        #expect(s.sources.count == 2)
        let q4 = s.sources[1]
        #expect(q4.imported == 1)          // 100001 v3
        #expect(q4.replaced == 1)          // replacing v1 from 2015Q3
        #expect(q4.superseded == 1)        // 100002 v1 arrives after v2
        #expect(q4.deleted == 1)           // 100003 (99999999 was never here)
        let c1 = try #require(try lib.loadCase(id: "faers-100001"))
        #expect(c1.source.version == 3)
        #expect(c1.source.record == "1000013")
        #expect(c1.patient.weight == Quantity(154, .lb))
        #expect(c1.events.map(\.term) == ["Purpura", "Epistaxis"])
        let c2 = try #require(try lib.loadCase(id: "faers-100002"))
        #expect(c2.source.version == 2)
        #expect(try lib.loadCase(id: "faers-100003") == nil)
        #expect(try lib.totalCases() == 2)
        let counts = Dictionary(uniqueKeysWithValues: try lib.sources().map { ($0.key, $0.cases) })
        #expect(counts[S.fixture("faers/faers_ascii_2015q3")] == 1)
        #expect(counts[S.fixture("faers/faers_ascii_2015q4")] == 1)

        // Importing the older quarter again: its versions are older or equal, ties replace.
        let again = try S.importing([S.fixture("faers/faers_ascii_2015q3")], into: lib)
        #expect(again.sources[0].superseded == 1)   // 100001 v1 < v3
        #expect(try lib.loadCase(id: "faers-100001")?.source.version == 3)
        #expect(try lib.loadCase(id: "faers-100002")?.source.version == 2)
    }

    /// One caseid twice in a quarter (primaryids 1000030 and 1000033 of the 2015Q3 fixture, the
    /// first's quarantined DEMO line repaired and given a reaction): both reports are built, and
    /// the version rule decides as across quarters: a higher version replaces, a lower one that
    /// comes second is superseded. New cases are written in batches, so the second report's
    /// lookup must see the first although it was written only moments before, in the same batch.
    @Test(arguments: [("0", "1"), ("1", "0")])
    func aCaseTwiceInOneQuarter(first: String, second: String) throws {
        let dir = try S.tempDir().appendingPathComponent("faers_ascii_2015q3")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: S.fixture("faers/faers_ascii_2015q3")), to: dir)
        let demo = dir.appendingPathComponent("ASCII/DEMO15Q3.txt")
        var lines = [UInt8](try Data(contentsOf: demo)).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        func fields(_ line: [UInt8]) -> [[UInt8]] { line.split(separator: 0x24, omittingEmptySubsequences: false).map(Array.init) }
        func join(_ f: [[UInt8]]) -> [UInt8] { Array(f.joined(separator: [0x24])) }
        let crlf = lines[3].last == 0x0D
        var four = Array(fields(crlf ? Array(lines[3].dropLast()) : lines[3]).prefix(25))
        var five = fields(crlf ? Array(lines[4].dropLast()) : lines[4])
        #expect(String(decoding: four[0], as: UTF8.self) == "1000030" && String(decoding: five[0], as: UTF8.self) == "1000033")
        four[2] = Array(first.utf8); five[2] = Array(second.utf8)
        lines[3] = join(four) + (crlf ? [0x0D] : []); lines[4] = join(five) + (crlf ? [0x0D] : [])
        try Data(Array(lines.joined(separator: [0x0A]))).write(to: demo)
        // A reaction for 1000030 (REAC rows are sorted by primaryid, so it goes before 1000033's).
        let reac = dir.appendingPathComponent("ASCII/REAC15Q3.txt")
        var text = try String(contentsOf: reac, encoding: .utf8)
        text = text.replacingOccurrences(of: "1000033$100003$Rash$", with: "1000030$100003$Urticaria$\r\n1000033$100003$Rash$")
        try text.write(to: reac, atomically: true, encoding: .utf8)

        let lib = try S.library()
        let r = try #require(try S.importing([dir.path], into: lib).sources.first)
        #expect(r.quarantined == 0)
        #expect(try lib.totalCases() == 3)
        let c = try #require(try lib.loadCase(id: "faers-100003"))
        let secondIsOlder = second < first
        #expect(c.source.version == 1)
        #expect(c.source.record == (secondIsOlder ? "1000030" : "1000033"))
        #expect(c.events.map(\.term) == (secondIsOlder ? ["Urticaria"] : ["Rash"]))
        #expect(r.superseded == (secondIsOlder ? 1 : 0))
        #expect(r.replaced == (secondIsOlder ? 0 : 1))
        let leftovers = try lib.read { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM case_drugs WHERE case_n NOT IN (SELECT n FROM cases))
                     + (SELECT count(*) FROM case_events WHERE case_n NOT IN (SELECT n FROM cases))
                     + (SELECT count(*) FROM case_intervals WHERE case_n NOT IN (SELECT n FROM cases))
                     + (SELECT count(*) FROM case_text WHERE rowid NOT IN (SELECT n FROM cases))
                     + (SELECT count(*) FROM cases WHERE n NOT IN (SELECT rowid FROM case_text))
                """) ?? -1
        }
        #expect(leftovers == 0)
        #expect(try lib.ids(QueryParser.parse("event:urticaria")) == (secondIsOlder ? ["faers-100003"] : []))
    }

    /// Either thread may write a case's JSON (the reading one while the inserting one is behind):
    /// the library is the same whichever does, including follow-ups, supersessions and deletions.
    @Test func theLibraryIsTheSameWhicheverThreadWritesTheJSON() throws {
        var dumps: [[String]] = []
        for mode in [FAERSProducer.DocumentWriter.readingThread, .insertingThread, .lessBusyThread] {
            var runner = ImportRunner()
            runner.importers[.faers] = FAERSImporter(documents: mode)
            let lib = try S.library()
            _ = try runner.run([S.fixture("faers/faers_ascii_2015q3"), S.fixture("faers/faers_ascii_2015q4")], into: lib)
            dumps.append(try NewLibraryImportTests.dump(lib.path))
        }
        #expect(dumps[0].contains { $0.contains("faers-100001") })
        #expect(dumps[0] == dumps[1])
        #expect(dumps[1] == dumps[2])
    }

    @Test func layout2012Q4FromZip() throws {
        let tmp = try S.tempDir()
        let zip = tmp.appendingPathComponent("faers_ascii_2012q4.zip")
        try FileManager.default.zipItem(at: URL(fileURLWithPath: S.fixture("faers/faers_ascii_2012q4/ascii")), to: zip)
        let lib = try S.library()
        let s = try S.importing([zip.path], into: lib)
        #expect(s.sources.first?.imported == 1)
        let c = try #require(try lib.loadCase(id: "faers-800001"))
        #expect(c.patient.sex == .male)                  // gndr_cod
        #expect(c.patient.age == Quantity(6, .month))
        #expect(c.seriousness == [.lifeThreatening])      // outc_code
        #expect(c.drugs.first?.generic == nil)            // no prod_ai before 2014Q3
        #expect(c.drugs.first?.start == TimePoint(parsing: "2012-09-28"))
        #expect(c.drugs.first?.indication == "Otitis media")
        #expect(c.source.file == zip.path)
        let iv = try lib.intervals(Query.all)
        #expect(iv.first?.first == DayRange(exactly: 3))
        try S.expectRoundTrip(lib)
    }

    @Test func legacyAERSFolder() throws {
        let lib = try S.library()
        let s = try S.importing([S.fixture("faers/aers_ascii_2010q1/ascii")], into: lib)
        let r = try #require(s.sources.first)
        #expect(r.imported == 2)
        #expect(r.quarantined == 0)          // trailing `$` on data rows only is the layout, not an error
        let c = try #require(try lib.loadCase(id: "faers-5900001"))
        #expect(c.source.record == "6200001")
        #expect(c.source.version == 0)
        #expect(c.source.format == "aers-ascii")
        #expect(c.events.map(\.term) == ["STEVENS-JOHNSON SYNDROME", "PYREXIA"])
        #expect(c.events.map(\.preferred) == ["Stevens-johnson syndrome", "Pyrexia"])
        #expect(c.drugs.first?.indication == "EPILEPSY")
        #expect(c.drugs.first?.courses == [Course(start: TimePoint(parsing: "2009-12-01"), end: TimePoint(parsing: "2009-12-16"))])
        #expect(c.seriousness == [.hospitalization])
        #expect(try lib.loadCase(id: "faers-5900002")?.source.version == 2)
        #expect(try lib.intervals(Query.all).first?.first == DayRange(exactly: 14))
        try S.expectRoundTrip(lib)
    }

    @Test func outOfOrderTablesFallBackToStaging() throws {
        // The 2015Q3 fixture with DRUG and REAC rows reversed: the merge join must notice and the
        // staged join must give the same cases.
        let tmp = try S.tempDir()
        let src = URL(fileURLWithPath: S.fixture("faers/faers_ascii_2015q3"))
        let dst = tmp.appendingPathComponent("faers_ascii_2015q3")
        try FileManager.default.copyItem(at: src, to: dst)
        for t in ["DRUG15Q3.txt", "REAC15Q3.txt"] {
            let u = dst.appendingPathComponent("ASCII").appendingPathComponent(t)
            let lines = try String(contentsOf: u, encoding: .isoLatin1).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            let body = [lines[0]] + lines.dropFirst().reversed()
            try (body.joined(separator: "\r\n") + "\r\n").write(to: u, atomically: true, encoding: .isoLatin1)
        }
        let sorted = try S.library(), shuffled = try S.library()
        try S.importing([src.path], into: sorted)
        let s = try S.importing([dst.path], into: shuffled)
        #expect(s.sources.first?.warnings.contains { $0.contains("not sorted") } == true)
        #expect(s.sources.first?.quarantined == 1)
        for id in try sorted.ids(Query.all) {
            var a = try #require(try sorted.loadCase(id: id)), b = try #require(try shuffled.loadCase(id: id))
            a.source.file = nil; b.source.file = nil
            // Reversed REAC rows reverse the reactions within a case; everything else is equal.
            #expect(Set(a.events.map(\.term)) == Set(b.events.map(\.term)))
            a.events = []; b.events = []
            #expect(a == b)
        }
        #expect(try shuffled.totalCases() == 3)
    }

    @Test func badInputNamesFileAndRollsBack() throws {
        let tmp = try S.tempDir()
        let q = tmp.appendingPathComponent("faers_ascii_2099q1/ASCII")
        try FileManager.default.createDirectory(at: q, withIntermediateDirectories: true)
        try "primaryid$caseid\n1$1\n".write(to: q.appendingPathComponent("DEMO99Q1.txt"), atomically: true, encoding: .utf8)
        try "no header here\n".write(to: q.appendingPathComponent("DRUG99Q1.txt"), atomically: true, encoding: .utf8)
        try "primaryid$caseid$pt\n1$1$Rash\n".write(to: q.appendingPathComponent("REAC99Q1.txt"), atomically: true, encoding: .utf8)
        let lib = try S.library()
        try S.importing([S.fixture("faers/faers_ascii_2012q4")], into: lib)
        #expect(throws: ImportError.self) {
            try S.importing([S.fixture("faers/aers_ascii_2010q1"), q.deletingLastPathComponent().path], into: lib)
        }
        do {
            try S.importing([q.deletingLastPathComponent().path], into: lib)
        } catch let e as ImportError {
            #expect(e.file.hasSuffix("DRUG99Q1.txt"))
            #expect(e.place == "line 1")
            #expect(e.message.contains("primaryid"))
        }
        // The failed import left nothing behind: the legacy quarter's cases are not there.
        #expect(try lib.totalCases() == 1)
    }
}

@Suite struct ImportPlanTests {
    typealias S = ImportTestSupport

    @Test func folderOfQuartersAndYears() throws {
        // A folder holding two FAERS quarters (with a PDF and a STAT table beside the tables)
        // and a VAERS year: each quarter and the year are one source.
        let tmp = try S.tempDir()
        for q in ["faers_ascii_2015q3", "faers_ascii_2015q4"] {
            try FileManager.default.copyItem(at: URL(fileURLWithPath: S.fixture("faers/\(q)")), to: tmp.appendingPathComponent(q))
        }
        try Data("%PDF".utf8).write(to: tmp.appendingPathComponent("faers_ascii_2015q3/ASCII/ASC_NTS.pdf"))
        try Data("counts\n".utf8).write(to: tmp.appendingPathComponent("faers_ascii_2015q3/ASCII/STAT15Q3.TXT"))
        try FileManager.default.copyItem(at: URL(fileURLWithPath: S.fixture("vaers/1995")), to: tmp.appendingPathComponent("1995"))
        let plan = try ImportRunner().plan([tmp.path])
        #expect(plan.sources.map(\.1) == [.vaers, .faers, .faers])
        let lib = try S.library()
        let s = try S.importing([tmp.path], into: lib)
        #expect(s.imported == 5)
        #expect(try lib.loadCase(id: "faers-100001")?.source.version == 3)
    }

    @Test func singleTableFileMeansItsQuarter() throws {
        let plan = try ImportRunner().plan([S.fixture("faers/faers_ascii_2015q3/ASCII/DRUG15Q3.txt"),
                                            S.fixture("faers/faers_ascii_2015q3/ASCII/DEMO15Q3.txt")])
        #expect(plan.sources.count == 1)
        #expect(plan.sources.first?.0.path == S.fixture("faers/faers_ascii_2015q3"))
        #expect(plan.skipped.count == 1)
    }

    @Test func forcedFormatOverridesDetection() throws {
        let tmp = try S.tempDir().appendingPathComponent("export.dat")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: S.fixture("openfda/drug-event-0001-of-0001.json")), to: tmp)
        #expect(try ImportRunner(forcedFormat: .e2b).plan([tmp.path]).sources.first?.1 == .e2b)
        let lib = try S.library()
        #expect(throws: ImportError.self) { try S.importing([tmp.path], into: lib, format: .e2b) }
        let s = try S.importing([tmp.path], into: lib, format: .openfda)
        #expect(s.imported == 3)
    }
}
