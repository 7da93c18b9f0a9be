import Foundation
import Testing
@testable import OnsetCore

@Suite struct ImportE2BTests {
    typealias S = ImportTestSupport

    @Test func r2PeriodsAndDates() throws {
        let lib = try S.library()
        let s = try S.importing([S.fixture("e2b/r2_periods.xml")], into: lib)
        let r = try #require(s.sources.first)
        #expect(r.format == .e2b)
        #expect(r.imported == 1)
        #expect(r.quarantined == 1)            // the second report has no reaction
        #expect(r.quarantineSamples.first?.contains("safetyreport[2]") == true)
        let c = try #require(try lib.loadCase(id: "e2b-US-ACME-2019-0001"))
        #expect(c.source.kind == .e2b)
        #expect(c.source.format == "e2b-r2")
        #expect(c.source.version == 1)
        #expect(c.dates.received == PartialDate(year: 2019, month: 3, day: 12))
        #expect(c.country == "DE")
        #expect(c.patient.age == Quantity(34, .year))
        #expect(c.patient.sex == .female)
        #expect(c.patient.conditions == ["Relapsing-remitting multiple sclerosis"])
        #expect(c.narrative?.hasPrefix("A 34-year-old woman") == true)
        #expect(c.seriousness == [.hospitalization])
        #expect(c.events.map(\.term) == ["low platelets", "EPISTAXIS"])
        #expect(c.events.map(\.preferred) == ["Thrombocytopenia", "Epistaxis"])
        #expect(c.events.map(\.onset) == [TimePoint(parsing: "2019-02"), TimePoint(parsing: "2019-02-20")])
        #expect(c.events.map(\.outcome) == [.recovering, .recovered])
        #expect(c.drugs[0].generic == "alemtuzumab")
        #expect(c.drugs[0].action == .notApplicable)
        #expect(c.drugs[1].name == "Calcium & Vitamin D")
        #expect(c.intervals.contains(ReportedInterval(drug: "d1", anchor: .firstDose, min: 14, max: 14, unit: .month, text: "drugstartperiod 14 802")))
        #expect(c.intervals.contains(ReportedInterval(drug: "d1", anchor: .lastDose, min: 10, max: 10, unit: .week, text: "druglastperiod 10 803")))
        #expect(c.intervals.contains(ReportedInterval(drug: "d2", anchor: .firstDose, min: 90, max: 90, unit: .minute, text: "drugstartperiod 90 806")))
        let iv = try lib.intervals(try QueryParser.parse("drug:alemtuzumab"))
        #expect(iv.count == 2)
        #expect(iv.allSatisfy { $0.first == DayRange(exactly: 14 * 30.4375) && $0.last == DayRange(exactly: 70) })
        try S.expectRoundTrip(lib)
    }

    @Test func aersSGMLQuirks() throws {
        let lib = try S.library()
        let s = try S.importing([S.fixture("e2b/aers_quirks.sgm")], into: lib)
        #expect(s.sources.first?.imported == 1)
        let c = try #require(try lib.loadCase(id: "e2b-9999999-1"))
        #expect(c.source.format == "aers-sgml")
        #expect(c.drugs[0].name == "OS-CAL + D & VITAMIN C")      // a bare & in SGML
        #expect(c.drugs[0].indication == "PAIN \u{B4}NOS\u{B4}")    // a Latin-1 byte
        #expect(c.events.first?.preferred == "Cardiac arrest")
        #expect(c.outcome == .fatal)
        #expect(c.intervals == [ReportedInterval(drug: "d1", anchor: .lastDose, min: 2, max: 2, unit: .day, text: "druglastperiod 2 804")])
        try S.expectRoundTrip(lib)
    }

    @Test func r3IntervalsUnitsAndNullFlavors() throws {
        let lib = try S.library()
        let s = try S.importing([S.fixture("e2b/r3_intervals.xml")], into: lib)
        #expect(s.sources.first?.imported == 1)
        let c = try #require(try lib.loadCase(id: "e2b-US-ACME-R3-0001"))
        #expect(c.source.format == "e2b-r3")
        #expect(c.source.record == "US-ACME-R3-0001")
        #expect(c.source.caseNumber == "US-ACME-WW-0001")
        #expect(c.source.citation == "Roe B. Purpura. Neurology 2020")
        #expect(c.notes?.contains("message id MSG-0001") == true)
        #expect(c.narrative?.hasPrefix("Purpura ten days") == true)
        #expect(c.dates.received == PartialDate(year: 2020, month: 1, day: 15))
        #expect(c.patient.sex == .female)
        #expect(c.patient.age == Quantity(4, .decade))
        #expect(c.patient.weight == Quantity(61.5, .kg))
        #expect(c.country == "US")
        #expect(c.seriousness == [.hospitalization])        // death is a nullFlavor: not a value
        #expect(c.events.map(\.term) == ["purple spots on the legs", "nose bleed"])
        #expect(c.events[1].preferred == "Epistaxis")
        #expect(c.events[0].onset == TimePoint(parsing: "2020-01-11"))
        #expect(c.events[0].end == TimePoint(parsing: "2020-01-25"))
        #expect(c.events[1].onset == nil)                   // low nullFlavor="ASKU"
        #expect(c.events.map(\.outcome) == [.recovered, .unknown])
        #expect(c.drugs.map(\.role) == [.suspect, .interacting])
        #expect(c.drugs[0].generic == "natalizumab")
        #expect(c.drugs[0].route == "intravenous")
        #expect(c.drugs[0].dose == "300 mg every 4 weeks")
        #expect(c.drugs[0].indication == "Multiple sclerosis")
        #expect(c.drugs[0].action == .withdrawn)
        #expect(c.drugs[0].start == TimePoint(parsing: "2020-01-01"))
        #expect(c.intervals == [
            ReportedInterval(drug: "d1", event: "e1", anchor: .firstDose, min: 10, max: 10, unit: .day, text: "SAS 10 d"),
            ReportedInterval(drug: "d1", event: "e2", anchor: .lastDose, min: 6, max: 6, unit: .hour, text: "SAE 6 h"),
            ReportedInterval(drug: "d2", event: "e1", anchor: .firstDose, min: 2, max: 2, unit: .week, text: "SAS 2 wk"),
            ReportedInterval(drug: "d2", event: "e1", anchor: .lastDose, min: 1.5, max: 1.5, unit: .minute, text: "SAE 90 s"),
        ])
        let iv = try lib.intervals(Query.all)
        #expect(iv.count == 4)
        #expect(iv[0].first == DayRange(exactly: 10))
        #expect(iv[1].first == nil)                          // SAS for e2 is a nullFlavor
        #expect(iv[1].last == DayRange(exactly: 0.25))
        #expect(iv[2].first == DayRange(exactly: 14))
        try S.expectRoundTrip(lib)
    }

    @Test func malformedXMLNamesPlace() throws {
        let tmp = try S.tempDir().appendingPathComponent("broken.xml")
        try "<ichicsr><safetyreport><safetyreportid>1</safetyreportid><patient></safetyreport></ichicsr>".write(to: tmp, atomically: true, encoding: .utf8)
        let lib = try S.library()
        do {
            try S.importing([tmp.path], into: lib)
            Issue.record("malformed XML imported")
        } catch let e as ImportError {
            #expect(e.file == tmp.path)
            #expect(e.place?.contains("line 1") == true)
            #expect(e.message.contains("not well-formed"))
        }
        let r3 = try S.tempDir().appendingPathComponent("noid.xml")
        try """
            <MCCI_IN200100UV01 xmlns="urn:hl7-org:v3"><PORR_IN049016UV><controlActProcess><subject><investigationEvent>
            <id extension="X" root="1.2.3"/></investigationEvent></subject></controlActProcess></PORR_IN049016UV></MCCI_IN200100UV01>
            """.write(to: r3, atomically: true, encoding: .utf8)
        do {
            try S.importing([r3.path], into: lib)
            Issue.record("an R3 report without C.1.1 imported")
        } catch let e as ImportError {
            #expect(e.place?.contains("PORR_IN049016UV[1]/controlActProcess/subject/investigationEvent/id") == true)
            #expect(e.message.contains("C.1.1"))
        }
    }

    @Test func realAERSSGMLSample() throws {
        guard let dir = S.samples("e2b_r2") else { return }
        let lib = try S.library()
        try S.importing([dir.appendingPathComponent("aers_event_4562564.sgm").path], into: lib)
        let c = try #require(try lib.loadCase(id: "e2b-4562564-7"))
        // From the raw file: 62 years, female, 62 kg, 23 drugs (one unnamed), 86 reactions.
        #expect(c.patient.age == Quantity(62, .year))
        #expect(c.patient.sex == .female)
        #expect(c.drugs.count == 23)
        #expect(c.drugs.last?.name == "PERCOCET")
        #expect(c.suspectDrugs.map(\.name) == ["VIOXX", "VIOXX"])
        #expect(c.suspectDrugs.map(\.indication) == ["PAIN", "OSTEOARTHRITIS"])
        #expect(c.events.count == 86)
        #expect(c.seriousness == [.hospitalization, .disability, .other])
        #expect(c.dates.received == PartialDate(year: 2005, month: 1, day: 27))
        try S.expectRoundTrip(lib)
    }

    @Test func realR3Scenarios() throws {
        guard let dir = S.samples("e2b_r3") else { return }
        let lib = try S.library()
        let files = ["FAERS2022Scenario1.xml", "FAERS2022Scenario2.xml", "FAERS2022Scenario3.xml", "FAERS2022Scenario6.xml"]
        // Scenarios 1, 3 and 6 share the report id US-APHARMA-8744554B: a later import replaces.
        let first = try ImportTestSupport.library()
        try S.importing([dir.appendingPathComponent(files[0]).path], into: first)
        let s = try S.importing(files.map { dir.appendingPathComponent($0).path }, into: lib)
        #expect(s.imported == 4)
        #expect(try lib.totalCases() == 2)
        let one = try #require(try first.loadCase(id: "e2b-US-APHARMA-8744554B"))
        // Scenario 1: male, 48 years, two reactions from 2014-10-10, Drug A and B suspect, C concomitant.
        #expect(one.patient.sex == .male)
        #expect(one.patient.age == Quantity(48, .year))
        #expect(one.events.map(\.term) == ["THROMBOSE VEINEUSE PROFONDE", "COLITE ISCHEMIQUE"])
        #expect(one.events.allSatisfy { $0.onset == TimePoint(parsing: "2014-10-10") })
        #expect(one.events.map(\.outcome) == [.notRecovered, .recovered])
        #expect(one.drugs.map(\.name) == ["Drug A", "Drug B", "Drug C"])
        #expect(one.drugs.map(\.role) == [.suspect, .suspect, .concomitant])
        #expect(one.seriousness == [.disability, .other])

        // Scenario 6: Drug A suspect, Drug B interacting; SAS 10 d / SAE 10 min for reaction 1,
        // SAS 10 d / SAE 10 d for reaction 2; reaction 1 results in death.
        let six = try #require(try lib.loadCase(id: "e2b-US-APHARMA-8744554B"))
        #expect(six.source.file?.hasSuffix("Scenario6.xml") == true)
        #expect(six.drugs.prefix(2).map(\.role) == [.suspect, .interacting])
        #expect(six.events.first?.term == "Altered Consciousness")
        #expect(six.outcome == .fatal)
        #expect(six.intervals == [
            ReportedInterval(drug: "d1", event: "e1", anchor: .firstDose, min: 10, max: 10, unit: .day, text: "SAS 10 d"),
            ReportedInterval(drug: "d1", event: "e1", anchor: .lastDose, min: 10, max: 10, unit: .minute, text: "SAE 10 min"),
            ReportedInterval(drug: "d1", event: "e2", anchor: .firstDose, min: 10, max: 10, unit: .day, text: "SAS 10 d"),
            ReportedInterval(drug: "d1", event: "e2", anchor: .lastDose, min: 10, max: 10, unit: .day, text: "SAE 10 d"),
        ])
        try S.expectRoundTrip(lib)
    }
    @Test func r2FileIsReadOneReportAtATime() throws {
        // 300 reports, each on 6 lines after a 2-line header; report 250 has a broken end tag.
        func report(_ k: Int) -> String {
            let end = k == 250 ? "</patiant>" : "</patient>"
            return "<safetyreport>\n<safetyreportid>R-\(k)</safetyreportid>\n<patient><patientsex>1</patientsex>\n" +
                "<reaction><reactionmeddrapt>HEADACHE</reactionmeddrapt></reaction>\n" +
                "<drug><drugcharacterization>1</drugcharacterization><medicinalproduct>X & Y</medicinalproduct></drug>\n\(end)</safetyreport>\n"
        }
        let dir = try S.tempDir()
        let good = dir.appendingPathComponent("ADR99Q1.SGM"), bad = dir.appendingPathComponent("ADR99Q2.SGM")
        let header = "<ichicsr lang=\"en\">\n<ichicsrmessageheader><messagenumb>1</messagenumb></ichicsrmessageheader>\n"
        try (header + (1...300).filter { $0 != 250 }.map(report).joined() + "</ichicsr>\n").write(to: good, atomically: true, encoding: .utf8)
        try (header + (1...300).map(report).joined() + "</ichicsr>\n").write(to: bad, atomically: true, encoding: .utf8)
        let lib = try S.library()
        let s = try S.importing([good.path], into: lib)
        #expect(s.imported == 299)
        #expect(try lib.loadCase(id: "e2b-R-300")?.drugs.first?.name == "X & Y")
        do {
            try S.importing([bad.path], into: lib)
            Issue.record("a broken report imported")
        } catch let e as ImportError {
            // Report 250 starts on line 2 + 249 × 6 + 1 = 1497; its end tag is on its sixth line.
            #expect(e.place?.hasPrefix("line 1502") == true)
            #expect(e.place?.contains("/ichicsr/safetyreport") == true)
        }
        #expect(try lib.totalCases() == 299)

        // The same quarter zipped as FAERS ships it is recognised by its name as E2B.
        let zip = dir.appendingPathComponent("faers_xml_2099q1.zip")
        let sgml = dir.appendingPathComponent("sgml")
        try FileManager.default.createDirectory(at: sgml, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: good, to: sgml.appendingPathComponent("ADR99Q1.SGM"))
        try FileManager.default.zipItem(at: sgml, to: zip)
        #expect(try ImportRunner().plan([zip.path]).sources.first?.1 == .e2b)
        let z = try S.importing([zip.path], into: try S.library())
        #expect(z.imported == 299)
    }
}
