import Foundation
import OnsetCore

/// Starts the browser in the real terminal and restores the terminal however it ends.
public enum BrowserLauncher {
    public static func run(library: Library, name: String, options: TerminalOptions, tracePath: String?) throws {
        let launched = DispatchTime.now().uptimeNanoseconds
        // Before the terminal is taken over, so a bad path is reported on a normal screen.
        let traceLog = try tracePath.map(TracingDriver.openLog)
        let terminal = try Terminal(options: options)
        defer { terminal.stop() }
        var app = BrowserApp(library: library, name: name, size: terminal.size)
        if let traceLog {
            let tracer = TracingDriver(terminal, log: traceLog, launchedNs: launched)
            EventLoop().run(&app, on: tracer)
            tracer.close()
        } else {
            EventLoop().run(&app, on: terminal)
        }
    }
}

/// The `--trace` file could not be created or written.
public struct TraceFileError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var description: String { "cannot write the trace file \(VisibleText.escape(path)) (does its folder exist, and may you write there?)" }
}

/// Wraps a driver to log, per key, the work from reading it to presenting the next screen,
/// and the time from launch to the first complete list screen (`--trace FILE`).
final class TracingDriver: TerminalDriver {
    private let inner: any TerminalDriver
    private let file: FileHandle
    private let launchedNs: UInt64
    private var pendingKey: (Key, UInt64)?
    private var firstFullScreenLogged = false

    init(_ inner: any TerminalDriver, log: FileHandle, launchedNs: UInt64) {
        self.inner = inner
        self.file = log
        self.launchedNs = launchedNs
    }

    /// Creates the trace file, or empties it when it exists.
    static func openLog(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw TraceFileError(path: path)
        }
        return handle
    }

    var size: Size { inner.size }
    var isClosed: Bool { inner.isClosed }
    func makeGrid() -> Grid { inner.makeGrid() }
    func forceRedraw() { inner.forceRedraw() }

    func present(_ grid: Grid) {
        inner.present(grid)
        let now = DispatchTime.now().uptimeNanoseconds
        if let (key, start) = pendingKey {
            log("key \(Self.name(key)) \(String(format: "%.3f", Double(now - start) / 1e6)) ms")
            pendingKey = nil
        }
        // The list is complete once no row shows the loading mark and the count is known.
        if !firstFullScreenLogged, !grid.lines().contains(where: { $0.contains("…") && $0.trimmingCharacters(in: .whitespaces).count <= 2 }),
           grid.lines().last?.contains(" of ") == true, grid.lines().last?.contains("… of") == false {
            firstFullScreenLogged = true
            // The wall clock too, so a benchmark can measure from before the process started.
            var ts = timespec()
            clock_gettime(CLOCK_REALTIME, &ts)
            log("first-screen \(String(format: "%.3f", Double(now - launchedNs) / 1e6)) ms epoch-ms \(Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000)")
        }
    }

    func readKey(timeoutMs: Int) -> Key? {
        let key = inner.readKey(timeoutMs: timeoutMs)
        if let key { pendingKey = (key, DispatchTime.now().uptimeNanoseconds) }
        return key
    }

    func close() { try? file.close() }

    private func log(_ line: String) { file.write(Data((line + "\n").utf8)) }

    static func name(_ key: Key) -> String {
        switch key {
        case .char(let c): return c == " " ? "space" : String(c)
        default: return "\(key)"
        }
    }
}
