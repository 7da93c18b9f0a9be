/// One token of a narrative: a word, a number or a punctuation mark, with its place in Characters.
public struct NarrativeToken: Hashable, Sendable {
    /// What kind of token it is.
    public enum Kind: Sendable { case word, number, punct }
    /// Lower-cased and folded (`β` → `beta`, dashes → `-`, curly quotes → `'`).
    public var text: String
    /// The characters as written, for acronym checks (`HIT` is not `hit`).
    public var raw: String
    public var kind: Kind
    /// Character offsets into the narrative: `start..<end`.
    public var start: Int
    public var end: Int
    /// Newlines between the previous token and this one (line and paragraph breaks matter to sentences).
    public var newlinesBefore: Int
    /// True when whitespace separates this token from the previous one.
    public var spaceBefore: Bool

    /// The numeric value of a number token (`2.5`, `10`).
    public var number: Double? { kind == .number ? Double(text) : nil }
    /// True for words written in capitals (`RRMS`, `HIT`), which may be acronyms.
    public var isUpper: Bool { raw.contains { $0.isLetter } && !raw.contains { $0.isLowercase } }
}

/// Splits a narrative into tokens, folding spelling variants that matter for matching.
public enum NarrativeTokenizer {
    public static func tokenize(_ text: String) -> [NarrativeToken] {
        tokenize(Array(text))
    }

    public static func tokenize(_ chars: [Character]) -> [NarrativeToken] {
        var tokens: [NarrativeToken] = []
        tokens.reserveCapacity(chars.count / 4)
        var i = 0
        var newlines = 0, space = false
        while i < chars.count {
            let c = chars[i]
            if c.isNewline { newlines += 1; space = true; i += 1; continue }
            if c.isWhitespace { space = true; i += 1; continue }
            let start = i
            if c.isNumber && c.isASCII {
                // Digits, with a decimal part ("2.5") or thousands groups ("48,000").
                var s = "", raw = ""
                var isWordish = false
                func digit(_ k: Int) -> Bool { k < chars.count && chars[k].isASCII && chars[k].isNumber }
                while i < chars.count {
                    let d = chars[i]
                    if digit(i) { s.append(d); raw.append(d); i += 1; continue }
                    if d == ".", digit(i + 1), !isWordish, !s.contains(".") { s.append("."); raw.append(d); i += 1; continue }
                    if d == ",", !isWordish, digit(i + 1), digit(i + 2), digit(i + 3), !digit(i + 4) { raw.append(d); i += 1; continue }
                    if d.isLetter { isWordish = true; s.append(contentsOf: fold(d)); raw.append(d); i += 1; continue }
                    break
                }
                // "1a", "3rd", "10mg": digits with letters stay one token, as a word.
                tokens.append(NarrativeToken(text: s, raw: raw, kind: isWordish ? .word : .number, start: start, end: i,
                                             newlinesBefore: newlines, spaceBefore: space))
            } else if c.isLetter {
                var s = "", raw = ""
                while i < chars.count {
                    let d = chars[i]
                    // ASCII letters and digits, the common case, skip the general fold.
                    if let v = d.asciiValue, (v >= 97 && v <= 122) || (v >= 48 && v <= 57) { s.append(d); raw.append(d); i += 1; continue }
                    if let v = d.asciiValue, v >= 65 && v <= 90 { s.append(Character(Unicode.Scalar(v + 32))); raw.append(d); i += 1; continue }
                    if d.isLetter || (d.isNumber && d.isASCII) { s.append(contentsOf: fold(d)); raw.append(d); i += 1; continue }
                    // An apostrophe inside a word ("patient's", "Crohn's") keeps the word whole.
                    if (d == "'" || d == "’"), i + 1 < chars.count, chars[i + 1].isLetter, !s.isEmpty {
                        s.append("'"); raw.append(d); i += 1; continue
                    }
                    break
                }
                tokens.append(NarrativeToken(text: s, raw: raw, kind: .word, start: start, end: i,
                                             newlinesBefore: newlines, spaceBefore: space))
            } else {
                let f = fold(c)
                tokens.append(NarrativeToken(text: f, raw: String(c), kind: .punct, start: start, end: i + 1,
                                             newlinesBefore: newlines, spaceBefore: space))
                i += 1
            }
            newlines = 0; space = false
        }
        return tokens
    }

    /// Lower case, Greek letters spelt out, dashes and quotes made ASCII.
    static func fold(_ c: Character) -> String {
        switch c {
        case "β", "ß": return "beta"
        case "α": return "alpha"
        case "γ": return "gamma"
        case "κ": return "kappa"
        case "µ", "μ": return "u"
        case "–", "—", "‐", "‑", "−", "‒": return "-"
        case "’", "‘", "´", "`": return "'"
        case "“", "”", "„": return "\""
        default:
            let l = c.lowercased()
            // Strip accents so "naïve" and "naive", "Sjögren" and "Sjogren" meet.
            return String(String.UnicodeScalarView(l.unicodeScalars.map { latinBase[$0] ?? $0 }))
        }
    }
}

extension NarrativeTokenizer {
    static let latinBase: [Unicode.Scalar: Unicode.Scalar] = {
        var m: [Unicode.Scalar: Unicode.Scalar] = [:]
        let groups: [(String, Character)] = [
            ("àáâãäå", "a"), ("èéêë", "e"), ("ìíîï", "i"), ("òóôõöø", "o"), ("ùúûü", "u"),
            ("ç", "c"), ("ñ", "n"), ("ýÿ", "y"),
        ]
        for (letters, base) in groups {
            for l in letters.unicodeScalars { m[l] = base.unicodeScalars.first! }
        }
        return m
    }()
}
