import Foundation

/// A calendar date that may be known only to the year or the month (`2014`, `2014-05`, `2014-05-30`).
public struct PartialDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?

    /// Creates a date, or returns nil when the parts do not name a real day (month 13, 31 April, 29 Feb 2023).
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month {
            guard (1...12).contains(month) else { return nil }
            if let day {
                guard day >= 1, day <= PartialDate.daysIn(month: month, year: year) else { return nil }
            }
        } else if day != nil {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD` and the compact regulator forms `YYYYMM`, `YYYYMMDD`.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let digits = t.filter(\.isNumber)
        let parts: [Substring]
        if t.contains("-") {
            parts = t.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count <= 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                  parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }) else { return nil }
        } else {
            guard digits.count == t.count, [4, 6, 8].contains(t.count), t.allSatisfy(\.isASCII) else { return nil }
            var p: [Substring] = [t.prefix(4)]
            if t.count >= 6 { p.append(t.dropFirst(4).prefix(2)) }
            if t.count == 8 { p.append(t.dropFirst(6).prefix(2)) }
            parts = p
        }
        guard let y = Int(parts[0]) else { return nil }
        let m = parts.count > 1 ? Int(parts[1]) : nil
        let d = parts.count > 2 ? Int(parts[2]) : nil
        self.init(year: y, month: m, day: d)
    }

    public var isComplete: Bool { day != nil }

    /// The days this date may stand for, counted from 1970-01-01.
    public var dayRange: DayRange {
        let first = PartialDate.daysSinceEpoch(year: year, month: month ?? 1, day: day ?? 1)
        let lastMonth = month ?? 12
        let lastDay = day ?? PartialDate.daysIn(month: lastMonth, year: year)
        let last = PartialDate.daysSinceEpoch(year: year, month: lastMonth, day: lastDay)
        return DayRange(min: Double(first), max: Double(last))
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, written digit by digit: `String(format:)` was ~7% of a
    /// FAERS import, where every case writes several dates into its stored JSON.
    public var description: String {
        String(unsafeUninitializedCapacity: 10) { buf in
            var n = 0
            func put(_ v: Int, digits: Int) {
                var d = digits, x = v
                while d > 0 { d -= 1; buf[n + d] = UInt8(0x30 + x % 10); x /= 10 }
                n += digits
            }
            put(year, digits: 4)   // 1...9999 by construction
            if let month { buf[n] = 0x2D; n += 1; put(month, digits: 2) }
            if let day { buf[n] = 0x2D; n += 1; put(day, digits: 2) }
            return n
        }
    }

    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar, counted through 400-year eras
    /// so that the arithmetic stays exact for any year without Foundation's time zones.
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12            // March = 0 … February = 11
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The full date `days` after 1970-01-01 (inverse of `daysSinceEpoch`); nil outside years 1–9999.
    public static func fromEpochDays(_ days: Int) -> PartialDate? {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        return PartialDate(year: y, month: m, day: d)
    }
}
