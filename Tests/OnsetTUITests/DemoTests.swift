import Testing
@testable import OnsetTUI

@Suite struct DemoTests {
    /// The demo draws every feature of the layer; it must survive any terminal size and mode.
    @Test(arguments: [(GlyphSet.unicode, false), (GlyphSet.ascii, false), (GlyphSet.ascii, true)])
    func rendersAtEverySize(glyphs: GlyphSet, asciiOnly: Bool) {
        let app = DemoApp(colorEnabled: false)
        for width in [0, 1, 2, 5, 13, 40, 80, 133] {
            for height in [0, 1, 2, 3, 8, 24, 50] {
                var grid = Grid(width: width, height: height, glyphs: glyphs, asciiOnly: asciiOnly)
                app.render(into: &grid)
                #expect(grid.lines().count == height)
                for cell in grid.cells {
                    #expect(!cell.grapheme.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
                    if asciiOnly { #expect(cell.grapheme.unicodeScalars.allSatisfy { $0.isASCII }) }
                }
            }
        }
    }

    @Test func hostileLineIsEscaped() {
        var grid = Grid(width: 100, height: 30)
        DemoApp(colorEnabled: true).render(into: &grid)
        #expect(grid.lines().contains(" hostile data: ^[]52;c;SGVsbG8=\\x07^[[2J\\x9b31m<U+202E>evil"))
        #expect(grid.lines().last?.hasPrefix(" 100x30  unicode  colour") == true)
    }

    @Test func queryRunsInTheBackgroundWhileKeysAreRead() {
        let screen = HeadlessTerminal(width: 80, height: 24, script: [
            .key(.char("b")),
            .text("xyz"),
            .waitFor(timeoutMs: 2000) { $0.lines().contains(" keys: b x y z") && $0.lines().contains { $0.contains("querying") } },
        ])
        var app = DemoApp(colorEnabled: false)
        EventLoop().run(&app, on: screen)
        #expect(screen.timedOut.isEmpty)
        #expect(app.queryRunning)
    }
}
