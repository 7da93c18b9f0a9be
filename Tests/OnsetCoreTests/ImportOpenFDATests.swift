import Foundation
import Testing
import ZIPFoundation
@testable import OnsetCore

@Suite struct ImportOpenFDATests {
    typealias S = ImportTestSupport
    static let bulk = S.fixture("openfda/drug-event-0001-of-0001.json")

    func check(_ lib: Library) throws {
        let a = try #require(try lib.loadCase(id: "openfda-10000001"))
        #expect(a.source.kind == .openfda)
        #expect(a.source.format == "openfda-json")
        #expect(a.source.record == "10000001")
        #expect(a.source.version == 2)
        #expect(a.source.citation == "Doe A. A case. {Lancet} 2014")
        #expect(a.patient.age == Quantity(7, .decade))
        #expect(a.patient.sex == .male)
        #expect(a.patient.weight == Quantity(80.5, .kg))
        #expect(a.dates.received == PartialDate(year: 2014, month: 1, day: 5))
        #expect(a.country == "US")
        #expect(a.serious == true)
        #expect(a.seriousness == [.death, .hospitalization])
        #expect(a.outcome == .fatal)
        #expect(a.events.map(\.outcome) == [.fatal, .recovered])
        // The case event date is the only onset openFDA has.
        #expect(a.events.allSatisfy { $0.onset == TimePoint(parsing: "2013-12-16") })
        #expect(a.drugs.map(\.role) == [.suspect, .concomitant, .interacting])
        #expect(a.drugs[0].generic == "alemtuzumab")
        #expect(a.drugs[0].route == "intravenous")
        #expect(a.drugs[0].action == .withdrawn)
        #expect(a.drugs[1].name == "ASPIRIN \"LOW DOSE\"")
        #expect(a.drugs[1].start == TimePoint(parsing: "2013-06"))     // format 610
        #expect(a.drugs[2].start == TimePoint(parsing: "2010"))        // format 602
        #expect(a.intervals.count == 2)
        #expect(a.intervals.contains(ReportedInterval(drug: "d3", anchor: .firstDose, min: 3, max: 3, unit: .week, text: "drugstartperiod 3 803")))
        #expect(a.intervals.contains(ReportedInterval(drug: "d3", anchor: .lastDose, min: 36, max: 36, unit: .hour, text: "druglastperiod 36 805")))
        let iv = try lib.intervals(Query.all).filter { $0.caseID == a.id }
        #expect(iv.first { $0.drug == "alemtuzumab" }?.first == DayRange(exactly: 15))
        #expect(iv.first { $0.drug == "WARFARIN" }?.first == DayRange(exactly: 21))
        #expect(iv.first { $0.drug == "WARFARIN" }?.last == DayRange(exactly: 1.5))

        let b = try #require(try lib.loadCase(id: "openfda-10000002"))
        #expect(b.serious == false)
        #expect(b.patient.age == Quantity(30, .day))
        #expect(b.patient.sex == .female)
        #expect(b.events.first?.outcome == .unknown)
        #expect(b.outcome == .unknown)
        #expect(b.drugs.first?.role == .suspect)
        #expect(b.drugs.first?.generic == "natalizumab")    // through the lexicon: Tysabri
        // CASE EVENT DATE 200807 after a start on 2008-07-10: 0…21 days.
        #expect(try lib.intervals(try QueryParser.parse("drug:natalizumab")).first?.first == DayRange(min: 0, max: 21))

        let c = try #require(try lib.loadCase(id: "openfda-10000003"))
        #expect(c.patient.age == Quantity(6, .hour))
        #expect(c.patient.sex == .unknown)
        #expect(c.events.map(\.outcome) == [.recovering, .notRecovered, .sequelae])
        #expect(c.seriousness == [.other])
        try S.expectRoundTrip(lib)
    }

    @Test func bulkFile() throws {
        let lib = try S.library()
        let s = try S.importing([Self.bulk], into: lib)
        #expect(s.sources.first?.format == .openfda)
        #expect(s.sources.first?.imported == 3)
        try check(lib)
    }

    @Test func zippedBulkFile() throws {
        let tmp = try S.tempDir()
        let zip = tmp.appendingPathComponent("drug-event-0001-of-0001.json.zip")
        try FileManager.default.zipItem(at: URL(fileURLWithPath: Self.bulk), to: zip)
        let lib = try S.library()
        let s = try S.importing([zip.path], into: lib)
        #expect(s.sources.first?.imported == 3)
        try check(lib)
    }

    @Test func arrayOfReportsAndOlderVersion() throws {
        let tmp = try S.tempDir()
        let json = try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.bulk))))
        guard case .array(var reports)? = json["results"] else { Issue.record("no results"); return }
        // The first report again as version 1: older than the version 2 already imported.
        if case .object(var pairs) = reports[0] {
            pairs = pairs.map { $0.0 == "safetyreportversion" ? ($0.0, .string("1")) : $0 }
            reports.append(.object(pairs))
        }
        let arr = tmp.appendingPathComponent("reports.json")
        try JSONWriter.write(.array(Array(reports.dropFirst()))).write(to: arr, atomically: true, encoding: .utf8)
        let lib = try S.library()
        try S.importing([Self.bulk], into: lib)
        let s = try S.importing([arr.path], into: lib)
        #expect(s.sources.first?.imported == 2)
        #expect(s.sources.first?.superseded == 1)
        #expect(try lib.loadCase(id: "openfda-10000001")?.source.version == 2)
    }

    @Test func truncatedFileNamesLine() throws {
        let tmp = try S.tempDir()
        let bad = tmp.appendingPathComponent("drug-event-bad.json")
        let text = try String(contentsOfFile: Self.bulk, encoding: .utf8)
        try String(text.prefix(text.count - 400)).write(to: bad, atomically: true, encoding: .utf8)
        let lib = try S.library()
        try S.importing([Self.bulk], into: lib)
        do {
            try S.importing([bad.path], into: lib)
            Issue.record("a truncated file imported")
        } catch let e as ImportError {
            #expect(e.file == bad.path)
            #expect(e.place?.hasPrefix("line ") == true)
        }
        #expect(try lib.totalCases() == 3)
    }

    @Test func realSampleReport() throws {
        guard let dir = S.samples("openfda") else { return }
        let lib = try S.library()
        let s = try S.importing([dir.appendingPathComponent("event_4562564.json").path], into: lib)
        #expect(s.sources.first?.imported == 1)
        let c = try #require(try lib.loadCase(id: "openfda-4562564-7"))
        // Facts read from the raw file: 62 years (801), female (2), 62 kg, 23 drugs, 86 reactions.
        #expect(c.source.caseNumber == "4562564")
        #expect(c.patient.age == Quantity(62, .year))
        #expect(c.patient.sex == .female)
        #expect(c.patient.weight == Quantity(62, .kg))
        #expect(c.drugs.count == 23)
        #expect(c.suspectDrugs.map(\.name) == ["VIOXX", "VIOXX"])
        #expect(c.suspectDrugs.first?.start == TimePoint(parsing: "2000-09-18"))
        #expect(c.suspectDrugs.first?.end == TimePoint(parsing: "2001-05-01"))
        #expect(c.suspectDrugs.first?.route == "oral")
        #expect(c.events.count == 86)
        #expect(c.events.first?.term == "ACTIVATED PARTIAL THROMBOPLASTIN TIME PROLONGED")
        #expect(c.events.first?.preferred == "Activated partial thromboplastin time prolonged")
        #expect(c.seriousness == [.hospitalization, .disability, .other])
        try S.expectRoundTrip(lib)
    }
}

/// A large bulk file streams: memory stays near one report however many the file holds.
@Suite struct ImportOpenFDABenchTests {
    @Test func largeBulkFileStreams() throws {
        // ONSET_OPENFDA_BENCH=100000 for a file of a real bulk part's size; small by default.
        let n = Int(ProcessInfo.processInfo.environment["ONSET_OPENFDA_BENCH"] ?? "") ?? 2000
        let dir = try ImportTestSupport.tempDir()
        let url = dir.appendingPathComponent("drug-event-0001-of-0001.json")
        _ = FileManager.default.createFile(atPath: url.path, contents: Data("{\n  \"meta\": {\"results\": {\"total\": \(n)}},\n  \"results\": [\n".utf8))
        let h = try FileHandle(forWritingTo: url)
        h.seekToEndOfFile()
        var chunk = ""
        for k in 0..<n {
            chunk += (k > 0 ? ",\n" : "") + """
                {"safetyreportid": "\(20_000_000 + k)", "serious": "1", "seriousnessother": "1", "receivedate": "20200101", "receivedateformat": "102",
                 "patient": {"patientonsetage": "\(20 + k % 60)", "patientonsetageunit": "801", "patientsex": "\(k % 3)",
                  "summary": {"narrativeincludeclinical": "CASE EVENT DATE: 201912"},
                  "reaction": [{"reactionmeddrapt": "Headache", "reactionoutcome": "1"}, {"reactionmeddrapt": "Nausea"}],
                  "drug": [{"drugcharacterization": "1", "medicinalproduct": "HUMIRA", "drugstartdateformat": "102", "drugstartdate": "20191115",
                            "openfda": {"generic_name": ["ADALIMUMAB"]}}, {"drugcharacterization": "2", "medicinalproduct": "ASPIRIN"}]}}
                """
            if chunk.utf8.count > 1 << 20 { h.write(Data(chunk.utf8)); chunk = "" }
        }
        h.write(Data((chunk + "\n  ]\n}\n").utf8))
        try h.close()
        let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        let lib = try ImportTestSupport.library()
        let t0 = Date()
        let s = try ImportTestSupport.importing([url.path], into: lib)
        let dt = Date().timeIntervalSince(t0)
        #expect(s.imported == n)
        #expect(try lib.intervals(try QueryParser.parse("drug:adalimumab"), limit: 1).first?.first == DayRange(min: 16, max: 46))
        print(String(format: "openFDA bulk file: %d reports, %.1f MB in %.2f s, peak RSS %.0f MiB",
                     n, Double(size) / 1e6, dt, ImportFAERSSampleTests.peakRSSMiB() ?? -1))
        try? FileManager.default.removeItem(at: dir)
    }
}
