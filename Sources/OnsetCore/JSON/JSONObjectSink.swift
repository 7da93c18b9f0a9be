/// Where an object's fields go as they are described: a `JSONValue` tree (`JSONObjectBuilder`)
/// or compact JSON text written straight away (`CompactJSONObject`). `CaseWriter` describes a
/// case once, for both.
///
/// Absent values (nil) and empty lists are left out, as the case format does.
public protocol JSONObjectSink {
    mutating func set(_ key: String, _ value: String?)
    mutating func set(_ key: String, _ value: Double?)
    mutating func set(_ key: String, _ value: Int?)
    mutating func set(_ key: String, _ value: Bool?)
    /// A list of strings; left out when empty.
    mutating func set(_ key: String, strings: [String])
    /// A nested object, described by `body`.
    mutating func object(_ key: String, _ body: (inout Self) -> Void)
    /// A list of objects, one per item, each described by `body`; left out when there are none.
    mutating func objects<T>(_ key: String, _ items: [T], _ body: (inout Self, T) -> Void)
}

extension JSONObjectBuilder: JSONObjectSink {
    public mutating func set(_ key: String, strings: [String]) {
        set(key, nonEmpty: strings.map(JSONValue.string))
    }

    public mutating func object(_ key: String, _ body: (inout JSONObjectBuilder) -> Void) {
        var b = JSONObjectBuilder()
        body(&b)
        set(key, b.value)
    }

    public mutating func objects<T>(_ key: String, _ items: [T], _ body: (inout JSONObjectBuilder, T) -> Void) {
        set(key, nonEmpty: items.map { item in
            var b = JSONObjectBuilder()
            body(&b, item)
            return b.value
        })
    }
}

/// Compact JSON text of one object, written as its fields are set: byte for byte what
/// `JSONWriter.write(_, pretty: false)` makes of the same fields as a tree.
///
/// Why not the tree: every imported case is stored as JSON, and building the tree and then
/// walking it was ~15% of the preparing thread in a 400k-case FAERS import.
public struct CompactJSONObject: JSONObjectSink {
    /// The UTF-8 text so far; complete once `finish()` has closed the object.
    public private(set) var bytes: [UInt8] = []
    private var first = true

    public init(reservingCapacity n: Int = 2048) {
        bytes.reserveCapacity(n)
        bytes.append(UInt8(ascii: "{"))
    }

    /// Closes the object and returns its text.
    public mutating func finish() -> String {
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func key(_ k: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        JSONWriter.quote(k, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func set(_ k: String, _ value: String?) {
        guard let value else { return }
        key(k)
        JSONWriter.quote(value, into: &bytes)
    }

    public mutating func set(_ k: String, _ value: Double?) {
        guard let value else { return }
        key(k)
        bytes.append(contentsOf: JSONWriter.number(value).utf8)
    }

    public mutating func set(_ k: String, _ value: Int?) { set(k, value.map(Double.init)) }

    public mutating func set(_ k: String, _ value: Bool?) {
        guard let value else { return }
        key(k)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func set(_ k: String, strings: [String]) {
        guard !strings.isEmpty else { return }
        key(k)
        bytes.append(UInt8(ascii: "["))
        for (n, s) in strings.enumerated() {
            if n > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONWriter.quote(s, into: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    public mutating func object(_ k: String, _ body: (inout CompactJSONObject) -> Void) {
        key(k)
        nested(body)
    }

    public mutating func objects<T>(_ k: String, _ items: [T], _ body: (inout CompactJSONObject, T) -> Void) {
        guard !items.isEmpty else { return }
        key(k)
        bytes.append(UInt8(ascii: "["))
        for (n, item) in items.enumerated() {
            if n > 0 { bytes.append(UInt8(ascii: ",")) }
            nested { body(&$0, item) }
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func nested(_ body: (inout CompactJSONObject) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        first = true
        body(&self)
        first = false
        bytes.append(UInt8(ascii: "}"))
    }
}
