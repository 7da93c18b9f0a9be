import Foundation
import GRDB

/// Why a review action could not be saved.
public enum ReviewError: Error, CustomStringConvertible, Equatable {
    case noSuchCase(String)
    case unknownField(String)
    case badValue(field: String, value: String, expected: String)
    case invalidCase(String)

    public var description: String {
        switch self {
        case .noSuchCase(let id): return "no case with id \"\(id)\" in the library"
        case .unknownField(let f): return "cannot set \"\(f)\": expected \(CaseCorrection.fieldHelp)"
        case .badValue(let f, let v, let e): return "\(f): \"\(v)\" is not \(e)"
        case .invalidCase(let m): return "the corrected case is not valid: \(m)"
        }
    }
}

extension Library {
    /// Accepts a reviewed draft: its status becomes `final`; nothing else changes. Returns the saved case.
    @discardableResult
    public func accept(id: String) throws -> Case {
        guard var c = try loadCase(id: id) else { throw ReviewError.noSuchCase(id) }
        c.status = .final
        try update(c)
        return c
    }

    /// Replaces the stored case that has `c.id` with `c` in one transaction: the search rows (drugs,
    /// reactions, intervals, text) are derived again by `LibraryWriter.insert`, and the case stays
    /// with the source it was imported from. The case must be valid in onset's case format.
    /// The case keeps its place in library order.
    public func update(_ c: Case) throws {
        // A corrected case must read back as the same case: the format's rules apply to reviewers too.
        do { _ = try CaseReader.read(Array(CaseWriter.text(c, pretty: false).utf8), file: "corrected case \(c.id)") } catch let e as CaseFormatError {
            throw ReviewError.invalidCase("\(e.path): \(e.message)")
        }
        try write { w in
            guard let source = try Int64.fetchOne(w.db, sql: "SELECT source_id FROM cases WHERE id = ?", arguments: [c.id]) else {
                throw ReviewError.noSuchCase(c.id)
            }
            try w.replaceInPlace(c, source: source)
            try w.finishSource(source)
        }
    }

    /// Corrects one field of a stored case (see `CaseCorrection`) and saves it; returns the saved case.
    @discardableResult
    public func correct(id: String, field: String, value: String) throws -> Case {
        guard var c = try loadCase(id: id) else { throw ReviewError.noSuchCase(id) }
        try CaseCorrection.apply(field: field, value: value, to: &c, lexicon: lexicon)
        try update(c)
        return c
    }
}

/// The fields a reviewer can correct by name: `age`, `sex`, `outcome`, a drug's role
/// (`d1.role` or `drugs[0].role`) and a reaction's preferred term (`e1.preferred` or `events[0].preferred`).
public enum CaseCorrection {
    public static let fieldHelp = "age, sex, outcome, dN.role (or drugs[K].role) or eN.preferred (or events[K].preferred)"

    /// Changes `c` in place; the spans that supported the old value are dropped, since they no longer do.
    public static func apply(field: String, value raw: String, to c: inout Case, lexicon: Lexicon) throws {
        let value = raw.trimmingCharacters(in: .whitespaces)
        let clear = ["", "none", "-", "unknown-value"].contains(value.lowercased())
        switch field.lowercased() {
        case "age", "patient.age":
            if clear { c.patient.age = nil } else {
                let parts = value.split(separator: " ")
                guard let v = Double(parts.first ?? ""), v >= 0, v < 200 else {
                    throw ReviewError.badValue(field: field, value: value, expected: "an age such as 52, \"8 month\" or none")
                }
                var unit = AgeUnit.year
                if parts.count > 1 {
                    let u = String(parts[1]).lowercased()
                    guard let au = AgeUnit(rawValue: u.hasSuffix("s") ? String(u.dropLast()) : u) else {
                        throw ReviewError.badValue(field: field, value: value, expected: "an age unit: \(AgeUnit.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    unit = au
                }
                c.patient.age = Quantity(v, unit)
            }
            c.spans.removeAll { $0.field == "patient.age" }
        case "sex", "patient.sex":
            if clear { c.patient.sex = nil } else {
                let map: [String: Sex] = ["f": .female, "female": .female, "woman": .female, "girl": .female, "m": .male, "male": .male,
                                           "man": .male, "boy": .male, "unknown": .unknown, "u": .unknown]
                guard let s = map[value.lowercased()] else { throw ReviewError.badValue(field: field, value: value, expected: "female, male or unknown") }
                c.patient.sex = s
            }
            c.spans.removeAll { $0.field == "patient.sex" }
        case "outcome":
            if clear { c.outcome = nil } else {
                guard let o = Outcome(rawValue: value.lowercased()) else {
                    throw ReviewError.badValue(field: field, value: value, expected: "one of \(Outcome.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                c.outcome = o
            }
            c.spans.removeAll { $0.field == "outcome" }
        default:
            let (kind, index, attribute) = try locate(field, in: c)
            switch (kind, attribute) {
            case ("drug", "role"):
                guard let r = DrugRole(rawValue: value.lowercased()) else {
                    throw ReviewError.badValue(field: field, value: value, expected: "one of \(DrugRole.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                c.drugs[index].role = r
            case ("event", "preferred"):
                guard !clear else { throw ReviewError.badValue(field: field, value: value, expected: "a reaction term") }
                c.events[index].preferred = lexicon.preferred(for: value) ?? value
                c.spans.removeAll { $0.field == "events[\(index)]" }
            default:
                throw ReviewError.unknownField(field)
            }
        }
    }

    /// Finds `d2.role` / `drugs[1].role` / `e1.preferred` / `events[0].preferred`: kind, array index, attribute.
    static func locate(_ field: String, in c: Case) throws -> (String, Int, String) {
        let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ReviewError.unknownField(field) }
        let head = parts[0], attribute = parts[1].lowercased()
        if head.hasPrefix("drugs["), head.hasSuffix("]"), let k = Int(head.dropFirst(6).dropLast()), c.drugs.indices.contains(k) {
            return ("drug", k, attribute)
        }
        if head.hasPrefix("events["), head.hasSuffix("]"), let k = Int(head.dropFirst(7).dropLast()), c.events.indices.contains(k) {
            return ("event", k, attribute)
        }
        if let k = c.drugs.firstIndex(where: { $0.id == head }) { return ("drug", k, attribute) }
        if let k = c.events.firstIndex(where: { $0.id == head }) { return ("event", k, attribute) }
        throw ReviewError.unknownField(field)
    }
}
