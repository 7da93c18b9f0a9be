import Foundation

/// Small mappings every regulator importer shares: ids, names, terms, ages and weights.
enum ImportMapping {
    /// `prefix-raw` with every character the case format does not allow in an id replaced by `-`.
    static func caseID(_ prefix: String, _ raw: String) -> String {
        // Fast path: an id of letters, digits and `._:-` only (every FAERS caseid) is kept as it is.
        if raw.utf8.count + prefix.utf8.count < 200, let f = raw.utf8.first, let l = raw.utf8.last, f != 0x20, l != 0x20,
           raw.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x3A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }) {
            return prefix + "-" + raw
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-")
        let body = String(raw.trimmingCharacters(in: .whitespaces).map { allowed.contains($0) ? $0 : "-" })
        return String("\(prefix)-\(body)".prefix(200))
    }

    /// Trimmed text, or nil when nothing is left.
    static func clean(_ s: String?) -> String? {
        guard let s, let first = s.utf8.first, let last = s.utf8.last else { return nil }
        // Fast path: nothing to trim at either end (a byte ≥ 0x80 may start Unicode whitespace).
        func plain(_ b: UInt8) -> Bool { b > 0x20 && b < 0x80 }
        if plain(first) && plain(last) { return s }
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }

    /// An all-capitals term (legacy AERS, AERS SGML) in sentence case; mixed-case terms are kept,
    /// since their capitals (HIV, QT) are deliberate.
    static func sentenceCase(_ term: String) -> String {
        guard term.contains(where: \.isUppercase), !term.contains(where: \.isLowercase) else { return term }
        let lower = term.lowercased()
        guard let first = lower.first else { return term }
        return first.uppercased() + lower.dropFirst()
    }

    /// The preferred term for a reported reaction: the lexicon's, else the term in sentence case.
    static func preferred(_ term: String, lexicon: Lexicon) -> String {
        lexicon.preferred(for: term) ?? sentenceCase(term)
    }

    /// The generic name: the first candidate the lexicon knows, else the first candidate (an
    /// active-ingredient field) lower-cased; the verbatim product name is only looked up.
    static func generic(ingredients: [String?], name: String, lexicon: Lexicon) -> String? {
        let cands = ingredients.compactMap { clean($0) }
        for c in cands { if let g = lexicon.generic(for: c) { return g } }
        if let g = lexicon.generic(for: name) { return g }
        return cands.first?.lowercased()
    }

    /// An age the case format can hold (0 ≤ value < 200 in its unit): large values in small units
    /// move to the next larger unit (400 days → weeks); an implausible age is dropped with a note.
    static func age(_ value: Double?, _ unit: AgeUnit?) -> (Quantity<AgeUnit>?, String?) {
        guard let value, let unit else { return (nil, nil) }
        guard value.isFinite, value >= 0 else { return (nil, "age reported as \(JSONWriter.number(value)) \(unit.rawValue) (not plausible, left out)") }
        let ladder: [AgeUnit] = [.hour, .day, .week, .month, .year]
        var v = value, u = unit
        while v >= 200, let k = ladder.firstIndex(of: u), k + 1 < ladder.count {
            let next = ladder[k + 1]
            v = v * u.years / next.years
            u = next
        }
        guard v < 200 else { return (nil, "age reported as \(JSONWriter.number(value)) \(unit.rawValue) (not plausible, left out)") }
        let note = u == unit ? nil : "age reported as \(JSONWriter.number(value)) \(unit.rawValue)"
        return (Quantity(v, u), note)
    }

    /// A positive weight, or nil.
    static func weight(_ value: Double?, _ unit: WeightUnit?) -> Quantity<WeightUnit>? {
        guard let value, let unit, value.isFinite, value > 0 else { return nil }
        return Quantity(value, unit)
    }

    /// A number written by a regulator (`62`, `62.5`, ` 7 `), or nil.
    static func number(_ s: String?) -> Double? {
        guard let t = clean(s), let v = Double(t), v.isFinite else { return nil }
        return v
    }

    /// Placeholder for a drug the report names no product for (the case format requires a name).
    static let unnamedDrug = "(name not reported)"

    /// Joins note fragments into one note, or nil.
    static func note(_ parts: [String?]) -> String? {
        let p = parts.compactMap { clean($0) }
        return p.isEmpty ? nil : p.joined(separator: "; ")
    }
}
