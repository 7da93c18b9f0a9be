/// What the event loop needs from a screen: the real `Terminal`, or `HeadlessTerminal` in tests.
///
/// All methods are called from the thread that runs the event loop (ncurses is not thread-safe).
public protocol TerminalDriver: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// True once the driver has nothing more to give (a headless script has run out).
    /// The real terminal never closes; the loop then ends only when the app quits.
    var isClosed: Bool { get }
    /// A blank grid of the current size, with the glyphs and ASCII mode this screen needs.
    func makeGrid() -> Grid
    /// Shows `grid`, sending only what changed since the last call.
    func present(_ grid: Grid)
    /// Repaints the whole screen on the next `present` (Ctrl-L, or after the screen was disturbed).
    func forceRedraw()
    /// The next key, waiting at most `timeoutMs` milliseconds; nil on timeout.
    func readKey(timeoutMs: Int) -> Key?
}
