import Dispatch
import Glibc

/// A `TerminalDriver` without a terminal, for tests: it plays a script of keys and resizes and
/// keeps every grid the loop presents (like ratatui's `TestBackend`).
///
/// ```swift
/// let screen = HeadlessTerminal(width: 40, height: 5, script: [.text("+"), .key(.char("q"))])
/// var app = Counter()
/// EventLoop().run(&app, on: screen)
/// #expect(screen.lastGrid?.lines()[0] == "count: 1")
/// ```
public final class HeadlessTerminal: TerminalDriver {
    /// One scripted event.
    public enum Step {
        /// Deliver a key.
        case key(Key)
        /// Deliver each character of a string as `.char` keys.
        case text(String)
        /// Change the size and deliver `.resize`.
        case resize(Size)
        /// Deliver nothing for this long (background work may finish meanwhile).
        case idle(ms: Int)
        /// Deliver nothing until the last presented grid satisfies `condition`, or `timeoutMs` passes
        /// (then the step is recorded in `timedOut` and the script goes on).
        case waitFor(timeoutMs: Int, (Grid) -> Bool)
    }

    /// The current size.
    public private(set) var size: Size
    /// Glyphs for the grids this driver makes.
    public let glyphs: GlyphSet
    /// ASCII mode for the grids this driver makes.
    public let asciiOnly: Bool
    /// Every grid passed to `present`, oldest first.
    public private(set) var presented: [Grid] = []
    /// How many times a full repaint was requested (Ctrl-L, `.redraw`, resize).
    public private(set) var redrawCount = 0
    /// Indexes (in the original script) of `waitFor` steps whose condition never became true.
    public private(set) var timedOut: [Int] = []

    private var script: [Step]
    private var stepIndex = 0
    private var deadline: UInt64?

    /// A headless screen of `width` × `height` that will play `script`.
    public init(width: Int, height: Int, glyphs: GlyphSet = .unicode, asciiOnly: Bool = false, script: [Step] = []) {
        self.size = Size(width: width, height: height)
        self.glyphs = glyphs
        self.asciiOnly = asciiOnly
        // Text steps are expanded up front so every step is one event.
        self.script = script.flatMap { step -> [Step] in
            if case .text(let s) = step { return s.map { .key(.char($0)) } }
            return [step]
        }
    }

    /// The most recently presented grid.
    public var lastGrid: Grid? { presented.last }

    /// True once the script has been played to the end.
    public var isClosed: Bool { script.isEmpty }

    public func makeGrid() -> Grid {
        Grid(width: size.width, height: size.height, glyphs: glyphs, asciiOnly: asciiOnly)
    }

    public func present(_ grid: Grid) { presented.append(grid) }

    public func forceRedraw() { redrawCount += 1 }

    public func readKey(timeoutMs: Int) -> Key? {
        guard let step = script.first else { return nil }
        switch step {
        case .key(let key):
            advance()
            return key
        case .text:
            advance()           // already expanded in init
            return nil
        case .resize(let newSize):
            advance()
            size = newSize
            redrawCount += 1
            return .resize
        case .idle(let ms):
            if waitExpired(ms) { advance() }
            return nil
        case .waitFor(let ms, let condition):
            if let grid = presented.last, condition(grid) {
                advance()
            } else if waitExpired(ms) {
                timedOut.append(stepIndex)
                advance()
            }
            return nil
        }
    }

    private func advance() {
        script.removeFirst()
        stepIndex += 1
        deadline = nil
    }

    /// Starts the step's clock on first call; true once `ms` has passed. Sleeps a little while the
    /// loop would wait, so a test does not spin a core that the background work needs.
    private func waitExpired(_ ms: Int) -> Bool {
        let current = DispatchTime.now().uptimeNanoseconds
        let end = deadline ?? current + UInt64(max(0, ms)) * 1_000_000
        deadline = end
        if current >= end { return true }
        usleep(2_000)
        return false
    }
}
