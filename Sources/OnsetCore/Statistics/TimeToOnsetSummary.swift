/// Why an interval was left out of a time-to-onset summary.
public enum OnsetExclusionReason: String, Hashable, Sendable, Codable, CaseIterable {
    /// No interval could be derived (missing dates), or an end is NaN.
    case noDates
    /// The whole interval lies before the dose (max < 0).
    case negative
    /// The range is wider than the summary's limit, so it says too little about onset.
    case tooWide
}

/// One interval left out of a summary, and why.
public struct OnsetExclusion: Hashable, Sendable, Codable {
    public let id: String
    public let reason: OnsetExclusionReason

    /// Records an exclusion.
    public init(id: String, reason: OnsetExclusionReason) {
        self.id = id
        self.reason = reason
    }
}

/// Descriptive statistics of the time to onset of one drug–event pair (or any set of cases).
///
/// A range that straddles day 0 is clipped to start at 0 before anything else, following the
/// case format's rule that the onset follows the dose; its width is measured after clipping.
public struct TimeToOnsetSummary: Hashable, Sendable, Codable {
    /// Widest range kept, in days.
    public let maxRangeWidth: Double
    /// Intervals used.
    public let used: Int
    /// Intervals left out, in input order.
    public let excluded: [OnsetExclusion]
    /// Used intervals that are exact values.
    public let exactCount: Int
    /// Used intervals that are ranges.
    public let rangeCount: Int
    /// Type-7 quartiles of the exact values only.
    public let exactQuantiles: QuantileSummary?
    /// Quartiles of all used intervals from the Turnbull NPMLE.
    public let censoredQuantiles: QuantileSummary?
    /// Clinical bins of all used intervals.
    public let histogram: OnsetHistogram
    /// Weibull fit to all used intervals, ranges as interval-censored.
    public let weibull: WeibullFit?
    /// Weibull fit to the exact values only.
    public let weibullExact: WeibullFit?

    /// Summarises `items`, leaving out ranges wider than `maxRangeWidth` days.
    public init(_ items: [(id: String, interval: DayRange?)], maxRangeWidth: Double = 365) {
        self.maxRangeWidth = maxRangeWidth
        var kept: [DayRange] = []
        var excluded: [OnsetExclusion] = []
        for item in items {
            switch TimeToOnsetSummary.classify(item.interval, maxRangeWidth: maxRangeWidth) {
            case .success(let interval): kept.append(interval)
            case .failure(let reason): excluded.append(OnsetExclusion(id: item.id, reason: reason.reason))
            }
        }
        let exact = kept.filter(\.isExact).map(\.min)
        used = kept.count
        self.excluded = excluded
        exactCount = exact.count
        rangeCount = kept.count - exact.count
        exactQuantiles = Quantiles.summary(of: exact)
        censoredQuantiles = Quantiles.censoredSummary(of: kept)
        histogram = OnsetHistogram(kept)
        weibull = Weibull.fit(kept)
        weibullExact = Weibull.fit(kept.filter(\.isExact))
    }

    /// Number of exclusions for one reason.
    public func excludedCount(_ reason: OnsetExclusionReason) -> Int {
        excluded.count { $0.reason == reason }
    }

    struct Rejection: Error { let reason: OnsetExclusionReason }

    /// The interval to use, clipped at day 0, or why it is left out.
    static func classify(_ interval: DayRange?, maxRangeWidth: Double) -> Result<DayRange, Rejection> {
        guard let interval, !interval.min.isNaN, !interval.max.isNaN else {
            return .failure(Rejection(reason: .noDates))
        }
        guard interval.max >= 0 else { return .failure(Rejection(reason: .negative)) }
        let clipped = DayRange(min: Swift.max(0, interval.min), max: interval.max)
        guard clipped.width <= maxRangeWidth else { return .failure(Rejection(reason: .tooWide)) }
        return .success(clipped)
    }
}
