import Foundation
import Testing
@testable import OnsetCore

/// The Swift half of `scripts/crosscheck_stats.py`.
///
/// When `ONSET_STATS_CROSSCHECK_DIR` is set, reads `inputs.json` there (written by the script),
/// computes onset's statistics and writes `outputs.json` beside it for the script to compare
/// with SciPy. Without the variable it checks one built-in table and sample against numbers
/// SciPy printed once, so the test still guards something in an ordinary run.
@Suite struct StatisticsCrossCheckTests {
    struct Inputs: Codable {
        struct Table: Codable { var name: String; var a, b, c, d: Int }
        struct Sample: Codable { var name: String; var ranges: [[Double]] }
        var tables: [Table]
        var weibull: [Sample]
        var quantiles: [Sample]
    }

    struct Outputs: Codable {
        struct Table: Codable {
            var name: String
            var prr, prrLower, prrUpper, ror, rorLower, rorUpper: Double?
            var chiSquared, chiSquaredP: Double?
            var expected, ic, ic025, ic975: Double?
            var evans, rorSignal, icSignal: Bool?
        }
        struct Fit: Codable {
            var name: String
            var shape, scale, shapeLower, shapeUpper, logLikelihood: Double?
            var reading: String?
        }
        struct Quartiles: Codable {
            var name: String
            var exactQ1, exactMedian, exactQ3: Double?
            var censoredQ1, censoredMedian, censoredQ3: Double?
            var turnbullSupport: [[Double]]?
            var turnbullMasses: [Double]?
            var turnbullConverged: Bool?
        }
        var tables: [Table]
        var weibull: [Fit]
        var quantiles: [Quartiles]
    }

    static func ranges(_ sample: Inputs.Sample) -> [DayRange] {
        sample.ranges.map { DayRange(min: $0[0], max: $0.count > 1 ? $0[1] : $0[0]) }
    }

    static func compute(_ inputs: Inputs) -> Outputs {
        let tables = inputs.tables.map { t -> Outputs.Table in
            let m = TwoByTwo(a: t.a, b: t.b, c: t.c, d: t.d).disproportionality
            return Outputs.Table(
                name: t.name, prr: m?.prr, prrLower: m?.prrCI?.lower, prrUpper: m?.prrCI?.upper,
                ror: m?.ror, rorLower: m?.rorCI?.lower, rorUpper: m?.rorCI?.upper,
                chiSquared: m?.chiSquared, chiSquaredP: m?.chiSquaredP,
                expected: m?.expected, ic: m?.ic, ic025: m?.ic025, ic975: m?.ic975,
                evans: m?.evans, rorSignal: m?.rorSignal, icSignal: m?.icSignal)
        }
        let fits = inputs.weibull.map { sample -> Outputs.Fit in
            let fit = Weibull.fit(ranges(sample))
            return Outputs.Fit(
                name: sample.name, shape: fit?.shape, scale: fit?.scale, shapeLower: fit?.shapeCI.lower,
                shapeUpper: fit?.shapeCI.upper, logLikelihood: fit?.logLikelihood, reading: fit?.reading.rawValue)
        }
        let quartiles = inputs.quantiles.map { sample -> Outputs.Quartiles in
            let data = ranges(sample)
            let exact = data.allSatisfy(\.isExact) ? Quantiles.summary(of: data.map(\.min)) : nil
            let censored = Quantiles.censoredSummary(of: data)
            let turnbull = TurnbullEstimate(data)
            return Outputs.Quartiles(
                name: sample.name, exactQ1: exact?.q1, exactMedian: exact?.median, exactQ3: exact?.q3,
                censoredQ1: censored?.q1, censoredMedian: censored?.median, censoredQ3: censored?.q3,
                turnbullSupport: turnbull?.support.map { [$0.min, $0.max] }, turnbullMasses: turnbull?.masses,
                turnbullConverged: turnbull?.converged)
        }
        return Outputs(tables: tables, weibull: fits, quantiles: quartiles)
    }

    @Test func crossCheck() throws {
        if let directory = ProcessInfo.processInfo.environment["ONSET_STATS_CROSSCHECK_DIR"] {
            let folder = URL(fileURLWithPath: directory, isDirectory: true)
            let inputs = try JSONDecoder().decode(Inputs.self, from: Data(contentsOf: folder.appendingPathComponent("inputs.json")))
            let outputs = Self.compute(inputs)
            #expect(outputs.tables.count == inputs.tables.count && outputs.weibull.count == inputs.weibull.count)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(outputs).write(to: folder.appendingPathComponent("outputs.json"))
        }

        // Built-in check, always run. Reference values from SciPy 1.17:
        // chi2_contingency([[10, 90], [40, 860]], correction=True) → (4.7368421052631575, 0.029523215949937953)
        // For x = [weibull_min.ppf((i-0.5)/40, 1.5, scale=10) for i in 1...40], the exact-data MLE
        // from brentq on Σxᵝ ln x / Σxᵝ − 1/β − mean(ln x) = 0, η = mean(xᵝ)^(1/β):
        //   → shape 1.52620408633837, scale 9.989803487178174
        // (weibull_min.fit(x, floc=0) stops about 1e-6 short: 1.5262039938, 9.9897662983.)
        let sample = (1...40).map { [weibullDraw(shape: 1.5, scale: 10, u: (Double($0) - 0.5) / 40)] }
        let builtIn = Self.compute(Inputs(
            tables: [.init(name: "builtin", a: 10, b: 90, c: 40, d: 860)],
            weibull: [.init(name: "builtin", ranges: sample)], quantiles: []))
        let data = try JSONEncoder().encode(builtIn)
        let back = try JSONDecoder().decode(Outputs.self, from: data)
        #expect(close(back.tables[0].chiSquared, 4.7368421052631575, 1e-12))
        #expect(close(back.tables[0].chiSquaredP, 0.029523215949937953, 1e-9))
        #expect(close(back.weibull[0].shape, 1.52620408633837, 1e-9))
        #expect(close(back.weibull[0].scale, 9.989803487178174, 1e-9))
    }
}
