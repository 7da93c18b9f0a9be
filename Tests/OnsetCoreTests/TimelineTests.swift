import Testing
@testable import OnsetCore

@Suite struct TimelineTests {
    @Test func alemtuzumabTimelineShowsDoseTwoAndTheOneDayInterval() throws {
        let c = try #require(try CaseReader.read(contentsOf: TestSupport.dataDir.appendingPathComponent("cases/001-alemtuzumab-petechiae-epistaxis.json")).first)
        let rows = TimelineText.render(TimelineModel(c), width: 80, glyphs: .ascii)
        let text = rows.map(\.text).joined(separator: "\n")
        #expect(text.contains("^2"))
        #expect(text.contains("1d after dose 2"))
        #expect(rows.allSatisfy { $0.text.count <= 80 })
        let asciiOnly = text.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(asciiOnly)
    }

    @Test func partialDateOnsetIsDrawnAsASpan() {
        var c = TestSupport.minimalCase()
        c.drugs[0].administrations = [Administration(number: 1, time: .date(TestSupport.date("2015-07-10")))]
        c.events[0].onset = .date(TestSupport.date("2015-07"))
        let m = TimelineModel(c)
        let onset = m.lanes[1].marks[0]
        #expect(onset.days.width == 30)
        let eventRow = TimelineText.render(m, width: 80, glyphs: .ascii).first { $0.kind == .event }!.text
        #expect(eventRow.filter { $0 == "=" }.count > 10)
    }

    /// A case with no dates, only a reported interval (the Bartsch PML report: "after 2.5 years of
    /// fumarate therapy"), draws its dose at day 0 and its onset where the report puts it; it drew
    /// an empty axis before.
    @Test func reportedIntervalWithoutDatesIsDrawnFromTheDose() throws {
        let c = try #require(try CaseReader.read(contentsOf: TestSupport.dataDir.appendingPathComponent("cases/008-dimethyl-fumarate-pml.json")).first)
        #expect(c.id == "lit-bartsch-2015")
        let m = TimelineModel(c)
        #expect(m.anchoredOnReportedDose && m.calendarZero == nil)
        let doses = m.lanes[0].marks.filter { if case .dose(1) = $0.kind { return true }; return false }
        #expect(doses.map(\.days) == [DayRange(exactly: 0)])
        let onset = try #require(m.lanes.first { $0.kind == .event }?.marks.first)
        #expect(onset.days.min > 900 && onset.days.max < 950)
        #expect(m.bars.count == 1 && m.bars[0].label == "2.5y after first dose")
        let rows = TimelineText.render(m, width: 80, glyphs: .ascii)
        #expect(rows.contains { $0.kind == .note && $0.text.contains("no dates") })
        #expect(rows.contains { $0.kind == .interval && $0.text.contains("2.5y after first dose") })
        #expect(rows.allSatisfy { $0.text.count <= 80 })
        // A dated case is not re-anchored.
        let dated = try #require(try CaseReader.read(contentsOf: TestSupport.dataDir.appendingPathComponent("cases/001-alemtuzumab-petechiae-epistaxis.json")).first)
        #expect(!TimelineModel(dated).anchoredOnReportedDose)
        // A case whose only date belongs to a drug given to treat the reaction (no lane of its
        // own) keeps its calendar day 0 and is not said to have no dates.
        var treated = c
        treated.drugs.append(Drug(id: "d9", name: "prednisolone", generic: "prednisolone", role: .treatment))
        treated.drugs[treated.drugs.count - 1].start = .date(TestSupport.date("2015-03-01"))
        let t = TimelineModel(treated)
        #expect(t.calendarZero != nil && !t.anchoredOnReportedDose)
        #expect(!TimelineText.render(t, width: 80, glyphs: .ascii).contains { $0.text.contains("no dates") })
    }
}
