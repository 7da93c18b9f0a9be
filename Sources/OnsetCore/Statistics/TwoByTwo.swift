import Foundation

/// The 2×2 contingency table of disproportionality analysis, counted in distinct cases.
///
/// - `a`: the drug and the event
/// - `b`: the drug and other events
/// - `c`: other drugs and the event
/// - `d`: other drugs and other events
public struct TwoByTwo: Hashable, Sendable, Codable {
    public var a: Int
    public var b: Int
    public var c: Int
    public var d: Int

    /// Creates a table from its four cells.
    public init(a: Int, b: Int, c: Int, d: Int) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
    }

    /// All cases in the table.
    public var n: Int { a + b + c + d }

    /// A table is usable when no cell is negative and it holds at least one case.
    public var isValid: Bool { a >= 0 && b >= 0 && c >= 0 && d >= 0 && n > 0 }

    /// The measures of disproportionality, or `nil` when the table is not valid.
    public var disproportionality: Disproportionality? { Disproportionality(self) }
}

/// Disproportionality measures of one 2×2 table (formulas: data-formats.md §5.2).
///
/// Zero cells never crash and never produce NaN or infinity: a measure whose formula would divide
/// by zero or take the logarithm of zero is `nil`, and a signal flag that depends on a `nil`
/// measure is `false`, except Evans's, which counts an unbounded PRR (c = 0, a > 0) as ≥ 2. In
/// detail:
/// - `prr` needs `a + b > 0` and `c > 0`; its SE and CI also need `a > 0`.
/// - `ror` needs `b > 0` and `c > 0`; its SE and CI need all four cells `> 0`.
///   No continuity correction is applied, so a table with an empty cell shows "undefined"
///   rather than a number that depends on an arbitrary 0.5.
/// - `chiSquared` needs every row and column total `> 0` (otherwise an expected count is 0,
///   where R's `chisq.test` returns NaN and SciPy raises).
/// - `expected` and the IC are defined for every valid table, thanks to the +0.5 shrinkage.
public struct Disproportionality: Hashable, Sendable, Codable {
    /// The table the measures were computed from.
    public let table: TwoByTwo
    /// Expected count of `a` under independence, E = (a+b)(a+c)/N.
    public let expected: Double

    /// Proportional reporting ratio [a/(a+b)] / [c/(c+d)] (Evans 2001).
    public let prr: Double?
    /// Standard error of ln PRR, √(1/a − 1/(a+b) + 1/c − 1/(c+d)).
    public let prrSE: Double?
    /// 95 % CI of the PRR, exp(ln PRR ± 1.96·SE).
    public let prrCI: ConfidenceInterval?

    /// Pearson χ² with Yates's correction, as R's `chisq.test(correct = TRUE)` on a 2×2 table.
    public let chiSquared: Double?
    /// Upper-tail p-value of `chiSquared` on 1 degree of freedom.
    public let chiSquaredP: Double?

    /// Reporting odds ratio (a/b) / (c/d).
    public let ror: Double?
    /// Standard error of ln ROR, √(1/a + 1/b + 1/c + 1/d).
    public let rorSE: Double?
    /// 95 % CI of the ROR, exp(ln ROR ± 1.96·SE).
    public let rorCI: ConfidenceInterval?

    /// Shrunk information component log2((a+0.5)/(E+0.5)) (Norén et al. 2013).
    public let ic: Double
    /// IC025…IC975 from Norén's closed-form approximation of the gamma credibility interval.
    ///
    /// Norén advises exact gamma limits when a + 0.5 < 1 (that is, a = 0); onset keeps the
    /// approximation there too so that every row of a table is computed the same way.
    public let icCI: ConfidenceInterval

    /// Evans's signal: PRR ≥ 2, Yates χ² ≥ 4 and a ≥ 3.
    public let evans: Bool
    /// ROR signal: lower 95 % bound of the ROR above 1.
    public let rorSignal: Bool
    /// IC signal: IC025 above 0.
    public let icSignal: Bool

    /// Lower bound of the IC credibility interval.
    public var ic025: Double { icCI.lower }
    /// Upper bound of the IC credibility interval.
    public var ic975: Double { icCI.upper }

    /// Computes every measure; `nil` when a cell is negative or the table is empty.
    public init?(_ table: TwoByTwo) {
        guard table.isValid else { return nil }
        self.table = table
        let a = Double(table.a), b = Double(table.b), c = Double(table.c), d = Double(table.d)
        let n = a + b + c + d
        let z = ConfidenceInterval.z95

        expected = (a + b) * (a + c) / n

        // PRR (Evans 2001); SE formula as in [YF:R/phv_.R].
        if a + b > 0, c > 0 {
            let value = (a / (a + b)) / (c / (c + d))
            prr = value
            if a > 0 {
                // Each difference is ≥ 0 mathematically; clamp away rounding below zero.
                let se = (Swift.max(0, 1 / a - 1 / (a + b)) + Swift.max(0, 1 / c - 1 / (c + d))).squareRoot()
                prrSE = se
                prrCI = ConfidenceInterval(lower: exp(log(value) - z * se), upper: exp(log(value) + z * se))
            } else {
                prrSE = nil
                prrCI = nil
            }
        } else {
            prr = nil
            prrSE = nil
            prrCI = nil
        }

        // Yates χ². In a 2×2 table every cell has the same |O − E| = |ad − bc|/N; R and SciPy
        // shrink it by min(0.5, |O − E|) so the correction never flips the sign of a deviation.
        // Σ 1/E over the four cells equals N³ / (r1·r2·c1·c2).
        let r1 = a + b, r2 = c + d, c1 = a + c, c2 = b + d
        if r1 > 0, r2 > 0, c1 > 0, c2 > 0 {
            let deviation = abs(a * d - b * c) / n
            let corrected = deviation - Swift.min(0.5, deviation)
            let x2 = corrected * corrected * (n / r1) * (n / r2) * (n / c1) * (n / c2) * (1 / n)
            chiSquared = x2
            // For 1 df, P(χ² > x) = erfc(√(x/2)).
            chiSquaredP = erfc((x2 / 2).squareRoot())
        } else {
            chiSquared = nil
            chiSquaredP = nil
        }

        // ROR with the Woolf (log) interval, as in [YF:R/phv_.R].
        if b > 0, c > 0 {
            let value = (a / b) * (d / c)
            ror = value
            if a > 0, d > 0 {
                let se = (1 / a + 1 / b + 1 / c + 1 / d).squareRoot()
                rorSE = se
                rorCI = ConfidenceInterval(lower: exp(log(value) - z * se), upper: exp(log(value) + z * se))
            } else {
                rorSE = nil
                rorCI = nil
            }
        } else {
            ror = nil
            rorSE = nil
            rorCI = nil
        }

        // IC and its approximate 95 % limits (Norén, Hopstadius & Bate 2013, SMMR 22:57).
        let shrunkA = a + 0.5
        let icValue = log2(shrunkA / (expected + 0.5))
        ic = icValue
        icCI = ConfidenceInterval(
            lower: icValue - 3.3 * pow(shrunkA, -0.5) - 2 * pow(shrunkA, -1.5),
            upper: icValue + 2.4 * pow(shrunkA, -0.5) - 0.5 * pow(shrunkA, -1.5)
        )

        // With c = 0 and a > 0 the PRR has no value but is unbounded (the event is reported with
        // no other drug), which meets "PRR ≥ 2": leaving such a pair unflagged would hide the most
        // disproportionate pairs there are.
        let prrAtLeast2 = prr.map { $0 >= 2 } ?? (c == 0 && a > 0)
        evans = prrAtLeast2 && (chiSquared ?? 0) >= 4 && table.a >= 3
        rorSignal = (rorCI?.lower ?? 0) > 1
        icSignal = icCI.lower > 0
    }
}
