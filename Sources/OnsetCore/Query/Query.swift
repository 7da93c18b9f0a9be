/// A parsed filter: terms joined by AND, each possibly negated, each with OR-ed values.
public struct Query: Sendable, Equatable {
    public var terms: [QueryTerm]
    public var text: String

    public init(terms: [QueryTerm] = [], text: String = "") { self.terms = terms; self.text = text }

    public static let all = Query()
    public var isEmpty: Bool { terms.isEmpty }
}

/// One term of a filter and where it stands in the typed text.
public struct QueryTerm: Sendable, Equatable {
    public var negated: Bool
    public var condition: QueryCondition
    /// Character offsets of the term in the query text.
    public var start: Int
    public var end: Int
    public init(negated: Bool = false, condition: QueryCondition, start: Int = 0, end: Int = 0) {
        self.negated = negated; self.condition = condition; self.start = start; self.end = end
    }
}

/// What a term asks of a case.
public enum QueryCondition: Sendable, Equatable {
    /// Any of these drug names (matched through the lexicon); `suspectOnly` for `suspect:`.
    case drug([String], suspectOnly: Bool)
    /// Any of these reaction terms (matched through the lexicon).
    case event([String])
    case sex([Sex])
    /// Age in years.
    case age(NumberRange)
    case outcome([Outcome])
    case source([SourceKind])
    /// Days from first dose to onset, for some suspect drug.
    case timeToOnset(NumberRange)
    case status(CaseStatus)
    case serious(Bool)
    /// Full-text words over drug names, terms and narrative.
    case text(String)
}

/// A numeric range with optional, possibly open, bounds.
public struct NumberRange: Sendable, Equatable, CustomStringConvertible {
    public var lower: Double?
    public var lowerInclusive = true
    public var upper: Double?
    public var upperInclusive = true

    public init(lower: Double? = nil, lowerInclusive: Bool = true, upper: Double? = nil, upperInclusive: Bool = true) {
        self.lower = lower; self.lowerInclusive = lowerInclusive; self.upper = upper; self.upperInclusive = upperInclusive
    }

    public func contains(_ v: Double) -> Bool {
        if let l = lower, lowerInclusive ? v < l : v <= l { return false }
        if let u = upper, upperInclusive ? v > u : v >= u { return false }
        return true
    }

    public var description: String {
        switch (lower, upper) {
        case let (l?, u?): return "\(DayRange.format(l))..\(DayRange.format(u))"
        case let (l?, nil): return (lowerInclusive ? ">=" : ">") + DayRange.format(l)
        case let (nil, u?): return (upperInclusive ? "<=" : "<") + DayRange.format(u)
        default: return "any"
        }
    }
}
