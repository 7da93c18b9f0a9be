import Foundation
import Testing
@testable import OnsetCore

@Suite struct StatisticsSummaryTests {
    @Test func exclusionsAndCounts() throws {
        let items: [(id: String, interval: DayRange?)] = [
            ("no-dates", nil),
            ("before-dose", DayRange(min: -9, max: -2)),
            ("too-wide", DayRange(min: 0, max: 400)),
            ("straddles", DayRange(min: -2, max: 3)),  // clipped to [0, 3]
            ("e0", DayRange(exactly: 0)),
            ("e1", DayRange(exactly: 1)),
            ("e2", DayRange(exactly: 2)),
            ("e10", DayRange(exactly: 10)),
            ("month", DayRange(min: 29, max: 59)),
        ]
        let s = TimeToOnsetSummary(items)
        #expect(s.used == 6)
        #expect(s.excluded == [
            OnsetExclusion(id: "no-dates", reason: .noDates),
            OnsetExclusion(id: "before-dose", reason: .negative),
            OnsetExclusion(id: "too-wide", reason: .tooWide),
        ])
        #expect(s.excludedCount(.tooWide) == 1)
        #expect(s.exactCount == 4 && s.rangeCount == 2)
        // Exact values 0, 1, 2, 10: h = 0.75, 1.5, 2.25 → 0.75, 1.5, 4.
        #expect(s.exactQuantiles == QuantileSummary(q1: 0.75, median: 1.5, q3: 4))
        // [0, 3] spans bins and is spread; [29, 59] lies in 1–3 mo.
        #expect(s.histogram[.sameDay] == 1 && s.histogram[.day1] == 1 && s.histogram[.days2to3] == 1)
        #expect(s.histogram[.weeks1to2] == 1 && s.histogram[.months1to3] == 1)
        #expect(s.histogram.spread == 1)
        #expect(s.censoredQuantiles != nil)
        #expect(s.weibull?.n == 6)
        // Exact-only fit: day 0 enters as [0, 1] (see Weibull), the other three as densities.
        #expect(s.weibullExact?.exactCount == 3 && s.weibullExact?.rangeCount == 1)
    }

    @Test func widthLimitIsConfigurable() {
        let items: [(id: String, interval: DayRange?)] = [("a", DayRange(min: 0, max: 30)), ("b", DayRange(exactly: 4))]
        #expect(TimeToOnsetSummary(items, maxRangeWidth: 7).excludedCount(.tooWide) == 1)
        #expect(TimeToOnsetSummary(items, maxRangeWidth: 30).used == 2)
    }

    @Test func emptyInputGivesNoStatistics() throws {
        let s = TimeToOnsetSummary([])
        #expect(s.used == 0 && s.excluded.isEmpty)
        #expect(s.exactQuantiles == nil && s.censoredQuantiles == nil && s.weibull == nil && s.weibullExact == nil)
        #expect(s.histogram.total == 0)
    }

    @Test func roundTripsThroughJSON() throws {
        var rng = SplitMix64(seed: 11)
        let items: [(id: String, interval: DayRange?)] = (0..<60).map { i in
            let t = weibullDraw(shape: 0.9, scale: 12, u: rng.unit()).rounded(.down)
            return ("c\(i)", i % 3 == 0 ? DayRange(min: t, max: t + 6) : DayRange(exactly: t))
        }
        let s = TimeToOnsetSummary(items)
        #expect(s.weibull != nil && s.weibullExact != nil)
        let data = try JSONEncoder().encode(s)
        #expect(try JSONDecoder().decode(TimeToOnsetSummary.self, from: data) == s)
    }
}
