import Dispatch
import Foundation

// # The onset terminal architecture
//
// onset's screens follow the Elm / Bubble Tea pattern, with rendering as in ratatui:
//
//     state ──render──▶ Grid ──present──▶ terminal        (Terminal, or HeadlessTerminal in tests)
//       ▲                                    │
//       └──update◀── AppMessage ◀── key, resize, tick, background result
//
// * An app is a value conforming to `TerminalApp`. `update(_:)` is the only place its state
//   changes; it must be quick (no file or database access) and returns `Command`s for anything
//   slow. `render(into:)` draws the current state into a blank `Grid` and has no side effects.
// * Slow work (queries, loading, statistics) is a `Command.run` closure or a `Command.stream`
//   producer. It runs on a background queue and its result comes back as
//   `AppMessage.background(...)` through a thread-safe `Mailbox`. The loop polls the mailbox every
//   `pollIntervalMs` while waiting for keys, so **input never waits on a query**: keys keep being
//   handled (and, say, a "cancel" key can flip a flag the worker checks) while work is under way.
// * The loop renders only after something happened, and the driver sends only the cells that
//   changed: an idle screen costs nothing over SSH.
// * Ctrl-L is handled by the loop (full repaint) and never reaches the app. Ctrl-C and Ctrl-Z are
//   signals handled by `Terminal`. Resizes arrive as `.resize(newSize)`; the next `render` gets a
//   grid of the new size.
//
// A minimal app:
//
//     struct Counter: TerminalApp {
//         var count = 0
//         var status = "press + or q"
//         mutating func update(_ message: AppMessage<String>) -> [Command<String>] {
//             switch message {
//             case .key(.char("+")):
//                 count += 1
//                 return [.run { "counted in the background" }]   // returns via .background
//             case .key(.char("q")): return [.quit]
//             case .background(let text): status = text
//             default: break
//             }
//             return []
//         }
//         func render(into grid: inout Grid) {
//             grid.put("count: \(count)", row: 0, col: 0, style: .header)
//             grid.fill(row: grid.height - 1, style: .status)
//             grid.put(status, row: grid.height - 1, col: 1, style: .status)
//         }
//     }
//
//     let terminal = try Terminal(options: TerminalOptions())
//     defer { terminal.stop() }
//     var app = Counter()
//     EventLoop().run(&app, on: terminal)
//
// Tests drive the same app with `HeadlessTerminal` and read the presented `Grid`s.

/// An input to an app's `update`.
public enum AppMessage<Message: Sendable>: Sendable {
    /// A key press (never Ctrl-L, which the loop handles).
    case key(Key)
    /// The terminal now has this size; the next grid will be this big.
    case resize(Size)
    /// The periodic tick requested with `Command.tick(everyMs:)`.
    case tick
    /// A result posted by background work (`Command.run`, `Command.stream`, or `Mailbox.post`).
    case background(Message)
}

/// Something an app asks the loop to do after `update`.
public enum Command<Message: Sendable>: Sendable {
    /// Leave the loop; `run` returns.
    case quit
    /// Repaint the whole screen (as Ctrl-L does).
    case redraw
    /// Run `work` on a background queue and deliver its result as `.background(result)`.
    case run(@Sendable () -> Message)
    /// Run `producer` on a background queue; it may post any number of messages (progress,
    /// batches of rows) to the mailbox before it returns.
    case stream(@Sendable (Mailbox<Message>) -> Void)
    /// Send `.tick` every `everyMs` milliseconds (for spinners and progress); nil stops the ticks.
    /// Keep it at 100 ms or slower: each tick may redraw, and redraws cost bandwidth over SSH.
    case tick(everyMs: Int?)
}

/// A screen that the event loop can run: state, an update function and a render function.
public protocol TerminalApp {
    /// The type of results that background work posts back.
    associatedtype Message: Sendable

    /// Commands to run when the loop starts (e.g. begin loading). Default: none.
    mutating func start() -> [Command<Message>]
    /// Applies one message to the state. Must not block: return a `Command` for slow work.
    mutating func update(_ message: AppMessage<Message>) -> [Command<Message>]
    /// Draws the current state into `grid`, which is blank and of the terminal's size.
    func render(into grid: inout Grid)
}

extension TerminalApp {
    public mutating func start() -> [Command<Message>] { [] }
}

/// A thread-safe queue of messages from background work to the event loop.
///
/// `@unchecked Sendable` because the lock, not the type system, protects `items`; every access
/// to `items` goes through `lock`.
public final class Mailbox<Message: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Message] = []

    public init() {}

    /// Queues `message` for the loop; callable from any thread.
    public func post(_ message: Message) {
        lock.lock()
        items.append(message)
        lock.unlock()
    }

    /// Takes every queued message, oldest first.
    public func drain() -> [Message] {
        lock.lock()
        defer { lock.unlock() }
        let taken = items
        items.removeAll(keepingCapacity: true)
        return taken
    }
}

/// Runs a `TerminalApp` on a `TerminalDriver` until the app quits or the driver closes.
public struct EventLoop {
    /// How long a key wait lasts before the mailbox and ticks are checked again. It bounds the delay
    /// before a background result appears on screen.
    public var pollIntervalMs: Int
    /// Keys already waiting are processed together before one render (pastes, key repeat over a
    /// slow link), up to this many.
    public var maxKeysPerFrame: Int

    public init(pollIntervalMs: Int = 50, maxKeysPerFrame: Int = 64) {
        self.pollIntervalMs = max(1, pollIntervalMs)
        self.maxKeysPerFrame = max(1, maxKeysPerFrame)
    }

    /// Runs `app` until it returns `.quit` (or the driver closes), then returns with `app` in its final state.
    /// Call from the thread that owns the driver; background work runs on a concurrent queue.
    public func run<App: TerminalApp>(_ app: inout App, on driver: some TerminalDriver) {
        let mailbox = Mailbox<App.Message>()
        let queue = DispatchQueue(label: "onset.eventloop.background", qos: .userInitiated, attributes: .concurrent)
        var state = LoopState()

        func execute(_ commands: [Command<App.Message>]) {
            for command in commands {
                switch command {
                case .quit: state.quit = true
                case .redraw:
                    driver.forceRedraw()
                    state.dirty = true
                case .run(let work):
                    queue.async { mailbox.post(work()) }
                case .stream(let producer):
                    queue.async { producer(mailbox) }
                case .tick(let every):
                    if let every {
                        let interval = UInt64(max(1, every)) * 1_000_000
                        state.tickIntervalNs = interval
                        state.nextTick = now() + interval
                    } else {
                        state.tickIntervalNs = nil
                        state.nextTick = nil
                    }
                }
            }
        }

        func dispatch(_ message: AppMessage<App.Message>) {
            execute(app.update(message))
            state.dirty = true
        }

        execute(app.start())
        while !state.quit {
            if state.dirty {
                var grid = driver.makeGrid()
                app.render(into: &grid)
                driver.present(grid)
                state.dirty = false
            }
            if driver.isClosed { break }

            var timeout = pollIntervalMs
            if let next = state.nextTick {
                let current = now()
                timeout = next > current ? min(timeout, Int((next - current) / 1_000_000)) : 0
            }
            var keys: [Key] = []
            if let first = driver.readKey(timeoutMs: timeout) {
                keys.append(first)
                while keys.count < maxKeysPerFrame, let more = driver.readKey(timeoutMs: 0) {
                    keys.append(more)
                }
            }
            for key in keys where !state.quit {
                switch key {
                case .resize: dispatch(.resize(driver.size))
                case .ctrl("l"):
                    driver.forceRedraw()
                    state.dirty = true
                default: dispatch(.key(key))
                }
            }
            for message in mailbox.drain() where !state.quit {
                dispatch(.background(message))
            }
            if !state.quit, let next = state.nextTick, let interval = state.tickIntervalNs, now() >= next {
                // Missed ticks are not replayed: a slow frame yields one tick, not a burst.
                state.nextTick = now() + interval
                dispatch(.tick)
            }
        }
    }

    private struct LoopState {
        var quit = false
        var dirty = true
        var tickIntervalNs: UInt64?
        var nextTick: UInt64?
    }
}

/// Monotonic nanoseconds, for tick scheduling.
private func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
