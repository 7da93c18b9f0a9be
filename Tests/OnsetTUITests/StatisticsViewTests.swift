import Foundation
import Testing
@testable import OnsetCore
@testable import OnsetTUI

/// The statistics view (`s`) drawn into the grid, driven by keys through the harness.
@Suite struct StatisticsViewTests {
    func check(_ name: String, _ screen: String) {
        let g = golden(name, screen)
        #expect(g.matches, "\(name) differs:\n\(screen)\n--- expected ---\n\(g.expected)")
    }

    func lines(_ h: BrowserHarness) -> [String] { h.grid().lines() }

    @Test func onsetTabAt80x24() throws {
        var h = try BrowserHarness()
        h.press(.char("s"))
        #expect(h.app.state.screen == .statistics)
        let s = h.screen()
        check("statistics-onset-80x24", s)
        let g = h.grid()
        #expect(g.lines()[0].contains("[1 Onset]"))
        #expect(g.lines()[1].contains("Time to onset · 14 matching cases"))
        #expect(g.lines()[2].hasPrefix("  pair") && g.lines()[2].contains("median [IQR] d"))
        #expect(g.lines()[3].hasPrefix("▶ all ") && g.styleAt(row: 3, col: 0)?.background == .selected)
        // The summary pane of the selected row: histogram on the left, figures on the right.
        #expect(s.contains("Days from first dose") && s.contains("same day") && s.contains("spans bins"))
        #expect(s.contains("First dose:") && s.contains("Last dose:") && s.contains("exact only"))
        #expect(g.lines().allSatisfy { DisplayWidth.of($0) <= 80 })
        // The figures are the library's.
        let report = try #require(h.app.state.statistics?.onset)
        let all = report.groups[0]
        #expect(g.lines()[3].contains(StatFormat.quartiles(all.first.censoredQuantiles)))
        #expect(s.contains("First dose: \(all.first.used) used, \(all.first.exactCount) exact"))
    }

    @Test func movingTheSelectionShowsThatGroupAndIListsItsCases() throws {
        var h = try BrowserHarness()
        h.press(.char("s"), .char("j"))
        let group = try #require(h.app.state.statistics?.selectedGroup)
        #expect(!group.isAll)
        #expect(h.screen().contains("── \(group.label()) · \(group.cases) case"))
        h.press(.char("i"))
        let s = h.screen()
        #expect(s.contains("Intervals · \(group.label())"))
        for i in group.intervals { #expect(s.contains(i.caseID)) }
        #expect(lines(h)[Self.headerRow(s, "case")].contains("first dose"))
        h.press(.char("i"))
        #expect(!h.screen().contains("Intervals ·"))
        // a switches the histogram to days from the last dose.
        h.press(.char("a"))
        #expect(h.screen().contains("Days from last dose"))
        // G goes to the last group, g back to "all".
        h.press(.char("G"))
        #expect(h.app.state.statistics?.onsetCursor.selected == (h.app.state.statistics?.onset?.groups.count ?? 0) - 1)
        h.press(.char("g"))
        #expect(h.app.state.statistics?.selectedGroup?.isAll == true)
    }

    static func headerRow(_ screen: String, _ prefix: String) -> Int {
        screen.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("  \(prefix)") } ?? 0
    }

    @Test func tabsSwitchWithTabShiftTabAndDigits() throws {
        var h = try BrowserHarness()
        h.press(.char("s"))
        h.press(.tab)
        #expect(h.app.state.statistics?.tab == .signals)
        #expect(lines(h)[0].contains("[2 Signals]"))
        h.press(.tab)
        #expect(h.app.state.statistics?.tab == .frequencies)
        h.press(.tab)
        #expect(h.app.state.statistics?.tab == .onset)
        h.press(.backTab)
        #expect(h.app.state.statistics?.tab == .frequencies)
        h.press(.char("1"))
        #expect(h.app.state.statistics?.tab == .onset)
        h.press(.char("2"))
        #expect(h.app.state.statistics?.tab == .signals)
        // Without a drug in the filter, the signals tab says what it needs.
        #expect(h.screen().contains("signals need a drug: filter"))
        h.press(.char("q"))
        #expect(h.app.state.screen == .list)
    }

    @Test func signalsTabSortsByEveryColumnWithOAndReversesWithShiftO() throws {
        var h = try BrowserHarness()
        h.press(.char("/")); h.type("drug:piperacillin/tazobactam"); h.press(.enter)
        h.press(.char("s"), .char("2"))
        let s = h.screen()
        check("statistics-signals-80x24", s)
        let report = try #require(h.app.state.statistics?.signals)
        #expect(report.drugTerms == ["drug:piperacillin/tazobactam"])
        #expect(!report.rows.isEmpty)
        #expect(lines(h)[2].contains("a▼"))
        for row in report.rows { #expect(s.contains(String(row.event.prefix(19)))) }
        // o walks through every column; the header marks the sort column.
        var seen: [SignalColumn] = []
        for _ in SignalColumn.allCases {
            h.press(.char("o"))
            let st = try #require(h.app.state.statistics)
            seen.append(st.sortColumn)
            #expect(st.sortedSignals == st.sortColumn.sort(report.rows))
        }
        #expect(Set(seen) == Set(SignalColumn.allCases))
        #expect(h.app.state.statistics?.sortColumn == .a)
        h.press(.char("O"))
        #expect(lines(h)[2].contains("a▲"))
        #expect(h.app.state.statistics?.sortedSignals == SignalColumn.a.sort(report.rows, reversed: true))
        h.press(.char("o"))
        #expect(lines(h)[2].contains("b▼") && h.app.state.statistics?.sortReversed == false)
    }

    @Test func enterOnAFrequencyRowNarrowsTheFilterAndReturnsToTheList() throws {
        var h = try BrowserHarness()
        h.press(.char("/")); h.type("sex:female"); h.press(.enter)
        h.press(.char("s"), .char("3"))
        let s = h.screen()
        check("statistics-frequencies-80x24", s)
        #expect(lines(h)[1].contains("[drug]"))
        h.press(.char("l"), .char("l"))     // drug → suspect → event
        #expect(h.app.state.statistics?.field == .event)
        let report = try #require(h.app.state.statistics?.frequencies[.event])
        h.press(.char("j"))
        let row = report.rows[1]
        h.press(.enter)
        #expect(h.app.state.screen == .list)
        #expect(h.app.state.filterText == "sex:female " + row.filterTerm!)
        #expect(h.app.state.matchCount == row.count)
        #expect(h.app.state.history.last == h.app.state.filterText)
        // Opening statistics again describes the narrowed filter.
        h.press(.char("s"))
        #expect(h.app.state.statistics?.filterText == h.app.state.filterText)
        #expect(h.app.state.statistics?.onset?.matchingCases == row.count)
    }

    @Test func aRowTheFilterCannotExpressLeavesTheFilterAlone() throws {
        var h = try BrowserHarness()
        h.press(.char("s"), .char("3"))
        h.press(.char("h"), .char("h"), .char("h"))  // drug → serious → source → age
        #expect(h.app.state.statistics?.field == .age)
        let report = try #require(h.app.state.statistics?.frequencies[.age])
        let missing = try #require(report.rows.firstIndex { $0.raw == nil })
        h.press(.char("G"))
        #expect(h.app.state.statistics?.frequencyCursor.selected == missing)
        h.press(.enter)
        #expect(h.app.state.screen == .statistics)
        #expect(h.app.state.note?.contains("cannot select") == true)
        #expect(h.app.state.filterText == "")
    }

    @Test func statisticsOpenFromTheDetailToo() throws {
        var h = try BrowserHarness()
        h.press(.enter)
        #expect(h.app.state.screen == .detail)
        h.press(.char("s"))
        #expect(h.app.state.screen == .statistics)
        h.press(.char("q"))
        #expect(h.app.state.screen == .detail)
    }

    @Test func staleResultsAreDropped() throws {
        var h = try BrowserHarness()
        h.press(.char("s"))
        let st = try #require(h.app.state.statistics)
        let old = FrequencyReport(field: .drug, query: "", matchingCases: 0, rows: [])
        let commands = h.app.update(.background(.statistics(generation: st.generation - 1, result: .frequencies(old))))
        h.run(commands)
        #expect(h.app.state.statistics?.frequencies[.drug] == nil)
    }

    @Test func helpListsTheStatisticsKeys() throws {
        var h = try BrowserHarness()
        h.press(.char("?"))
        #expect(h.screen().contains("statistics of the filtered cases"))
        h.press(.char("q"), .char("s"), .char("?"))
        let s = h.screen()
        #expect(s.contains("Help: Statistics"))
        for b in KeyTable.statistics.prefix(h.size.height - 3) { #expect(s.contains(b.label), "help lacks \(b.label)") }
    }

    @Test(arguments: [(80, 24), (60, 20), (40, 12)])
    func everyTabFitsAndHasAnASCIIForm(width: Int, height: Int) throws {
        var h = try BrowserHarness(width: width, height: height)
        h.press(.char("/")); h.type("drug:alemtuzumab,lamotrigine"); h.press(.enter)
        h.press(.char("s"))
        for keys: [Key] in [[], [.char("j")], [.char("i")], [.char("i"), .char("2")], [.char("o")], [.char("3")], [.char("l")]] {
            for k in keys { h.press(k) }
            let g = h.grid()
            #expect(g.lines().allSatisfy { DisplayWidth.of($0) <= width })
            let ascii = h.screen(ascii: true)
            let nonASCII = ascii.unicodeScalars.filter { !$0.isASCII }
            #expect(nonASCII.isEmpty, "\(width)x\(height) \(keys): \(String(String.UnicodeScalarView(nonASCII)))")
        }
        if width == 80 { check("statistics-frequencies-event-80x24-ascii", h.screen(ascii: true)) }
    }
}
