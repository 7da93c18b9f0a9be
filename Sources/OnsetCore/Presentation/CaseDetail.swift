/// A case laid out as titled sections of labelled lines, shared by `onset show` and the detail view.
public struct CaseDetail: Sendable {
    /// What a line shows, so views can colour drugs, events and intervals alike.
    public enum Kind: Sendable { case plain, drug, event, interval, narrative, warning }

    /// One labelled line of a section.
    public struct Line: Sendable {
        public var label: String?
        public var text: String
        public var kind: Kind
    }

    /// A titled group of lines.
    public struct Section: Sendable {
        public var title: String
        public var lines: [Line]
    }

    public var title: String
    public var sections: [Section]

    public init(_ c: Case, intervals: [DoseOnset]? = nil) {
        let intervals = intervals ?? DoseOnsetCalculator.intervals(for: c)
        title = "\(c.id)\(c.status == .draft ? "  [draft]" : "")"
        var s: [Section] = []
        func line(_ label: String?, _ text: String?, _ kind: Kind = .plain) -> Line? {
            guard let text, !text.isEmpty else { return nil }
            return Line(label: label, text: text, kind: kind)
        }

        var patient: [Line?] = []
        if let a = c.patient.age {
            patient.append(line("age", "\(DayRange.format(a.value)) \(a.unit.rawValue)\(a.value == 1 ? "" : "s")"))
        }
        patient.append(line("sex", c.patient.sex?.rawValue))
        if let w = c.patient.weight { patient.append(line("weight", "\(DayRange.format(w.value)) \(w.unit.rawValue)")) }
        patient.append(line("conditions", c.patient.conditions.joined(separator: "; ")))
        patient.append(line("country", c.country))
        s.append(Section(title: "Patient", lines: patient.compactMap { $0 }))

        s.append(Section(title: "Drugs", lines: c.drugs.map { d in
            var parts = ["\(d.displayName)\(d.generic != nil && d.generic!.lowercased() != d.name.lowercased() ? " (\(d.name))" : "") — \(d.role.rawValue)"]
            if let r = d.route { parts.append(r) }
            if let x = d.dose { parts.append(x) }
            if let i = d.indication { parts.append("for \(i)") }
            if !d.administrations.isEmpty {
                parts.append("doses: " + d.administrations.enumerated().map { k, a in
                    "\(a.number.map(String.init) ?? "#\(k + 1)")\(a.time.map { " at \($0)" } ?? "")"
                }.joined(separator: ", "))
            }
            if d.start != nil || d.end != nil { parts.append("from \(d.start?.description ?? "?") to \(d.end?.description ?? "?")") }
            if d.courses.count > 1 || (d.courses.count == 1 && d.start == nil) {
                parts.append("courses: " + d.courses.map { "\($0.start?.description ?? "?")–\($0.end?.description ?? "?")" }.joined(separator: ", "))
            }
            if let a = d.action { parts.append("action: \(a.rawValue)") }
            if let n = d.note { parts.append("note: \(n)") }
            return Line(label: nil, text: parts.joined(separator: "; "), kind: .drug)
        }))

        s.append(Section(title: "Events", lines: c.events.map { e in
            var parts = [e.displayTerm + (e.preferred != nil && e.preferred!.lowercased() != e.term.lowercased() ? " (\(e.term))" : "")]
            if let o = e.onset { parts.append("onset \(o)") }
            if let x = e.end { parts.append("ended \(x)") }
            if let o = e.outcome { parts.append(o.rawValue) }
            return Line(label: nil, text: parts.joined(separator: "; "), kind: .event)
        }))

        s.append(Section(title: "Dose to onset", lines: intervals.map { i in
            var parts = ["\(i.drug) → \(i.event):"]
            if let last = i.last {
                parts.append(DoseOnset.relative(last, i.dose.map { "dose \($0)" } ?? "the last dose"))
            }
            if let first = i.first {
                let text = DoseOnset.relative(first, "the first dose")
                parts.append(i.last != nil ? "(\(text))" : text)
            }
            if i.first?.isNegative == true || i.last?.isNegative == true {
                parts.append("– negative interval: the dates put the onset before the dose")
            }
            if i.first == nil && i.last == nil { parts.append("unknown (no dates or reported interval)") }
            if let b = i.basis { parts.append("[\(b.rawValue)]") }
            if let t = i.text { parts.append("“\(t)”") }
            return Line(label: nil, text: parts.joined(separator: " "), kind: .interval)
        }))

        var outcome: [Line?] = [line("outcome", c.outcome?.rawValue)]
        if let serious = c.serious { outcome.append(line("serious", serious ? "yes" : "no")) }
        outcome.append(line("criteria", c.seriousness.map(\.rawValue).joined(separator: ", ")))
        s.append(Section(title: "Outcome", lines: outcome.compactMap { $0 }))

        s.append(Section(title: "Treatment of the reaction", lines: c.treatments.map { t in
            Line(label: nil, text: ([t.generic ?? t.name] + [t.route, t.note].compactMap { $0 }).joined(separator: "; "), kind: .drug)
        }))
        s.append(Section(title: "Tests", lines: c.tests.map { t in
            Line(label: t.name, text: ([t.result ?? "done"] + [t.time.map { "at \($0)" }, t.note].compactMap { $0 }).joined(separator: "; "), kind: .plain)
        }))
        var source: [Line?] = [line("kind", c.source.kind.rawValue), line("citation", c.source.citation),
                               line("doi", c.source.doi.map { "doi:\($0)" }), line("file", c.source.file),
                               line("record", c.source.record), line("case", c.source.caseNumber),
                               line("version", c.source.version.map(String.init)), line("format", c.source.format),
                               line("received", c.dates.received?.description)]
        if let z = c.dayZero { source.append(line("day 0", z.description)) }
        s.append(Section(title: "Source", lines: source.compactMap { $0 }))
        if let n = c.narrative { s.append(Section(title: "Narrative", lines: [Line(label: nil, text: n, kind: .narrative)])) }
        if let n = c.notes { s.append(Section(title: "Notes", lines: [Line(label: nil, text: n, kind: .plain)])) }
        sections = s.filter { !$0.lines.isEmpty }
    }
}
