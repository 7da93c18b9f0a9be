import Foundation

/// Maps one E2B(R2)-shaped safety report to a case. openFDA's drug-event JSON is the R2
/// `safetyreport` turned into JSON (same element names, all values strings), so the openFDA and
/// the E2B(R2)/AERS SGML importers share this mapping; the R2 importer first turns its XML into
/// the same JSONValue shape.
struct E2BReportMapper {
    let lexicon: LexiconCache
    let kind: SourceKind
    /// `openfda-json`, `e2b-r2`, `aers-sgml`.
    let format: String
    /// The case id prefix (`openfda`, `e2b`).
    let prefix: String
    let file: String
    /// Dates and ages the mapper could not use, counted for the source's warnings.
    let issues: ValueIssues

    init(lexicon: Lexicon, kind: SourceKind, format: String, prefix: String, file: String, issues: ValueIssues = ValueIssues()) {
        self.lexicon = LexiconCache(lexicon)
        self.kind = kind; self.format = format; self.prefix = prefix; self.file = file; self.issues = issues
    }

    /// A date field with its format code; an impossible date is noted in the case and counted.
    private func date(_ value: String?, _ format: String?, _ field: String, _ place: String, _ notes: inout [String?]) -> PartialDate? {
        switch E2BCodes.parseDate(value, format: format) {
        case .absent: return nil
        case .date(let d): return d
        case .invalid(let raw):
            notes.append("\(field) \"\(raw)\" is not a date")
            issues.add("\(file): \(place)", "\(field) \"\(raw)\" is not a date")
            return nil
        }
    }

    enum Result { case built(Case), skipped(String) }

    func map(_ r: JSONValue, place: String) throws -> Result {
        guard let reportID = r["safetyreportid"]?.text else {
            throw ImportError(file: file, place: "\(place)/safetyreportid", message: "expected the report's safetyreportid")
        }
        var notes: [String?] = []
        var source = CaseSource(kind: kind, file: file, record: reportID, format: format)
        source.caseNumber = r["@case_number"]?.text
        source.version = r["safetyreportversion"]?.text.flatMap { Int($0) }
        let primary = r["primarysource"]?.items.first
        source.citation = primary?["literaturereference"]?.text
        var c = Case(id: ImportMapping.caseID(prefix, reportID), source: source)
        c.dates.received = date(r["receivedate"]?.text, r["receivedateformat"]?.text, "receivedate", place, &notes)
        c.country = r["occurcountry"]?.text ?? r["primarysourcecountry"]?.text

        switch r["serious"]?.text {
        case "1": c.serious = true
        case "2": c.serious = false
        default: break
        }
        let flags: [(String, Seriousness)] = [
            ("seriousnessdeath", .death), ("seriousnesslifethreatening", .lifeThreatening),
            ("seriousnesshospitalization", .hospitalization), ("seriousnessdisabling", .disability),
            ("seriousnesscongenitalanomali", .congenitalAnomaly), ("seriousnessother", .other),
        ]
        for (key, s) in flags where r[key]?.text == "1" { c.seriousness.append(s) }

        guard let patient = r["patient"] else { return .skipped("\(place): report \(reportID) has no patient") }
        let (age, ageNote) = ImportMapping.age(ImportMapping.number(patient["patientonsetage"]?.text),
                                                E2BCodes.ageUnit(patient["patientonsetageunit"]?.text))
        c.patient.age = age
        notes.append(ageNote)
        if let raw = patient["patientonsetage"]?.text, age == nil {
            let unit = patient["patientonsetageunit"]?.text ?? "(no unit)"
            if ageNote == nil { notes.append("patientonsetage \"\(raw)\" \(unit) not understood") }
            issues.add("\(file): \(place)", "patientonsetage \"\(raw)\" \(unit) is not a plausible age in a known unit")
        }
        c.patient.sex = E2BCodes.sex(patient["patientsex"]?.text)
        c.patient.weight = ImportMapping.weight(ImportMapping.number(patient["patientweight"]?.text), .kg)
        for h in patient["medicalhistoryepisode"]?.items ?? [] {
            if let t = h["patientepisodename"]?.text { c.patient.conditions.append(t) }
        }

        // openFDA keeps only the case's event date, inside this summary field; in R2 the field is
        // the narrative itself.
        let summary = patient["summary"]?.items.first?["narrativeincludeclinical"]?.text
        let caseEventDate = E2BCodes.caseEventDate(summary)
        let badEventDate = summary.map { $0.range(of: "CASE EVENT DATE:", options: .caseInsensitive) != nil } == true && caseEventDate == nil
        if badEventDate { issues.add("\(file): \(place)", "the case event date in \"\(summary ?? "")\" is not a date") }
        if kind != .openfda { c.narrative = summary }

        for (k, re) in (patient["reaction"]?.items ?? []).enumerated() {
            // The reporter's words are the term; the MedDRA PT (upper case in AERS) is the preferred term.
            let pt = re["reactionmeddrapt"]?.text
            guard let term = re["primarysourcereaction"]?.text ?? pt ?? re["reactionmeddrallt"]?.text else {
                notes.append("reaction \(k + 1) has no term"); continue
            }
            let preferred = pt.map { lexicon.preferred($0) } ?? lexicon.lexicon.preferred(for: term)
            var e = Event(id: "e\(c.events.count + 1)", term: term, preferred: preferred)
            let at = "\(place)/patient/reaction[\(k + 1)]"
            e.onset = (date(re["reactionstartdate"]?.text, re["reactionstartdateformat"]?.text, "reactionstartdate", at, &notes) ?? caseEventDate).map(TimePoint.date)
            e.end = date(re["reactionenddate"]?.text, re["reactionenddateformat"]?.text, "reactionenddate", at, &notes).map(TimePoint.date)
            e.outcome = E2BCodes.outcome(re["reactionoutcome"]?.text)
            c.events.append(e)
        }
        guard !c.events.isEmpty else { return .skipped("\(place): report \(reportID) has no reaction") }

        for (k, dr) in (patient["drug"]?.items ?? []).enumerated() {
            c.drugs.append(drug(dr, id: "d\(k + 1)", place: "\(place)/patient/drug[\(k + 1)]", into: &c))
        }

        if c.seriousness.contains(.death) || c.events.contains(where: { $0.outcome == .fatal }) || (patient["patientdeath"].map { $0 != .null } ?? false) {
            c.outcome = .fatal
        } else if c.events.count == 1 {
            c.outcome = c.events[0].outcome
        }
        if let n = r["companynumb"]?.text { notes.append("company number: \(n)") }
        if let q = primary?["qualification"]?.text, let who = E2BReportMapper.qualification(q) { notes.append("reported by: \(who)") }
        if kind == .openfda, caseEventDate != nil || badEventDate, let summary { notes.append(summary) }
        c.notes = ImportMapping.note(notes)
        return .built(c)
    }

    private func drug(_ dr: JSONValue, id: String, place: String, into c: inout Case) -> Drug {
        let substance = dr["activesubstance"]?.items.first?["activesubstancename"]?.text
        let openfdaGeneric = dr["openfda"]?["generic_name"]?.items.first?.text
        let name = dr["medicinalproduct"]?.text ?? substance ?? openfdaGeneric ?? ImportMapping.unnamedDrug
        var notes: [String?] = []
        let role = E2BCodes.role(dr["drugcharacterization"]?.text)
        if role == nil { notes.append("characterization \(dr["drugcharacterization"]?.text ?? "missing")") }
        var d = Drug(id: id, name: name,
                     generic: lexicon.generic(ingredients: [openfdaGeneric, substance], name: name),
                     role: role ?? .concomitant)
        d.indication = dr["drugindication"]?.text
        d.route = E2BCodes.route(dr["drugadministrationroute"]?.text)
        d.dose = dr["drugdosagetext"]?.text ?? ImportMapping.clean(
            [dr["drugstructuredosagenumb"]?.text, E2BReportMapper.doseUnit(dr["drugstructuredosageunit"]?.text)].compactMap { $0 }.joined(separator: " "))
        d.start = date(dr["drugstartdate"]?.text, dr["drugstartdateformat"]?.text, "drugstartdate", place, &notes).map(TimePoint.date)
        d.end = date(dr["drugenddate"]?.text, dr["drugenddateformat"]?.text, "drugenddate", place, &notes).map(TimePoint.date)
        d.action = E2BCodes.action(dr["actiondrug"]?.text)
        if let dur = dr["drugtreatmentduration"]?.text {
            let unit = E2BCodes.timeUnit(dr["drugtreatmentdurationunit"]?.text).map { " \($0.0.rawValue)" } ?? ""
            notes.append("treatment duration \(dur)\(unit)")
        }
        // R2's own time-to-onset: drug start → reaction start, last dose → reaction start.
        for (key, unitKey, anchor) in [("drugstartperiod", "drugstartperiodunit", IntervalAnchor.firstDose),
                                       ("druglastperiod", "druglastperiodunit", IntervalAnchor.lastDose)] {
            guard let raw = dr[key]?.text else { continue }
            guard let v = ImportMapping.number(raw), v >= 0, let (unit, factor) = E2BCodes.timeUnit(dr[unitKey]?.text) else {
                notes.append("\(key) \(raw) \(dr[unitKey]?.text ?? "") not understood")
                continue
            }
            c.intervals.append(ReportedInterval(drug: id, anchor: anchor, min: v * factor, max: v * factor, unit: unit,
                                                text: "\(key) \(raw) \(dr[unitKey]?.text ?? "")"))
        }
        d.note = ImportMapping.note(notes)
        return d
    }

    static func qualification(_ code: String) -> String? {
        switch code {
        case "1": return "physician"
        case "2": return "pharmacist"
        case "3": return "other health professional"
        case "4": return "lawyer"
        case "5": return "consumer"
        default: return nil
        }
    }

    static func doseUnit(_ code: String?) -> String? {
        switch code {
        case "001": return "kg"
        case "002": return "g"
        case "003": return "mg"
        case "004": return "µg"
        default: return code
        }
    }
}

extension JSONValue {
    /// A scalar as trimmed text (openFDA writes every value as a string; numbers are accepted too).
    var text: String? {
        switch self {
        case .string(let s): return ImportMapping.clean(s)
        case .number(let n): return JSONWriter.number(n)
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    /// An array's items, or a lone object as a one-item list (XML repeats collapse to one).
    var items: [JSONValue] {
        switch self {
        case .array(let a): return a
        case .null: return []
        default: return [self]
        }
    }
}
