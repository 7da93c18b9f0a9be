import Foundation
import Testing
import ZIPFoundation
@testable import OnsetCore

@Suite struct ImportVAERSTests {
    typealias S = ImportTestSupport

    func check2021(_ lib: Library, _ r: SourceResult) throws {
        #expect(r.format == .vaers)
        #expect(r.imported == 3)
        #expect(r.quarantined == 1)
        #expect(r.quarantineSamples.first?.contains("2021VAERSDATA.csv:5") == true)

        let a = try #require(try lib.loadCase(id: "vaers-0916602"))
        #expect(a.source.record == "0916602")
        #expect(a.source.format == "vaers-csv")
        #expect(a.patient.age == Quantity(45, .year))
        #expect(a.patient.sex == .female)
        #expect(a.patient.conditions == ["Asthma"])
        // A quoted field holding a CRLF, doubled quotes and UTF-8.
        #expect(a.narrative == "Fever and chills one day after the \"second\" dose.\r\nFelt better (café visit) next day.")
        #expect(a.outcome == .recovered)
        #expect(a.serious == false)
        #expect(a.events.map(\.term) == ["Chills", "Pyrexia"])
        #expect(a.events.allSatisfy { $0.onset == TimePoint(parsing: "2020-12-31") })
        #expect(a.drugs.map(\.name) == ["COVID19 (COVID19 (PFIZER-BIONTECH))"])
        #expect(a.drugs[0].generic == "covid19")
        #expect(a.drugs[0].role == .suspect)
        #expect(a.drugs[0].administrations == [Administration(number: 2, time: TimePoint(parsing: "2020-12-30"))])
        #expect(a.intervals == [ReportedInterval(drug: "d1", anchor: .dose, dose: 2, min: 1, max: 1, unit: .day, text: "NUMDAYS 1")])
        let ia = try lib.intervals(Query.all).filter { $0.caseID == a.id }
        #expect(ia.allSatisfy { $0.dose == 2 && $0.last == DayRange(exactly: 1) && $0.first == nil })

        let b = try #require(try lib.loadCase(id: "vaers-0916601"))
        #expect(b.narrative == "Patient\u{2019}s breathing worsened.")     // cp1252 0x92
        #expect(b.seriousness == [.death, .lifeThreatening, .hospitalization, .other])
        #expect(b.serious == true)
        #expect(b.outcome == .fatal)
        #expect(b.drugs[0].route == "intramuscular")
        #expect(b.drugs[0].administrations.isEmpty)          // VAX_DOSE_SERIES UNK
        #expect(b.drugs[0].end == TimePoint(parsing: "2020-12-28"))
        #expect(b.intervals == [ReportedInterval(drug: "d1", anchor: .lastDose, min: 0, max: 0, unit: .day, text: "NUMDAYS 0")])
        #expect(b.tests.first?.result == "O2 sat 85%")

        let c = try #require(try lib.loadCase(id: "vaers-0916604"))
        #expect(c.drugs.count == 2)
        #expect(c.drugs[1].route == "subcutaneous")
        #expect(c.intervals.isEmpty)
        #expect(c.seriousness == [.other])
        #expect(c.serious == false)
        #expect(try lib.count(try QueryParser.parse("drug:covid19")) == 3)
        try S.expectRoundTrip(lib)
    }

    @Test func yearFolder() throws {
        let lib = try S.library()
        let s = try S.importing([S.fixture("vaers/2021")], into: lib)
        try check2021(lib, try #require(s.sources.first))
    }

    @Test func threeFilesGivenTogether() throws {
        let lib = try S.library()
        let files = ["DATA", "VAX", "SYMPTOMS"].map { S.fixture("vaers/2021/2021VAERS\($0).csv") }
        let s = try S.importing(files, into: lib)
        #expect(s.sources.count == 1)
        #expect(s.skipped.count == 2)
        try check2021(lib, try #require(s.sources.first))
    }

    @Test func yearZip() throws {
        let tmp = try S.tempDir()
        let zip = tmp.appendingPathComponent("2021VAERSData.zip")
        try FileManager.default.zipItem(at: URL(fileURLWithPath: S.fixture("vaers/2021")), to: zip, shouldKeepParent: false)
        let lib = try S.library()
        let s = try S.importing([zip.path], into: lib)
        try check2021(lib, try #require(s.sources.first))
    }

    @Test func olderVaxDoseColumn() throws {
        let lib = try S.library()
        try S.importing([S.fixture("vaers/1995")], into: lib)
        let c = try #require(try lib.loadCase(id: "vaers-0071234"))
        // VAX_DOSE counts earlier doses: 2 means this was dose 3.
        #expect(c.drugs[0].administrations.first?.number == 3)
        #expect(c.intervals.first?.anchor == .dose)
        #expect(c.intervals.first?.dose == 3)
        #expect(c.narrative == "Irritable, crying \"for hours\"")
        #expect(c.patient.age == Quantity(0.5, .year))
        try S.expectRoundTrip(lib)
    }

    @Test func unterminatedQuoteIsAnError() throws {
        let tmp = try S.tempDir().appendingPathComponent("2022")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: S.fixture("vaers/2021")), to: tmp)
        for f in ["VAX", "SYMPTOMS"] {
            try FileManager.default.moveItem(at: tmp.appendingPathComponent("2021VAERS\(f).csv"), to: tmp.appendingPathComponent("2022VAERS\(f).csv"))
        }
        let data = try Data(contentsOf: tmp.appendingPathComponent("2021VAERSDATA.csv"))
        try (data + Data("0999999,01/01/2022,CA,1,,,F,,\"never closed\n".utf8)).write(to: tmp.appendingPathComponent("2022VAERSDATA.csv"))
        try FileManager.default.removeItem(at: tmp.appendingPathComponent("2021VAERSDATA.csv"))
        let lib = try S.library()
        do {
            try S.importing([tmp.path], into: lib)
            Issue.record("imported a file with an unterminated quote")
        } catch let e as ImportError {
            #expect(e.file.hasSuffix("2022VAERSDATA.csv"))
            #expect(e.place == "line 7")
        }
        #expect(try lib.totalCases() == 0)
    }

    @Test func realSample1990() throws {
        guard let dir = S.samples("vaers") else { return }
        let lib = try S.library()
        let s = try S.importing([dir.path], into: lib)
        let r = try #require(s.sources.first)
        // 2106 DATA rows, each with VAX and SYMPTOMS rows (checked with Python's csv module).
        #expect(r.imported == 2106)
        #expect(r.quarantined == 0)
        let a = try #require(try lib.loadCase(id: "vaers-025001"))
        #expect(a.patient.age == Quantity(0.2, .year))
        #expect(a.patient.sex == .female)
        #expect(a.events.map(\.term) == ["Agitation"])
        #expect(a.drugs.first?.name == "DTP (NO BRAND NAME)")
        #expect(a.intervals.first?.min == 0)
        let b = try #require(try lib.loadCase(id: "vaers-025003"))
        #expect(b.patient.sex == .male)
        #expect(b.outcome == .fatal)
        #expect(b.events.map(\.term) == ["Delirium", "Hypokinesia", "Hypotonia"])
        #expect(b.drugs.first?.administrations.first?.number == 4)     // VAX_DOSE 3
        #expect(b.intervals.first == ReportedInterval(drug: "d1", anchor: .dose, dose: 4, min: 6, max: 6, unit: .day, text: "NUMDAYS 6"))
        // Counts over the raw DATA file: 1154 F, 783 M, 77 died.
        #expect(try lib.count(try QueryParser.parse("sex:f")) == 1154)
        #expect(try lib.count(try QueryParser.parse("sex:m")) == 783)
        #expect(try lib.count(try QueryParser.parse("outcome:fatal")) == 77)
        try S.expectRoundTrip(lib)
    }
}
