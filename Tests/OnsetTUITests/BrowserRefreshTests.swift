import Foundation
import Testing
@testable import OnsetCore
@testable import OnsetTUI

/// R and F5 re-run the filter, so cases another process imported appear; the selection stays.
@Suite struct BrowserRefreshTests {
    static func extra(_ n: Int) -> [Case] {
        (0..<n).map { k in
            var c = Case(id: "late-\(k)", source: CaseSource(kind: .literature))
            c.drugs = [Drug(id: "d1", name: "heparin", generic: "heparin", role: .suspect)]
            c.events = [Event(id: "e1", term: "Thrombocytopenia", preferred: "Thrombocytopenia")]
            return c
        }
    }

    @Test(arguments: [Key.char("R"), Key.function(5)])
    func refreshShowsNewCasesAndKeepsTheSelection(key: Key) throws {
        var h = try BrowserHarness()
        let before = try #require(h.app.state.totalCases)
        h.press(.down, .down)
        #expect(h.app.state.selected == 2)
        try h.app.library.importCases([ImportBatch(key: "late", kind: .literature, format: "json", cases: Self.extra(3))])
        #expect(h.app.state.totalCases == before, "the list changed before a refresh")
        h.press(key)
        #expect(h.app.state.totalCases == before + 3)
        #expect(h.app.state.matchCount == before + 3)
        #expect(h.app.state.selected == 2)
        #expect(h.screen().contains("\(before + 3) of \(before + 3) cases"))
    }

    @Test func refreshClampsTheSelectionWhenCasesWentAway() throws {
        var h = try BrowserHarness(extra: Self.extra(3))
        let total = try #require(h.app.state.totalCases)
        h.press(.end)
        #expect(h.app.state.selected == total - 1)
        _ = try h.app.library.write { try $0.delete(ids: ["late-0", "late-1", "late-2"]) }
        h.press(.char("R"))
        #expect(h.app.state.selected == total - 4)
        #expect(h.app.state.matchCount == total - 3)
    }
}

/// Enter pressed before the page's rows have arrived opens the case when they do, instead of
/// being lost (keys typed ahead over a slow link).
@Suite struct BrowserTypeAheadTests {
    @Test(arguments: [(Key.enter, "Narrative"), (Key.char("t"), "d1")])
    func openBeforeTheRowsArrive(key: Key, shows: String) throws {
        var h = try BrowserHarness(extra: BrowserRefreshTests.extra(2 * BrowserApp.chunkSize))
        // To the end of the list, holding back the row loads it asks for; then Enter or t.
        var held = h.app.update(.key(.end))
        let target = h.app.state.selected
        #expect(h.app.state.rows[target] == nil, "the row was loaded without its chunk")
        held += h.app.update(.key(key))
        #expect(h.screen().contains("loading…"))
        #expect(h.app.state.openCase == nil)
        h.run(held)
        let open = try #require(h.app.state.openCase)
        #expect(open.index == target)
        #expect(open.id == h.app.state.rows[target]?.id)
        #expect(open.value != nil)
        #expect(h.screen().contains(open.id) || h.screen().contains(shows))
        h.press(.char("q"))
        #expect(h.app.state.screen == .list)
    }

    @Test func openOnAnEmptyListDoesNothing() throws {
        var h = try BrowserHarness()
        h.press(.char("/"))
        h.type("drug:nosuchdrugatall")
        h.press(.enter)
        #expect(h.app.state.matchCount == 0)
        h.press(.enter)
        #expect(h.app.state.screen == .list)
    }
}
