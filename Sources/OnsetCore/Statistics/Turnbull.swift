/// Turnbull's nonparametric maximum-likelihood estimate of a distribution from
/// interval-censored ranges (Turnbull 1976, JRSS B 38:290), fitted by self-consistency (EM).
///
/// Ranges are closed, `[min, max]`; an exact value is `[t, t]`. The NPMLE puts all its mass on
/// the Turnbull (innermost) intervals and says nothing about where inside each one the mass
/// lies; `quantile(_:)` spreads it uniformly there to give a single number.
public struct TurnbullEstimate: Hashable, Sendable, Codable {
    /// The innermost intervals, in increasing order and pairwise disjoint.
    public let support: [DayRange]
    /// Probability mass on each interval of `support`; sums to 1.
    public let masses: [Double]
    /// Number of ranges the estimate was fitted to.
    public let n: Int
    /// EM iterations performed.
    public let iterations: Int
    /// Whether the largest change of a mass in the last iteration fell below the tolerance.
    public let converged: Bool

    /// Fits the NPMLE; `nil` when no range has a finite lower end and a non-NaN upper end.
    ///
    /// Iteration stops when no mass moves by more than `tolerance`, or after `maxIterations`
    /// (then `converged` is `false`).
    public init?(_ ranges: [DayRange], tolerance: Double = 1e-10, maxIterations: Int = 100_000) {
        let usable = ranges.filter { $0.min.isFinite && !$0.max.isNaN }
        guard !usable.isEmpty else { return nil }
        let support = TurnbullEstimate.innermostIntervals(of: usable)
        let m = support.count

        // Each range contains a contiguous run of innermost intervals, because those are
        // disjoint and sorted; identical runs are merged into one weighted observation.
        var weights: [Int: Double] = [:]
        var runs: [(lo: Int, hi: Int)] = []
        for range in usable {
            let lo = TurnbullEstimate.firstIndex(in: support) { $0.min >= range.min }
            let hi = TurnbullEstimate.firstIndex(in: support) { $0.max > range.max } - 1
            guard lo <= hi else { continue }  // cannot happen: every range holds an innermost interval
            let key = lo * m + hi
            if weights[key] == nil { runs.append((lo, hi)) }
            weights[key, default: 0] += 1
        }
        let runWeights = runs.map { weights[$0.lo * m + $0.hi]! }
        let total = runWeights.reduce(0, +)

        // Self-consistency: s_j ← Σ_i w_i·α_ij·s_j / Σ_k α_ik·s_k / W, with the sums over the
        // contiguous runs taken from prefix sums and spread back by a difference array, so one
        // iteration costs O(runs + m) however wide the ranges are.
        var s = Array(repeating: 1 / Double(m), count: m)
        var prefix = Array(repeating: 0.0, count: m + 1)
        var spread = Array(repeating: 0.0, count: m + 1)
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            iterations += 1
            for j in 0..<m { prefix[j + 1] = prefix[j] + s[j] }
            for j in 0...m { spread[j] = 0 }
            for (k, run) in runs.enumerated() {
                let denominator = prefix[run.hi + 1] - prefix[run.lo]
                guard denominator > 0 else { continue }
                let share = runWeights[k] / denominator
                spread[run.lo] += share
                spread[run.hi + 1] -= share
            }
            var running = 0.0
            var largestChange = 0.0
            for j in 0..<m {
                running += spread[j]
                let updated = s[j] * running / total
                largestChange = Swift.max(largestChange, abs(updated - s[j]))
                s[j] = updated
            }
            if largestChange < tolerance {
                converged = true
                break
            }
        }
        let sum = s.reduce(0, +)
        self.support = support
        masses = s.map { $0 / sum }
        n = usable.count
        self.iterations = iterations
        self.converged = converged
    }

    /// The p-quantile of the estimate; `nil` when p is outside (0, 1) or the quantile is unbounded.
    ///
    /// Mass is spread uniformly over each innermost interval, so the quantile is interpolated
    /// inside the interval where the CDF crosses p. Where the CDF reaches p exactly at the end
    /// of an interval and stays flat, the quantile is the middle of the flat stretch (the same
    /// rule that makes the median of 1, 2, 3, 4 equal 2.5).
    public func quantile(_ p: Double) -> Double? {
        guard p > 0, p < 1 else { return nil }
        let negligible = 1e-9
        let carrying = zip(support, masses).filter { $0.1 > negligible }
        var below = 0.0
        for (index, (interval, mass)) in carrying.enumerated() {
            let through = below + mass
            if abs(through - p) <= negligible, index + 1 < carrying.count {
                let next = carrying[index + 1].0.min
                return interval.max.isFinite ? (interval.max + next) / 2 : nil
            }
            if through > p || index + 1 == carrying.count {
                guard interval.max.isFinite else { return nil }
                let fraction = Swift.min(1, Swift.max(0, (p - below) / mass))
                return interval.min + fraction * interval.width
            }
            below = through
        }
        return nil
    }

    /// Median and quartiles; `nil` when one of them is unbounded.
    public var quartiles: QuantileSummary? {
        guard let q1 = quantile(0.25), let median = quantile(0.5), let q3 = quantile(0.75) else { return nil }
        return QuantileSummary(q1: q1, median: median, q3: q3)
    }

    /// The innermost intervals: each is a left end immediately followed, in sorted order, by a
    /// right end. At equal values left ends sort first, since closed ranges touching at a point
    /// share that point.
    static func innermostIntervals(of ranges: [DayRange]) -> [DayRange] {
        var ends: [(value: Double, isLeft: Bool)] = []
        ends.reserveCapacity(ranges.count * 2)
        for range in ranges {
            ends.append((range.min, true))
            ends.append((range.max, false))
        }
        ends.sort { $0.value != $1.value ? $0.value < $1.value : ($0.isLeft && !$1.isLeft) }
        var result: [DayRange] = []
        for index in 1..<ends.count where ends[index - 1].isLeft && !ends[index].isLeft {
            result.append(DayRange(min: ends[index - 1].value, max: ends[index].value))
        }
        return result
    }

    /// Index of the first element satisfying a predicate that is false then true along `array`.
    static func firstIndex(in array: [DayRange], where predicate: (DayRange) -> Bool) -> Int {
        var low = 0, high = array.count
        while low < high {
            let middle = (low + high) / 2
            if predicate(array[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
