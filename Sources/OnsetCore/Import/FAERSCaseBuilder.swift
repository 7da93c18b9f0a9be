import Foundation

/// Turns the rows of one FAERS/AERS report into a case.
struct FAERSCaseBuilder {
    let lexicon: LexiconCache
    /// The quarter the rows came from (zip or folder path), kept in `source.file`.
    let file: String
    /// Dates, ages and rows the builder could not use, counted for the source's warnings.
    let issues = ValueIssues()
    /// `d1`, `d2`, … and `e1`, `e2`, …, made once: interpolating a case's drug and event ids was
    /// a measurable share of building it.
    private let drugIDs = (1...64).map { "d\($0)" }
    // Declared apart: this compiler gives `let a = (…).map { … }, b = (…).map { … }` the first
    // closure for both.
    private let eventIDs = (1...64).map { "e\($0)" }

    init(lexicon: Lexicon, file: String) {
        self.lexicon = LexiconCache(lexicon)
        self.file = file
    }

    enum Outcome { case built(Case), skipped(String) }

    func build(_ g: FAERSGroup) -> Outcome {
        let d = g.demo
        guard let caseNumber = d.caseid else { return .skipped("primaryid \(d.primaryid) has no caseid") }
        guard !g.reactions.isEmpty else { return .skipped("primaryid \(d.primaryid) has no reactions (REAC)") }
        var notes: [String?] = []
        // Where a warning points; made only when there is one (the quarter's path made it an
        // allocation per case).
        let place = Place(file: file, primaryid: d.primaryid)
        var source = CaseSource(kind: .faers, file: file, record: d.primaryid, caseNumber: caseNumber,
                                version: d.version, format: d.legacy ? "aers-ascii" : "faers-ascii")
        source.citation = d.litRef
        var c = Case(id: ImportMapping.caseID("faers", caseNumber), source: source)
        c.dates.received = date(d.fdaDate, "fda_dt", place, &notes)
        c.dates.reported = date(d.reptDate, "rept_dt", place, &notes)
        c.country = d.occrCountry

        let (age, ageNote) = ImportMapping.age(ImportMapping.number(d.age), FAERSCaseBuilder.ageUnit(d.ageCod))
        c.patient.age = age
        notes.append(ageNote)
        if d.age != nil && age == nil {
            if ageNote == nil { notes.append("age reported as \(d.age ?? "") \(d.ageCod ?? "")") }
            issues.add(place.description, "age \"\(d.age ?? "")\" \(d.ageCod ?? "(no unit)") is not a plausible age in a known unit")
        }
        c.patient.sex = FAERSCaseBuilder.sex(d.sex)
        c.patient.weight = ImportMapping.weight(ImportMapping.number(d.wt), FAERSCaseBuilder.weightUnit(d.wtCod))

        // Events: one per REAC row; FAERS dates the case, not each reaction, so every event gets
        // the case's event date (possibly partial, which the intervals turn into honest ranges).
        let onset = date(d.eventDate, "event_dt", place, &notes).map(TimePoint.date)
        for (k, pt) in g.reactions.enumerated() {
            var e = Event(id: k < eventIDs.count ? eventIDs[k] : "e\(k + 1)", term: pt, preferred: lexicon.preferred(pt))
            e.onset = onset
            c.events.append(e)
        }

        c.drugs = drugs(g, place: place, notes: &notes)

        for code in g.outcomes {
            guard let s = FAERSCaseBuilder.seriousness(code) else { notes.append("outcome code \(code)"); continue }
            if !c.seriousness.contains(s) { c.seriousness.append(s) }
        }
        if !g.outcomes.isEmpty { c.serious = true }
        if c.seriousness.contains(.death) { c.outcome = .fatal }

        let sources = g.reportSources.map { FAERSCaseBuilder.reportSource($0) }
        if !sources.isEmpty { notes.append("report source: " + sources.joined(separator: ", ")) }
        if let t = d.reptCod { notes.append("report type: \(FAERSCaseBuilder.reportType(t))") }
        if let m = d.mfrNum { notes.append("manufacturer control number: \(m)") }
        c.notes = ImportMapping.note(notes)
        return .built(c)
    }

    /// A report's position in its quarter, spelt out only for a warning.
    private struct Place: CustomStringConvertible {
        let file: String
        let primaryid: String
        var description: String { "\(file): primaryid \(primaryid)" }
    }

    private func date(_ s: String?, _ field: String, _ place: Place, _ notes: inout [String?]) -> PartialDate? {
        guard let s else { return nil }
        if let d = FAERSCaseBuilder.compactDate(s) ?? PartialDate(parsing: s) { return d }
        notes.append("\(field) \"\(s)\" is not a date")
        issues.add(place.description, "\(field) \"\(s)\" is not a date")
        return nil
    }

    private func drugs(_ g: FAERSGroup, place: Place, notes caseNotes: inout [String?]) -> [Drug] {
        // drug_seq orders the drugs; THER and INDI rows attach by the same number. A report has a
        // handful of each, so they are found by a scan rather than through dictionaries built
        // for every case.
        let rows = FAERSCaseBuilder.inSeqOrder(g.drugs)
        var out: [Drug] = []
        for (k, r) in rows.enumerated() {
            let name = r.name ?? r.prodAI ?? ImportMapping.unnamedDrug
            var drugNotes: [String?] = []
            let role = FAERSCaseBuilder.role(r.role)
            if role == nil { drugNotes.append("role code \(r.role ?? "missing")") }
            var drug = Drug(id: k < drugIDs.count ? drugIDs[k] : "d\(k + 1)", name: name,
                            generic: lexicon.generic(ingredient: r.prodAI, name: name),
                            role: role ?? .concomitant)
            drug.route = FAERSCaseBuilder.route(r.route)
            drug.dose = r.doseVbm ?? ImportMapping.clean([r.doseAmt, r.doseUnit, r.doseFreq].compactMap { $0 }.joined(separator: " "))
            let seq = r.seq ?? ""
            var indications: [String] = []
            for i in g.indications where (i.seq ?? "") == seq { if let pt = i.pt { indications.append(pt) } }
            if !indications.isEmpty { drug.indication = indications.joined(separator: "; ") }
            var courses: [Course] = []
            for t in g.therapies where (t.seq ?? "") == seq {
                let s = date(t.start, "start_dt", place, &drugNotes).map(TimePoint.date)
                let e = date(t.end, "end_dt", place, &drugNotes).map(TimePoint.date)
                if let dur = t.dur { drugNotes.append(t.durCod.map { "therapy duration \(dur) \($0)" } ?? "therapy duration \(dur)") }
                if s != nil || e != nil { courses.append(Course(start: s, end: e)) }
            }
            // Courses in time order when every course has a start; otherwise as the file lists them.
            if courses.count > 1, courses.allSatisfy({ $0.start != nil }) {
                courses = courses.enumerated().sorted { a, b in
                    let x = a.element.start?.epochDays(dayZero: nil)?.min ?? 0
                    let y = b.element.start?.epochDays(dayZero: nil)?.min ?? 0
                    return x != y ? x < y : a.offset < b.offset
                }.map(\.element)
            }
            drug.courses = courses
            drug.start = courses.first?.start
            drug.end = courses.last?.end
            if let dc = r.dechal, let t = FAERSCaseBuilder.challenge(dc) { drugNotes.append("dechallenge \(t)") }
            if let rc = r.rechal, let t = FAERSCaseBuilder.challenge(rc) { drugNotes.append("rechallenge \(t)") }
            drug.note = ImportMapping.note(drugNotes)
            out.append(drug)
        }
        // THER and INDI rows whose drug_seq names no DRUG row of the report: kept in the case's
        // notes and counted, not dropped unseen.
        func named(_ seq: String?) -> Bool { rows.contains { ($0.seq ?? "") == (seq ?? "") } }
        for t in g.therapies where !named(t.seq) {
            let what = "THER row for drug_seq \(t.seq ?? "(none)") (start \(t.start ?? "?"), end \(t.end ?? "?")) names no drug of the report"
            caseNotes.append(what)
            issues.add(place.description, what)
        }
        for i in g.indications where !named(i.seq) {
            let what = "INDI row for drug_seq \(i.seq ?? "(none)") (\(i.pt ?? "?")) names no drug of the report"
            caseNotes.append(what)
            issues.add(place.description, what)
        }
        return out
    }

    /// DRUG rows ordered by drug_seq (numerically; ties and rows without a number by file order),
    /// sorting only when the numbers do not already rise row by row, as they usually do.
    static func inSeqOrder(_ drugs: [FAERSDrugRow]) -> [FAERSDrugRow] {
        let numbers = drugs.map { Int($0.seq ?? "") }
        func before(_ a: Int, _ b: Int) -> Bool {
            switch (numbers[a], numbers[b]) {
            case let (x?, y?) where x != y: return x < y
            default: return a < b
            }
        }
        let ascending = drugs.indices.dropFirst().allSatisfy { k in
            guard let a = numbers[k - 1], let b = numbers[k] else { return false }
            return a < b
        }
        if ascending { return drugs }
        return drugs.indices.sorted(by: before).map { drugs[$0] }
    }

    /// `YYYY`, `YYYYMM`, `YYYYMMDD` read digit by digit (the general parser trims and filters).
    static func compactDate(_ s: String) -> PartialDate? {
        let u = Array(s.utf8)
        guard u.count == 4 || u.count == 6 || u.count == 8, u.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        func num(_ r: Range<Int>) -> Int { r.reduce(0) { $0 * 10 + Int(u[$1] - 0x30) } }
        return PartialDate(year: num(0..<4), month: u.count >= 6 ? num(4..<6) : nil, day: u.count == 8 ? num(6..<8) : nil)
    }

    /// A code in capitals; one already in capitals (as FAERS writes them) is returned as it is.
    static func upper(_ code: String) -> String {
        code.utf8.contains { $0 >= 0x61 && $0 <= 0x7A || $0 >= 0x80 } ? code.uppercased() : code
    }

    static func role(_ code: String?) -> DrugRole? {
        switch code.map(upper) {
        case "PS", "SS": return .suspect
        case "C": return .concomitant
        case "I": return .interacting
        default: return nil
        }
    }

    static func ageUnit(_ code: String?) -> AgeUnit? {
        switch code.map(upper) {
        case "DEC": return .decade
        case "YR", "YRS": return .year
        case "MON": return .month
        case "WK": return .week
        case "DY": return .day
        case "HR": return .hour
        default: return nil
        }
    }

    static func sex(_ code: String?) -> Sex? {
        switch code.map(upper) {
        case "F": return .female
        case "M": return .male
        case "UNK", "NS": return .unknown
        default: return nil
        }
    }

    static func weightUnit(_ code: String?) -> WeightUnit? {
        switch code.map(upper) {
        case "KG": return .kg
        case "LBS", "LB": return .lb
        case "GMS", "G": return .g
        default: return nil
        }
    }

    static func seriousness(_ code: String) -> Seriousness? {
        switch upper(code) {
        case "DE": return .death
        case "LT": return .lifeThreatening
        case "HO": return .hospitalization
        case "DS": return .disability
        case "CA": return .congenitalAnomaly
        case "RI": return .requiredIntervention
        case "OT": return .other
        default: return nil
        }
    }

    static func reportSource(_ code: String) -> String {
        switch upper(code) {
        case "FGN": return "foreign"
        case "SDY": return "study"
        case "LIT": return "literature"
        case "CSM": return "consumer"
        case "HP": return "health professional"
        case "UF": return "user facility"
        case "CR": return "company representative"
        case "DT": return "distributor"
        case "OTH": return "other"
        default: return code
        }
    }

    static func reportType(_ code: String) -> String {
        switch upper(code) {
        case "EXP": return "expedited (15-day)"
        case "PER": return "periodic"
        case "DIR": return "direct"
        default: return code
        }
    }

    static func challenge(_ code: String) -> String? {
        switch upper(code) {
        case "Y": return "positive"
        case "N": return "negative"
        default: return nil
        }
    }

    /// FAERS routes are free text in title case; `Unknown` is no route.
    static func route(_ s: String?) -> String? {
        guard let s = ImportMapping.clean(s) else { return nil }
        let l = s.lowercased()
        return l == "unknown" || l == "unk" ? nil : l
    }
}
