import Foundation

/// Reads ICH E2B(R3) HL7 v3 messages (`MCCI_IN200100UV01` batches of `PORR_IN049016UV`) into
/// cases, following the XPaths of FDA's E2B(R3) data-element sheet.
///
/// Reactions keep their UUIDs so the per drug × reaction intervals G.k.9.i.3.1 (`SAS`, from the
/// start of the drug → anchor first-dose) and G.k.9.i.3.2 (`SAE`, from the last dose → anchor
/// last-dose) attach to the right event. A value carrying a `nullFlavor` is unknown and left out.
struct E2BR3Reader {
    let lexicon: Lexicon
    let file: String
    /// Where dates, ages and references the reader could not use are counted.
    var issues = ValueIssues()

    static let reportIDRoot = "2.16.840.1.113883.3.989.2.1.3.1"
    static let worldwideIDRoot = "2.16.840.1.113883.3.989.2.1.3.2"
    static let fdaReactionCodes = "2.16.840.1.113883.3.989.5.1.2.2.1.3"

    func read(_ data: Data, _ body: (E2BReportMapper.Result) throws -> Void) throws {
        let reader = XMLRecordReader(data: data, records: ["PORR_IN049016UV"], file: file)
        try reader.read { node, place in try body(try map(node, place: place)) }
        if reader.recordCount == 0 {
            throw ImportError(file: file, place: "/MCCI_IN200100UV01", message: "no <PORR_IN049016UV> message: not an E2B(R3) file")
        }
    }

    private func code(_ n: XMLNode?) -> String? { n?.first("code")?["code"] }

    /// A date or timestamp (`20141010`, `200901`, `20220614101010-0500`) unless null-flavoured.
    static func date(_ n: XMLNode?) -> PartialDate? {
        guard let n, !n.isNull else { return nil }
        return E2BCodes.date(n["value"], format: nil)
    }

    /// A date element's value; one that names no real day is noted in the case and counted.
    private func date(_ n: XMLNode?, _ field: String, _ place: String, _ notes: inout [String?]) -> PartialDate? {
        guard let n, !n.isNull else { return nil }
        switch E2BCodes.parseDate(n["value"], format: nil) {
        case .absent: return nil
        case .date(let d): return d
        case .invalid(let raw):
            notes.append("\(field) \"\(raw)\" is not a date")
            issues.add("\(file): \(place)", "\(field) \"\(raw)\" is not a date")
            return nil
        }
    }

    static func ageUnit(_ u: String?) -> AgeUnit? {
        switch u {
        case "a": return .year
        case "mo": return .month
        case "wk": return .week
        case "d": return .day
        case "h": return .hour
        case "10.a": return .decade
        default: return nil
        }
    }

    /// UCUM interval units (s, min, h, d, wk, mo, a) with the factor into onset's unit.
    static func timeUnit(_ u: String?) -> (TimeUnit, Double)? {
        switch u {
        case "s": return (.minute, 1.0 / 60)
        case "min": return (.minute, 1)
        case "h": return (.hour, 1)
        case "d": return (.day, 1)
        case "wk": return (.week, 1)
        case "mo": return (.month, 1)
        case "a": return (.year, 1)
        case "10.a": return (.year, 10)
        default: return nil
        }
    }

    func map(_ msg: XMLNode, place: String) throws -> E2BReportMapper.Result {
        let iePath = ["controlActProcess", "subject", "investigationEvent"]
        guard let ie = msg.all(iePath[...]).first else {
            throw ImportError(file: file, place: "\(place)/\(iePath.joined(separator: "/"))", message: "expected the investigationEvent that holds the report")
        }
        let ids = ie.children("id")
        guard let reportID = ids.first(where: { $0["root"] == Self.reportIDRoot })?["extension"].flatMap(ImportMapping.clean) else {
            throw ImportError(file: file, place: "\(place)/\(iePath.joined(separator: "/"))/id[@root='\(Self.reportIDRoot)']",
                              message: "expected the sender's safety report id (C.1.1) in @extension")
        }
        var notes: [String?] = []
        var source = CaseSource(kind: .e2b, file: file, record: reportID, format: "e2b-r3")
        if let ww = ids.first(where: { $0["root"] == Self.worldwideIDRoot })?["extension"].flatMap(ImportMapping.clean), ww != reportID {
            source.caseNumber = ww
        }
        if let m = msg.child("id")?["extension"] { notes.append("message id \(m)") }
        source.citation = ie.all("reference", "document", "bibliographicDesignationText").compactMap(\.value).first
        var c = Case(id: ImportMapping.caseID("e2b", reportID), source: source)
        c.narrative = ie.child("text").flatMap { $0["representation"] == "B64" ? nil : $0.value }
        c.dates.received = date(ie.first("effectiveTime", "low"), "effectiveTime (C.1.5)", place, &notes)

        let assessment = ie.all("component", "adverseEventAssessment").first
        guard let role = assessment?.first("subject1", "primaryRole") else {
            return .skipped("\(place): report \(reportID) has no patient (primaryRole)")
        }
        if let g = role.first("player1", "administrativeGenderCode"), !g.isNull {
            c.patient.sex = E2BCodes.sex(g["code"])
        }
        let observations = role.all("subjectOf2", "observation")
        if let ageValue = observations.first(where: { code($0) == "3" })?.child("value"), !ageValue.isNull {
            let (age, note) = ImportMapping.age(ImportMapping.number(ageValue["value"]), Self.ageUnit(ageValue["unit"]))
            c.patient.age = age
            notes.append(note)
            if age == nil, let raw = ageValue["value"] {
                if note == nil { notes.append("age \"\(raw)\" \(ageValue["unit"] ?? "(no unit)") not understood") }
                issues.add("\(file): \(place)", "age \"\(raw)\" \(ageValue["unit"] ?? "(no unit)") is not a plausible age in a known unit")
            }
        }
        if let w = observations.first(where: { code($0) == "7" })?.child("value"), !w.isNull {
            c.patient.weight = ImportMapping.weight(ImportMapping.number(w["value"]), w["unit"] == "g" ? .g : .kg)
        }

        // Reactions (E.i): observations coded 29 that carry an id.
        var eventByUUID: [String: String] = [:]
        var seriousness: [Seriousness] = []
        for obs in observations where code(obs) == "29" {
            let id = "e\(c.events.count + 1)"
            let value = obs.child("value")
            let related = obs.all("outboundRelationship2", "observation")
            func relatedValue(_ k: String, system: String? = nil) -> XMLNode? {
                related.first { o in
                    guard let cd = o.child("code"), cd["code"] == k else { return false }
                    return system == nil || cd["codeSystem"] == system
                }?.child("value")
            }
            let translation = relatedValue("30")?.value
            let native = value?.child("originalText")?.value
            let meddra = value.flatMap { $0.isNull ? nil : $0["code"] }
            guard let term = translation ?? native ?? meddra.map({ "MedDRA \($0)" }) else {
                notes.append("reaction \(c.events.count + 1) has no term")
                continue
            }
            var e = Event(id: id, term: term, preferred: lexicon.preferred(for: term))
            let time = obs.child("effectiveTime")
            let at = "\(place) reaction \(c.events.count + 1)"
            e.onset = date(time?.child("low"), "reaction start", at, &notes).map(TimePoint.date)
            e.end = (date(time?.child("high"), "reaction end", at, &notes) ?? date(time?.first("comp", "high"), "reaction end", at, &notes)).map(TimePoint.date)
            if let o = relatedValue("27"), !o.isNull { e.outcome = E2BCodes.outcome(o["code"]) }
            for (k, s) in [("34", Seriousness.death), ("21", .lifeThreatening), ("33", .hospitalization),
                           ("35", .disability), ("12", .congenitalAnomaly), ("26", .other)] {
                if let v = relatedValue(k, system: "2.16.840.1.113883.3.989.2.1.1.19"), !v.isNull, v["value"] == "true", !seriousness.contains(s) { seriousness.append(s) }
            }
            if let v = relatedValue("7", system: Self.fdaReactionCodes), !v.isNull, v["value"] == "true", !seriousness.contains(.requiredIntervention) {
                seriousness.append(.requiredIntervention)
            }
            if c.country == nil, let cc = obs.first("location", "locatedEntity", "locatedPlace", "code"), !cc.isNull { c.country = cc["code"]?.uppercased() }
            if let uuid = obs.child("id")?["root"] { eventByUUID[uuid] = id }
            if meddra != nil || native != nil {
                notes.append("\(id): " + [meddra.map { "MedDRA \($0)" }, native.map { "reported \"\($0)\"" }].compactMap { $0 }.joined(separator: ", "))
            }
            c.events.append(e)
        }
        guard !c.events.isEmpty else { return .skipped("\(place): report \(reportID) has no reaction") }
        c.seriousness = seriousness
        c.serious = seriousness.isEmpty ? nil : true

        // Drug roles (G.k.1) sit in causality assessments that point at the drug's UUID.
        var roleByUUID: [String: String] = [:]
        for ca in assessment?.all("component", "causalityAssessment") ?? [] where code(ca) == "20" {
            if let uuid = ca.first("subject2", "productUseReference", "id")?["root"], let v = ca.child("value"), !v.isNull, let r = v["code"] {
                roleByUUID[uuid] = r
            }
        }
        let drugs = role.all("subjectOf2", "organizer").filter { code($0) == "4" }
            .flatMap { $0.all("component", "substanceAdministration") }
        for sa in drugs {
            c.drugs.append(drug(sa, id: "d\(c.drugs.count + 1)", place: "\(place) drug \(c.drugs.count + 1)", roles: roleByUUID, events: eventByUUID, into: &c))
        }

        if c.seriousness.contains(.death) || c.events.contains(where: { $0.outcome == .fatal }) {
            c.outcome = .fatal
        } else if c.events.count == 1 {
            c.outcome = c.events[0].outcome
        }
        c.notes = ImportMapping.note(notes)
        return .built(c)
    }

    private func drug(_ sa: XMLNode, id: String, place: String, roles: [String: String], events: [String: String], into c: inout Case) -> Drug {
        var notes: [String?] = []
        let product = sa.first("consumable", "instanceOfKind", "kindOfProduct")
        let ingredients = product?.all("ingredient", "ingredientSubstance", "name").compactMap(\.value) ?? []
        let name = product?.child("name")?.value ?? ingredients.first ?? ImportMapping.unnamedDrug
        let uuid = sa.child("id")?["root"]
        let roleCode = uuid.flatMap { roles[$0] }
        var role = E2BCodes.role(roleCode)
        if roleCode == "4" { notes.append("drug not administered"); role = .concomitant }
        else if role == nil { notes.append("role not given") }
        let generic = ingredients.count > 1
            ? (lexicon.generic(for: name) ?? ingredients.map { $0.lowercased() }.joined(separator: ", "))
            : ImportMapping.generic(ingredients: ingredients, name: name, lexicon: lexicon)
        var d = Drug(id: id, name: name, generic: generic, role: role ?? .concomitant)

        // Dosages (G.k.4.r): each an effectiveTime with the start (low) and last administration (high).
        var courses: [Course] = []
        var doses: [String] = []
        for dose in sa.all("outboundRelationship2").filter({ $0["typeCode"] == "COMP" }).compactMap({ $0.child("substanceAdministration") }) {
            if let t = dose.child("text")?.value { doses.append(t) }
            if let q = dose.child("doseQuantity"), !q.isNull, let v = q["value"] { doses.append("\(v) \(q["unit"] ?? "")".trimmingCharacters(in: .whitespaces)) }
            if d.route == nil, let r = dose.child("routeCode") {
                d.route = (r.child("originalText")?.value ?? r["displayName"])?.lowercased()
            }
            guard let et = dose.child("effectiveTime"), !et.isNull else { continue }
            let spans = et.children("comp").filter { $0.child("low") != nil || $0.child("high") != nil } + [et]
            for span in spans where span.child("low") != nil || span.child("high") != nil {
                let s = date(span.child("low"), "dosage start", place, &notes).map(TimePoint.date)
                let e = date(span.child("high"), "dosage end", place, &notes).map(TimePoint.date)
                if s != nil || e != nil { courses.append(Course(start: s, end: e)) }
            }
        }
        d.courses = courses.count > 1 ? courses : []
        d.start = courses.first?.start
        d.end = courses.last?.end
        d.dose = doses.isEmpty ? nil : doses.joined(separator: "; ")
        d.indication = sa.all("inboundRelationship").filter { $0["typeCode"] == "RSON" }
            .compactMap { $0.first("observation", "value") }.compactMap { $0.child("originalText")?.value ?? $0["displayName"] }
            .joined(separator: "; ")
        if d.indication?.isEmpty == true { d.indication = nil }
        if let act = sa.all("inboundRelationship").first(where: { $0["typeCode"] == "CAUS" })?.first("act", "code"), !act.isNull {
            d.action = E2BCodes.action(act["code"])
        }

        // G.k.9.i.3: intervals per drug × reaction.
        for rel in sa.children("outboundRelationship1") {
            let anchor: IntervalAnchor
            switch rel["typeCode"] {
            case "SAS": anchor = .firstDose
            case "SAE": anchor = .lastDose
            default: continue
            }
            guard let q = rel.child("pauseQuantity"), !q.isNull else { continue }
            guard let v = ImportMapping.number(q["value"]), v >= 0, let (unit, factor) = Self.timeUnit(q["unit"]) else {
                notes.append("\(rel["typeCode"] ?? "") interval \(q["value"] ?? "?") \(q["unit"] ?? "") not understood")
                continue
            }
            let target = rel.first("actReference", "id")?["root"]
            let event = target.flatMap { events[$0] }
            if let target, event == nil {
                // A time-to-onset for a reaction the report does not list: kept as a note, counted.
                let what = "\(rel["typeCode"] ?? "") interval \(q["value"] ?? "") \(q["unit"] ?? "") points at reaction \(target), which the report does not list"
                notes.append(what)
                issues.add("\(file): \(place)", what)
                continue
            }
            c.intervals.append(ReportedInterval(drug: id, event: event, anchor: anchor, min: v * factor, max: v * factor, unit: unit,
                                                text: "\(rel["typeCode"] ?? "") \(q["value"] ?? "") \(q["unit"] ?? "")"))
        }
        d.note = ImportMapping.note(notes)
        return d
    }
}
