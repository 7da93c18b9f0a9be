import Testing
@testable import OnsetCore
@testable import OnsetTUI

@Suite struct BrowserRenderTests {
    func check(_ name: String, _ screen: String) {
        let g = golden(name, screen)
        #expect(g.matches, "\(name) differs:\n\(screen)\n--- expected ---\n\(g.expected)")
    }

    @Test(arguments: [(80, 24), (60, 20)])
    func caseList(width: Int, height: Int) throws {
        let h = try BrowserHarness(width: width, height: height)
        check("list-\(width)x\(height)", h.screen())
        check("list-\(width)x\(height)-ascii", h.screen(ascii: true))
        let g = h.grid()
        #expect(g.lines()[0].hasPrefix("  id"))
        #expect(g.lines()[1].hasPrefix("▶ lit-bcr-"))
        #expect(g.styleAt(row: 1, col: 0)?.background == .selected)
        #expect(g.styleAt(row: 2, col: 0)?.background == .normal)
        #expect(g.lines().last!.contains("14 of 14 cases"))
        #expect(g.lines().allSatisfy { DisplayWidth.of($0) <= width })
    }

    @Test func asciiFallbackHasNoOtherCharacters() throws {
        var h = try BrowserHarness()
        for keys in [[Key](), [.enter], [.char("t")], [.char("?")]] {
            for k in keys { h.press(k) }
            let nonASCII = h.screen(ascii: true).unicodeScalars.filter { !$0.isASCII }
            #expect(nonASCII.isEmpty, "\(keys): \(String(String.UnicodeScalarView(nonASCII)))")
            if !keys.isEmpty { h.press(.char("q")) }
        }
    }

    @Test func filterPromptShowsLiveCountAndKeepsTextOnError() throws {
        var h = try BrowserHarness()
        h.press(.char("/"))
        h.type("drug:alemtuzumab")
        #expect(h.screen().contains("/drug:alemtuzumab"))
        #expect(h.screen().contains("1 match"))
        h.type(" agee:3")
        let s = h.screen()
        #expect(s.contains("/drug:alemtuzumab agee:3"))
        #expect(s.split(separator: "\n").last!.contains("unknown field \"agee\""))
        check("prompt-error-80x24", s)
        // Enter refuses a broken filter; fixing it and pressing Enter applies it.
        h.press(.enter)
        #expect(h.app.state.prompt != nil)
        for _ in 0..<7 { h.press(.backspace) }
        h.press(.enter)
        #expect(h.app.state.prompt == nil)
        #expect(h.app.state.matchCount == 1)
        #expect(h.screen().contains("1 of 14 cases"))
        #expect(h.app.state.history == ["drug:alemtuzumab"])
        // An empty filter clears; Up recalls the earlier one.
        h.press(.char("/"), .ctrl("u"), .enter)
        #expect(h.app.state.matchCount == 14)
        h.press(.char("/"), .up)
        #expect(h.app.state.prompt?.text == "drug:alemtuzumab")
        h.press(.escape)
        #expect(h.app.state.filterText == "")
    }

    @Test func tabCompletesDrugNames() throws {
        var h = try BrowserHarness()
        h.press(.char("/"))
        h.type("drug:natali")
        h.press(.tab)
        #expect(h.app.state.prompt?.text == "drug:natalizumab")
        h.type(",alemt")
        h.press(.tab)
        #expect(h.app.state.prompt?.text == "drug:natalizumab,alemtuzumab")
    }

    @Test func detailShowsEverySectionAndScrolls() throws {
        var h = try BrowserHarness()
        h.press(.char("/")); h.type("drug:alemtuzumab"); h.press(.enter)
        h.press(.enter)
        let s = h.screen()
        check("detail-80x24", s)
        for text in ["Petechiae", "Epistaxis", "Patient", "Dose to onset", "1d after dose 2"] { #expect(s.contains(text)) }
        h.press(.char("G"))
        let end = h.screen()
        #expect(end.contains("Narrative") || end.contains("Source"))
        #expect(end != s)
        h.press(.char("q"))
        #expect(h.app.state.screen == .list)
    }

    @Test(arguments: [(80, 24), (60, 20)])
    func timeline(width: Int, height: Int) throws {
        var h = try BrowserHarness(width: width, height: height)
        h.press(.char("/")); h.type("drug:alemtuzumab"); h.press(.enter)
        h.press(.char("t"))
        let s = h.screen(ascii: true)
        check("timeline-\(width)x\(height)-ascii", s)
        #expect(s.contains("^1") && s.contains("^2"))
        #expect(s.contains("1d after dose 2"))
        h.press(.char("+"))
        #expect(h.screen().contains("zoom ×2"))
        h.press(.char("0"))
        #expect(!h.screen().contains("zoom"))
    }

    /// `q` goes back one view: list → detail → timeline and back the same way; Enter on a
    /// timeline opened from the detail returns to that detail; a timeline opened from the list
    /// goes back to the list.
    @Test func qGoesBackOneView() throws {
        var h = try BrowserHarness()
        h.press(.enter); h.press(.char("t"))
        #expect(h.app.state.stack == [.list, .detail, .timeline])
        h.press(.char("q"))
        #expect(h.app.state.screen == .detail)
        h.press(.char("t")); h.press(.enter)
        #expect(h.app.state.stack == [.list, .detail])
        h.press(.char("q"))
        #expect(h.app.state.screen == .list)
        h.press(.char("t"))
        #expect(h.app.state.stack == [.list, .timeline])
        h.press(.enter)
        #expect(h.app.state.stack == [.list, .detail])
        h.press(.char("q"))
        #expect(h.app.state.stack == [.list])
    }

    @Test func bracketsStepThroughTheFilteredList() throws {
        var h = try BrowserHarness()
        h.press(.enter)
        let first = h.app.state.openCase?.id
        h.press(.char("]"))
        #expect(h.app.state.openCase?.id != first)
        #expect(h.app.state.openCase?.index == 1)
        #expect(h.app.state.selected == 1)
        h.press(.char("["))
        #expect(h.app.state.openCase?.id == first)
        h.press(.char("["))
        #expect(h.app.state.note == "first case of the list")
    }

    @Test func helpComesFromTheKeyTable() throws {
        var h = try BrowserHarness()
        h.press(.char("?"))
        let s = h.screen()
        for b in KeyTable.list { #expect(s.contains(b.help), "help lacks \(b.help)") }
        check("help-list-80x24", s)
        h.press(.char("q"))
        h.press(.enter); h.press(.char("t")); h.press(.char("?"))
        let t = h.screen()
        for b in KeyTable.timeline { #expect(t.contains(b.help)) }
    }

    @Test func resizeRelaysOutAtOnce() throws {
        var h = try BrowserHarness()
        h.press(.char("G"))
        h.resize(60, 20)
        let g = h.grid()
        #expect(g.width == 60)
        #expect(g.lines().contains { $0.hasPrefix("▶") })
        #expect(g.lines().allSatisfy { DisplayWidth.of($0) <= 60 })
    }

    @Test func hostileNarrativeRendersAsVisibleText() throws {
        var c = Case(id: "hostile", source: CaseSource(kind: .literature))
        c.drugs = [Drug(id: "d1", name: "evil\u{1B}[31mdrug", role: .suspect)]
        c.events = [Event(id: "e1", term: "Rash\u{07}")]
        c.narrative = "Copy this \u{1B}]52;c;SGVsbG8=\u{07} then clear \u{1B}[2J and \u{202E}reversed\u{8} done"
        var h = try BrowserHarness(extra: [c])
        h.press(.char("/")); h.type("source:literature"); h.press(.enter)
        h.press(.char("G"), .enter, .char("G"))
        let g = h.grid()
        let all = g.lines().joined(separator: "\n")
        #expect(all.contains("^[]52;c;SGVsbG8=\\x07"))
        #expect(all.contains("^[[2J"))
        #expect(all.contains("<U+202E>reversed\\x08"))
        let controls = all.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }
        #expect(controls.isEmpty)
    }
}

@Suite struct DraftReviewTests {
    static let report = "A 61-year-old man with atrial fibrillation developed a widespread urticarial rash two days after starting amoxicillin. The antibiotic was stopped and the rash resolved."

    func draftHarness() throws -> (BrowserHarness, Case) {
        let c = NarrativeExtractor(lexicon: (try? Lexicon.load(directory: BrowserHarness.repoRoot.appendingPathComponent("Data/lexicon"))) ?? .builtIn)
            .extract(Self.report, id: "draft-report", file: "report.txt")
        var h = try BrowserHarness(extra: [c])
        h.press(.char("/")); h.type("status:draft"); h.press(.enter)
        h.press(.enter)
        return (h, c)
    }

    @Test func draftNarrativeHighlightsTheSpansFactsCameFrom() throws {
        let (h, c) = try draftHarness()
        #expect(c.status == .draft && !c.spans.isEmpty)
        var g = h.grid()
        #expect(g.lines().contains { $0.contains("draft: extracted from the narrative") })
        var harness = h
        harness.press(.char("G"))
        g = harness.grid()
        // "61-year-old" supports patient.age: its cells are highlighted; "with" is not.
        let row = try #require(g.lines().firstIndex { $0.contains("61-year-old") })
        let col = g.lines()[row].distance(from: g.lines()[row].startIndex, to: g.lines()[row].range(of: "61-year-old")!.lowerBound)
        #expect(g.styleAt(row: row, col: col)?.foreground == .highlight)
        let withCol = g.lines()[row].distance(from: g.lines()[row].startIndex, to: g.lines()[row].range(of: " with ")!.lowerBound) + 1
        #expect(g.styleAt(row: row, col: withCol)?.foreground != .highlight)
    }

    @Test func acceptAndCorrectAreSavedInTheLibrary() throws {
        var (h, _) = try draftHarness()
        h.press(.char("e"))
        h.type("age=62")
        h.press(.enter)
        #expect(h.app.state.note == "saved age = 62")
        #expect(h.app.state.openCase?.value?.patient.age?.value == 62)
        h.press(.char("a"))
        #expect(h.app.state.openCase?.value?.status == .final)
        #expect(h.app.state.note?.contains("accepted") == true)
        // Saved: the library now answers with the accepted, corrected case.
        let saved = try #require(try h.app.library.loadCase(id: "draft-report"))
        #expect(saved.status == .final && saved.patient.age?.value == 62)
        // A final case is not edited from the browser.
        h.press(.char("e"))
        #expect(h.app.state.prompt == nil)
        #expect(h.app.state.note == "only drafts are reviewed here; this case is final")
    }

    @Test func aBadCorrectionIsReportedAndNothingChanges() throws {
        var (h, _) = try draftHarness()
        h.press(.char("e")); h.type("age=old"); h.press(.enter)
        #expect(h.app.state.note?.contains("age") == true)
        #expect(try h.app.library.loadCase(id: "draft-report")?.patient.age?.value == 61)
    }
}
