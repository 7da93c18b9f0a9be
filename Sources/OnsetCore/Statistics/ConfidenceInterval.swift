/// A two-sided confidence interval `[lower, upper]` (95 % wherever onset computes one).
public struct ConfidenceInterval: Hashable, Sendable, Codable, CustomStringConvertible {
    public var lower: Double
    public var upper: Double

    /// Creates an interval; the bounds are ordered so callers never see `lower > upper`.
    public init(lower: Double, upper: Double) {
        self.lower = Swift.min(lower, upper)
        self.upper = Swift.max(lower, upper)
    }

    /// Whether `value` lies inside the closed interval.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// The normal quantile for a two-sided 95 % interval, rounded as the reference formulas use it.
    public static let z95 = 1.96

    /// `[lower, upper]`.
    public var description: String { "[\(lower), \(upper)]" }
}
