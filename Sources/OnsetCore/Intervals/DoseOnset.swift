/// Where a dose-to-onset figure came from: the report's own words, the dates, or both.
public enum IntervalBasis: String, Sendable, Codable, CaseIterable {
    case reported, dates, mixed
}

/// The dose-to-onset figures for one suspect drug and one event of a case.
public struct DoseOnset: Hashable, Sendable {
    public var caseID: String
    public var drugID: String
    public var drug: String
    public var eventID: String
    public var event: String
    /// Number of the last dose before onset, when known.
    public var dose: Int?
    /// Days from the first dose to onset.
    public var first: DayRange?
    /// Days from the last dose before onset to onset.
    public var last: DayRange?
    public var basis: IntervalBasis?
    /// The report's words the figures rest on, when reported.
    public var text: String?

    /// Whether the pair has any figure at all; the library stores a row only for a pair that has.
    public var hasFigures: Bool { first != nil || last != nil || dose != nil || basis != nil }

    /// A short label such as `+1d after dose 2` or `+3..10d after dose 1`; an onset wholly before
    /// the dose reads `9d before dose 1`.
    public var label: String? {
        if let last, let dose { return DoseOnset.relative(last, "dose \(dose)", sign: "+") }
        if let first { return DoseOnset.relative(first, "dose 1", sign: "+") }
        if let last { return DoseOnset.relative(last, "last dose", sign: "+") }
        return nil
    }

    /// `3d after ANCHOR`, or `3d before ANCHOR` when the range lies wholly below zero (a negative
    /// interval: the dates put the onset before the dose); `sign` prefixes the "after" form.
    public static func relative(_ r: DayRange, _ anchor: String, sign: String = "") -> String {
        if r.isNegative { return "\(days(DayRange(min: -r.max, max: -r.min))) before \(anchor)" }
        return "\(sign)\(days(r)) after \(anchor)"
    }

    /// A day range as a short label in the unit a clinician would use: `5h`, `0..1d`, `3w`, `22mo`, `2.5y`.
    public static func days(_ r: DayRange) -> String {
        let top = Swift.max(abs(r.min), abs(r.max))
        let (scale, unit): (Double, String)
        if top < 1 && top > 0 { (scale, unit) = (24, "h") }
        else if top < 90 { (scale, unit) = (1, "d") }
        else if top < 730 { (scale, unit) = (1 / 30.4375, "mo") }
        else { (scale, unit) = (1 / 365.25, "y") }
        func f(_ v: Double) -> String {
            let x = v * scale
            if unit == "d" || unit == "h" { return x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x) }
            let r = (x * 10).rounded() / 10
            return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
        }
        let a = f(r.min), b = f(r.max)
        return a == b ? a + unit : "\(a)..\(b)\(unit)"
    }
}

/// Computes dose-to-onset intervals for every suspect drug × event of a case, preferring what the
/// report states and falling back to date arithmetic, always as honest day ranges.
public enum DoseOnsetCalculator {
    public static func intervals(for c: Case) -> [DoseOnset] {
        positionedIntervals(for: c).map(\.interval)
    }

    /// `intervals(for:)` with the place of each pair's drug in `c.drugs` and event in `c.events`,
    /// which is how the library ties a pair to its drug and event rows. With `figuresOnly`, only
    /// the pairs that have a figure (`DoseOnset.hasFigures`), which are all the library stores.
    static func positionedIntervals(for c: Case, figuresOnly: Bool = false) -> [(drug: Int, event: Int, interval: DoseOnset)] {
        var out: [(drug: Int, event: Int, interval: DoseOnset)] = []
        // By index, so each Drug and Event is passed in place rather than copied per iteration.
        for k in c.drugs.indices where c.drugs[k].role.isSuspect {
            for j in c.events.indices {
                // Most pairs of a FAERS quarter (71%) have neither an onset date nor a reported
                // interval; working them out in full only to drop them was ~4% of the preparing
                // thread's instructions (callgrind, 40k-case quarter).
                if figuresOnly && !mayHaveFigures(c, drug: c.drugs[k], event: c.events[j]) { continue }
                let i = interval(c, drug: c.drugs[k], event: c.events[j])
                if figuresOnly && !i.hasFigures { continue }
                out.append((k, j, i))
            }
        }
        return out
    }

    /// False only when `interval(c, drug: d, event: e)` can have no figure: every figure comes
    /// from the event's onset or from an interval the report states for the drug.
    static func mayHaveFigures(_ c: Case, drug d: Drug, event e: Event) -> Bool {
        e.onset != nil || c.intervals.contains { $0.drug == d.id && $0.applies(to: e.id) }
    }

    /// The dosing history of a drug as (number, time) pairs ordered by time, numbering inferred
    /// from position when the report omits it.
    static func doses(_ d: Drug) -> [(number: Int?, time: TimePoint?)] {
        if !d.administrations.isEmpty {
            return d.administrations.enumerated().map { k, a in (a.number ?? (d.administrations.allSatisfy { $0.number == nil } ? k + 1 : nil), a.time) }
        }
        return []
    }

    static func firstDoseTime(_ d: Drug) -> TimePoint? {
        if let t = d.administrations.first(where: { $0.number == 1 })?.time { return t }
        if d.administrations.allSatisfy({ $0.number == nil }), let t = d.administrations.first?.time { return t }
        if let s = d.start { return s }
        return d.courses.compactMap(\.start).first
    }

    static func doseTime(_ d: Drug, number: Int) -> TimePoint? {
        doses(d).first { $0.number == number }?.time
    }

    public static func interval(_ c: Case, drug d: Drug, event e: Event) -> DoseOnset {
        var r = DoseOnset(caseID: c.id, drugID: d.id, drug: d.displayName, eventID: e.id, event: e.displayTerm)
        var usedReported = false, usedDates = false
        let zero = c.dayZero
        let reported = c.intervals.filter { $0.drug == d.id && $0.applies(to: e.id) }
            .sorted { ($0.event != nil ? 0 : 1) < ($1.event != nil ? 0 : 1) }   // event-specific first
        let firstTime = firstDoseTime(d)

        for rep in reported {
            switch rep.anchor {
            case .firstDose:
                if r.first == nil { r.first = rep.days; usedReported = true }
            case .dose:
                guard r.last == nil, let n = rep.dose else { continue }
                r.last = rep.days; r.dose = n; usedReported = true
                if n == 1, r.first == nil { r.first = rep.days }
                else if r.first == nil, let t = doseTime(d, number: n), let f = firstTime,
                        let gap = TimePoint.days(from: f, to: t, dayZero: zero) {
                    r.first = DayRange(min: gap.min + rep.days.min, max: gap.max + rep.days.max); usedDates = true
                }
            case .lastDose, .discontinuation:
                guard r.last == nil else { continue }
                r.last = rep.days; usedReported = true
                let numbered = doses(d).compactMap(\.number)
                if let n = numbered.max(), r.dose == nil { r.dose = n }
            }
            if r.text == nil { r.text = rep.text }
        }

        if let onset = e.onset {
            if r.first == nil, let f = firstTime, let v = TimePoint.onsetDays(from: f, to: onset, dayZero: zero) {
                r.first = v; usedDates = true
            }
            if r.last == nil {
                // The last dose before onset: the latest administration that may precede the onset.
                let timed = doses(d).compactMap { dose -> (Int?, TimePoint, DayRange)? in
                    guard let t = dose.time, let gap = TimePoint.days(from: t, to: onset, dayZero: zero) else { return nil }
                    return (dose.number, t, gap)
                }.filter { $0.2.max >= 0 }
                if let lastDose = timed.min(by: { $0.2.max < $1.2.max }) {
                    r.last = TimePoint.onsetDays(from: lastDose.1, to: onset, dayZero: zero)
                    if r.dose == nil { r.dose = lastDose.0 }
                    usedDates = true
                } else if timed.isEmpty, let end = d.end ?? d.courses.compactMap(\.end).last,
                          let gap = TimePoint.days(from: end, to: onset, dayZero: zero), gap.min >= 0 {
                    // A course that ended before the onset: its end is the last dose.
                    r.last = gap; usedDates = true
                }
            }
        }
        if r.first != nil || r.last != nil {
            r.basis = usedReported && usedDates ? .mixed : usedReported ? .reported : .dates
        }
        return r
    }
}
