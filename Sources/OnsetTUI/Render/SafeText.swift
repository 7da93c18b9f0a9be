/// Turns untrusted text (case narratives, drug names, anything from data files) into text that is
/// safe to send to a terminal: no byte of it can start a control sequence, move the cursor,
/// ring the bell, set the clipboard (OSC 52) or reorder the line (bidi overrides).
///
/// Every control is replaced by a *visible* escape, so a hostile or corrupt record shows what it
/// contains instead of silently losing characters:
///
/// | input | shown as |
/// |---|---|
/// | ESC (U+001B) | `^[` |
/// | TAB | one space |
/// | other C0 controls (NUL, BEL, BS, LF, CR, …) | `\x07` style, lowercase hex |
/// | DEL (U+007F) | `\x7f` |
/// | C1 controls (U+0080–U+009F, e.g. the one-byte CSI U+009B) | `\x9b` |
/// | bidi marks, embeddings, overrides, isolates (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) | `<U+202E>` |
/// | line and paragraph separators (U+2028, U+2029) | `<U+2028>` |
///
/// Line breaks are the caller's business: split with `lines(_:)` (or flatten with `singleLine(_:)`)
/// *before* making text visible, otherwise LF shows as `\x0a`. `Grid.put` applies `visible` itself,
/// so views cannot forget it; applying it twice is harmless because its output contains no controls.
public enum SafeText {
    /// `s` with every control replaced by a visible escape (see the table above).
    public static func visible(_ s: String) -> String {
        // Fast path: most data is plain text and needs no copy.
        if !s.unicodeScalars.contains(where: needsEscape) { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if let escape = escape(for: scalar) {
                out.append(contentsOf: escape.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The lines of `s`, each made `visible`. Splits on LF, CR, CRLF, NEL (U+0085), U+2028 and
    /// U+2029, so files from any platform break where their author meant. Empty lines are kept;
    /// an empty string is one empty line.
    public static func lines(_ s: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in s.unicodeScalars {
            if scalar == "\n" && previousWasCR {
                // The LF of a CRLF pair: the CR already ended the line.
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            if isLineBreak(scalar) {
                result.append(visible(String(current)))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        result.append(visible(String(current)))
        return result
    }

    /// `s` on one line: line breaks become single spaces, then the text is made `visible`.
    /// For list rows and status lines that show the start of a multi-line field.
    public static func singleLine(_ s: String) -> String {
        lines(s).joined(separator: " ")
    }

    /// True when `scalar` would be changed by `visible`.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v <= 0x9F) { return true }
        return isBidiControl(scalar) || v == 0x2028 || v == 0x2029
    }

    /// The visible replacement for `scalar`, or nil if it is safe as is.
    static func escape(for scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        switch v {
        case 0x1B: return "^["
        case 0x09: return " "
        case 0x00..<0x20, 0x7F...0x9F: return "\\x" + hex(v, digits: 2, uppercase: false)
        default:
            if isBidiControl(scalar) || v == 0x2028 || v == 0x2029 {
                return "<U+" + hex(v, digits: 4, uppercase: true) + ">"
            }
            return nil
        }
    }

    /// Bidirectional formatting characters: they reorder the rest of the line on terminals that
    /// implement bidi, which lets data spoof what a line says ("Trojan Source").
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    private static func hex(_ v: UInt32, digits: Int, uppercase: Bool) -> String {
        let s = String(v, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }
}
