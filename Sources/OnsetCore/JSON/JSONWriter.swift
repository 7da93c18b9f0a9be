/// Serialises `JSONValue` as compact or indented text; every control character is escaped, so
/// JSON output can never carry a terminal escape sequence.
///
/// The text is built as UTF-8 bytes and made a `String` once: appending to a `String` piece by
/// piece was ~13% of a FAERS import's CPU samples (every case is stored as JSON).
public enum JSONWriter {
    public static func write(_ value: JSONValue, pretty: Bool = true) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(2048)
        emit(value, into: &out, indent: pretty ? 0 : nil)
        return String(decoding: out, as: UTF8.self)
    }

    private static func emit(_ v: JSONValue, into out: inout [UInt8], indent: Int?) {
        switch v {
        case .null: append("null", to: &out)
        case .bool(let b): append(b ? "true" : "false", to: &out)
        case .number(let n): append(number(n), to: &out)
        case .string(let s): quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { append("[]", to: &out); return }
            let scalarOnly = items.allSatisfy { if case .array = $0 { return false }; if case .object = $0 { return false }; return true }
            if indent == nil || scalarOnly {
                out.append(UInt8(ascii: "["))
                for (k, item) in items.enumerated() {
                    if k > 0 { append(indent == nil ? "," : ", ", to: &out) }
                    emit(item, into: &out, indent: indent)
                }
                out.append(UInt8(ascii: "]"))
            } else {
                let inner = indent! + 2
                append("[\n", to: &out)
                for (k, item) in items.enumerated() {
                    spaces(inner, to: &out)
                    emit(item, into: &out, indent: inner)
                    append(k == items.count - 1 ? "\n" : ",\n", to: &out)
                }
                spaces(indent!, to: &out)
                out.append(UInt8(ascii: "]"))
            }
        case .object(let pairs):
            if pairs.isEmpty { append("{}", to: &out); return }
            guard let indent else {
                out.append(UInt8(ascii: "{"))
                for (k, (key, item)) in pairs.enumerated() {
                    if k > 0 { out.append(UInt8(ascii: ",")) }
                    quote(key, into: &out); out.append(UInt8(ascii: ":"))
                    emit(item, into: &out, indent: nil)
                }
                out.append(UInt8(ascii: "}"))
                return
            }
            let inner = indent + 2
            append("{\n", to: &out)
            for (k, (key, item)) in pairs.enumerated() {
                spaces(inner, to: &out)
                quote(key, into: &out); append(": ", to: &out)
                emit(item, into: &out, indent: inner)
                append(k == pairs.count - 1 ? "\n" : ",\n", to: &out)
            }
            spaces(indent, to: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func append(_ s: String, to out: inout [UInt8]) { out.append(contentsOf: s.utf8) }

    private static func spaces(_ n: Int, to out: inout [UInt8]) { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: n)) }

    /// A number as JSON writes it: integers without a fraction.
    public static func number(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return "\(n)"
    }

    /// Escapes quotes, backslashes, all C0/C1 controls, DEL and the bidi controls.
    public static func quote(_ s: String, into out: inout String) {
        var bytes: [UInt8] = []
        quote(s, into: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// `quote` appending UTF-8 bytes.
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Fast path: printable ASCII without `"` or `\\` needs no escape and is appended whole.
        let plain = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for b in bytes where b < 0x20 || b >= 0x7F || b == 0x22 || b == 0x5C { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": append("\\\"", to: &out)
            case "\\": append("\\\\", to: &out)
            case "\n": append("\\n", to: &out)
            case "\r": append("\\r", to: &out)
            case "\t": append("\\t", to: &out)
            default:
                let v = u.value
                if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                    let hex = String(v, radix: 16)
                    append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex, to: &out)
                } else {
                    UTF8.encode(u) { out.append($0) }
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
