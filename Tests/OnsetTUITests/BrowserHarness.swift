import Foundation
@testable import OnsetCore
@testable import OnsetTUI

/// Drives a `BrowserApp` without a terminal: background work runs inline, so every step is deterministic.
struct BrowserHarness {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    var app: BrowserApp
    var size: Size

    /// A browser over a fresh library holding `Data/` (and any extra cases).
    init(width: Int = 80, height: Int = 24, extra: [Case] = []) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("onset-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let lexicon = (try? Lexicon.load(directory: Self.repoRoot.appendingPathComponent("Data/lexicon"))) ?? .builtIn
        let library = try Library(path: dir.appendingPathComponent("lib.sqlite").path, lexicon: lexicon)
        _ = try ImportRunner().run([Self.repoRoot.appendingPathComponent("Data").path], into: library)
        if !extra.isEmpty { try library.importCases([ImportBatch(key: "extra", kind: .literature, format: "json", cases: extra)]) }
        size = Size(width: width, height: height)
        app = BrowserApp(library: library, name: "Data", size: size)
        run(app.start())
    }

    mutating func run(_ commands: [Command<BrowserMessage>]) {
        for c in commands {
            switch c {
            case .run(let work): run(app.update(.background(work())))
            case .stream(let producer):
                let box = Mailbox<BrowserMessage>()
                producer(box)
                for m in box.drain() { run(app.update(.background(m))) }
            default: break
            }
        }
    }

    mutating func press(_ keys: Key...) { for k in keys { run(app.update(.key(k))) } }
    mutating func type(_ text: String) { for ch in text { press(.char(ch)) } }
    mutating func resize(_ w: Int, _ h: Int) { size = Size(width: w, height: h); run(app.update(.resize(size))) }

    func grid(ascii: Bool = false) -> Grid {
        var g = Grid(width: size.width, height: size.height, glyphs: ascii ? .ascii : .unicode, asciiOnly: ascii)
        app.render(into: &g)
        return g
    }

    func screen(ascii: Bool = false) -> String { grid(ascii: ascii).lines().joined(separator: "\n") }
}

/// Compares a rendered screen with `Tests/OnsetTUITests/Golden/NAME.txt`; `ONSET_UPDATE_GOLDEN=1` rewrites it.
func golden(_ name: String, _ screen: String) -> (matches: Bool, expected: String) {
    let url = BrowserHarness.repoRoot.appendingPathComponent("Tests/OnsetTUITests/Golden/\(name).txt")
    if ProcessInfo.processInfo.environment["ONSET_UPDATE_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? (screen + "\n").write(to: url, atomically: true, encoding: .utf8)
    }
    let expected = ((try? String(contentsOf: url, encoding: .utf8)) ?? "<missing golden \(name)>")
    let trimmed = expected.hasSuffix("\n") ? String(expected.dropLast()) : expected
    return (trimmed == screen, trimmed)
}
