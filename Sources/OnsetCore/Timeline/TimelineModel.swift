/// A case's timeline on one relative-day axis: a lane per drug with its doses, a lane per event
/// with its onset, and the dose-to-onset intervals between them. Partial dates stay ranges.
public struct TimelineModel: Sendable {
    /// Something drawn on a lane at a day or a span of days.
    public struct Mark: Sendable {
        public enum Kind: Sendable { case dose(Int?), course, onset, eventSpan }
        public var kind: Kind
        public var days: DayRange
    }

    /// One row of the timeline.
    public struct Lane: Sendable {
        public enum Kind: Sendable { case drug, event }
        public var title: String
        public var kind: Kind
        public var marks: [Mark]
    }

    /// A dose-to-onset interval drawn from a dose to an onset.
    public struct Bar: Sendable {
        public var drugLane: Int
        public var eventLane: Int
        public var from: DayRange
        public var to: DayRange
        public var label: String
    }

    public var lanes: [Lane] = []
    public var bars: [Bar] = []
    /// The calendar date of day 0 when the case has dates.
    public var calendarZero: PartialDate?
    /// True when nothing in the case is dated and day 0 is the dose a reported interval counts
    /// from ("2.5 years after the first dose"), placed there so the interval can be drawn.
    public var anchoredOnReportedDose = false
    /// The days the case spans.
    public var extent: DayRange

    public init(_ c: Case, intervals: [DoseOnset]? = nil) {
        let intervals = intervals ?? DoseOnsetCalculator.intervals(for: c)
        // Day 0: the case's own, else the earliest calendar date in it, so calendar cases share the axis.
        var zero = c.dayZero
        if zero == nil {
            let dates: [PartialDate] = c.drugs.flatMap { d -> [TimePoint?] in
                [d.start, d.end] + d.administrations.map(\.time) + d.courses.flatMap { [$0.start, $0.end] }
            }.compactMap { $0 }.compactMap { if case .date(let x) = $0 { return x }; return nil }
                + c.events.compactMap { if case .date(let x)? = $0.onset { return x }; return nil }
            zero = dates.min { $0.dayRange.min < $1.dayRange.min }
            if let z = zero, let firstStart = c.suspectDrugs.compactMap({ DoseOnsetCalculator.firstDoseTime($0) }).first,
               case .date(let d) = firstStart { zero = d.isComplete ? d : z }
        }
        calendarZero = zero
        func rel(_ t: TimePoint?) -> DayRange? {
            guard let t else { return nil }
            if case .date(let d) = t, let z = zero {
                // Against a partial day 0 use its first day, so the axis stays fixed while the point keeps its own width.
                return DayRange(min: d.dayRange.min - z.dayRange.min, max: d.dayRange.max - z.dayRange.min)
            }
            return t.relativeDays(dayZero: zero)
        }

        var all: [DayRange] = []
        var drugLaneIndex: [String: Int] = [:]
        for d in c.drugs where d.role != .treatment {
            var marks: [Mark] = []
            for (k, a) in d.administrations.enumerated() {
                if let r = rel(a.time) { marks.append(Mark(kind: .dose(a.number ?? k + 1), days: r)) }
            }
            if marks.isEmpty {
                let courses = d.courses.isEmpty ? [Course(start: d.start, end: d.end)] : d.courses
                for course in courses {
                    guard let s = rel(course.start) else { continue }
                    let e = rel(course.end) ?? s
                    marks.append(Mark(kind: .course, days: DayRange(min: s.min, max: Swift.max(e.max, s.min))))
                }
            }
            guard !marks.isEmpty || d.role.isSuspect else { continue }
            all += marks.map(\.days)
            drugLaneIndex[d.id] = lanes.count
            lanes.append(Lane(title: d.displayName, kind: .drug, marks: marks))
        }
        var eventLaneIndex: [String: Int] = [:]
        for e in c.events {
            var marks: [Mark] = []
            if let o = rel(e.onset) {
                marks.append(Mark(kind: .onset, days: o))
                if let end = rel(e.end) { marks.append(Mark(kind: .eventSpan, days: DayRange(min: o.min, max: end.max))) }
            }
            all += marks.map(\.days)
            eventLaneIndex[e.id] = lanes.count
            lanes.append(Lane(title: e.displayTerm, kind: .event, marks: marks))
        }
        for i in intervals {
            guard let dl = drugLaneIndex[i.drugID], let el = eventLaneIndex[i.eventID] else { continue }
            // Drawn from the last dose before onset when known, else from the first dose.
            let days: DayRange, dose: Int?, anchor: String
            if let last = i.last {
                (days, dose, anchor) = (last, i.dose, i.dose.map { "dose \($0)" } ?? "last dose")
            } else if let first = i.first {
                (days, dose, anchor) = (first, 1, "first dose")
            } else {
                continue
            }
            var onset = lanes[el].marks.first { if case .onset = $0.kind { return true }; return false }?.days
            var doseMark = lanes[dl].marks.first { if case .dose(let n) = $0.kind { return n == dose }; return false }?.days
            if onset == nil, doseMark == nil, all.isEmpty, zero == nil {
                // Nothing is dated, only reported: the dose becomes day 0 and the onset sits where
                // the report puts it, rather than an empty axis with the interval only in words.
                let zeroDay = DayRange(exactly: 0)
                lanes[dl].marks.append(Mark(kind: .dose(dose), days: zeroDay))
                lanes[el].marks.append(Mark(kind: .onset, days: days))
                (doseMark, onset) = (zeroDay, days)
                anchoredOnReportedDose = true
            }
            guard let to = onset ?? doseMark.map({ DayRange(min: $0.min + days.min, max: $0.max + days.max) }) else { continue }
            let from = doseMark ?? DayRange(min: to.min - days.max, max: to.max - days.min)
            bars.append(Bar(drugLane: dl, eventLane: el, from: from, to: to, label: DoseOnset.relative(days, anchor)))
            all += [from, to]
        }
        let lo = all.map(\.min).min() ?? 0, hi = all.map(\.max).max() ?? 1
        extent = DayRange(min: lo, max: Swift.max(hi, lo + 1.0 / 24))
    }
}
