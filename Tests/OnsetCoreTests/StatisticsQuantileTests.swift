import Foundation
import Testing
@testable import OnsetCore

@Suite struct StatisticsQuantileTests {
    /// Type 7: h = (n − 1)·p. For 3, 1, 2 sorted to 1, 2, 3: h = 0.5, 1, 1.5 → 1.5, 2, 2.5.
    @Test func oddCount() throws {
        let s = try #require(Quantiles.summary(of: [3, 1, 2]))
        #expect(s == QuantileSummary(q1: 1.5, median: 2, q3: 2.5))
        #expect(s.iqr == 1)
    }

    /// For 1, 2, 3, 4: h = 0.75, 1.5, 2.25 → 1.75, 2.5, 3.25 (as R's `quantile`).
    @Test func evenCount() throws {
        let s = try #require(Quantiles.summary(of: [4, 2, 1, 3]))
        #expect(s == QuantileSummary(q1: 1.75, median: 2.5, q3: 3.25))
        #expect(s.iqr == 1.5)
    }

    /// 0, 1, 1, 2, 5, 10, 30 (n = 7): h = 1.5, 3, 4.5 → 1, 2, 7.5.
    @Test func skewedWithTies() throws {
        let s = try #require(Quantiles.summary(of: [10, 1, 0, 30, 2, 1, 5]))
        #expect(s == QuantileSummary(q1: 1, median: 2, q3: 7.5))
    }

    @Test func edgeCases() {
        #expect(Quantiles.summary(of: []) == nil)
        #expect(Quantiles.summary(of: [.nan]) == nil)
        #expect(Quantiles.summary(of: [7]) == QuantileSummary(q1: 7, median: 7, q3: 7))
        #expect(Quantiles.type7([1, 2, 3], p: 0) == 1)
        #expect(Quantiles.type7([1, 2, 3], p: 1) == 3)
    }
}

@Suite struct StatisticsTurnbullTests {
    /// Ranges [0,1] twice, [2,3], [0,3]. Innermost intervals: [0,1] and [2,3].
    /// Likelihood s₁²·s₂·(s₁ + s₂) = s₁²·s₂ with s₁ + s₂ = 1 → s₁ = 2/3, s₂ = 1/3.
    /// (EM: s₁ ← (2 + s₁)/4, whose fixed point is 2/3.)
    /// Spreading mass uniformly inside each interval: median = 0 + 0.5/(2/3) = 0.75,
    /// Q1 = 0.25/(2/3) = 0.375, Q3 = 2 + (0.75 − 2/3)/(1/3) = 2.25.
    @Test func handDerivedNPMLE() throws {
        let data = [DayRange(min: 0, max: 1), DayRange(min: 0, max: 1), DayRange(min: 2, max: 3), DayRange(min: 0, max: 3)]
        let t = try #require(TurnbullEstimate(data))
        #expect(t.converged)
        #expect(t.support == [DayRange(min: 0, max: 1), DayRange(min: 2, max: 3)])
        #expect(close(t.masses[0], 2.0 / 3, 1e-9))
        #expect(close(t.masses[1], 1.0 / 3, 1e-9))
        let q = try #require(t.quartiles)
        #expect(close(q.q1, 0.375, 1e-8))
        #expect(close(q.median, 0.75, 1e-8))
        #expect(close(q.q3, 2.25, 1e-8))
    }

    /// Ranges [0,1], [2,3], [4,5], [0,3], [2,5]; innermost intervals are the first three.
    /// L = s₁s₂s₃(s₁+s₂)(s₂+s₃); by symmetry s₁ = s₃ = x, s₂ = 1 − 2x, and
    /// d/dx [2 ln x + ln(1−2x) + 2 ln(1−x)] = 0 ⇔ 5x² − 5x + 1 = 0 ⇔ x = (5 − √5)/10 ≈ 0.2764.
    /// Median: 2 + (0.5 − x)/(1 − 2x) = 2.5; Q1 = 0.25/x ≈ 0.9045.
    @Test func overlappingRangesNeedEM() throws {
        let data = [(0.0, 1.0), (2, 3), (4, 5), (0, 3), (2, 5)].map { DayRange(min: $0.0, max: $0.1) }
        let t = try #require(TurnbullEstimate(data))
        let x = (5 - 5.0.squareRoot()) / 10
        #expect(t.converged && t.iterations > 10)
        #expect(t.support.count == 3)
        #expect(close(t.masses[0], x, 1e-8) && close(t.masses[1], 1 - 2 * x, 1e-8) && close(t.masses[2], x, 1e-8))
        #expect(close(t.quantile(0.5), 2.5, 1e-7))
        #expect(close(t.quantile(0.25), 0.25 / x, 1e-7))
        #expect(close(t.quantile(0.75), 5 - 0.25 / x, 1e-7))
    }

    /// Exact values put mass 1/n on each distinct value; at a flat CDF the midpoint is taken.
    @Test func exactValuesGiveTheEmpiricalDistribution() throws {
        let t = try #require(TurnbullEstimate([4, 1, 3, 2, 2].map { DayRange(exactly: $0) }))
        #expect(t.support == [1, 2, 3, 4].map { DayRange(exactly: $0) })
        #expect(zip(t.masses, [0.2, 0.4, 0.2, 0.2]).allSatisfy { close($0, $1, 1e-12) })
        #expect(t.quantile(0.5) == 2)
        let even = try #require(TurnbullEstimate([1, 2, 3, 4].map { DayRange(exactly: $0) })?.quartiles)
        #expect(even == QuantileSummary(q1: 1.5, median: 2.5, q3: 3.5))
    }

    /// Closed ranges touching at a point share it: [0,2] and [2,4] put all mass on day 2.
    @Test func touchingRanges() throws {
        let t = try #require(TurnbullEstimate([DayRange(min: 0, max: 2), DayRange(min: 2, max: 4)]))
        #expect(t.support == [DayRange(exactly: 2)])
        #expect(t.quartiles == QuantileSummary(q1: 2, median: 2, q3: 2))
    }

    @Test func unboundedAndEmpty() throws {
        #expect(TurnbullEstimate([]) == nil)
        #expect(Quantiles.censoredSummary(of: []) == nil)
        // Half the mass lies beyond day 10 with no upper end, so Q3 is unbounded.
        let open = [DayRange(exactly: 1), DayRange(exactly: 2), DayRange(min: 10, max: .infinity), DayRange(min: 10, max: .infinity)]
        let t = try #require(TurnbullEstimate(open))
        #expect(t.quantile(0.25) == 1.5)
        #expect(t.quantile(0.75) == nil)
        #expect(t.quartiles == nil)
    }

    /// Many wide, overlapping ranges: the estimate converges and the masses form a distribution.
    @Test func largerRandomSetConverges() throws {
        var rng = SplitMix64(seed: 7)
        let data = (0..<500).map { _ -> DayRange in
            let t = (weibullDraw(shape: 1.2, scale: 20, u: rng.unit())).rounded(.down)
            let width = Double(Int(rng.unit() * 4)) * 7
            return DayRange(min: t, max: t + width)
        }
        let t = try #require(TurnbullEstimate(data))
        #expect(t.converged)
        #expect(close(t.masses.reduce(0, +), 1, 1e-12))
        #expect(t.masses.allSatisfy { $0 >= 0 })
        let q = try #require(t.quartiles)
        #expect(q.q1 <= q.median && q.median <= q.q3)
    }
}

extension StatisticsTurnbullTests {
    /// Day- and week-rounded ranges leave intervals whose NPMLE mass is zero at a degenerate
    /// optimum; plain EM only shrinks them like 1/k. The fit must end with exact zeros and
    /// satisfy the Kuhn–Tucker conditions, checked here with a dense α matrix.
    @Test func ghostMassesAreRemovedAndOptimalityHolds() throws {
        var rng = SplitMix64(seed: 99)
        let data = (0..<200).map { _ -> DayRange in
            let t = weibullDraw(shape: 1.5, scale: 10, u: rng.unit())
            let coarse = rng.unit() < 0.4
            let start = coarse ? (t / 7).rounded(.down) * 7 : t.rounded(.down)
            return DayRange(min: start, max: start + (coarse ? 7 : 1))
        }
        let t = try #require(TurnbullEstimate(data))
        #expect(t.converged)
        #expect(t.masses.contains(0))
        #expect(!t.masses.contains { $0 > 0 && $0 < 1e-6 })
        let denominators = data.map { range in
            zip(t.support, t.masses).filter { range.min <= $0.0.min && $0.0.max <= range.max }.map(\.1).reduce(0, +)
        }
        for (interval, mass) in zip(t.support, t.masses) {
            let d = zip(data, denominators)
                .filter { $0.0.min <= interval.min && interval.max <= $0.0.max }
                .map { 1 / $0.1 }.reduce(0, +) / Double(data.count)
            // On the support, mass·|d − 1| is the next EM step, so it sits near the 1e-10 tolerance.
            #expect(mass > 0 ? mass * abs(d - 1) < 1e-9 : d <= 1 + 1e-6, "\(interval): mass \(mass), d \(d)")
        }
    }
}
