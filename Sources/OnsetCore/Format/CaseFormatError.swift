import Foundation

/// A case that does not follow onset's format: which file, where in it (a JSON path) and what was expected.
public struct CaseFormatError: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String?
    public var path: String
    public var message: String

    public init(file: String? = nil, path: String, message: String) {
        self.file = file; self.path = path; self.message = message
    }

    public var description: String { "\(file.map { "\($0): " } ?? "")\(path): \(message)" }
}

/// Reads one JSON object field by field, remembering which keys were read so unknown keys can be
/// reported, and naming the JSON path in every error.
struct JSONObjectReader {
    let path: String
    private let pairs: [(String, JSONValue)]
    private var used = Set<String>()

    init(_ value: JSONValue, path: String) throws {
        guard case .object(let pairs) = value else {
            throw CaseFormatError(path: path, message: "expected an object, found \(value.typeName)")
        }
        self.path = path
        self.pairs = pairs
    }

    func child(_ key: String) -> String { "\(path).\(key)" }

    mutating func raw(_ key: String) -> JSONValue? {
        used.insert(key)
        guard let v = pairs.first(where: { $0.0 == key })?.1 else { return nil }
        if case .null = v { return nil }
        return v
    }

    mutating func string(_ key: String, required: Bool = false) throws -> String? {
        guard let v = raw(key) else {
            if required { throw CaseFormatError(path: child(key), message: "required, expected a string") }
            return nil
        }
        guard case .string(let s) = v else { throw CaseFormatError(path: child(key), message: "expected a string, found \(v.typeName)") }
        if required && s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw CaseFormatError(path: child(key), message: "must not be empty")
        }
        return s
    }

    mutating func number(_ key: String, required: Bool = false) throws -> Double? {
        guard let v = raw(key) else {
            if required { throw CaseFormatError(path: child(key), message: "required, expected a number") }
            return nil
        }
        guard case .number(let n) = v else { throw CaseFormatError(path: child(key), message: "expected a number, found \(v.typeName)") }
        return n
    }

    mutating func integer(_ key: String, min: Int = Int.min) throws -> Int? {
        guard let n = try number(key) else { return nil }
        guard n == n.rounded(), abs(n) < 1e12, Int(n) >= min else {
            throw CaseFormatError(path: child(key), message: "expected a whole number\(min > Int.min ? " of at least \(min)" : ""), found \(JSONWriter.number(n))")
        }
        return Int(n)
    }

    mutating func bool(_ key: String) throws -> Bool? {
        guard let v = raw(key) else { return nil }
        guard case .bool(let b) = v else { throw CaseFormatError(path: child(key), message: "expected true or false, found \(v.typeName)") }
        return b
    }

    mutating func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required: Bool = false) throws -> E? where E.RawValue == String {
        guard let s = try string(key, required: required) else { return nil }
        guard let e = E(rawValue: s) else {
            throw CaseFormatError(path: child(key), message: "expected one of \(E.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(s)\"")
        }
        return e
    }

    mutating func time(_ key: String) throws -> TimePoint? {
        guard let s = try string(key) else { return nil }
        guard let t = TimePoint(parsing: s), TimePoint.isCanonicalForm(s) else {
            throw CaseFormatError(path: child(key), message: "expected a time point (YYYY, YYYY-MM, YYYY-MM-DD, \"day N\" or \"day N..M\"), found \"\(s)\"")
        }
        return t
    }

    mutating func date(_ key: String) throws -> PartialDate? {
        guard let t = try time(key) else { return nil }
        guard case .date(let d) = t else { throw CaseFormatError(path: child(key), message: "expected a calendar date (YYYY, YYYY-MM or YYYY-MM-DD)") }
        return d
    }

    mutating func array(_ key: String) throws -> [(JSONValue, String)] {
        guard let v = raw(key) else { return [] }
        guard case .array(let items) = v else { throw CaseFormatError(path: child(key), message: "expected an array, found \(v.typeName)") }
        return items.enumerated().map { ($1, "\(child(key))[\($0)]") }
    }

    mutating func strings(_ key: String) throws -> [String] {
        try array(key).map { v, p in
            guard case .string(let s) = v else { throw CaseFormatError(path: p, message: "expected a string, found \(v.typeName)") }
            return s
        }
    }

    mutating func object(_ key: String) throws -> JSONObjectReader? {
        guard let v = raw(key) else { return nil }
        return try JSONObjectReader(v, path: child(key))
    }

    /// Fails on the first key the format does not define: a misspelt key must not drop a fact silently.
    func finish() throws {
        for (k, _) in pairs where !used.contains(k) {
            throw CaseFormatError(path: child(k), message: "unknown key (see Docs/case-format.md for the keys this object takes)")
        }
    }
}

extension TimePoint {
    /// The native format writes dates with dashes; compact `YYYYMMDD` belongs to regulators' files.
    static func isCanonicalForm(_ s: String) -> Bool {
        let t = s.trimmingCharacters(in: .whitespaces)
        if t.lowercased().hasPrefix("day ") { return true }
        return t.count == 4 || t.contains("-")
    }
}
