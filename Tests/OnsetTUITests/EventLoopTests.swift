import Dispatch
import Testing
@testable import OnsetTUI

/// A small app exercising every kind of message and command.
private struct ProbeApp: TerminalApp {
    enum Message: Sendable {
        case status(String)
        case progress(Int)
    }

    var count = 0
    var status = "idle"
    var sizes: [Size] = []
    var ticks = 0
    var progress: [Int] = []
    var keysSeen: [Key] = []
    var startCommands: [Command<Message>] = []
    let gate = DispatchSemaphore(value: 0)

    mutating func start() -> [Command<Message>] { startCommands }

    mutating func update(_ message: AppMessage<Message>) -> [Command<Message>] {
        switch message {
        case .key(let key):
            keysSeen.append(key)
            switch key {
            case .char("+"): count += 1
            case .char("b"): return [.run { .status("done") }]
            case .char("s"):
                status = "waiting"
                let gate = self.gate
                return [.run {
                    gate.wait()                 // a query that takes as long as the test wants
                    return .status("slow done")
                }]
            case .char("r"): gate.signal()
            case .char("p"):
                return [.stream { mailbox in
                    for i in 1...3 { mailbox.post(.progress(i)) }
                }]
            case .char("t"): return [.tick(everyMs: nil)]
            case .char("R"): return [.redraw]
            case .char("q"): return [.quit]
            default: break
            }
        case .resize(let size): sizes.append(size)
        case .tick: ticks += 1
        case .background(.status(let s)): status = s
        case .background(.progress(let p)): progress.append(p)
        }
        return []
    }

    func render(into grid: inout Grid) {
        grid.put("count: \(count)", row: 0, col: 0, style: .header)
        grid.put("status: \(status)", row: 1, col: 0)
        grid.put("ticks: \(ticks > 0 ? "yes" : "no") progress: \(progress.count)", row: 2, col: 0)
        grid.fill(row: grid.height - 1, style: .status)
        grid.put("\(grid.width)x\(grid.height)", row: grid.height - 1, col: 0, style: .status)
    }
}

@Suite struct EventLoopTests {
    @Test func keysUpdateStateAndScreen() {
        // No quit key: the loop ends when the script runs out, after drawing the final state.
        let screen = HeadlessTerminal(width: 20, height: 5, script: [.text("++"), .key(.char("+"))])
        var app = ProbeApp()
        EventLoop().run(&app, on: screen)
        #expect(app.count == 3)
        #expect(screen.lastGrid?.lines()[0] == "count: 3")
        #expect(screen.lastGrid?.styleAt(row: 4, col: 10) == .status)
    }

    @Test func quitStopsBeforeLaterKeys() {
        let screen = HeadlessTerminal(width: 20, height: 5, script: [.text("+q+")])
        var app = ProbeApp()
        EventLoop().run(&app, on: screen)
        #expect(app.count == 1)
        // Quitting does not draw another frame.
        #expect(screen.presented.count == 1)
    }

    @Test func backgroundResultArrives() {
        let screen = HeadlessTerminal(width: 30, height: 5, script: [
            .key(.char("b")),
            .waitFor(timeoutMs: 5000) { $0.lines()[1] == "status: done" },
        ])
        var app = ProbeApp()
        EventLoop().run(&app, on: screen)
        #expect(screen.timedOut.isEmpty)
        #expect(app.status == "done")
    }

    @Test func inputIsHandledWhileAQueryRuns() {
        let screen = HeadlessTerminal(width: 30, height: 5, script: [
            .key(.char("s")),
            .text("++"),
            // The query is still blocked, yet the keys have been handled and drawn.
            .waitFor(timeoutMs: 5000) { $0.lines()[0] == "count: 2" && $0.lines()[1] == "status: waiting" },
            .key(.char("r")),
            .waitFor(timeoutMs: 5000) { $0.lines()[1] == "status: slow done" },
        ])
        var app = ProbeApp()
        EventLoop().run(&app, on: screen)
        #expect(screen.timedOut.isEmpty)
        #expect(app.count == 2)
        #expect(app.status == "slow done")
    }

    @Test func streamDeliversEveryMessageInOrder() {
        let screen = HeadlessTerminal(width: 30, height: 5, script: [
            .key(.char("p")),
            .waitFor(timeoutMs: 5000) { $0.lines()[2].hasSuffix("progress: 3") },
        ])
        var app = ProbeApp()
        EventLoop().run(&app, on: screen)
        #expect(app.progress == [1, 2, 3])
    }

    @Test func resizeDeliversTheNewSizeAndAGridOfThatSize() {
        let screen = HeadlessTerminal(width: 20, height: 5, script: [.resize(Size(width: 30, height: 6))])
        var app = ProbeApp()
        EventLoop().run(&app, on: screen)
        #expect(app.sizes == [Size(width: 30, height: 6)])
        #expect(screen.lastGrid?.size == Size(width: 30, height: 6))
        #expect(screen.lastGrid?.lines()[5] == "30x6")
    }

    @Test func ctrlLRepaintsAndIsNotPassedOn() {
        let screen = HeadlessTerminal(width: 20, height: 5, script: [.key(.ctrl("l")), .key(.char("R")), .key(.ctrl("a"))])
        var app = ProbeApp()
        EventLoop().run(&app, on: screen)
        #expect(screen.redrawCount == 2)
        #expect(app.keysSeen == [.char("R"), .ctrl("a")])
    }

    @Test func ticksArriveUntilStopped() {
        let screen = HeadlessTerminal(width: 30, height: 5, script: [
            .waitFor(timeoutMs: 5000) { $0.lines()[2].hasPrefix("ticks: yes") },
            .key(.char("t")),
        ])
        var app = ProbeApp()
        app.startCommands = [.tick(everyMs: 10)]
        EventLoop().run(&app, on: screen)
        #expect(screen.timedOut.isEmpty)
        let ticksWhenStopped = app.ticks
        #expect(ticksWhenStopped >= 1)
    }

    @Test func idleScreenIsNotRedrawn() {
        let screen = HeadlessTerminal(width: 20, height: 5, script: [.idle(ms: 150)])
        var app = ProbeApp()
        EventLoop(pollIntervalMs: 10).run(&app, on: screen)
        #expect(screen.presented.count == 1)
    }

    @Test func severalPendingKeysAreOneFrame() {
        let screen = HeadlessTerminal(width: 20, height: 5, script: [.text("+++++")])
        var app = ProbeApp()
        EventLoop().run(&app, on: screen)
        #expect(app.count == 5)
        // The initial frame and one frame for the whole burst.
        #expect(screen.presented.count == 2)
    }
}
