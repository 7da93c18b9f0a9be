import Foundation
import Testing
@testable import OnsetCore

@Suite struct DoseOnsetTests {
    @Test func reportedDoseIntervalGivesDoseAndLastRange() {
        var c = TestSupport.minimalCase()
        c.drugs[0].administrations = [Administration(number: 1, time: .day(DayRange(exactly: 0))),
                                      Administration(number: 2, time: .day(DayRange(exactly: 28))),
                                      Administration(number: 3, time: .day(DayRange(exactly: 56)))]
        c.intervals = [ReportedInterval(drug: "d1", event: "e1", anchor: .dose, dose: 3, min: 0, max: 1, unit: .day)]
        let i = DoseOnsetCalculator.intervals(for: c)[0]
        #expect(i.dose == 3)
        #expect(i.last == DayRange(min: 0, max: 1))
        #expect(i.first == DayRange(min: 56, max: 57))
        #expect(i.basis == .mixed)
        #expect(i.label == "+0..1d after dose 3")
    }

    /// An onset dated before the first dose is kept, and said to be before it everywhere.
    @Test func negativeIntervalIsKeptAndFlagged() throws {
        var c = TestSupport.minimalCase(id: "neg")
        c.drugs[0].start = .date(TestSupport.date("2015-03-10"))
        c.events[0].onset = .date(TestSupport.date("2015-03-01"))
        let i = DoseOnsetCalculator.intervals(for: c)[0]
        #expect(i.first == DayRange(exactly: -9))
        #expect(i.first?.isNegative == true)
        #expect(i.label == "9d before dose 1")
        let lines = CaseDetail(c).sections.flatMap(\.lines).filter { $0.kind == .interval }.map(\.text)
        #expect(lines.count == 1)
        #expect(lines[0].contains("9d before the first dose") && lines[0].contains("negative interval"))
        #expect(!lines[0].contains("-9d"))

        // It is no time to onset: tto filters leave it out.
        let lib = try Library(path: TestSupport.tempPath(), lexicon: TestSupport.lexicon)
        try lib.importCases([ImportBatch(key: "neg", kind: .literature, format: "json", cases: [c, TestSupport.minimalCase(id: "other")])])
        #expect(try lib.ids(QueryParser.parse("tto:<7d")).isEmpty)
        #expect(try lib.ids(QueryParser.parse("!tto:<7d")) == ["neg", "other"])
        #expect(try lib.intervals(QueryParser.parse("drug:natalizumab")).first { $0.caseID == "neg" }?.first == DayRange(exactly: -9))
    }

    @Test func datesAloneGiveFirstAndLastDose() {
        var c = TestSupport.minimalCase()
        c.drugs[0].administrations = [Administration(number: 1, time: .date(TestSupport.date("2015-07-01"))),
                                      Administration(number: 2, time: .date(TestSupport.date("2015-07-10")))]
        c.events[0].onset = .date(TestSupport.date("2015-07"))
        let i = DoseOnsetCalculator.intervals(for: c)[0]
        #expect(i.first == DayRange(min: 0, max: 30))
        #expect(i.dose == 2)
        #expect(i.last == DayRange(min: 0, max: 21))
        #expect(i.basis == .dates)
    }

    @Test func courseThatEndedBeforeOnsetIsTheLastDose() {
        var c = TestSupport.minimalCase()
        c.drugs[0].start = .date(TestSupport.date("2020-01-01"))
        c.drugs[0].end = .date(TestSupport.date("2020-01-10"))
        c.events[0].onset = .date(TestSupport.date("2020-01-13"))
        let i = DoseOnsetCalculator.intervals(for: c)[0]
        #expect(i.first == DayRange(exactly: 12))
        #expect(i.last == DayRange(exactly: 3))
        #expect(i.dose == nil)
    }

    @Test func reportedUnitsConvertToDays() {
        var c = TestSupport.minimalCase()
        c.intervals = [ReportedInterval(drug: "d1", anchor: .firstDose, min: 2, max: 3, unit: .week)]
        #expect(DoseOnsetCalculator.intervals(for: c)[0].first == DayRange(min: 14, max: 21))
        c.intervals = [ReportedInterval(drug: "d1", anchor: .lastDose, min: 5, max: 5, unit: .hour)]
        let i = DoseOnsetCalculator.intervals(for: c)[0]
        #expect(abs(i.last!.min - 5.0 / 24) < 1e-12 && i.last!.isExact)
        #expect(i.basis == .reported)
        #expect(i.label == "+5h after last dose")
    }

    @Test func noInformationMeansUnknownNotZero() {
        let i = DoseOnsetCalculator.intervals(for: TestSupport.minimalCase())[0]
        #expect(i.first == nil && i.last == nil && i.basis == nil && i.label == nil)
    }

    @Test func onlySuspectDrugsGetIntervals() {
        var c = TestSupport.minimalCase()
        c.drugs.append(Drug(id: "d2", name: "aspirin", role: .concomitant))
        c.drugs.append(Drug(id: "d3", name: "warfarin", role: .interacting))
        #expect(Set(DoseOnsetCalculator.intervals(for: c).map(\.drugID)) == ["d1", "d3"])
    }

    /// The library's pairs (`figuresOnly`) skip pairs that cannot have a figure without working
    /// them out: the skipped ones must be exactly those whose full result has none.
    @Test func figuresOnlyKeepsExactlyThePairsWithFigures() throws {
        var cases: [Case] = []
        let dir = TestSupport.dataDir.appendingPathComponent("cases")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".json") {
            cases += try CaseReader.read(contentsOf: dir.appendingPathComponent(name))
        }
        // Each way a figure can arise, and none: an onset date only, a reported interval for the
        // drug with and without an event, one for another drug, and one for another event.
        let base = TestSupport.minimalCase(id: "pairs")
        func variant(_ change: (inout Case) -> Void) -> Case { var c = base; change(&c); return c }
        var second = base.drugs[0]
        second.id = "d2"
        second.name = "rituximab"
        cases += [
            base,
            variant { $0.events[0].onset = .date(TestSupport.date("2015-07")) },
            variant { $0.drugs[0].start = .date(TestSupport.date("2015-07-01")); $0.events[0].onset = .date(TestSupport.date("2015-07")) },
            variant { $0.intervals = [ReportedInterval(drug: "d1", event: nil, anchor: .firstDose, dose: nil, min: 3, max: 3, unit: .day)] },
            variant { $0.intervals = [ReportedInterval(drug: "d1", event: "e1", anchor: .lastDose, dose: nil, min: 1, max: 2, unit: .day)] },
            variant { $0.drugs.append(second); $0.intervals = [ReportedInterval(drug: "d2", event: "e1", anchor: .firstDose, dose: nil, min: 5, max: 5, unit: .day)] },
            variant { $0.intervals = [ReportedInterval(drug: "d1", event: "e9", anchor: .firstDose, dose: nil, min: 5, max: 5, unit: .day)] },
        ]
        var kept = 0, skipped = 0
        for c in cases {
            let all = DoseOnsetCalculator.positionedIntervals(for: c)
            let lean = DoseOnsetCalculator.positionedIntervals(for: c, figuresOnly: true)
            let expected = all.filter(\.interval.hasFigures)
            #expect(lean.map(\.drug) == expected.map(\.drug), "\(c.id)")
            #expect(lean.map(\.event) == expected.map(\.event), "\(c.id)")
            #expect(lean.map(\.interval) == expected.map(\.interval), "\(c.id)")
            kept += lean.count
            skipped += all.count - lean.count
        }
        // Both kinds occur, so the comparison says something about each.
        #expect(kept >= 5)
        #expect(skipped >= 3)
    }
}
