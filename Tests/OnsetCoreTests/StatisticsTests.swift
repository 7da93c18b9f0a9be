import Foundation
import Testing
@testable import OnsetCore

@Suite struct StatisticsTwoByTwoTests {
    /// a=10, b=90, c=40, d=860; N = 1000.
    /// PRR = (10/100)/(40/900) = 0.1/0.0444… = 2.25
    /// SE(ln PRR) = √(1/10 − 1/100 + 1/40 − 1/900) = √(0.1138889) = 0.33747428
    /// ROR = (10·860)/(90·40) = 8600/3600 = 2.38888…
    /// SE(ln ROR) = √(1/10 + 1/90 + 1/40 + 1/860) = √(0.1372739) = 0.37050493
    /// E = 100·50/1000 = 5; IC = log2(10.5/5.5) = 0.93288580
    /// IC025 = IC − 3.3/√10.5 − 2/10.5^1.5 = −0.14429853; IC975 = IC + 2.4/√10.5 − 0.5/10.5^1.5 = 1.65884633
    /// Yates: |ad − bc|/N = (8600 − 3600)/1000 = 5, less 0.5 → 4.5;
    /// χ² = 4.5² · N³/(100·900·50·950) = 20.25 · 10⁹ / 4.275·10⁹ = 4.73684211
    @Test func handComputedTable() throws {
        let m = try #require(TwoByTwo(a: 10, b: 90, c: 40, d: 860).disproportionality)
        #expect(close(m.prr, 2.25))
        #expect(close(m.prrSE, (1.0 / 10 - 1.0 / 100 + 1.0 / 40 - 1.0 / 900).squareRoot()))
        #expect(close(m.prrCI?.lower, 2.25 * exp(-1.96 * 0.3374742788552765), 1e-10))
        #expect(close(m.prrCI?.upper, 2.25 * exp(1.96 * 0.3374742788552765), 1e-10))
        #expect(close(m.ror, 8600.0 / 3600.0))
        #expect(close(m.rorSE, 0.37050492818420855))
        #expect(close(m.rorCI?.lower, (8600.0 / 3600.0) * exp(-1.96 * 0.37050492818420855), 1e-10))
        #expect(close(m.expected, 5))
        #expect(close(m.ic, log2(10.5 / 5.5)))
        #expect(close(m.ic025, -0.14429853416533095))
        #expect(close(m.ic975, 1.6588463268202573))
        #expect(close(m.chiSquared, 20.25 / 4.275))
        #expect(close(m.chiSquaredP, 0.029523215949937953, 1e-9))
        // PRR 2.25 ≥ 2, χ² 4.74 ≥ 4, a = 10 ≥ 3; ROR025 = 1.156 > 1; IC025 < 0.
        #expect(m.evans)
        #expect(m.rorSignal)
        #expect(!m.icSignal)
    }

    /// a=20, b=80, c=100, d=9800; N = 10000.
    /// PRR = 0.2/(100/9900) = 19.8; ROR = 196000/8000 = 24.5; E = 100·120/10000 = 1.2
    /// |ad − bc|/N = 188000/10000 = 18.8 → 18.3; χ² = 18.3²·10¹²/(100·9900·120·9880)
    ///   = 334.89/1.173744 = 285.31775242
    @Test func strongSignal() throws {
        let m = try #require(TwoByTwo(a: 20, b: 80, c: 100, d: 9800).disproportionality)
        #expect(close(m.prr, 19.8))
        #expect(close(m.ror, 24.5))
        #expect(close(m.expected, 1.2))
        #expect(close(m.ic, log2(20.5 / 1.7)))
        #expect(close(m.chiSquared, 334.89 / 1.173744))
        #expect(m.evans && m.rorSignal && m.icSignal)
    }

    /// a=3, b=2, c=2, d=1: |ad − bc|/N = |3 − 4|/8 = 0.125 < 0.5, so R's correction
    /// min(0.5, |O − E|) removes the whole deviation and χ² = 0 (uncapped Yates would give 0.1896).
    @Test func yatesCorrectionIsCapped() throws {
        let m = try #require(TwoByTwo(a: 3, b: 2, c: 2, d: 1).disproportionality)
        #expect(m.chiSquared == 0)
        #expect(m.chiSquaredP == 1)
        #expect(close(m.prr, 0.9))
        #expect(close(m.ror, 0.75))
    }

    @Test func zeroCells() throws {
        // a = 0: PRR and ROR are 0, their logs (and so CIs) undefined; IC is still defined.
        let noA = try #require(TwoByTwo(a: 0, b: 10, c: 5, d: 100).disproportionality)
        #expect(noA.prr == 0 && noA.prrSE == nil && noA.prrCI == nil)
        #expect(noA.ror == 0 && noA.rorSE == nil && noA.rorCI == nil)
        #expect(noA.chiSquared != nil)
        #expect(noA.ic.isFinite && noA.ic025.isFinite && noA.ic975.isFinite)
        #expect(!noA.evans && !noA.rorSignal)

        // b = 0: ROR undefined (division by b), PRR fine with a finite CI.
        let noB = try #require(TwoByTwo(a: 5, b: 0, c: 5, d: 100).disproportionality)
        #expect(noB.ror == nil && noB.rorCI == nil && !noB.rorSignal)
        #expect(close(noB.prr, 1.0 / (5.0 / 105.0)))
        #expect(noB.prrCI != nil)

        // c = 0: both ratios divide by c. The PRR is unbounded, so Evans's flag stands on χ² and a.
        let noC = try #require(TwoByTwo(a: 5, b: 5, c: 0, d: 100).disproportionality)
        #expect(noC.prr == nil && noC.ror == nil && noC.evans)
        #expect(try #require(noC.chiSquared) >= 4)
        // …but not below three cases, nor without a case of the pair at all.
        #expect(!(try #require(TwoByTwo(a: 2, b: 5, c: 0, d: 100).disproportionality)).evans)
        #expect(!(try #require(TwoByTwo(a: 0, b: 5, c: 0, d: 100).disproportionality)).evans)

        // d = 0: ROR = 0 without a CI; the b+d column is still positive so χ² exists.
        let noD = try #require(TwoByTwo(a: 5, b: 5, c: 5, d: 0).disproportionality)
        #expect(noD.ror == 0 && noD.rorCI == nil)
        #expect(noD.chiSquared != nil)

        // No case has the event (a = c = 0): an expected count is 0, so there is no χ².
        let emptyColumn = try #require(TwoByTwo(a: 0, b: 10, c: 0, d: 100).disproportionality)
        #expect(emptyColumn.chiSquared == nil && emptyColumn.chiSquaredP == nil)
        #expect(emptyColumn.expected == 0 && emptyColumn.ic == 0)

        // b = d = 0: SE(ln PRR) is 0 and the CI collapses onto the PRR instead of going NaN.
        let degenerate = try #require(TwoByTwo(a: 4, b: 0, c: 6, d: 0).disproportionality)
        #expect(degenerate.prrSE == 0)
        #expect(degenerate.prrCI == ConfidenceInterval(lower: 1, upper: 1))
    }

    @Test func invalidTables() {
        #expect(TwoByTwo(a: 0, b: 0, c: 0, d: 0).disproportionality == nil)
        #expect(TwoByTwo(a: -1, b: 3, c: 4, d: 5).disproportionality == nil)
    }

    /// Every optional is nil rather than NaN/∞, so any table encodes as JSON.
    @Test func zeroCellTablesEncode() throws {
        let encoder = JSONEncoder()
        for a in 0...2 { for b in 0...2 { for c in 0...2 { for d in 0...2 {
            guard let m = TwoByTwo(a: a, b: b, c: c, d: d).disproportionality else { continue }
            let data = try encoder.encode(m)
            let back = try JSONDecoder().decode(Disproportionality.self, from: data)
            #expect(back == m)
        } } } }
    }
}

@Suite struct StatisticsOnsetBinTests {
    @Test func edges() {
        let cases: [(Double, OnsetBin)] = [
            (0, .sameDay), (0.99, .sameDay), (1, .day1), (1.99, .day1), (2, .days2to3), (3.9, .days2to3),
            (4, .days4to7), (7.99, .days4to7), (8, .weeks1to2), (14.5, .weeks1to2), (15, .weeks2to4),
            (28.9, .weeks2to4), (29, .months1to3), (91.9, .months1to3), (92, .months3to6),
            (182.9, .months3to6), (183, .months6to12), (365.9, .months6to12), (366, .overOneYear),
            (10_000, .overOneYear),
        ]
        for (days, bin) in cases { #expect(OnsetBin(days: days) == bin, "\(days)") }
        #expect(OnsetBin(days: -0.01) == nil)
        #expect(OnsetBin(days: .nan) == nil)
        #expect(OnsetBin(days: .infinity) == nil)
        #expect(OnsetBin.allCases.map(\.label) == [
            "same day", "1 d", "2–3 d", "4–7 d", "1–2 w", "2–4 w", "1–3 mo", "3–6 mo", "6–12 mo", "> 1 y",
        ])
    }

    @Test func rangesFitOrSpread() {
        #expect(OnsetBin(range: DayRange(min: 2, max: 3)) == .days2to3)
        #expect(OnsetBin(range: DayRange(min: 29, max: 59)) == .months1to3)
        #expect(OnsetBin(range: DayRange(min: 400, max: .infinity)) == .overOneYear)
        #expect(OnsetBin(range: DayRange(min: 0, max: 1)) == nil)  // day 0 or day 1
        #expect(OnsetBin(range: DayRange(min: 3, max: 4)) == nil)
        #expect(OnsetBin(range: DayRange(min: -1, max: 0.5)) == nil)
    }

    @Test func histogramCountsSpreadSeparately() throws {
        let histogram = OnsetHistogram([
            DayRange(exactly: 0), DayRange(exactly: 0.5), DayRange(exactly: 3), DayRange(min: 2, max: 3),
            DayRange(min: 0, max: 21), DayRange(exactly: 400), DayRange(min: 10, max: 20),
        ])
        #expect(histogram[.sameDay] == 2)
        #expect(histogram[.days2to3] == 2)
        #expect(histogram[.overOneYear] == 1)
        #expect(histogram.binned == 5)
        #expect(histogram.spread == 2)
        #expect(histogram.total == 7)
        let data = try JSONEncoder().encode(histogram)
        #expect(try JSONDecoder().decode(OnsetHistogram.self, from: data) == histogram)
        let short = Data(#"{"counts":[1,2],"spread":0}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(OnsetHistogram.self, from: short) }
    }
}
