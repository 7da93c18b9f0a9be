import CNcursesw
import Glibc

/// Settings for `Terminal`, usually filled from command-line flags.
public struct TerminalOptions: Sendable {
    /// `--ascii`: draw with ASCII glyphs even in a UTF-8 locale.
    public var forceASCII: Bool
    /// `--no-color`: never use colour (`NO_COLOR` in the environment has the same effect).
    public var noColor: Bool
    /// Report mouse clicks and the wheel. Off by default: capturing the mouse stops users from
    /// selecting text to copy, which over SSH is how they get data out.
    public var mouse: Bool
    /// How long ncurses waits after ESC for the rest of an escape sequence, in milliseconds.
    public var escapeDelayMs: Int
    /// Colours for the style roles.
    public var theme: Theme

    public init(forceASCII: Bool = false, noColor: Bool = false, mouse: Bool = false,
                escapeDelayMs: Int = 25, theme: Theme = .standard) {
        self.forceASCII = forceASCII
        self.noColor = noColor
        self.mouse = mouse
        self.escapeDelayMs = escapeDelayMs
        self.theme = theme
    }

    /// Whether colour may be used, before asking the terminal: not with `--no-color` and not when
    /// `NO_COLOR` is set to a non-empty value (https://no-color.org).
    public static func colorAllowed(noColorFlag: Bool, noColorEnvironment: String?) -> Bool {
        if noColorFlag { return false }
        if let value = noColorEnvironment, !value.isEmpty { return false }
        return true
    }
}

/// Why the terminal could not be started.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Another `Terminal` is running; there is only one screen.
    case alreadyActive
    /// Standard input or output is not a terminal (piped, redirected, cron).
    case notATerminal
    /// ncurses could not start, usually because `TERM` is unknown to terminfo.
    case cannotInitialize(term: String)
    /// The terminal type cannot position the cursor (e.g. `TERM=dumb`).
    case unsupported(term: String)

    public var description: String {
        switch self {
        case .alreadyActive: return "the terminal is already in use"
        case .notATerminal: return "standard input and output must be a terminal"
        case .cannotInitialize(let term):
            return "cannot initialise terminal type '\(term)'; try TERM=xterm-256color"
        case .unsupported(let term):
            return "terminal type '\(term)' cannot position the cursor; a full-screen view needs e.g. TERM=xterm-256color"
        }
    }
}

/// The ncurses driver: the only code in onset that calls ncurses, and the only place with
/// process-wide signal handling.
///
/// - `init` sets the locale, starts curses (`newterm`, so a bad `TERM` is an error, not an exit),
///   configures input (`cbreak`, `noecho`, `nonl`, `keypad`, short ESC delay), colours and the
///   optional mouse, and installs the signal handlers that put the terminal back.
/// - `present` copies a `Grid` to the screen, writing only the cells that differ from the
///   previously presented grid, then one `doupdate`: the smallest output for remote sessions.
/// - `readKey` waits for a key with a timeout (so the event loop can poll its mailbox).
/// - `stop` (or `deinit`) ends curses mode. Signals restore the terminal too: SIGINT, SIGTERM and
///   SIGHUP exit with status 128+n; SIGILL (Swift traps), SIGSEGV, SIGBUS, SIGABRT, SIGFPE and SIGQUIT
///   hand over to the previous handler (Swift's backtracer, or the default action) once the
///   screen is restored, so the crash report lands on a usable terminal; SIGTSTP (Ctrl-Z) leaves
///   curses mode and stops; SIGCONT repaints everything.
///
/// Resizing is left to ncurses' own SIGWINCH handler, which makes `readKey` return `.resize`.
/// Use from one thread only.
public final class Terminal: TerminalDriver {
    /// The current size in cells (updated when a `.resize` key is read).
    public private(set) var size: Size
    /// Drawing characters chosen from the locale and `--ascii`.
    public let glyphs: GlyphSet
    /// True when the locale is not UTF-8: text is drawn as ASCII stand-ins.
    public let asciiOnly: Bool
    /// True when colour is in use.
    public let colorEnabled: Bool
    /// True once the terminal has hung up (its window closed, the SSH connection dropped) while
    /// SIGHUP was ignored (`nohup`, some `su` and `sudo` setups): every read then fails at once, and
    /// the event loop must end rather than spin.
    public private(set) var isClosed = false

    private let theme: Theme
    private let availableColors: Int
    private let defaultColorsWork: Bool
    private var pairs: [ColorKey: Int16] = [:]
    private var nextPair: Int16 = 1
    private let maxPairs: Int
    private var previous: Grid?
    private var cursorVisible = false
    private var pendingKey: Key?
    private var stopped = false

    private struct ColorKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    /// Starts curses mode. Throws if the terminal cannot be used; the screen is untouched then.
    public init(options: TerminalOptions = TerminalOptions()) throws {
        guard !TerminalSignals.isActive else { throw TerminalError.alreadyActive }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }

        // Before anything that touches the screen: ncursesw reads the locale to decide how to
        // encode output, and the glyph set depends on the codeset.
        setlocale(LC_ALL, "")
        let utf8 = GlyphSet.localeIsUTF8()
        glyphs = GlyphSet.forCurrentLocale(forceASCII: options.forceASCII)
        asciiOnly = !utf8
        theme = options.theme

        TerminalSignals.saveOriginalActions()
        // newterm, unlike initscr, returns NULL for an unknown TERM instead of exiting the process.
        let termName = getenv("TERM").map { String(cString: $0) } ?? ""
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r"),
              let screenHandle = newterm(nil, output, input)
        else {
            throw TerminalError.cannotInitialize(term: termName)
        }
        // A terminal that cannot position the cursor (TERM=dumb, emacs shell buffers) would show
        // a jumble; refuse it with a message instead. tigetstr returns -1 for "not a string".
        let cup = tigetstr("cup")
        if cup == nil || Int(bitPattern: cup) == -1 {
            endwin()
            delscreen(screenHandle)
            throw TerminalError.unsupported(term: termName)
        }
        TerminalSignals.markActive()
        StderrCapture.begin()

        let screen = onset_stdscr()
        cbreak()
        noecho()
        nonl()                                  // Enter arrives as CR and output needs no LF mapping
        keypad(screen, true)
        set_escdelay(Int32(max(0, options.escapeDelayMs)))
        curs_set(0)
        leaveok(screen, true)                   // no cursor moves after each update while it is hidden

        let noColorEnv = getenv("NO_COLOR").map { String(cString: $0) }
        if TerminalOptions.colorAllowed(noColorFlag: options.noColor, noColorEnvironment: noColorEnv),
           has_colors(), start_color() == OK {
            defaultColorsWork = use_default_colors() == OK
            availableColors = Int(onset_colors())
            maxPairs = Int(min(onset_color_pairs(), 32767))
            colorEnabled = maxPairs > 1
        } else {
            defaultColorsWork = false
            availableColors = 0
            maxPairs = 0
            colorEnabled = false
        }

        for (sequence, code) in Key.fallbackSequences where key_defined(sequence) == 0 {
            define_key(sequence, code)
        }

        if options.mouse {
            mousemask(MouseEvent.reportedMask, nil)
        }

        TerminalSignals.install()
        size = Size(width: Int(getmaxx(screen)), height: Int(getmaxy(screen)))
    }

    deinit { stop() }

    /// Leaves curses mode and puts back the signal handlers that were there before. Idempotent.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        // In this order a signal arriving in between still finds a handler that restores the
        // screen (a second endwin() is harmless); the other order would leave a gap.
        endwin()
        StderrCapture.release()
        TerminalSignals.markInactive()
        TerminalSignals.uninstall()
    }

    /// A blank grid of the current size, glyphs and ASCII mode.
    public func makeGrid() -> Grid {
        Grid(width: size.width, height: size.height, glyphs: glyphs, asciiOnly: asciiOnly)
    }

    /// Copies `grid` to the screen: only cells that changed since the last `present` are written
    /// (all of them after a resize or `forceRedraw`), followed by a single `doupdate`.
    public func present(_ grid: Grid) {
        guard !stopped else { return }
        let screen = onset_stdscr()
        let old = previous.flatMap { $0.size == grid.size ? $0 : nil }
        var cc = cchar_t()
        var wide: [wchar_t] = []
        wide.reserveCapacity(6)
        for row in 0..<grid.height {
            let base = row * grid.width
            for col in 0..<grid.width {
                let cell = grid.cells[base + col]
                // The terminal fills the right half of a wide character itself.
                if cell.isContinuation { continue }
                // Unchanged cells are skipped. Cells are compared whole (text, style, width), and a
                // grid never holds half a wide character, so a changed neighbour that covers or
                // uncovers this column always shows up as a change here too. Writing left to right
                // lets ncurses blank the other half of any wide character that is overwritten.
                if let old, old.cells[base + col] == cell { continue }
                wide.removeAll(keepingCapacity: true)
                for scalar in cell.grapheme.unicodeScalars { wide.append(wchar_t(bitPattern: scalar.value)) }
                if wide.isEmpty { wide.append(0x20) }
                wide.append(0)
                let (attrs, pair) = resolve(cell.style)
                setcchar(&cc, wide, attrs, pair, nil)
                // Writing the bottom-right cell returns ERR because the cursor cannot advance past
                // it; the character is still placed, so the result is ignored.
                _ = mvwadd_wch(screen, Int32(row), Int32(col), &cc)
            }
        }
        if let cursor = grid.cursor, cursor.row >= 0, cursor.row < grid.height, cursor.col >= 0, cursor.col < grid.width {
            if !cursorVisible { curs_set(1); leaveok(screen, false); cursorVisible = true }
            wmove(screen, Int32(cursor.row), Int32(cursor.col))
        } else if cursorVisible {
            curs_set(0)
            leaveok(screen, true)
            cursorVisible = false
        }
        wnoutrefresh(screen)
        doupdate()
        previous = grid
    }

    /// Clears and repaints the whole screen on the next update (Ctrl-L). Uses `clearok` on
    /// `curscr` so ncurses resends everything it believes is on the screen.
    public func forceRedraw() {
        guard !stopped else { return }
        clearok(onset_curscr(), true)
        previous = nil
    }

    /// The next key, waiting at most `timeoutMs` (negative: forever, 0: do not wait).
    /// Returns nil on timeout. A resize returns `.resize` after `size` has been updated.
    public func readKey(timeoutMs: Int) -> Key? {
        guard !stopped else { return nil }
        resumeIfContinued()
        if let key = pendingKey {
            pendingKey = nil
            return key
        }
        guard let key = readRaw(timeoutMs: timeoutMs) else {
            resumeIfContinued()
            return nil
        }
        if key == .escape {
            // ESC followed at once by a character is Alt+character. ncurses has already waited
            // ESCDELAY for an escape sequence, so anything meant with the ESC is queued by now.
            if let next = readRaw(timeoutMs: 0) {
                if Key.startsEscapeSequence(next) {
                    skipEscapeSequence()
                    return nil
                }
                if let alt = Key.alt(escapeFollowedBy: next) { return alt }
                pendingKey = next
            }
        }
        return key
    }

    /// Whether standard input (the terminal) has hung up or is no longer open.
    private static func inputHungUp() -> Bool {
        var p = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, 0) >= 0 else { return false }
        return p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// Discards the rest of an escape sequence ncurses did not recognise (bounded, so a stream
    /// of digits cannot keep us here).
    private func skipEscapeSequence() {
        for _ in 0..<32 {
            guard let key = readRaw(timeoutMs: 0) else { return }
            if Key.endsEscapeSequence(key) { return }
        }
    }

    private func readRaw(timeoutMs: Int) -> Key? {
        let screen = onset_stdscr()
        wtimeout(screen, Int32(clamping: timeoutMs))
        // Keys ncurses cannot name (nil from the decoder) are skipped rather than ending the wait
        // early, but a bounded number of times so a flood of junk cannot hang the loop.
        for _ in 0..<64 {
            var ch: wint_t = 0
            let result = wget_wch(screen, &ch)
            if result == ERR {
                // A timeout and a dead terminal both read as ERR; only a hangup shows in poll.
                if Terminal.inputHungUp() { isClosed = true }
                return nil
            }
            if result == KEY_CODE_YES {
                let code = Int32(bitPattern: ch)
                if code == KEY_MOUSE {
                    var event = MEVENT()
                    if getmouse(&event) == OK {
                        return .mouse(MouseEvent.decode(row: event.y, col: event.x, buttonState: event.bstate))
                    }
                    continue
                }
                if code == KEY_RESIZE {
                    size = Size(width: Int(getmaxx(screen)), height: Int(getmaxy(screen)))
                    // Many terminals reflow their contents on resize, so what ncurses believes is
                    // on the screen may be wrong: repaint everything.
                    forceRedraw()
                    return .resize
                }
                if let key = Key.decode(.keyCode(code)) { return key }
            } else if let key = Key.decode(.character(ch)) {
                return key
            }
            wtimeout(screen, 0)
        }
        return nil
    }

    /// After SIGTSTP/SIGCONT the terminal is in shell mode (or was disturbed by the shell):
    /// re-enter curses mode and repaint from scratch.
    private func resumeIfContinued() {
        guard TerminalSignals.takeResumeRequest() else { return }
        let screen = onset_stdscr()
        // After Ctrl-Z our SIGTSTP handler has already called endwin(). After SIGSTOP (which cannot
        // be caught) it has not, but the shell took the terminal back and set its own tty modes,
        // so leave curses mode formally too. A refresh after endwin() then puts everything back:
        // tty modes, alternate screen, keypad and mouse reporting.
        if !isendwin() { endwin() }
        clearok(onset_curscr(), true)
        wrefresh(screen)
        size = Size(width: Int(getmaxx(screen)), height: Int(getmaxy(screen)))
        previous = nil
        pendingKey = pendingKey ?? .resize
    }

    /// ncurses attributes and colour pair for a style.
    private func resolve(_ style: Style) -> (attr_t, Int16) {
        let resolved = theme.resolve(style, color: colorEnabled, availableColors: availableColors)
        var attrs = onset_a_normal()
        if resolved.attributes.contains(.bold) { attrs |= onset_a_bold() }
        if resolved.attributes.contains(.reverse) { attrs |= onset_a_reverse() }
        if resolved.attributes.contains(.underline) { attrs |= onset_a_underline() }
        if resolved.attributes.contains(.dim) { attrs |= onset_a_dim() }
        guard colorEnabled else { return (attrs, 0) }
        return (attrs, pair(foreground: resolved.foreground, background: resolved.background))
    }

    /// The colour pair for a foreground/background, allocated on first use. Pairs are allocated
    /// lazily because two roles per style make too many combinations to set up front, and
    /// 8-colour terminals may offer only 64 pairs. When they run out, the default pair is used.
    private func pair(foreground: Int16, background: Int16) -> Int16 {
        var fg = foreground, bg = background
        if !defaultColorsWork {
            // Without use_default_colors, -1 is not a valid colour; assume white on black.
            if fg < 0 { fg = Int16(COLOR_WHITE) }
            if bg < 0 { bg = Int16(COLOR_BLACK) }
        }
        if fg < 0 && bg < 0 { return 0 }
        let key = ColorKey(foreground: fg, background: bg)
        if let existing = pairs[key] { return existing }
        guard Int(nextPair) < maxPairs, init_pair(nextPair, fg, bg) == OK else { return 0 }
        pairs[key] = nextPair
        nextPair += 1
        return pairs[key]!
    }
}

// MARK: - Signal handling

// Signal handlers are plain C function pointers: they cannot capture anything, so the state they
// share with the terminal lives in process-wide globals. This is the one place in onset that has
// global mutable state, and it is confined to this file. The flags are `sig_atomic_t` in raw
// memory allocated once (no Swift reference counting or allocation happens inside a handler) and
// are read and written through the shim's volatile accessors. `nonisolated(unsafe)` is right here:
// the pointers themselves are written once, on the main thread, before any handler is installed.

/// Signals that end the program after the terminal is restored: exit status 128 + signal.
private let exitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
/// Crashes: restore, then let the previous handler (Swift's backtracer or the default) run.
private let fatalSignals: [Int32] = [SIGILL, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGQUIT]
private let allHandledSignals: [Int32] = exitSignals + fatalSignals + [SIGTSTP, SIGCONT]
private let signalSlots = 65

/// 1 while curses mode is on and should be undone by a signal.
nonisolated(unsafe) private let cursesActiveFlag: UnsafeMutablePointer<sig_atomic_t> = {
    let p = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
    p.initialize(to: 0)
    return p
}()
/// 1 after SIGCONT: the event loop must re-enter curses mode and repaint.
nonisolated(unsafe) private let resumeFlag: UnsafeMutablePointer<sig_atomic_t> = {
    let p = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
    p.initialize(to: 0)
    return p
}()
/// The handlers that were installed before the terminal started, indexed by signal number.
nonisolated(unsafe) private let originalActions: UnsafeMutablePointer<sigaction> = {
    let p = UnsafeMutablePointer<sigaction>.allocate(capacity: signalSlots)
    p.initialize(repeating: sigaction(), count: signalSlots)
    return p
}()

/// Called on SIGINT, SIGTERM, SIGHUP.
private func onsetExitHandler(_ signal: Int32) {
    restoreTerminalFromHandler()
    _exit(128 + signal)
}

/// Called on SIGILL, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGQUIT.
private func onsetFatalHandler(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    // Put the previous handler back first, so that a second fault inside endwin() goes straight to it.
    sigaction(signal, originalActions + Int(signal), nil)
    restoreTerminalFromHandler()
    let synchronous = signal == SIGILL || signal == SIGSEGV || signal == SIGBUS || signal == SIGFPE
    if synchronous, let info, info.pointee.si_code > 0 {
        // Raised by the CPU (a Swift trap is SIGILL, a bad pointer SIGSEGV): returning re-runs the
        // faulting instruction, which faults again into the previous handler with the real
        // context, so Swift's backtrace points at the crash site and not at this handler.
        return
    }
    // Sent by kill(), abort() or the tty (Ctrl-\): nothing will fault again, so hand the signal
    // to the previous handler now, and if that handler returns, end the process the default way.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, signal)
    sigprocmask(SIG_UNBLOCK, &set, nil)
    raise(signal)
    var fallback = sigaction()
    fallback.__sigaction_handler.sa_handler = SIG_DFL
    sigemptyset(&fallback.sa_mask)
    sigaction(signal, &fallback, nil)
    raise(signal)
}

/// Called on SIGTSTP (Ctrl-Z): leave curses mode, then really stop.
private func onsetStopHandler(_ signal: Int32) {
    if onset_flag_load(cursesActiveFlag) == 1 { endwin() }
    var action = sigaction()
    action.__sigaction_handler.sa_handler = SIG_DFL
    sigemptyset(&action.sa_mask)
    var previous = sigaction()
    sigaction(SIGTSTP, &action, &previous)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGTSTP)
    sigprocmask(SIG_UNBLOCK, &set, nil)
    raise(SIGTSTP)                       // the process stops here until SIGCONT
    sigaction(SIGTSTP, &previous, nil)
    onset_flag_store(resumeFlag, 1)
}

/// Called on SIGCONT, also when stopped by SIGSTOP rather than Ctrl-Z.
private func onsetContinueHandler(_ signal: Int32) {
    onset_flag_store(resumeFlag, 1)
}

/// endwin() is not async-signal-safe; every curses program that restores the terminal on a signal
/// (htop, neomutt) accepts that risk, because the alternative is leaving the user's shell unusable.
/// The captured stderr is replayed afterwards, so "Fatal error: …" appears above the backtrace.
private func restoreTerminalFromHandler() {
    if onset_flag_load(cursesActiveFlag) == 1 {
        onset_flag_store(cursesActiveFlag, 0)
        endwin()
        StderrCapture.release()
    }
}

/// Ends curses mode if the program exits without stopping the terminal (exit() from elsewhere).
private func onsetAtExit() {
    restoreTerminalFromHandler()
}

/// Installs and removes the handlers above; used only by `Terminal`.
enum TerminalSignals {
    private nonisolated(unsafe) static var atExitRegistered = false

    static var isActive: Bool { onset_flag_load(cursesActiveFlag) == 1 }

    static func markActive() {
        onset_flag_store(cursesActiveFlag, 1)
        if !atExitRegistered {
            atExitRegistered = true
            atexit(onsetAtExit)
        }
    }

    static func markInactive() { onset_flag_store(cursesActiveFlag, 0) }

    /// Remembers the current handlers. Called before `newterm`, which installs ncurses' own
    /// SIGINT/SIGTERM/SIGTSTP handlers that we replace.
    static func saveOriginalActions() {
        for signal in allHandledSignals {
            sigaction(signal, nil, originalActions + Int(signal))
        }
    }

    static func install() {
        for signal in exitSignals where !wasIgnored(signal) {
            set(signal) { $0.__sigaction_handler.sa_handler = onsetExitHandler }
        }
        for signal in fatalSignals where !wasIgnored(signal) {
            set(signal) {
                $0.__sigaction_handler.sa_sigaction = onsetFatalHandler
                $0.sa_flags |= SA_SIGINFO
            }
        }
        if !wasIgnored(SIGTSTP) {
            set(SIGTSTP, blockOthers: false) { $0.__sigaction_handler.sa_handler = onsetStopHandler }
        }
        set(SIGCONT, blockOthers: false) { $0.__sigaction_handler.sa_handler = onsetContinueHandler }
    }

    /// A signal the parent ignored (nohup's SIGHUP, a background job's SIGINT/SIGQUIT) must stay
    /// ignored; catching it would change what the user asked for.
    private static func wasIgnored(_ signal: Int32) -> Bool {
        let handler = originalActions[Int(signal)].__sigaction_handler.sa_handler
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    static func uninstall() {
        for signal in allHandledSignals {
            sigaction(signal, originalActions + Int(signal), nil)
        }
    }

    /// True once after SIGCONT.
    static func takeResumeRequest() -> Bool {
        guard onset_flag_load(resumeFlag) == 1 else { return false }
        onset_flag_store(resumeFlag, 0)
        return true
    }

    private static func set(_ signal: Int32, blockOthers: Bool = true, _ configure: (inout sigaction) -> Void) {
        var action = sigaction()
        if blockOthers {
            // While the terminal is being restored, no other handled signal may interrupt endwin().
            sigfillset(&action.sa_mask)
        } else {
            sigemptyset(&action.sa_mask)
        }
        action.sa_flags = SA_RESTART
        configure(&action)
        sigaction(signal, &action, nil)
    }
}

// MARK: - stderr while the screen is in curses mode

/// File descriptors for the stderr capture: [saved terminal stderr, capture file]; -1 when unused.
nonisolated(unsafe) private let stderrFDs: UnsafeMutablePointer<Int32> = {
    let p = UnsafeMutablePointer<Int32>.allocate(capacity: 2)
    p.initialize(repeating: -1, count: 2)
    return p
}()
/// Copy buffer for replaying the capture; allocated up front because a signal handler may replay.
nonisolated(unsafe) private let stderrBuffer: UnsafeMutableRawPointer =
    UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 8)

/// Anything written to stderr while curses owns the screen would scribble over it, and would be
/// lost with the alternate screen on exit (including Swift's "Fatal error: …" line before a trap).
/// So while the terminal is active, stderr (when it is the terminal) goes to an unlinked temporary
/// file, and its last 64 KiB are written back to the real stderr once the screen is restored.
/// `release` uses only async-signal-safe calls (dup2, lseek, read, write, close).
enum StderrCapture {
    static let replayLimit = 64 * 1024

    static func begin() {
        guard stderrFDs[0] < 0, isatty(STDERR_FILENO) == 1 else { return }
        var template = Array("/tmp/onset-stderr-XXXXXX".utf8CString)
        let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard file >= 0 else { return }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let saved = dup(STDERR_FILENO)
        guard saved >= 0, dup2(file, STDERR_FILENO) >= 0 else {
            close(file)
            if saved >= 0 { close(saved) }
            return
        }
        stderrFDs[0] = saved
        stderrFDs[1] = file
    }

    static func release() {
        let saved = stderrFDs[0], file = stderrFDs[1]
        guard saved >= 0, file >= 0 else { return }
        stderrFDs[0] = -1
        stderrFDs[1] = -1
        dup2(saved, STDERR_FILENO)
        close(saved)
        let end = lseek(file, 0, SEEK_END)
        if end > 0 {
            let start = max(0, end - off_t(replayLimit))
            if start > 0 {
                let note = "[onset: earlier stderr output omitted]\n"
                _ = note.withCString { write(STDERR_FILENO, $0, strlen($0)) }
            }
            lseek(file, start, SEEK_SET)
            while true {
                let n = read(file, stderrBuffer, 4096)
                if n <= 0 { break }
                var written = 0
                while written < n {
                    let w = write(STDERR_FILENO, stderrBuffer + written, n - written)
                    if w <= 0 { break }
                    written += w
                }
                if written < n { break }
            }
        }
        close(file)
    }
}
