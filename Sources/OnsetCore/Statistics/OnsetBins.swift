/// Clinical time-to-onset bins, in days since the anchor dose.
///
/// Each bin is half-open, `lowerBound ≤ t < upperBound`, with whole-day edges, so a whole-day
/// count falls in the bin its label names and a fractional value (hours) falls in the bin of the
/// day it belongs to: 1.5 days is "1 d", 7.9 days is "4–7 d".
public enum OnsetBin: Int, CaseIterable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    case sameDay
    case day1
    case days2to3
    case days4to7
    case weeks1to2
    case weeks2to4
    case months1to3
    case months3to6
    case months6to12
    case overOneYear

    /// Short label for tables and histograms.
    public var label: String {
        switch self {
        case .sameDay: "same day"
        case .day1: "1 d"
        case .days2to3: "2–3 d"
        case .days4to7: "4–7 d"
        case .weeks1to2: "1–2 w"
        case .weeks2to4: "2–4 w"
        case .months1to3: "1–3 mo"
        case .months3to6: "3–6 mo"
        case .months6to12: "6–12 mo"
        case .overOneYear: "> 1 y"
        }
    }

    /// First day in the bin (inclusive).
    public var lowerBound: Double { OnsetBin.edges[rawValue] }

    /// First day after the bin (exclusive); infinity for the last bin.
    public var upperBound: Double { OnsetBin.edges[rawValue + 1] }

    /// Bin edges: 0, 1, 2, 4, 8, 15, 29, 92, 183, 366, ∞ (days 8–14, 15–28, 29–91, 92–182, 183–365).
    static let edges: [Double] = [0, 1, 2, 4, 8, 15, 29, 92, 183, 366, .infinity]

    /// The bin holding `days`, or `nil` for a negative or non-finite value.
    public init?(days: Double) {
        guard days >= 0, days.isFinite else { return nil }
        var index = 0
        while days >= OnsetBin.edges[index + 1] { index += 1 }
        self.init(rawValue: index)
    }

    /// The single bin holding the whole closed range, or `nil` when it spans several bins.
    public init?(range: DayRange) {
        // The last bin is open-ended, so it also holds a range with no upper end.
        guard let low = OnsetBin(days: range.min), !range.max.isNaN,
              range.max < low.upperBound || low == .overOneYear else {
            return nil
        }
        self = low
    }

    /// Bins order by time since the dose.
    public static func < (lhs: OnsetBin, rhs: OnsetBin) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The label.
    public var description: String { label }
}

/// Counts of time-to-onset values per clinical bin.
///
/// A range-valued interval is counted in a bin only when the whole range lies inside that bin;
/// otherwise it is counted in `spread` and in no bin. Onset keeps such ranges out of the bars
/// rather than splitting them by overlap because a fractional split presumes a uniform onset
/// inside the range, which the report does not say; the caller shows `spread` beside the bars.
public struct OnsetHistogram: Hashable, Sendable, Codable {
    /// Count per bin, indexed in `OnsetBin.allCases` order.
    public private(set) var counts: [Int]
    /// Ranges that span more than one bin (or start below day 0).
    public private(set) var spread: Int

    /// An empty histogram.
    public init() {
        counts = Array(repeating: 0, count: OnsetBin.allCases.count)
        spread = 0
    }

    /// A histogram of the given intervals.
    public init<S: Sequence>(_ intervals: S) where S.Element == DayRange {
        self.init()
        for interval in intervals { add(interval) }
    }

    /// Counts one interval, in its bin or as spread.
    public mutating func add(_ interval: DayRange) {
        if let bin = OnsetBin(range: interval) {
            counts[bin.rawValue] += 1
        } else {
            spread += 1
        }
    }

    private enum CodingKeys: String, CodingKey { case counts, spread }

    /// Decodes a histogram, refusing one whose counts do not match the bins.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let counts = try container.decode([Int].self, forKey: .counts)
        guard counts.count == OnsetBin.allCases.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .counts, in: container,
                debugDescription: "expected \(OnsetBin.allCases.count) bin counts, got \(counts.count)")
        }
        self.counts = counts
        spread = try container.decode(Int.self, forKey: .spread)
    }

    /// The count in one bin.
    public subscript(bin: OnsetBin) -> Int { counts[bin.rawValue] }

    /// Intervals counted in some bin.
    public var binned: Int { counts.reduce(0, +) }

    /// All intervals added, binned or spread.
    public var total: Int { binned + spread }
}
