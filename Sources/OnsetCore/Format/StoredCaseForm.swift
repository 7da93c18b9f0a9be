import Foundation

/// The key and format of the source a library case came from, as its `sources` row holds them.
public struct StoredSourceFacts: Sendable, Equatable {
    public let key: String
    public let format: String?
    public init(key: String, format: String?) { self.key = key; self.format = format }

    /// Byte for byte (`StoredCaseForm.sameText`): what is left out must come back as the same bytes.
    public static func == (a: StoredSourceFacts, b: StoredSourceFacts) -> Bool {
        StoredCaseForm.sameText(a.key, b.key) && StoredCaseForm.sameText(a.format, b.format)
    }
}

/// The columns of a case's library row (and its source's row) that its stored JSON relies on.
struct StoredCaseRow: Sendable {
    var id: String
    var kind: String
    var record: String?
    var caseNumber: String?
    var version: Int?
    var source: StoredSourceFacts?
}

/// How a library stores a case's JSON: onset's case format without what the library holds
/// anyway. Left out are the format tag; the id, kind, record, case number and version (the case's
/// own columns); the source's file and format when they are the source row's key and format; a
/// drug or event id that is its default (`d3`, `e2`); a preferred term equal to the verbatim term;
/// and a drug's only course when it spans exactly the drug's start and end.
///
/// Why: the JSON was 43% of a 400k-case library, and writing those bytes is work for both import
/// threads, SQLite and the kernel; the fields above were about a quarter of it
/// (`scripts/bench_notes.md`, step 23).
///
/// Where leaving a field out would read back as something else, the stored form says so
/// explicitly: `"preferred": null` for an event without a preferred term, `"file": null` or
/// `"format": null` for a source that has none although its row does, and `"courses": []` for a
/// dated drug without courses. A document with a `format` tag is a full case (libraries written
/// before the stored form) and is read as it is.
enum StoredCaseForm {
    /// How one optional field of the source is written.
    enum Field: Equatable {
        /// Equal to the row's value: left out.
        case implied
        /// Absent, while the row has a value: an explicit null.
        case null
        case value(String)
    }

    static func field(_ value: String?, rowValue: String?) -> Field {
        if sameText(value, rowValue) { return .implied }
        guard let value else { return .null }
        return .value(value)
    }

    static func write<S: JSONObjectSink>(_ f: Field, _ key: StaticString, into b: inout S) {
        switch f {
        case .implied: break
        case .null: b.setNull(key)
        case .value(let v): b.set(key, v)
        }
    }

    /// Whether two texts are the same bytes. Swift's `==` also takes canonically equivalent text
    /// as equal (a precomposed "é" and "e" with a combining accent), but a field left out comes back
    /// as the other's bytes, and keys, SQL and `show --format json` all see bytes.
    static func sameText(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?):
            let n = x.utf8.count
            guard n == y.utf8.count else { return false }
            guard n > 0 else { return true }
            // Native strings are contiguous UTF-8: one memcmp, as `==` does for them.
            let fast = x.utf8.withContiguousStorageIfAvailable { a in
                y.utf8.withContiguousStorageIfAvailable { b in memcmp(a.baseAddress!, b.baseAddress!, n) == 0 }
            }
            return (fast ?? nil) ?? x.utf8.elementsEqual(y.utf8)
        default: return false
        }
    }

    /// How a drug's courses are written.
    enum Courses { case written, impliedByDates, explicitlyNone }

    static func courses(of d: Drug) -> Courses {
        guard d.start != nil || d.end != nil else { return .written }
        if d.courses.isEmpty { return .explicitlyNone }
        if d.courses.count == 1, d.courses[0] == Course(start: d.start, end: d.end) { return .impliedByDates }
        return .written
    }

    /// The id a stored drug (`d`) or event (`e`) gets back when it has none: its number in the case.
    static func defaultID(_ prefix: String, _ number: Int) -> String { prefix + String(number) }

    /// Whether `id` is `defaultID(prefix, number)`, compared byte by byte: making the default
    /// string for each drug and event to compare with cost more than the bytes left out saved.
    static func isDefaultID(_ id: String, _ prefix: UInt8, _ number: Int) -> Bool {
        var digits = 1, scale = 1
        while scale * 10 <= number { scale *= 10; digits += 1 }
        let bytes = id.utf8
        guard bytes.count == digits + 1, bytes.first == prefix else { return false }
        var rest = number
        for b in bytes.dropFirst() {
            guard b == UInt8(ascii: "0") + UInt8(rest / scale) else { return false }
            rest %= scale
            scale /= 10
        }
        return true
    }

    /// Fields a stored document never holds, because its row does; one that has them is damaged,
    /// and taking either value silently would hide that.
    static let rowFields: Set<String> = ["id"], rowSourceFields: Set<String> = ["kind", "record", "case", "version"]

    /// The full case document back from a stored one and its row.
    static func restore(_ stored: JSONValue, row: StoredCaseRow) throws -> JSONValue {
        guard case .object(let pairs) = stored, !pairs.contains(where: { $0.0 == "format" }) else { return stored }
        if let k = pairs.first(where: { rowFields.contains($0.0) })?.0 {
            throw CaseFormatError(path: "$.\(k)", message: "not expected in a stored case (the library row holds it)")
        }
        if case .object(let source)? = pairs.first(where: { $0.0 == "source" })?.1,
           let k = source.first(where: { rowSourceFields.contains($0.0) })?.0 {
            throw CaseFormatError(path: "$.source.\(k)", message: "not expected in a stored case (the library row holds it)")
        }
        var out: [(String, JSONValue)] = [("format", .string(CaseReader.formatTag)), ("id", .string(row.id))]
        var sawSource = false
        for (key, value) in pairs {
            switch key {
            case "source":
                sawSource = true
                out.append((key, restoreSource(value, row: row)))
            case "drugs":
                out.append((key, restoreItems(value) { item, number in
                    if !has(item, "id") { item.append(("id", .string(defaultID("d", number)))) }
                    if !has(item, "courses") {
                        let dates = item.filter { ($0.0 == "start" || $0.0 == "end") && $0.1 != .null }
                        if !dates.isEmpty { item.append(("courses", .array([.object(dates)]))) }
                    }
                }))
            case "events":
                out.append((key, restoreItems(value) { item, number in
                    if !has(item, "id") { item.append(("id", .string(defaultID("e", number)))) }
                    if !has(item, "preferred"), let term = item.first(where: { $0.0 == "term" })?.1 {
                        item.append(("preferred", term))
                    }
                }))
            default:
                out.append((key, value))
            }
        }
        if !sawSource { out.append(("source", restoreSource(.object([]), row: row))) }
        return .object(out)
    }

    private static func has(_ pairs: [(String, JSONValue)], _ key: String) -> Bool {
        pairs.contains { $0.0 == key }
    }

    private static func restoreSource(_ stored: JSONValue, row: StoredCaseRow) -> JSONValue {
        // Anything but an object is left for the reader to reject with its path.
        guard case .object(var pairs) = stored else { return stored }
        pairs.insert(("kind", .string(row.kind)), at: 0)
        let fromRow: [(String, JSONValue?)] = [
            ("file", row.source.map { .string($0.key) }), ("record", row.record.map(JSONValue.string)),
            ("case", row.caseNumber.map(JSONValue.string)), ("version", row.version.map { .number(Double($0)) }),
            ("format", row.source?.format.map(JSONValue.string)),
        ]
        for (key, value) in fromRow {
            if let value, !has(pairs, key) { pairs.append((key, value)) }
        }
        return .object(pairs)
    }

    private static func restoreItems(_ list: JSONValue, _ fill: (inout [(String, JSONValue)], Int) -> Void) -> JSONValue {
        guard case .array(let items) = list else { return list }
        return .array(items.enumerated().map { k, item in
            guard case .object(var pairs) = item else { return item }
            fill(&pairs, k + 1)
            return .object(pairs)
        })
    }
}
