import Foundation

/// |x − y| ≤ tolerance · max(1, |y|): relative for large values, absolute near zero.
func close(_ x: Double?, _ y: Double, _ tolerance: Double = 1e-12) -> Bool {
    guard let x else { return false }
    return abs(x - y) <= tolerance * max(1, abs(y))
}

/// SplitMix64: a tiny deterministic generator so that "random" test data is the same everywhere.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in the open interval (0, 1).
    mutating func unit() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }
}

/// A Weibull(β, η) draw by inversion of the CDF.
func weibullDraw(shape: Double, scale: Double, u: Double) -> Double {
    scale * pow(-log1p(-u), 1 / shape)
}
