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
    /// EM runs until no mass moves by more than `tolerance`. Plain EM approaches a mass whose
    /// optimum is zero only like 1/k, and such "ghost" masses would linger at ~1e-5 after 10⁵
    /// iterations, so after each convergence the fit checks the Kuhn–Tucker conditions of the
    /// NPMLE (Gentleman & Geyer 1994): with dⱼ = (1/W)·Σᵢ wᵢ·αᵢⱼ / Σₖ αᵢₖ·sₖ, every interval
    /// with mass has dⱼ = 1 and every interval without has dⱼ ≤ 1. Masses with dⱼ < 1 − 10⁻⁶
    /// are set to zero, zero masses with dⱼ > 1 + 10⁻⁷ are given mass back (at most once each,
    /// so the loop ends), and EM resumes. `converged` is `true` only when EM settled and the
    /// conditions hold; the iteration count includes every EM sweep, bounded by `maxIterations`.
    public init?(_ ranges: [DayRange], tolerance: Double = 1e-10, maxIterations: Int = 100_000) {
        let usable = ranges.filter { $0.min.isFinite && !$0.max.isNaN }
        guard !usable.isEmpty else { return nil }
        let support = TurnbullEstimate.innermostIntervals(of: usable)
        let problem = Problem(support: support, ranges: usable)
        let m = support.count

        var s = Array(repeating: 1 / Double(m), count: m)
        var d = Array(repeating: 0.0, count: m)
        var restored = Array(repeating: false, count: m)
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            var change = Double.infinity
            while change >= tolerance, iterations < maxIterations {
                problem.gradient(s, into: &d)
                change = 0
                for j in 0..<m {
                    let updated = s[j] * d[j]
                    change = Swift.max(change, abs(updated - s[j]))
                    s[j] = updated
                }
                iterations += 1
            }
            guard change < tolerance else { break }

            problem.gradient(s, into: &d)
            var adjusted = false
            for j in 0..<m {
                if s[j] > 0, d[j] < 1 - 1e-6, !restored[j] {
                    s[j] = 0
                    adjusted = true
                } else if s[j] == 0, d[j] > 1 + 1e-7, !restored[j] {
                    s[j] = 1 / Double(problem.n)
                    restored[j] = true
                    adjusted = true
                }
            }
            if !adjusted {
                converged = true
                break
            }
            problem.keepEveryRangePossible(&s)
            let sum = s.reduce(0, +)
            for j in 0..<m { s[j] /= sum }
        }
        let sum = s.reduce(0, +)
        self.support = support
        masses = s.map { $0 / sum }
        n = usable.count
        self.iterations = iterations
        self.converged = converged
    }

    /// The observations reduced to weighted runs of innermost intervals.
    ///
    /// Each range contains a contiguous run of innermost intervals, because those are disjoint
    /// and sorted; identical runs are merged into one weighted observation. Sums over runs come
    /// from prefix sums and are spread back by a difference array, so one EM sweep costs
    /// O(runs + m) however wide the ranges are.
    struct Problem {
        let m: Int
        let n: Int
        let lo: [Int]
        let hi: [Int]
        let weights: [Double]

        init(support: [DayRange], ranges: [DayRange]) {
            m = support.count
            n = ranges.count
            var index: [Int: Int] = [:]
            var lo: [Int] = [], hi: [Int] = [], weights: [Double] = []
            for range in ranges {
                let first = TurnbullEstimate.firstIndex(in: support) { $0.min >= range.min }
                let last = TurnbullEstimate.firstIndex(in: support) { $0.max > range.max } - 1
                guard first <= last else { continue }  // cannot happen: every range holds an innermost interval
                let key = first * m + last
                if let k = index[key] {
                    weights[k] += 1
                } else {
                    index[key] = lo.count
                    lo.append(first)
                    hi.append(last)
                    weights.append(1)
                }
            }
            self.lo = lo
            self.hi = hi
            self.weights = weights
        }

        /// dⱼ = (1/W)·Σᵢ wᵢ·αᵢⱼ / Σₖ αᵢₖ·sₖ; the EM update is sⱼ ← sⱼ·dⱼ.
        func gradient(_ s: [Double], into d: inout [Double]) {
            var prefix = Array(repeating: 0.0, count: m + 1)
            for j in 0..<m { prefix[j + 1] = prefix[j] + s[j] }
            var spread = Array(repeating: 0.0, count: m + 1)
            let total = weights.reduce(0, +)
            for k in lo.indices {
                var denominator = prefix[hi[k] + 1] - prefix[lo[k]]
                if denominator < 1e-8 {
                    // A small difference of large prefix sums loses digits: add the run directly.
                    denominator = s[lo[k]...hi[k]].reduce(0, +)
                }
                guard denominator > 0 else { continue }
                let share = weights[k] / denominator / total
                spread[lo[k]] += share
                spread[hi[k] + 1] -= share
            }
            var running = 0.0
            for j in 0..<m {
                running += spread[j]
                d[j] = running
            }
        }

        /// Gives mass back to any run left with none, so no range gets likelihood zero.
        func keepEveryRangePossible(_ s: inout [Double]) {
            for k in lo.indices where s[lo[k]...hi[k]].allSatisfy({ $0 == 0 }) {
                for j in lo[k]...hi[k] { s[j] = 1 / Double(n) }
            }
        }
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
