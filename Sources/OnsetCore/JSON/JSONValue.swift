/// A JSON document that keeps object keys in their written order, so output is stable and readable.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .null: h.combine(0)
        case .bool(let b): h.combine(b)
        case .number(let n): h.combine(n)
        case .string(let s): h.combine(s)
        case .array(let a): h.combine(a)
        case .object(let o): for (k, v) in o { h.combine(k); h.combine(v) }
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }

    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// Builds a JSON object while leaving out absent values, so optional fields never print as null.
public struct JSONObjectBuilder {
    public private(set) var pairs: [(String, JSONValue)] = []
    public init() {}
    public mutating func set(_ key: String, _ value: JSONValue?) {
        if let value { pairs.append((key, value)) }
    }
    public mutating func set(_ key: String, _ value: String?) { set(key, value.map(JSONValue.string)) }
    public mutating func set(_ key: String, _ value: Double?) { set(key, value.map(JSONValue.number)) }
    public mutating func set(_ key: String, _ value: Int?) { set(key, value.map { JSONValue.number(Double($0)) }) }
    public mutating func set(_ key: String, _ value: Bool?) { set(key, value.map(JSONValue.bool)) }
    public mutating func set(_ key: String, nonEmpty values: [JSONValue]) {
        if !values.isEmpty { pairs.append((key, .array(values))) }
    }
    public var value: JSONValue { .object(pairs) }
}
