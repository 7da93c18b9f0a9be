/// Where an object's fields go as they are described: a `JSONValue` tree (`JSONObjectBuilder`)
/// or compact JSON text written straight away (`CompactJSONObject`). `CaseWriter` describes a
/// case once, for both.
///
/// Absent values (nil) and empty lists are left out, as the case format does.
public protocol JSONObjectSink {
    mutating func set(_ key: StaticString, _ value: String?)
    mutating func set(_ key: StaticString, _ value: Double?)
    mutating func set(_ key: StaticString, _ value: Int?)
    mutating func set(_ key: StaticString, _ value: Bool?)
    /// A list of strings; left out when empty.
    mutating func set(_ key: StaticString, strings: [String])
    /// A nested object, described by `body`.
    mutating func object(_ key: StaticString, _ body: (inout Self) -> Void)
    /// A list of objects, one per item, each described by `body`; left out when there are none.
    mutating func objects<T>(_ key: StaticString, _ items: [T], _ body: (inout Self, T) -> Void)
    /// An explicit null, where absence would mean something else (`StoredCaseForm`).
    mutating func setNull(_ key: StaticString)
    /// An explicit empty list, where absence would mean something else (`StoredCaseForm`).
    mutating func setEmptyList(_ key: StaticString)
}

extension JSONObjectBuilder: JSONObjectSink {
    public mutating func set(_ key: StaticString, _ value: String?) { set(key.description, value) }
    public mutating func set(_ key: StaticString, _ value: Double?) { set(key.description, value) }
    public mutating func set(_ key: StaticString, _ value: Int?) { set(key.description, value) }
    public mutating func set(_ key: StaticString, _ value: Bool?) { set(key.description, value) }

    public mutating func set(_ key: StaticString, strings: [String]) {
        set(key.description, nonEmpty: strings.map(JSONValue.string))
    }

    public mutating func object(_ key: StaticString, _ body: (inout JSONObjectBuilder) -> Void) {
        var b = JSONObjectBuilder()
        body(&b)
        set(key.description, b.value)
    }

    public mutating func objects<T>(_ key: StaticString, _ items: [T], _ body: (inout JSONObjectBuilder, T) -> Void) {
        set(key.description, nonEmpty: items.map { item in
            var b = JSONObjectBuilder()
            body(&b, item)
            return b.value
        })
    }

    public mutating func setNull(_ key: StaticString) { set(key.description, JSONValue.null) }
    public mutating func setEmptyList(_ key: StaticString) { set(key.description, JSONValue.array([])) }
}

/// Compact JSON text of one object, written as its fields are set: byte for byte what
/// `JSONWriter.write(_, pretty: false)` makes of the same fields as a tree.
///
/// Why not the tree: every imported case is stored as JSON, and building the tree and then
/// walking it was ~15% of the preparing thread in a 400k-case FAERS import.
public struct CompactJSONObject: JSONObjectSink {
    /// The text so far (`JSONByteBuffer`); complete once `finish()` has closed the object.
    /// A copy of this value writes into the same buffer: describe one object with one value.
    private let out: JSONByteBuffer
    private var first = true

    public init(reservingCapacity n: Int = 2048) {
        out = JSONByteBuffer(capacity: n)
        out.append(UInt8(ascii: "{"))
    }

    /// Closes the object and returns its text.
    public mutating func finish() -> String {
        String(decoding: finishBytes(), as: UTF8.self)
    }

    /// Closes the object and returns its UTF-8 bytes.
    public mutating func finishBytes() -> [UInt8] {
        out.append(UInt8(ascii: "}"))
        return out.bytes
    }

    private mutating func key(_ k: StaticString) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        out.key(k)
    }

    public mutating func set(_ k: StaticString, _ value: String?) {
        guard let value else { return }
        key(k)
        out.quote(value)
    }

    public mutating func set(_ k: StaticString, _ value: Double?) {
        guard let value else { return }
        key(k)
        out.ascii(JSONWriter.number(value))
    }

    public mutating func set(_ k: StaticString, _ value: Int?) { set(k, value.map(Double.init)) }

    public mutating func set(_ k: StaticString, _ value: Bool?) {
        guard let value else { return }
        key(k)
        out.ascii(value ? "true" : "false")
    }

    public mutating func set(_ k: StaticString, strings: [String]) {
        guard !strings.isEmpty else { return }
        key(k)
        out.append(UInt8(ascii: "["))
        for n in strings.indices {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            out.quote(strings[n])
        }
        out.append(UInt8(ascii: "]"))
    }

    public mutating func object(_ k: StaticString, _ body: (inout CompactJSONObject) -> Void) {
        key(k)
        nested(body)
    }

    public mutating func objects<T>(_ k: StaticString, _ items: [T], _ body: (inout CompactJSONObject, T) -> Void) {
        guard !items.isEmpty else { return }
        key(k)
        out.append(UInt8(ascii: "["))
        // By index: `enumerated()` hands out a copy of each item (a Drug is a dozen fields).
        for n in items.indices {
            if n > items.startIndex { out.append(UInt8(ascii: ",")) }
            nested { body(&$0, items[n]) }
        }
        out.append(UInt8(ascii: "]"))
    }

    public mutating func setNull(_ k: StaticString) {
        key(k)
        out.ascii("null")
    }

    public mutating func setEmptyList(_ k: StaticString) {
        key(k)
        out.ascii("[]")
    }

    private mutating func nested(_ body: (inout CompactJSONObject) -> Void) {
        out.append(UInt8(ascii: "{"))
        first = true
        body(&self)
        first = false
        out.append(UInt8(ascii: "}"))
    }
}
