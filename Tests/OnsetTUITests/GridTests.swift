import Testing
@testable import OnsetTUI

@Suite struct GridTests {
    @Test func newGridIsBlank() {
        let grid = Grid(width: 4, height: 2)
        #expect(grid.lines() == ["", ""])
        #expect(grid.cells.count == 8)
        #expect(grid.styleAt(row: 1, col: 3) == .normal)
        #expect(grid.styleAt(row: 2, col: 0) == nil)
    }

    @Test func putWritesTextAndStyle() {
        var grid = Grid(width: 10, height: 2)
        let used = grid.put("aspirin", row: 1, col: 2, style: .drug)
        #expect(used == 7)
        #expect(grid.lines() == ["", "  aspirin"])
        #expect(grid.styleAt(row: 1, col: 2) == .drug)
        #expect(grid.styleAt(row: 1, col: 8) == .drug)
        #expect(grid.styleAt(row: 1, col: 9) == .normal)
        #expect(grid.styleAt(row: 1, col: 1) == .normal)
    }

    @Test func putTruncatesWithUnicodeEllipsis() {
        var grid = Grid(width: 20, height: 1, glyphs: .unicode)
        let used = grid.put("acetylsalicylic acid", row: 0, col: 0, maxWidth: 8)
        #expect(grid.lines() == ["acetyls…"])
        #expect(used == 8)
    }

    @Test func putTruncatesWithASCIIEllipsis() {
        var grid = Grid(width: 20, height: 1, glyphs: .ascii)
        grid.put("acetylsalicylic acid", row: 0, col: 0, maxWidth: 8)
        #expect(grid.lines() == ["acetyls~"])
    }

    @Test(arguments: [GlyphSet.unicode, GlyphSet.ascii])
    func textThatFitsExactlyIsNotCut(glyphs: GlyphSet) {
        var grid = Grid(width: 10, height: 1, glyphs: glyphs)
        grid.put("12345", row: 0, col: 0, maxWidth: 5)
        #expect(grid.lines() == ["12345"])
    }

    @Test(arguments: [GlyphSet.unicode, GlyphSet.ascii])
    func rightEdgeTruncates(glyphs: GlyphSet) {
        var grid = Grid(width: 6, height: 1, glyphs: glyphs)
        grid.put("ibuprofen", row: 0, col: 2)
        #expect(grid.lines() == ["  ibu" + glyphs.ellipsis])
    }

    @Test(arguments: [GlyphSet.unicode, GlyphSet.ascii])
    func ellipsisAloneInOneColumn(glyphs: GlyphSet) {
        var grid = Grid(width: 5, height: 1, glyphs: glyphs)
        grid.put("abc", row: 0, col: 0, maxWidth: 1)
        #expect(grid.lines() == [glyphs.ellipsis])
    }

    @Test(arguments: testLocales)
    func wideCharactersTakeTwoCells(locale: String) {
        withLocale(locale) {
            var grid = Grid(width: 8, height: 1)
            let used = grid.put("日本a", row: 0, col: 0)
            #expect(used == 5)
            #expect(grid[0, 0]?.grapheme == "日")
            #expect(grid[0, 0]?.width == 2)
            #expect(grid[0, 1]?.isContinuation == true)
            #expect(grid[0, 2]?.grapheme == "本")
            #expect(grid[0, 4]?.grapheme == "a")
            #expect(grid.lines() == ["日本a"])
        }
    }

    @Test(arguments: [GlyphSet.unicode, GlyphSet.ascii])
    func truncationNeverSplitsAWideCharacter(glyphs: GlyphSet) {
        withLocale("C.UTF-8") {
            var grid = Grid(width: 10, height: 1, glyphs: glyphs)
            // 4 columns: "日" (2) fits, "本" would need columns 2-3 but the ellipsis needs column 3.
            let used = grid.put("日本語", row: 0, col: 0, maxWidth: 4)
            #expect(grid.lines() == ["日" + glyphs.ellipsis])
            #expect(used == 3)
            #expect(grid[0, 3]?.grapheme == " ")
        }
    }

    @Test func wideCharacterDoesNotStraddleTheRightEdge() {
        var grid = Grid(width: 5, height: 1)
        grid.put("abcd日", row: 0, col: 0)
        #expect(grid.lines() == ["abcd…"])
        for col in 0..<5 { #expect(grid[0, col]?.isContinuation == false) }
    }

    @Test func emojiTruncation() {
        var grid = Grid(width: 10, height: 1)
        grid.put("😀😀😀😀", row: 0, col: 0, maxWidth: 6)
        #expect(grid.lines() == ["😀😀…"])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = Grid(width: 6, height: 1)
        grid.put("日本", row: 0, col: 0)
        grid.put("x", row: 0, col: 1)          // right half of 日
        #expect(grid.lines() == [" x本"])
        grid.put("y", row: 0, col: 2)          // left half of 本
        #expect(grid.lines() == [" xy"])
        #expect(grid[0, 3]?.isContinuation == false)
        // A wide character over two narrow ones, then a narrow one over its left half.
        grid.put("語", row: 0, col: 4)
        #expect(grid.lines() == [" xy 語"])
        grid.put("z", row: 0, col: 4)
        #expect(grid.lines() == [" xy z"])
    }

    @Test func controlsInDataAreShownNotSent() {
        var grid = Grid(width: 40, height: 1)
        grid.put("x\u{1b}]52;c;SGVsbG8=\u{07}y", row: 0, col: 0)
        #expect(grid.lines() == ["x^[]52;c;SGVsbG8=\\x07y"])
        var clear = Grid(width: 10, height: 1)
        clear.put("\u{1b}[2J", row: 0, col: 0)
        #expect(clear.lines() == ["^[[2J"])
        for cell in grid.cells + clear.cells {
            #expect(!cell.grapheme.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }

    @Test func longTextIsCutWithoutWalkingAllOfIt() {
        var grid = Grid(width: 20, height: 1)
        let huge = String(repeating: "abc\u{1b}", count: 200_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure { grid.put(huge, row: 0, col: 0, maxWidth: 10) }
        #expect(grid.lines() == ["abc^[abc^…"])
        #expect(elapsed < .milliseconds(200))
    }

    @Test func newlinesInPutAreVisible() {
        var grid = Grid(width: 10, height: 1)
        grid.put("a\nb", row: 0, col: 0)
        #expect(grid.lines() == ["a\\x0ab"])
    }

    @Test func zeroWidthGraphemesAreDropped() {
        var grid = Grid(width: 10, height: 1)
        let used = grid.put("\u{301}a\u{200b}b", row: 0, col: 0)
        #expect(grid.lines() == ["ab"])
        #expect(used == 2)
    }

    @Test func combiningMarkStaysWithItsBase() {
        var grid = Grid(width: 10, height: 1)
        grid.put("cafe\u{301}", row: 0, col: 0)
        #expect(grid[0, 3]?.grapheme == "e\u{301}")
        #expect(grid.lines() == ["cafe\u{301}"])
    }

    @Test func asciiOnlyGridTransliterates() {
        var grid = Grid(width: 20, height: 1, glyphs: .ascii, asciiOnly: true)
        grid.put("naïve 日本 “x”", row: 0, col: 0)
        #expect(grid.lines() == ["naive ?? \"x\""])
        for cell in grid.cells { #expect(cell.grapheme.allSatisfy { $0.isASCII }) }
    }

    @Test func spansKeepTheirStylesAndTruncateTogether() {
        var grid = Grid(width: 30, height: 1)
        let used = grid.put([Span("aspirin", .drug), Span(" → "), Span("urticaria", .event)], row: 0, col: 0, maxWidth: 14)
        #expect(grid.lines() == ["aspirin → urt…"])
        #expect(used == 14)
        #expect(grid.styleAt(row: 0, col: 0) == .drug)
        #expect(grid.styleAt(row: 0, col: 8) == .normal)
        #expect(grid.styleAt(row: 0, col: 10) == .event)
        #expect(grid.styleAt(row: 0, col: 13) == .event)      // the ellipsis keeps the cut span's style
    }

    @Test func alignment() {
        var grid = Grid(width: 10, height: 3)
        grid.put("42", row: 0, col: 0, maxWidth: 6, align: .right)
        grid.put("ab", row: 1, col: 0, maxWidth: 6, align: .center)
        let used = grid.put("x", row: 2, col: 0, align: .right)
        #expect(grid.lines() == ["    42", "  ab", "         x"])
        #expect(used == 10)
    }

    @Test func outOfBoundsIsClippedNotFatal() {
        var grid = Grid(width: 4, height: 2)
        #expect(grid.put("x", row: -1, col: 0) == 0)
        #expect(grid.put("x", row: 2, col: 0) == 0)
        #expect(grid.put("x", row: 0, col: 4) == 0)
        #expect(grid.put("x", row: 0, col: -3) == 0)
        #expect(grid.put("x", row: 0, col: 0, maxWidth: 0) == 0)
        grid.fill(Rect(x: -5, y: -5, width: 100, height: 100), style: .status)
        #expect(grid.styleAt(row: 1, col: 3) == .status)
        var empty = Grid(width: 0, height: 0)
        empty.put("x", row: 0, col: 0)
        empty.clear()
        #expect(empty.lines() == [])
    }

    @Test func fillRowSetsStyleAndBlanks() {
        var grid = Grid(width: 5, height: 2)
        grid.put("hello", row: 1, col: 0)
        grid.fill(row: 1, style: .status)
        #expect(grid.lines() == ["", ""])
        for col in 0..<5 { #expect(grid.styleAt(row: 1, col: col) == .status) }
        #expect(grid.styleAt(row: 0, col: 0) == .normal)
    }

    @Test func restyleKeepsTextAndCoversWideCharacters() {
        var grid = Grid(width: 6, height: 1)
        grid.put("a日b", row: 0, col: 0, style: .drug)
        grid.restyle(Rect(x: 2, y: 0, width: 1, height: 1)) { $0.on(.selected) }   // right half of 日
        #expect(grid.lines() == ["a日b"])
        #expect(grid.styleAt(row: 0, col: 1) == Style(.drug).on(.selected))
        #expect(grid.styleAt(row: 0, col: 2) == Style(.drug).on(.selected))
        #expect(grid.styleAt(row: 0, col: 0) == .drug)
        #expect(grid.styleAt(row: 0, col: 3) == .drug)
    }

    @Test(arguments: [GlyphSet.unicode, GlyphSet.ascii])
    func boxWithTitle(glyphs: GlyphSet) {
        var grid = Grid(width: 12, height: 4, glyphs: glyphs)
        grid.box(grid.bounds, title: "Case")
        if glyphs.isUnicode {
            #expect(grid.lines() == ["┌ Case ────┐", "│          │", "│          │", "└──────────┘"])
        } else {
            #expect(grid.lines() == ["+ Case ----+", "|          |", "|          |", "+----------+"])
        }
    }

    @Test func hline() {
        var grid = Grid(width: 6, height: 1, glyphs: .ascii)
        grid.hline(row: 0, col: 1, length: 4)
        #expect(grid.lines() == [" ----"])
    }

    @Test func cursorIsPartOfTheGrid() {
        var grid = Grid(width: 4, height: 1)
        #expect(grid.cursor == nil)
        grid.cursor = Position(row: 0, col: 2)
        #expect(grid != Grid(width: 4, height: 1))
    }
}
