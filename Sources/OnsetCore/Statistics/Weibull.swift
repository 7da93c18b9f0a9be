import Foundation

/// What the Weibull shape says about the hazard over time (data-formats.md §5.1, Cornelius et al.).
public enum HazardReading: String, Hashable, Sendable, Codable {
    /// 95 % CI of the shape entirely below 1: the hazard falls with time (early reactions).
    case early
    /// 95 % CI of the shape contains 1: no evidence against a constant hazard.
    case random
    /// 95 % CI of the shape entirely above 1: the hazard rises with time.
    case wearOut

    /// Reads a 95 % confidence interval of the shape parameter β.
    public init(shapeCI: ConfidenceInterval) {
        if shapeCI.upper < 1 {
            self = .early
        } else if shapeCI.lower > 1 {
            self = .wearOut
        } else {
            self = .random
        }
    }
}

/// A maximum-likelihood Weibull fit, F(t) = 1 − exp(−(t/η)^β), to times to onset in days.
public struct WeibullFit: Hashable, Sendable, Codable {
    /// Shape β.
    public let shape: Double
    /// Scale η, in days.
    public let scale: Double
    /// Standard error of ln β from the observed information.
    public let logShapeSE: Double
    /// 95 % Wald interval of β, computed on ln β and exponentiated (as `survreg` does for its
    /// log-scale parameter), so both bounds stay positive.
    public let shapeCI: ConfidenceInterval
    /// 95 % Wald interval of η, computed on ln η and exponentiated.
    public let scaleCI: ConfidenceInterval
    /// Maximised log-likelihood.
    public let logLikelihood: Double
    /// Observations used.
    public let n: Int
    /// Observations used as exact times (density terms).
    public let exactCount: Int
    /// Observations used as ranges (CDF-difference terms), including exact day-0 values.
    public let rangeCount: Int
    /// Newton iterations performed.
    public let iterations: Int
    /// Hazard reading of `shapeCI`.
    public let reading: HazardReading
}

/// Weibull maximum likelihood for exact and interval-censored times to onset.
///
/// The log-likelihood is Σ log f(t) over exact times plus Σ log(F(max) − F(min)) over ranges.
/// Conventions, chosen so that every observation has a finite likelihood:
/// - a range starting below 0 is clipped to start at 0 (onset follows the dose);
/// - an exact time of 0 has zero density under any Weibull with β > 1, so it is read as
///   "during day 0", the range [0, 1] day, rather than shifted by an arbitrary offset;
/// - an infinite upper end is right censoring, log S(min);
/// - an observation with a NaN end or a wholly negative range is skipped.
///
/// The fit maximises over (ln β, ln η) by Newton's method with analytic first and second
/// derivatives, a Levenberg shift when the Hessian is not negative definite, and a backtracking
/// line search. The CI of β is the Wald interval on ln β from the observed information
/// (the inverse of minus the Hessian at the optimum).
public enum Weibull {
    /// Fits β and η; `nil` with fewer than 3 usable observations or when the fit fails to converge
    /// to an interior maximum (for example when every observation is the same value).
    public static func fit(_ data: [DayRange], maxIterations: Int = 200) -> WeibullFit? {
        let observations = data.compactMap(Observation.init)
        guard observations.count >= 3 else { return nil }
        var theta = startingPoint(observations)
        guard var current = evaluate(observations, theta), current.value.isFinite else { return nil }

        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            iterations += 1
            let step = ascentDirection(gradient: current.gradient, hessian: current.hessian)
            let slope = step.0 * current.gradient.0 + step.1 * current.gradient.1
            var t = 1.0
            var accepted: (theta: (Double, Double), eval: Evaluation)?
            for _ in 0..<60 {
                let trial = (theta.0 + t * step.0, theta.1 + t * step.1)
                if let e = evaluate(observations, trial), e.value.isFinite,
                   e.value >= current.value + 1e-4 * t * slope {
                    accepted = (trial, e)
                    break
                }
                t /= 2
            }
            guard let next = accepted else {
                // No ascent possible from here: accept only if already at a stationary point.
                converged = isStationary(current, n: observations.count)
                break
            }
            let moved = Swift.max(abs(next.theta.0 - theta.0), abs(next.theta.1 - theta.1))
            theta = next.theta
            current = next.eval
            guard abs(theta.0) < log(1e4), abs(theta.1) < 50 else { return nil }
            if moved < 1e-12 || isStationary(current, n: observations.count) {
                converged = true
                break
            }
        }
        guard converged else { return nil }

        // Covariance of (ln β, ln η) = inverse of the observed information −H.
        let infoAA = -current.hessian.aa, infoBB = -current.hessian.bb, infoAB = -current.hessian.ab
        let determinant = infoAA * infoBB - infoAB * infoAB
        guard infoAA > 0, infoBB > 0, determinant > 0 else { return nil }
        let seA = (infoBB / determinant).squareRoot()
        let seB = (infoAA / determinant).squareRoot()
        let z = ConfidenceInterval.z95
        let shapeCI = ConfidenceInterval(lower: exp(theta.0 - z * seA), upper: exp(theta.0 + z * seA))
        let scaleCI = ConfidenceInterval(lower: exp(theta.1 - z * seB), upper: exp(theta.1 + z * seB))
        guard seA.isFinite, seB.isFinite else { return nil }
        let exactCount = observations.filter(\.isExact).count
        return WeibullFit(
            shape: exp(theta.0), scale: exp(theta.1), logShapeSE: seA,
            shapeCI: shapeCI, scaleCI: scaleCI, logLikelihood: current.value,
            n: observations.count, exactCount: exactCount, rangeCount: observations.count - exactCount,
            iterations: iterations, reading: HazardReading(shapeCI: shapeCI))
    }

    /// The log-likelihood of `data` under Weibull(β = shape, η = scale), with the conventions above.
    public static func logLikelihood(_ data: [DayRange], shape: Double, scale: Double) -> Double {
        let observations = data.compactMap(Observation.init)
        guard shape > 0, scale > 0 else { return -.infinity }
        return evaluate(observations, (log(shape), log(scale)))?.value ?? -.infinity
    }

    // MARK: - Likelihood

    /// One observation after the conventions are applied.
    enum Observation {
        case exact(logTime: Double)
        case range(lower: Double, upper: Double)

        init?(_ range: DayRange) {
            guard !range.min.isNaN, !range.max.isNaN, range.max >= 0 else { return nil }
            let lower = Swift.max(0, range.min)
            if lower == range.max {
                self = lower > 0 ? .exact(logTime: log(lower)) : .range(lower: 0, upper: 1)
            } else {
                self = .range(lower: lower, upper: range.max)
            }
        }

        var isExact: Bool { if case .exact = self { true } else { false } }

        /// A representative time for starting values.
        var typical: Double? {
            switch self {
            case .exact(let logTime): return exp(logTime)
            case .range(let lower, let upper):
                if upper.isFinite { return (lower + upper) / 2 }
                return lower > 0 ? lower : nil
            }
        }
    }

    struct Hessian {
        var aa = 0.0, ab = 0.0, bb = 0.0
    }

    struct Evaluation {
        var value = 0.0
        var gradient = (0.0, 0.0)
        var hessian = Hessian()
    }

    /// Log-likelihood with its gradient and Hessian in θ = (a, b) = (ln β, ln η).
    ///
    /// With u(t) = (t/η)^β and w = ln u: ∂u/∂a = u·w, ∂u/∂b = −β·u. A range contributes
    /// log(S(l) − S(r)) with S = e^(−u); it is evaluated as −u(l) + log(1 − e^(−(u(r)−u(l))))
    /// so that neither a far tail nor a narrow range cancels to zero.
    static func evaluate(_ observations: [Observation], _ theta: (Double, Double)) -> Evaluation? {
        let beta = exp(theta.0), logEta = theta.1
        var e = Evaluation()
        for observation in observations {
            switch observation {
            case .exact(let logTime):
                // log f(t) = a − ln t + w − u
                let w = beta * (logTime - logEta)
                let u = exp(w)
                e.value += theta.0 - logTime + w - u
                e.gradient.0 += 1 + w - u * w
                e.gradient.1 += -beta + beta * u
                e.hessian.aa += w - u * w - u * w * w
                e.hessian.ab += -beta + beta * u + beta * u * w
                e.hessian.bb += -beta * beta * u
            case .range(let lower, let upper):
                let left = endpoint(lower, beta: beta, logEta: logEta)
                let ratioLeft: Double, ratioRight: Double
                var right = EndTerms()
                if upper.isInfinite {
                    e.value += -left.u
                    ratioLeft = 1
                    ratioRight = 0
                } else {
                    right = endpoint(upper, beta: beta, logEta: logEta)
                    let delta = right.u - left.u
                    let mass = -expm1(-delta)
                    guard mass > 0, delta.isFinite else { return nil }
                    e.value += -left.u + log(mass)
                    ratioLeft = 1 / mass        // S(l) / (S(l) − S(r))
                    ratioRight = 1 / expm1(delta)  // S(r) / (S(l) − S(r))
                }
                // ∂ℓ = −(S_l/D)·g_l + (S_r/D)·g_r, where ∂S = −S·g.
                let ga = -ratioLeft * left.ga + ratioRight * right.ga
                let gb = -ratioLeft * left.gb + ratioRight * right.gb
                e.gradient.0 += ga
                e.gradient.1 += gb
                // ∂²S = S·(g gᵀ − ∂g), and ∂²ℓ = ∂²D/D − ∂ℓ ∂ℓᵀ.
                e.hessian.aa += ratioLeft * (left.ga * left.ga - left.daa)
                    - ratioRight * (right.ga * right.ga - right.daa) - ga * ga
                e.hessian.ab += ratioLeft * (left.ga * left.gb - left.dab)
                    - ratioRight * (right.ga * right.gb - right.dab) - ga * gb
                e.hessian.bb += ratioLeft * (left.gb * left.gb - left.dbb)
                    - ratioRight * (right.gb * right.gb - right.dbb) - gb * gb
            }
        }
        let all = [e.value, e.gradient.0, e.gradient.1, e.hessian.aa, e.hessian.ab, e.hessian.bb]
        return all.allSatisfy(\.isFinite) ? e : nil
    }

    /// u(t) and its derivatives g = ∂u/∂θ and ∂g/∂θ at one end of a range; all zero at t = 0.
    struct EndTerms {
        var u = 0.0, ga = 0.0, gb = 0.0, daa = 0.0, dab = 0.0, dbb = 0.0
    }

    static func endpoint(_ t: Double, beta: Double, logEta: Double) -> EndTerms {
        guard t > 0 else { return EndTerms() }
        let w = beta * (log(t) - logEta)
        let u = exp(w)
        return EndTerms(
            u: u, ga: u * w, gb: -beta * u,
            daa: u * w * (w + 1), dab: -beta * u * (w + 1), dbb: beta * beta * u)
    }

    // MARK: - Optimiser

    /// Newton direction for maximising; shifted towards the gradient when −H is not positive definite.
    static func ascentDirection(gradient g: (Double, Double), hessian h: Hessian) -> (Double, Double) {
        var lambda = 0.0
        let scale = Swift.max(abs(h.aa), abs(h.bb), 1e-8)
        for _ in 0..<60 {
            let a = -h.aa + lambda, c = -h.bb + lambda, b = -h.ab
            let determinant = a * c - b * b
            if a > 0, determinant > 0 {
                return ((c * g.0 - b * g.1) / determinant, (a * g.1 - b * g.0) / determinant)
            }
            lambda = lambda == 0 ? 1e-6 * scale : lambda * 10
        }
        return g
    }

    /// Gradient small relative to the sample size, at a point where −H is positive definite.
    static func isStationary(_ e: Evaluation, n: Int) -> Bool {
        let infoAA = -e.hessian.aa, infoBB = -e.hessian.bb, infoAB = -e.hessian.ab
        let size = Swift.max(abs(e.gradient.0), abs(e.gradient.1))
        return size <= 1e-9 * Double(n) && infoAA > 0 && infoAA * infoBB - infoAB * infoAB > 0
    }

    /// Starting values from the moments of ln t: for a Weibull, sd(ln T) = π / (β√6) and
    /// E(ln T) = ln η − γ/β (γ = Euler's constant).
    static func startingPoint(_ observations: [Observation]) -> (Double, Double) {
        let logs = observations.compactMap(\.typical).filter { $0 > 0 }.map { log($0) }
        guard !logs.isEmpty else { return (0, 0) }
        let mean = logs.reduce(0, +) / Double(logs.count)
        let variance = logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(logs.count)
        var beta = variance > 0 ? Double.pi / (variance.squareRoot() * 6.0.squareRoot()) : 1
        beta = Swift.min(20, Swift.max(0.05, beta))
        return (log(beta), mean + 0.5772156649015329 / beta)
    }
}
