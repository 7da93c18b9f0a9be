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
}
