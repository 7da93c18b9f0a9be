import Testing
@testable import OnsetTUI

@Suite struct GlyphTests {
    @Test func asciiSetIsASCII() {
        let g = GlyphSet.ascii
        let all = [g.ellipsis, g.horizontal, g.vertical, g.topLeft, g.topRight, g.bottomLeft, g.bottomRight,
                   g.teeLeft, g.teeRight, g.doseMarker, g.onsetMarker, g.rangeSpan, g.axisTick,
                   g.selection, g.arrow] + g.histogramBlocks
        for glyph in all { #expect(glyph.allSatisfy { $0.isASCII }, "\(glyph)") }
    }

    @Test func unicodeGlyphsAreOneColumn() {
        withLocale("C.UTF-8") {
            let g = GlyphSet.unicode
            let all = [g.ellipsis, g.horizontal, g.vertical, g.topLeft, g.topRight, g.bottomLeft, g.bottomRight,
                       g.teeLeft, g.teeRight, g.doseMarker, g.onsetMarker, g.rangeSpan, g.axisTick,
                       g.selection, g.arrow] + g.histogramBlocks
            for glyph in all { #expect(DisplayWidth.of(glyph) == 1, "\(glyph)") }
        }
    }

    @Test func ellipsisIsOneColumnInBothSets() {
        #expect(DisplayWidth.of(GlyphSet.unicode.ellipsis) == 1)
        #expect(DisplayWidth.of(GlyphSet.ascii.ellipsis) == 1)
    }

    @Test func codesetDetection() {
        #expect(GlyphSet.isUTF8Codeset("UTF-8"))
        #expect(GlyphSet.isUTF8Codeset("utf8"))
        #expect(!GlyphSet.isUTF8Codeset("ANSI_X3.4-1968"))
        #expect(!GlyphSet.isUTF8Codeset("ISO-8859-1"))
        #expect(GlyphSet.forCurrentLocale(forceASCII: true) == .ascii)
    }

    @Test func bars() {
        #expect(GlyphSet.unicode.bar(length: 3) == "███")
        #expect(GlyphSet.unicode.bar(length: 2.5) == "██▌")
        #expect(GlyphSet.unicode.bar(length: 0.125) == "▏")
        #expect(GlyphSet.unicode.bar(length: 0.01) == "▏")     // non-zero never looks like zero
        #expect(GlyphSet.unicode.bar(length: 0) == "")
        #expect(GlyphSet.ascii.bar(length: 2.4) == "##")
        #expect(GlyphSet.ascii.bar(length: 2.6) == "###")
        #expect(GlyphSet.ascii.bar(length: 0.2) == "#")
        #expect(GlyphSet.ascii.bar(length: .nan) == "")
    }
}

@Suite struct LayoutTests {
    let screen = Rect(x: 0, y: 0, width: 80, height: 24)

    @Test func peelStrips() {
        let (title, rest) = screen.splitTop(1)
        let (body, status) = rest.splitBottom(1)
        #expect(title == Rect(x: 0, y: 0, width: 80, height: 1))
        #expect(status == Rect(x: 0, y: 23, width: 80, height: 1))
        #expect(body == Rect(x: 0, y: 1, width: 80, height: 22))
        let (gutter, text) = body.splitLeft(4)
        #expect(gutter.width == 4 && text.x == 4 && text.width == 76)
        let (main, side) = body.splitRight(30)
        #expect(main.width == 50 && side.x == 50)
    }

    @Test func splitsClampOnTinyScreens() {
        let tiny = Rect(x: 0, y: 0, width: 3, height: 1)
        let (top, rest) = tiny.splitTop(5)
        #expect(top.height == 1 && rest.isEmpty)
        #expect(tiny.inset(by: 2).isEmpty)
        #expect(Rect(x: 0, y: 0, width: -4, height: 2).width == 0)
    }

    @Test func constraintsCoverTheWhole() {
        let parts = screen.columns([.fixed(10), .fill(1), .percent(25), .fill(2)])
        #expect(parts.map(\.width) == [10, 16, 20, 34])
        #expect(parts.map(\.x) == [0, 10, 26, 46])
        #expect(parts.map(\.width).reduce(0, +) == 80)
        let rows = screen.rows([.fixed(1), .fill(1), .fixed(1)])
        #expect(rows.map(\.height) == [1, 22, 1])
        #expect(rows.map(\.y) == [0, 1, 23])
    }

    @Test func overcommittedConstraintsAreClamped() {
        let parts = Rect(x: 0, y: 0, width: 10, height: 1).columns([.fixed(8), .fixed(8), .fill(1)])
        #expect(parts.map(\.width) == [8, 2, 0])
    }

    @Test func intersection() {
        let a = Rect(x: 0, y: 0, width: 10, height: 10)
        #expect(a.intersection(Rect(x: 5, y: 5, width: 10, height: 10)) == Rect(x: 5, y: 5, width: 5, height: 5))
        #expect(a.intersection(Rect(x: 20, y: 0, width: 5, height: 5)).isEmpty)
        #expect(a.contains(row: 9, col: 9) && !a.contains(row: 10, col: 0))
    }
}

@Suite struct StyleTests {
    @Test func rolesWithBackgrounds() {
        #expect(Style.selected.background == .selected)
        #expect(Style.drug.background == .normal)
        #expect(Style(.drug).on(.selected) == Style(foreground: .drug, background: .selected))
    }

    @Test func colorResolution() {
        let theme = Theme.standard
        let drugOnSelected = theme.resolve(Style(.drug).on(.selected), color: true)
        #expect(drugOnSelected.foreground == 2)        // green
        #expect(drugOnSelected.background == 4)        // blue
        let plain = theme.resolve(.normal, color: true)
        #expect(plain.foreground == -1 && plain.background == -1)
    }

    @Test func monochromeKeepsRolesDistinguishable() {
        let theme = Theme.standard
        #expect(theme.resolve(.selected, color: false).attributes.contains(.reverse))
        #expect(theme.resolve(.status, color: false).attributes.contains(.reverse))
        #expect(theme.resolve(.header, color: false).attributes.contains(.bold))
        #expect(theme.resolve(Style(.drug).on(.selected), color: false).attributes.contains(.reverse))
        #expect(theme.resolve(.normal, color: false).attributes.isEmpty)
        let resolved = theme.resolve(.error, color: false)
        #expect(resolved.foreground == -1 && resolved.background == -1)
    }

    @Test func noColorRules() {
        #expect(TerminalOptions.colorAllowed(noColorFlag: false, noColorEnvironment: nil))
        #expect(TerminalOptions.colorAllowed(noColorFlag: false, noColorEnvironment: ""))
        #expect(!TerminalOptions.colorAllowed(noColorFlag: false, noColorEnvironment: "1"))
        #expect(!TerminalOptions.colorAllowed(noColorFlag: true, noColorEnvironment: nil))
    }

    @Test func paletteFallsBackOnSmallTerminals() {
        #expect(TerminalColor.index(202).number(availableColors: 256) == 202)
        #expect(TerminalColor.index(202).number(availableColors: 8) == 2)
        #expect(TerminalColor.default.number(availableColors: 8) == -1)
    }
}
