import Foundation

/// Turns one VAERSDATA record, its vaccines and its symptoms into a case.
struct VAERSCaseBuilder {
    let lexicon: LexiconCache
    let file: String
    let columns: [String: Int]
    /// Dates, ages and intervals the builder could not use, counted for the source's warnings.
    let issues = ValueIssues()

    func field(_ rec: [String], _ name: String) -> String? {
        guard let k = columns[name], k < rec.count else { return nil }
        return ImportMapping.clean(rec[k])
    }

    /// `MM/DD/YYYY` as VAERS writes it (also `YYYY-MM-DD`).
    static func date(_ s: String?) -> PartialDate? {
        guard let s else { return nil }
        let p = s.split(separator: "/")
        if p.count == 3, let m = Int(p[0]), let d = Int(p[1]), let y = Int(p[2]) {
            return PartialDate(year: y < 100 ? (y < 50 ? 2000 + y : 1900 + y) : y, month: m, day: d)
        }
        return PartialDate(parsing: s)
    }

    /// A date field, or nil; text that is no real day is noted in the case and counted.
    private func date(_ rec: [String], _ name: String, _ place: String, _ notes: inout [String?]) -> PartialDate? {
        guard let s = field(rec, name) else { return nil }
        if let d = Self.date(s) { return d }
        notes.append("\(name) \"\(s)\" is not a date")
        issues.add(place, "\(name) \"\(s)\" is not a date")
        return nil
    }

    /// The case for one record; `line` is where the record starts in the file.
    func build(_ rec: [String], id: String, vaccines: [VAERSVaccine], symptoms: [String], line: Int? = nil) -> Case? {
        guard !symptoms.isEmpty else { return nil }
        var notes: [String?] = []
        let place = "\(file)\(line.map { ":\($0)" } ?? "") (VAERS_ID \(id))"
        var c = Case(id: ImportMapping.caseID("vaers", id), source: CaseSource(kind: .vaers, file: file, record: id, format: "vaers-csv"))
        c.dates.received = date(rec, "RECVDATE", place, &notes)
        c.dates.reported = date(rec, "RPT_DATE", place, &notes)
        let rawAge = field(rec, "AGE_YRS")
        let (age, ageNote) = ImportMapping.age(ImportMapping.number(rawAge), .year)
        c.patient.age = age
        notes.append(ageNote)
        if let rawAge, age == nil {
            if ageNote == nil { notes.append("AGE_YRS \"\(rawAge)\" is not a number") }
            issues.add(place, "AGE_YRS \"\(rawAge)\" is not a plausible age")
        }
        switch field(rec, "SEX")?.uppercased() {
        case "F": c.patient.sex = .female
        case "M": c.patient.sex = .male
        case "U": c.patient.sex = .unknown
        default: break
        }
        for k in ["CUR_ILL", "HISTORY"] { if let t = field(rec, k), !["NONE", "NO", "N/A", "UNKNOWN"].contains(t.uppercased()) { c.patient.conditions.append(t) } }
        c.narrative = field(rec, "SYMPTOM_TEXT")

        let flag = { (k: String) in field(rec, k)?.uppercased() == "Y" }
        if flag("DIED") { c.seriousness.append(.death) }
        if flag("L_THREAT") { c.seriousness.append(.lifeThreatening) }
        if flag("HOSPITAL") || flag("X_STAY") { c.seriousness.append(.hospitalization) }
        if flag("DISABLE") { c.seriousness.append(.disability) }
        if flag("BIRTH_DEFECT") { c.seriousness.append(.congenitalAnomaly) }
        // VAERS does not count an emergency visit as serious; it is kept as "other" so it can be
        // found, while `serious` follows VAERS' own definition.
        let serious = !c.seriousness.isEmpty
        if flag("ER_VISIT") || flag("ER_ED_VISIT") { c.seriousness.append(.other); notes.append("emergency room visit") }
        c.serious = serious
        if flag("DIED") { c.outcome = .fatal } else {
            switch field(rec, "RECOVD")?.uppercased() {
            case "Y": c.outcome = .recovered
            case "N": c.outcome = .notRecovered
            case "U": c.outcome = .unknown
            default: break
            }
        }

        let onset = date(rec, "ONSET_DATE", place, &notes).map(TimePoint.date)
        for (k, t) in symptoms.enumerated() {
            var e = Event(id: "e\(k + 1)", term: t, preferred: lexicon.preferred(t))
            e.onset = onset
            c.events.append(e)
        }

        let vaxDate = date(rec, "VAX_DATE", place, &notes).map(TimePoint.date)
        let numDays = ImportMapping.number(field(rec, "NUMDAYS"))
        for (k, v) in vaccines.enumerated() {
            let name = v.name ?? v.type ?? ImportMapping.unnamedDrug
            let generic = lexicon.lexicon.generic(for: name) ?? v.type.flatMap { lexicon.lexicon.generic(for: $0) } ?? v.type?.lowercased()
            var d = Drug(id: "d\(k + 1)", name: name, generic: generic, role: .suspect)
            d.route = Self.route(v.route)
            d.note = ImportMapping.note([v.type.map { "vaccine type \($0)" }, v.manufacturer.map { "manufacturer \($0)" },
                                         v.lot.map { "lot \($0)" }, v.site.map { "site \($0)" },
                                         v.dose == nil ? v.doseText.map { "dose \($0)" } : nil])
            if let dose = v.dose, dose >= 1 {
                d.administrations = [Administration(number: dose, time: vaxDate)]
            } else if let vaxDate {
                // An administration without a number would be read as dose 1; with the series
                // unknown, the vaccination is only known to be the last dose before onset.
                d.end = vaxDate
            }
            c.drugs.append(d)
            // NUMDAYS is onset minus vaccination in days: counted from this dose when its number is known.
            if let n = numDays {
                guard n >= 0 else {
                    notes.append("NUMDAYS \(JSONWriter.number(n)) is negative")
                    if k == 0 { issues.add(place, "NUMDAYS \(JSONWriter.number(n)) is negative") }
                    continue
                }
                if let dose = v.dose, dose >= 1 {
                    c.intervals.append(ReportedInterval(drug: d.id, anchor: .dose, dose: dose, min: n, max: n, unit: .day, text: "NUMDAYS \(JSONWriter.number(n))"))
                } else {
                    c.intervals.append(ReportedInterval(drug: d.id, anchor: .lastDose, min: n, max: n, unit: .day, text: "NUMDAYS \(JSONWriter.number(n))"))
                }
            }
        }
        if let meds = field(rec, "OTHER_MEDS"), !["NONE", "NO", "N/A", "UNKNOWN"].contains(meds.uppercased()) { notes.append("other medications: \(meds)") }
        if let lab = field(rec, "LAB_DATA"), !["NONE", "N/A"].contains(lab.uppercased()) { c.tests.append(LabTest(name: "laboratory data", result: lab)) }
        if let by = field(rec, "V_ADMINBY") { notes.append("administered by \(by)") }
        c.notes = ImportMapping.note(notes)
        return c
    }

    static func route(_ code: String?) -> String? {
        switch code?.uppercased() {
        case nil, "UN", "OT", "UNK": return nil
        case "IM": return "intramuscular"
        case "SC", "SYR": return "subcutaneous"
        case "PO", "OR": return "oral"
        case "IN": return "nasal"
        case "ID": return "intradermal"
        case "JET": return "jet injector"
        case let other?: return other.lowercased()
        }
    }
}
