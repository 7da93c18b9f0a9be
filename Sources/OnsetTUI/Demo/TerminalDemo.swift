import Dispatch
import Glibc

/// A one-screen demonstration of the terminal layer (styles, glyphs, wide text, hostile text,
/// keys, background work), for checking a terminal by eye: `onset` can expose it as a hidden
/// subcommand. Keys: `b` runs a 2-second fake query (keep typing: input stays live), `q` quits.
public enum TerminalDemo {
    /// Runs the demo on the real terminal until `q`; the terminal is restored before returning.
    public static func run(options: TerminalOptions = TerminalOptions()) throws {
        let terminal = try Terminal(options: options)
        defer { terminal.stop() }
        var app = DemoApp(colorEnabled: terminal.colorEnabled)
        EventLoop().run(&app, on: terminal)
    }
}

/// The demo screen. Internal so tests can render it headless.
struct DemoApp: TerminalApp {
    enum Message: Sendable {
        case queryFinished(rows: Int, ms: Int)
    }

    var colorEnabled: Bool
    var lastKeys: [Key] = []
    var size: Size?
    var queryRunning = false
    var spinner = 0
    var queryResult = "press b to run a slow query"

    static let hostile = "\u{1b}]52;c;SGVsbG8=\u{07}\u{1b}[2J\u{9b}31m\u{202e}evil"

    mutating func update(_ message: AppMessage<Message>) -> [Command<Message>] {
        switch message {
        case .key(.char("q")):
            return [.quit]
        case .key(.char("b")) where !queryRunning:
            queryRunning = true
            lastKeys.append(.char("b"))
            let started = DispatchTime.now().uptimeNanoseconds
            return [
                .tick(everyMs: 100),
                .run {
                    // Stands in for a database query: the loop keeps reading keys meanwhile.
                    usleep(2_000_000)
                    let ms = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
                    return .queryFinished(rows: 1234, ms: ms)
                },
            ]
        case .key(let key):
            lastKeys.append(key)
            if lastKeys.count > 6 { lastKeys.removeFirst(lastKeys.count - 6) }
        case .resize(let newSize):
            size = newSize
        case .tick:
            spinner += 1
        case .background(.queryFinished(let rows, let ms)):
            queryRunning = false
            queryResult = "query returned \(rows) rows in \(ms) ms"
            return [.tick(everyMs: nil)]
        }
        return []
    }

    func render(into grid: inout Grid) {
        let g = grid.glyphs
        let (title, rest) = grid.bounds.splitTop(1)
        let (body, status) = rest.splitBottom(1)
        grid.fill(row: title.y, style: .header)
        grid.put("onset terminal demo", row: title.y, col: 1, style: Style(.header, [.bold]))

        let content = body.inset(left: 1, right: 1)
        var row = content.y
        func line(_ spans: [Span]) {
            guard row < content.maxY else { return }
            grid.put(spans, row: row, col: content.x, maxWidth: content.width)
            row += 1
        }

        line(StyleRole.allCases.map { Span(" \($0) ", Style($0)) })
        line([Span("selected: "), Span(g.selection + " ", .selected), Span("aspirin", Style(.drug).on(.selected)),
              Span(" " + g.arrow + " ", .selected), Span("urticaria", Style(.event).on(.selected))])
        row += 1

        // A dose-to-onset timeline sketch: axis, dose, onset and an uncertainty span.
        let axisWidth = min(40, content.width)
        if axisWidth >= 12, row + 2 < content.maxY {
            grid.hline(row: row + 1, col: content.x, length: axisWidth, style: .dim)
            for col in stride(from: 0, to: axisWidth, by: 10) {
                grid.put(g.axisTick, row: row + 1, col: content.x + col, style: .dim)
                grid.put("d\(col)", row: row + 2, col: content.x + col, style: .dim)
            }
            grid.put(g.doseMarker, row: row, col: content.x + 2, style: .dose)
            grid.put(String(repeating: g.rangeSpan, count: 8), row: row, col: content.x + 12, style: .interval)
            grid.put(g.onsetMarker, row: row, col: content.x + 20, style: .event)
            row += 3
        }
        for (label, value) in [("rash", 5.0), ("nausea", 2.375), ("fever", 0.2)] {
            line([Span(label + String(repeating: " ", count: max(0, 8 - label.count)), .event),
                  Span(g.bar(length: value * 3), .accent), Span(" \(value)")])
        }
        row += 1

        if row + 4 <= content.maxY {
            let box = Rect(x: content.x, y: row, width: min(34, content.width), height: 4)
            grid.box(box, style: .dim, title: "wide text")
            let inside = box.inset(by: 1)
            grid.put("日本語の症例報告 😀 naïve café", row: inside.y, col: inside.x, maxWidth: inside.width)
            grid.put("e\u{301}te\u{301} 한국어 Ünïcödé ➜ ok", row: inside.y + 1, col: inside.x, maxWidth: inside.width)
            row += 4
        }
        line([Span("hostile data: ", .warning), Span(DemoApp.hostile)])
        line([Span("keys: "), Span(lastKeys.map(Self.describe).joined(separator: " "), .accent)])
        let spin = g.isUnicode ? ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"] : ["|", "/", "-", "\\"]
        line([Span(queryRunning ? spin[spinner % spin.count] + " querying… (keys still work)" : queryResult,
                   queryRunning ? .warning : .normal)])

        grid.fill(row: status.y, style: .status)
        let mode = "\(grid.width)x\(grid.height)  \(g.isUnicode ? "unicode" : "ascii")\(grid.asciiOnly ? " (ascii text)" : "")  \(colorEnabled ? "colour" : "no colour")"
        grid.put(mode, row: status.y, col: 1, style: .status)
        grid.put("b query  q quit", row: status.y, col: 0, style: .status, maxWidth: grid.width - 1, align: .right)
    }

    static func describe(_ key: Key) -> String {
        switch key {
        case .char(let c): return String(c)
        case .ctrl(let c): return "^" + String(c).uppercased()
        case .alt(let c): return "M-" + String(c)
        case .function(let n): return "F\(n)"
        case .mouse(let e): return "mouse(\(e.action) \(e.row),\(e.col))"
        default: return "\(key)"
        }
    }
}
