import Foundation

/// A moment in a case: a calendar date (possibly partial) or a day counted from the case's day 0.
public enum TimePoint: Hashable, Sendable, CustomStringConvertible {
    case date(PartialDate)
    case day(DayRange)

    /// Parses `2014`, `2014-05`, `2014-05-30` (or compact `201405`, `20140530`), `day 3`, `day 2..4`, `day 0.25`.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.lowercased().hasPrefix("day ") {
            let body = t.dropFirst(4).trimmingCharacters(in: .whitespaces)
            let ends = body.components(separatedBy: "..")
            guard ends.count <= 2, let lo = Double(ends[0]), lo.isFinite else { return nil }
            let hi = ends.count == 2 ? Double(ends[1]) : lo
            guard let hi, hi.isFinite, hi >= lo else { return nil }
            self = .day(DayRange(min: lo, max: hi))
        } else if let d = PartialDate(parsing: t) {
            self = .date(d)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .date(let d): return d.description
        case .day(let r): return r.isExact ? "day \(DayRange.format(r.min))" : "day \(DayRange.format(r.min))..\(DayRange.format(r.max))"
        }
    }

    public var isExact: Bool {
        switch self {
        case .date(let d): return d.isComplete
        case .day(let r): return r.isExact
        }
    }

    /// Where this point lies on the case's relative-day axis, given the calendar date of day 0.
    public func relativeDays(dayZero: PartialDate?) -> DayRange? {
        switch self {
        case .day(let r): return r
        case .date(let d):
            guard let z = dayZero else { return nil }
            let zr = z.dayRange, dr = d.dayRange
            return DayRange(min: dr.min - zr.max, max: dr.max - zr.min)
        }
    }

    /// Where this point lies on the calendar axis (days since 1970-01-01), given the date of day 0.
    public func epochDays(dayZero: PartialDate?) -> DayRange? {
        switch self {
        case .date(let d): return d.dayRange
        case .day(let r):
            guard let z = dayZero else { return nil }
            let zr = z.dayRange
            return DayRange(min: zr.min + r.min, max: zr.max + r.max)
        }
    }
}

extension TimePoint {
    /// The range of days from `start` to `end`; nil when the two cannot be placed on one axis.
    public static func days(from start: TimePoint, to end: TimePoint, dayZero: PartialDate? = nil) -> DayRange? {
        let a: DayRange, b: DayRange
        switch (start, end) {
        case (.date(let s), .date(let e)):
            a = s.dayRange; b = e.dayRange
        case (.day(let s), .day(let e)):
            a = s; b = e
        default:
            guard let s = start.relativeDays(dayZero: dayZero), let e = end.relativeDays(dayZero: dayZero) else { return nil }
            a = s; b = e
        }
        return DayRange(min: b.min - a.max, max: b.max - a.min)
    }

    /// Like `days(from:to:)` for an onset after a dose: a range that straddles zero starts at zero,
    /// because the report places the onset after the dose; a range wholly below zero is kept as is.
    public static func onsetDays(from dose: TimePoint, to onset: TimePoint, dayZero: PartialDate? = nil) -> DayRange? {
        guard let r = days(from: dose, to: onset, dayZero: dayZero) else { return nil }
        if r.min < 0 && r.max >= 0 { return DayRange(min: 0, max: r.max) }
        return r
    }
}
