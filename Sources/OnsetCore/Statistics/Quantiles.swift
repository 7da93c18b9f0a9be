/// First quartile, median and third quartile of a time-to-onset distribution, in days.
public struct QuantileSummary: Hashable, Sendable, Codable {
    public let q1: Double
    public let median: Double
    public let q3: Double
    /// Interquartile range q3 − q1 (stored so that JSON output carries it).
    public let iqr: Double

    /// Creates a summary from the three quartiles.
    public init(q1: Double, median: Double, q3: Double) {
        self.q1 = q1
        self.median = median
        self.q3 = q3
        iqr = q3 - q1
    }
}

/// Sample quantiles of exact values and of interval-censored ranges.
public enum Quantiles {
    /// The type-7 sample quantile (R's and NumPy's default) of `values`; `nil` when empty.
    ///
    /// Non-finite values are ignored; `p` is clamped to [0, 1].
    public static func type7(_ values: [Double], p: Double) -> Double? {
        type7(sorted: values.filter(\.isFinite).sorted(), p: p)
    }

    /// Median and quartiles of exact values by the type-7 rule; `nil` when there is no finite value.
    public static func summary(of values: [Double]) -> QuantileSummary? {
        let sorted = values.filter(\.isFinite).sorted()
        guard let q1 = type7(sorted: sorted, p: 0.25),
              let median = type7(sorted: sorted, p: 0.5),
              let q3 = type7(sorted: sorted, p: 0.75) else { return nil }
        return QuantileSummary(q1: q1, median: median, q3: q3)
    }

    /// Median and quartiles of interval-censored ranges from the Turnbull NPMLE.
    ///
    /// Exact values are degenerate ranges. `nil` when there is no usable range, the estimate did
    /// not converge, or a quartile is unbounded (mass beyond an open right end).
    public static func censoredSummary(of ranges: [DayRange]) -> QuantileSummary? {
        guard let estimate = TurnbullEstimate(ranges), estimate.converged else { return nil }
        return estimate.quartiles
    }

    /// Type 7 (Hyndman & Fan 1996): linear interpolation between order statistics at h = (n−1)p.
    static func type7(sorted: [Double], p: Double) -> Double? {
        guard !sorted.isEmpty, !p.isNaN else { return nil }
        let h = Double(sorted.count - 1) * Swift.min(1, Swift.max(0, p))
        let lower = Int(h.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
