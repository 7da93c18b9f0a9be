/// Makes untrusted text safe to print on a terminal: every control character becomes a visible escape,
/// so a narrative can never move the cursor, clear the screen, ring the bell or write the clipboard.
public enum VisibleText {
    /// ESC shows as `^[`; other C0 controls, DEL and C1 controls as `\xNN`; bidi overrides and
    /// isolates as `<U+202E>`. Newlines and tabs become spaces unless `keepNewlines` is set.
    public static func escape(_ s: String, keepNewlines: Bool = false) -> String {
        if s.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            let v = u.value
            switch v {
            case 0x0A: out += keepNewlines ? "\n" : " "
            case 0x09: out += " "
            case 0x1B: out += "^["
            case 0x00..<0x20, 0x7F, 0x80...0x9F: out += "\\x" + hex2(v)
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                out += "<U+" + String(v, radix: 16, uppercase: true) + ">"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static func hex2(_ v: UInt32) -> String {
        let h = String(v, radix: 16)
        return h.count == 1 ? "0" + h : h
    }

    /// Escapes a TSV field: controls as in `escape`, and tab, newline and backslash as `\t`, `\n`, `\\`.
    public static func tsvField(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out += escape(String(u))
            }
        }
        return out
    }
}
