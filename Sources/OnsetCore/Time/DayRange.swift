import Foundation
/// A span of days `[min, max]`: exact when `min == max`, a censored range otherwise.
public struct DayRange: Hashable, Sendable, Codable, CustomStringConvertible {
    public var min: Double
    public var max: Double

    public init(min: Double, max: Double) {
        self.min = Swift.min(min, max)
        self.max = Swift.max(min, max)
    }

    public init(exactly days: Double) { self.init(min: days, max: days) }

    public var isExact: Bool { min == max }
    public var width: Double { max - min }
    public var midpoint: Double { (min + max) / 2 }
    /// Wholly below zero: as a dose-to-onset interval, an onset dated before the dose.
    public var isNegative: Bool { max < 0 }

    public func shifted(by days: Double) -> DayRange { DayRange(min: min + days, max: max + days) }

    public var description: String {
        isExact ? DayRange.format(min) : "\(DayRange.format(min))..\(DayRange.format(max))"
    }

    /// A day count as text: whole numbers without a fraction.
    public static func format(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.2f", v)
    }
}
