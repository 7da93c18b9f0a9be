import Foundation

/// A filter that could not be read: the message and the span of the offending term.
public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var start: Int
    public var end: Int
    public var description: String { "\(message) (at column \(start + 1))" }

    /// The query with a caret line under the offending term, for CLI errors.
    public func pointing(into text: String) -> String {
        "\(text)\n\(String(repeating: " ", count: start))\(String(repeating: "^", count: max(1, end - start)))\n\(message)"
    }
}

/// Parses the filter language shared by the CLI and the browser (see README, "Filters").
public enum QueryParser {
    public static let fields = ["drug", "suspect", "event", "symptom", "sex", "age", "outcome", "source", "tto", "status", "serious"]

    public static func parse(_ text: String) throws -> Query {
        var terms: [QueryTerm] = []
        for token in try tokenize(text) {
            terms.append(try parseTerm(token))
        }
        return Query(terms: terms, text: text)
    }

    struct Token { var text: String; var start: Int; var end: Int }

    /// Splits on whitespace outside double quotes; quotes group words and are removed.
    static func tokenize(_ text: String) throws -> [Token] {
        var tokens: [Token] = []
        var current = "", start = 0, inQuote = false, quoteStart = 0, hasContent = false
        for (k, ch) in text.enumerated() {
            if ch == "\"" {
                if !hasContent { start = k; hasContent = true }
                inQuote.toggle(); quoteStart = k
                current.append(ch)
            } else if ch.isWhitespace && !inQuote {
                if hasContent { tokens.append(Token(text: current, start: start, end: k)) }
                current = ""; hasContent = false
            } else {
                if !hasContent { start = k; hasContent = true }
                current.append(ch)
            }
        }
        if inQuote { throw QueryError(message: "unclosed quote", start: quoteStart, end: text.count) }
        if hasContent { tokens.append(Token(text: current, start: start, end: text.count)) }
        return tokens
    }

    static func unquote(_ s: String) -> String { s.replacingOccurrences(of: "\"", with: "") }

    static func parseTerm(_ token: Token) throws -> QueryTerm {
        var body = token.text
        var negated = false
        if body.hasPrefix("!") { negated = true; body.removeFirst() }
        func fail(_ m: String) -> QueryError { QueryError(message: m, start: token.start, end: token.end) }
        guard !body.isEmpty else { throw fail("'!' must be followed by a term") }
        guard let colon = body.firstIndex(of: ":"), !body[..<colon].contains("\"") else {
            let word = unquote(body)
            guard !word.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail("empty search word") }
            return QueryTerm(negated: negated, condition: .text(word), start: token.start, end: token.end)
        }
        let field = body[..<colon].lowercased()
        let rawValue = String(body[body.index(after: colon)...])
        let values = rawValue.split(separator: ",", omittingEmptySubsequences: false).map { unquote(String($0)).trimmingCharacters(in: .whitespaces) }
        guard !values.isEmpty, !values.contains(where: \.isEmpty) else {
            throw fail("\(field): needs a value\(values.count > 1 ? " between the commas" : "")")
        }
        let condition: QueryCondition
        switch field {
        case "drug": condition = .drug(values, suspectOnly: false)
        case "suspect": condition = .drug(values, suspectOnly: true)
        case "event", "symptom", "reaction": condition = .event(values)
        case "sex":
            condition = .sex(try values.map { v in
                switch v.lowercased() {
                case "f", "female", "w", "woman": return .female
                case "m", "male", "man": return .male
                case "u", "unknown", "?": return .unknown
                default: throw fail("sex: expected f, m or unknown, found \"\(v)\"")
                }
            })
        case "age":
            guard values.count == 1 else { throw fail("age: takes one range, e.g. age:40..60 or age:>50") }
            var r = try range(values[0], units: ["": 1, "y": 1], field: "age", fail: fail)
            // A bare age means that year of life: age:52 is 52 ≤ age < 53.
            if let l = r.lower, r.upper == l { r.upper = l + 1; r.upperInclusive = false }
            condition = .age(r)
        case "tto", "onset":
            guard values.count == 1 else { throw fail("tto: takes one range, e.g. tto:<7d or tto:1..4w") }
            let units: [String: Double] = ["": 1, "d": 1, "h": 1.0 / 24, "w": 7, "m": 30.4375, "mo": 30.4375, "y": 365.25]
            condition = .timeToOnset(try range(values[0], units: units, field: "tto", fail: fail))
        case "outcome":
            condition = .outcome(try values.map { v in
                let k = v.lowercased()
                let aliases: [String: Outcome] = ["died": .fatal, "death": .fatal, "dead": .fatal, "resolved": .recovered,
                                                  "unresolved": .notRecovered, "notrecovered": .notRecovered, "not_recovered": .notRecovered]
                if let o = Outcome(rawValue: k) ?? aliases[k] { return o }
                throw fail("outcome: expected one of \(Outcome.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(v)\"")
            })
        case "source":
            condition = .source(try values.map { v in
                let k = v.lowercased()
                if let s = SourceKind(rawValue: k) ?? (k == "lit" ? .literature : nil) { return s }
                throw fail("source: expected one of \(SourceKind.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(v)\"")
            })
        case "status":
            guard values.count == 1, let s = CaseStatus(rawValue: values[0].lowercased()) else { throw fail("status: expected draft or final") }
            condition = .status(s)
        case "serious":
            guard values.count == 1 else { throw fail("serious: expected yes or no") }
            switch values[0].lowercased() {
            case "yes", "y", "true", "1": condition = .serious(true)
            case "no", "n", "false", "0": condition = .serious(false)
            default: throw fail("serious: expected yes or no, found \"\(values[0])\"")
            }
        default:
            throw fail("unknown field \"\(field)\"; fields are \(fields.joined(separator: ", "))")
        }
        return QueryTerm(negated: negated, condition: condition, start: token.start, end: token.end)
    }

    /// Reads `40..60`, `>50`, `>=50`, `<7d`, `<=2w`, `50`, `1..4w` into a range in base units.
    static func range(_ s: String, units: [String: Double], field: String, fail: (String) -> QueryError) throws -> NumberRange {
        func number(_ t: String) throws -> Double {
            let lower = t.lowercased()
            let digits = lower.prefix { $0.isNumber || $0 == "." || $0 == "-" }
            let unit = String(lower.dropFirst(digits.count))
            guard let v = Double(digits), v.isFinite, let factor = units[unit] else {
                let unitList = units.keys.filter { !$0.isEmpty }.sorted().joined(separator: ", ")
                throw fail("\(field): expected a number\(unitList.isEmpty ? "" : " with an optional unit (\(unitList))"), found \"\(t)\"")
            }
            return v * factor
        }
        if s.hasPrefix(">=") { return NumberRange(lower: try number(String(s.dropFirst(2)))) }
        if s.hasPrefix("<=") { return NumberRange(upper: try number(String(s.dropFirst(2)))) }
        if s.hasPrefix(">") { return NumberRange(lower: try number(String(s.dropFirst())), lowerInclusive: false) }
        if s.hasPrefix("<") { return NumberRange(upper: try number(String(s.dropFirst())), upperInclusive: false) }
        if let r = s.range(of: "..") {
            var lo = String(s[..<r.lowerBound])
            let hi = String(s[r.upperBound...])
            // A unit written once at the end applies to both ends: `1..4w`.
            let unit = String(hi.drop { $0.isNumber || $0 == "." })
            if !lo.isEmpty, lo.last!.isNumber { lo += unit }
            if hi.isEmpty { return NumberRange(lower: try number(lo)) }
            if lo.isEmpty { return NumberRange(upper: try number(hi)) }
            let a = try number(lo), b = try number(hi)
            guard a <= b else { throw fail("\(field): the range's lower end is above its upper end") }
            return NumberRange(lower: a, upper: b)
        }
        let v = try number(s)
        return NumberRange(lower: v, upper: v)
    }
}
