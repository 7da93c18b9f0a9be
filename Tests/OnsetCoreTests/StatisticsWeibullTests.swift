import Foundation
import Testing
@testable import OnsetCore

@Suite struct StatisticsWeibullTests {
    /// n "ideal" draws: the Weibull(β, η) quantiles at (i − 0.5)/n.
    func idealSample(shape: Double, scale: Double, n: Int) -> [Double] {
        (1...n).map { weibullDraw(shape: shape, scale: scale, u: (Double($0) - 0.5) / Double(n)) }
    }

    func randomSample(shape: Double, scale: Double, n: Int, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { _ in weibullDraw(shape: shape, scale: scale, u: rng.unit()) }
    }

    @Test func recoversShapeFromExactData() throws {
        let fit = try #require(Weibull.fit(idealSample(shape: 1.5, scale: 10, n: 400).map { DayRange(exactly: $0) }))
        #expect(abs(fit.shape / 1.5 - 1) < 0.03)
        #expect(abs(fit.scale / 10 - 1) < 0.03)
        #expect(fit.shapeCI.contains(1.5))
        #expect(fit.reading == .wearOut)
        #expect(fit.exactCount == 400 && fit.rangeCount == 0)
    }

    /// At the MLE for exact data, β solves Σ tᵝ ln t / Σ tᵝ − 1/β − mean(ln t) = 0
    /// and η = (Σ tᵝ / n)^(1/β); an independent check of the optimiser.
    @Test func exactFitSolvesTheLikelihoodEquations() throws {
        let times = randomSample(shape: 0.8, scale: 30, n: 150, seed: 1)
        let fit = try #require(Weibull.fit(times.map { DayRange(exactly: $0) }))
        let b = fit.shape
        let powers = times.map { pow($0, b) }
        let meanLog = times.map { log($0) }.reduce(0, +) / Double(times.count)
        let weighted = zip(powers, times).map { $0 * log($1) }.reduce(0, +) / powers.reduce(0, +)
        #expect(abs(weighted - 1 / b - meanLog) < 1e-9)
        #expect(close(fit.scale, pow(powers.reduce(0, +) / Double(times.count), 1 / b), 1e-9))
    }

    @Test func readings() throws {
        let early = try #require(Weibull.fit(randomSample(shape: 0.6, scale: 15, n: 300, seed: 2).map { DayRange(exactly: $0) }))
        #expect(early.reading == .early && early.shapeCI.upper < 1)
        #expect(abs(early.shape / 0.6 - 1) < 0.15)
        let wear = try #require(Weibull.fit(randomSample(shape: 3, scale: 60, n: 300, seed: 3).map { DayRange(exactly: $0) }))
        #expect(wear.reading == .wearOut && wear.shapeCI.lower > 1)
        #expect(abs(wear.shape / 3 - 1) < 0.15)
        let flat = try #require(Weibull.fit(randomSample(shape: 1, scale: 20, n: 100, seed: 4).map { DayRange(exactly: $0) }))
        #expect(flat.reading == .random && flat.shapeCI.contains(1))
        #expect(HazardReading(shapeCI: ConfidenceInterval(lower: 0.5, upper: 0.99)) == .early)
        #expect(HazardReading(shapeCI: ConfidenceInterval(lower: 1.01, upper: 2)) == .wearOut)
        #expect(HazardReading(shapeCI: ConfidenceInterval(lower: 0.9, upper: 1.1)) == .random)
    }

    /// Times reported to the day: t becomes the range [⌊t⌋, ⌊t⌋ + 1].
    @Test func recoversShapeFromDayRanges() throws {
        let ranges = idealSample(shape: 1.5, scale: 10, n: 400).map { t -> DayRange in
            let day = t.rounded(.down)
            return DayRange(min: day, max: day + 1)
        }
        let fit = try #require(Weibull.fit(ranges))
        #expect(fit.rangeCount == 400)
        #expect(abs(fit.shape / 1.5 - 1) < 0.05)
        // A maximum: every nearby point is lower.
        for (db, de) in [(0.01, 0.0), (-0.01, 0.0), (0.0, 0.01), (0.0, -0.01)] {
            let nearby = Weibull.logLikelihood(ranges, shape: fit.shape * (1 + db), scale: fit.scale * (1 + de))
            #expect(nearby < fit.logLikelihood)
        }
    }

    /// Analytic gradient and Hessian agree with central differences on mixed data.
    @Test func derivativesMatchFiniteDifferences() throws {
        let data = [
            DayRange(exactly: 3), DayRange(exactly: 0.25), DayRange(exactly: 40), DayRange(exactly: 0),
            DayRange(min: 0, max: 7), DayRange(min: 2, max: 5), DayRange(min: 30, max: 61),
            DayRange(min: 100, max: .infinity), DayRange(min: -3, max: 2),
        ]
        let observations = data.compactMap(Weibull.Observation.init)
        let theta = (log(1.3), log(12.0))
        let h = 1e-5
        func value(_ a: Double, _ b: Double) -> Double { Weibull.evaluate(observations, (a, b))!.value }
        func gradient(_ a: Double, _ b: Double) -> (Double, Double) { Weibull.evaluate(observations, (a, b))!.gradient }
        let e = try #require(Weibull.evaluate(observations, theta))
        let da = (value(theta.0 + h, theta.1) - value(theta.0 - h, theta.1)) / (2 * h)
        let db = (value(theta.0, theta.1 + h) - value(theta.0, theta.1 - h)) / (2 * h)
        #expect(close(e.gradient.0, da, 1e-6) && close(e.gradient.1, db, 1e-6))
        let haa = (gradient(theta.0 + h, theta.1).0 - gradient(theta.0 - h, theta.1).0) / (2 * h)
        let hab = (gradient(theta.0, theta.1 + h).0 - gradient(theta.0, theta.1 - h).0) / (2 * h)
        let hba = (gradient(theta.0 + h, theta.1).1 - gradient(theta.0 - h, theta.1).1) / (2 * h)
        let hbb = (gradient(theta.0, theta.1 + h).1 - gradient(theta.0, theta.1 - h).1) / (2 * h)
        #expect(close(e.hessian.aa, haa, 1e-6))
        #expect(close(e.hessian.ab, hab, 1e-6) && close(e.hessian.ab, hba, 1e-6))
        #expect(close(e.hessian.bb, hbb, 1e-6))
    }

    /// An exact day 0 is the range [0, 1], so its likelihood is F(1) − F(0) = 1 − e^(−(1/η)^β).
    @Test func exactDayZeroIsTheFirstDay() {
        let shape = 1.7, scale = 4.0
        let zero = Weibull.logLikelihood([DayRange(exactly: 0)], shape: shape, scale: scale)
        #expect(close(zero, log(1 - exp(-pow(1 / scale, shape)))))
        let observation = Weibull.Observation(DayRange(exactly: 0))
        #expect(observation.map { !$0.isExact } == true)
        // An exact time uses the density: log f(t) = ln β − ln η + (β−1) ln(t/η) − (t/η)^β.
        let t = 2.5
        let density = log(shape) - log(scale) + (shape - 1) * log(t / scale) - pow(t / scale, shape)
        #expect(close(Weibull.logLikelihood([DayRange(exactly: t)], shape: shape, scale: scale), density))
    }

    @Test func failsWithoutAnInteriorMaximum() {
        #expect(Weibull.fit([DayRange(exactly: 1), DayRange(exactly: 2)]) == nil)
        #expect(Weibull.fit([5, 5, 5, 5].map { DayRange(exactly: $0) }) == nil)
        #expect(Weibull.fit([DayRange(min: -5, max: -1), DayRange(exactly: 2), DayRange(exactly: 3)]) == nil)
        #expect(Weibull.fit([]) == nil)
    }
}
