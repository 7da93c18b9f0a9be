/// Serialises `JSONValue` as compact or indented text; every control character is escaped, so
/// JSON output can never carry a terminal escape sequence.
public enum JSONWriter {
    public static func write(_ value: JSONValue, pretty: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(1024)
        emit(value, into: &out, indent: pretty ? 0 : nil)
        return out
    }

    private static func emit(_ v: JSONValue, into out: inout String, indent: Int?) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += number(n)
        case .string(let s): quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            let scalarOnly = items.allSatisfy { if case .array = $0 { return false }; if case .object = $0 { return false }; return true }
            if indent == nil || scalarOnly {
                out += "["
                for (k, item) in items.enumerated() {
                    if k > 0 { out += indent == nil ? "," : ", " }
                    emit(item, into: &out, indent: indent)
                }
                out += "]"
            } else {
                let inner = indent! + 2
                out += "[\n"
                for (k, item) in items.enumerated() {
                    out += String(repeating: " ", count: inner)
                    emit(item, into: &out, indent: inner)
                    out += k == items.count - 1 ? "\n" : ",\n"
                }
                out += String(repeating: " ", count: indent!) + "]"
            }
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            guard let indent else {
                out += "{"
                for (k, (key, item)) in pairs.enumerated() {
                    if k > 0 { out += "," }
                    quote(key, into: &out); out += ":"
                    emit(item, into: &out, indent: nil)
                }
                out += "}"
                return
            }
            let inner = indent + 2
            out += "{\n"
            for (k, (key, item)) in pairs.enumerated() {
                out += String(repeating: " ", count: inner)
                quote(key, into: &out); out += ": "
                emit(item, into: &out, indent: inner)
                out += k == pairs.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    /// A number as JSON writes it: integers without a fraction.
    public static func number(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return "\(n)"
    }

    /// Escapes quotes, backslashes, all C0/C1 controls, DEL and the bidi controls.
    public static func quote(_ s: String, into out: inout String) {
        out += "\""
        // Fast path: printable ASCII without `"` or `\\` needs no escape and is appended whole
        // (scalar-by-scalar appending was ~7% of a FAERS import, which stores every case as JSON).
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let v = u.value
                if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                    let hex = String(v, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
