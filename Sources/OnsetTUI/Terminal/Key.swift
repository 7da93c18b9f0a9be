import CNcursesw

/// A key press (or a terminal event that arrives through the key stream).
public enum Key: Hashable, Sendable {
    /// A printable character, as typed (shifted letters are uppercase).
    case char(Character)
    /// A control character, named by its lowercase letter: Ctrl-L is `.ctrl("l")`.
    /// Ctrl-@ (NUL) is `.ctrl("@")`; Ctrl-\ ] ^ _ are `.ctrl("\\")` etc.
    case ctrl(Character)
    /// A character typed with Alt/Meta (the terminal sends ESC then the character).
    case alt(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete, insert
    /// F1 is `.function(1)`.
    case function(Int)
    /// The terminal changed size; the new size is in `Terminal.size`.
    case resize
    /// A mouse event (only when the mouse was enabled).
    case mouse(MouseEvent)

    /// What `wget_wch` returned, before decoding. Lets the decoder be tested without a terminal.
    public enum Raw: Hashable, Sendable {
        /// `wget_wch` returned `OK`: a character (Unicode scalar value, or a control code).
        case character(UInt32)
        /// `wget_wch` returned `KEY_CODE_YES`: an ncurses key code such as `KEY_UP`.
        case keyCode(Int32)
    }

    /// Decodes one `wget_wch` result. Returns nil for input that is not a key (`KEY_MOUSE`, whose
    /// details need `getmouse`; C1 controls; unknown key codes; invalid scalars).
    public static func decode(_ raw: Raw) -> Key? {
        switch raw {
        case .character(let value): return decodeCharacter(value)
        case .keyCode(let code): return decodeKeyCode(code)
        }
    }

    /// Combines an ESC with the key read straight after it: ESC followed at once by a character is
    /// how terminals send Alt+character. Returns nil when the pair is not an Alt combination.
    public static func alt(escapeFollowedBy next: Key) -> Key? {
        switch next {
        case .char(let c): return .alt(c)
        default: return nil
        }
    }

    /// True when `next`, read straight after ESC, starts a CSI (`ESC [`) or SS3 (`ESC O`) sequence.
    /// ncurses hands over sequences that terminfo does not know (e.g. a wrong `TERM`) byte by byte;
    /// they must be swallowed, not typed into a prompt as `[`, `1`, `~`.
    public static func startsEscapeSequence(_ next: Key) -> Bool {
        next == .char("[") || next == .char("O")
    }

    /// True for a key that ends a CSI/SS3 sequence (a final byte, `@` to `~`); parameter and
    /// intermediate bytes (digits, `;`, `?`, space…) continue it.
    public static func endsEscapeSequence(_ key: Key) -> Bool {
        guard case .char(let c) = key, let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1 else {
            return true   // a key code or a control ends the junk
        }
        return !(0x20...0x3F).contains(scalar.value)
    }

    /// Escape sequences that terminals send for Home, End and friends but that the terminfo entry
    /// may not list when `TERM` does not match the terminal (common over SSH and inside tmux).
    /// Registered with `define_key` only where terminfo has no meaning for them already.
    static let fallbackSequences: [(String, Int32)] = [
        ("\u{1b}[1~", KEY_HOME), ("\u{1b}[7~", KEY_HOME), ("\u{1b}[H", KEY_HOME), ("\u{1b}OH", KEY_HOME),
        ("\u{1b}[4~", KEY_END), ("\u{1b}[8~", KEY_END), ("\u{1b}[F", KEY_END), ("\u{1b}OF", KEY_END),
        ("\u{1b}[5~", KEY_PPAGE), ("\u{1b}[6~", KEY_NPAGE), ("\u{1b}[3~", KEY_DC), ("\u{1b}[2~", KEY_IC),
        ("\u{1b}[A", KEY_UP), ("\u{1b}[B", KEY_DOWN), ("\u{1b}[C", KEY_RIGHT), ("\u{1b}[D", KEY_LEFT),
        ("\u{1b}OA", KEY_UP), ("\u{1b}OB", KEY_DOWN), ("\u{1b}OC", KEY_RIGHT), ("\u{1b}OD", KEY_LEFT),
        ("\u{1b}[Z", KEY_BTAB),
    ]

    static func decodeCharacter(_ value: UInt32) -> Key? {
        switch value {
        // With `nonl` the Enter key arrives as CR; LF comes from Ctrl-J or some terminals' Enter.
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        // Terminals send DEL for Backspace; some (and Ctrl-H) send BS.
        case 0x7F, 0x08: return .backspace
        case 0x00: return .ctrl("@")
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(UInt8(0x60 + value))))
        case 0x1C...0x1F: return .ctrl(Character(Unicode.Scalar(UInt8(0x40 + value))))
        case 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    static func decodeKeyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        // Keypad keys in application mode come as A1/A3/C1/C3 on some terminals.
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1, KEY_LL: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case KEY_F0 + 1 ... KEY_F0 + 63: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }
}

/// A mouse event in grid coordinates.
public struct MouseEvent: Hashable, Sendable {
    /// What the mouse did.
    public enum Action: Hashable, Sendable {
        case leftClick, leftDoubleClick, leftPress, leftRelease
        case middleClick, rightClick, rightPress
        case scrollUp, scrollDown
        case other
    }

    public var action: Action
    public var row: Int
    public var col: Int

    public init(action: Action, row: Int, col: Int) {
        self.action = action
        self.row = row
        self.col = col
    }

    /// Decodes ncurses' `MEVENT` fields (`y`, `x`, `bstate`). Pure: the masks are constants.
    public static func decode(row: Int32, col: Int32, buttonState: mmask_t) -> MouseEvent {
        let checks: [(mmask_t, Action)] = [
            (onset_button4_pressed(), .scrollUp),
            (onset_button5_pressed(), .scrollDown),
            (onset_button1_double_clicked(), .leftDoubleClick),
            (onset_button1_clicked(), .leftClick),
            (onset_button1_pressed(), .leftPress),
            (onset_button1_released(), .leftRelease),
            (onset_button2_clicked(), .middleClick),
            (onset_button3_clicked(), .rightClick),
            (onset_button3_pressed(), .rightPress),
        ]
        let action = checks.first { buttonState & $0.0 != 0 }?.1 ?? .other
        return MouseEvent(action: action, row: Int(row), col: Int(col))
    }

    /// The events the terminal is asked to report: clicks and the wheel, not motion, so a
    /// remote session is not flooded with position reports.
    static var reportedMask: mmask_t {
        onset_button1_clicked() | onset_button1_double_clicked() | onset_button1_pressed()
            | onset_button1_released() | onset_button2_clicked() | onset_button3_clicked()
            | onset_button3_pressed() | onset_button4_pressed() | onset_button5_pressed()
    }
}
