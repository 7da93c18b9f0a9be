import Foundation

/// Turns a free-text case report into a draft case: patient, drugs with roles, reactions, dose-to-onset
/// intervals, treatments and outcome, each fact with the characters of the narrative it came from.
/// Rule-based and transparent (see Docs/narrative-extraction.md); build one per lexicon and reuse it.
public struct NarrativeExtractor: Sendable {
    public let dictionary: NarrativeDictionary

    public init(lexicon: Lexicon) { dictionary = NarrativeDictionary(lexicon: lexicon) }
    public init(dictionary: NarrativeDictionary) { self.dictionary = dictionary }

    /// A draft case (`status: draft`, `source.kind: narrative`) holding the whole text as its narrative.
    public func extract(_ text: String, id: String, file: String? = nil) -> Case {
        var c = Case(id: id, source: CaseSource(kind: .narrative, file: file, format: "text"))
        c.status = .draft
        c.narrative = text
        let a = NarrativeAnalysis(text: text, dictionary: dictionary)
        var spans: [TextSpan] = []

        // Patient.
        let about: (Int) -> Bool = { a.aboutPatient[$0] }
        if let age = PatientFacts.age(a.tokens, sentences: a.sentences, about: about) {
            c.patient.age = age.value
            spans.append(TextSpan(field: "patient.age", start: age.start, end: age.end))
        }
        let ageSentence = c.patient.age == nil ? nil : spans.first.map { sp in a.sentences.first { $0.start <= sp.start && sp.start < $0.end }?.index }.flatMap { $0 }
        if let sex = PatientFacts.sex(a.tokens, sentences: a.sentences, about: about, ageSentence: ageSentence) {
            c.patient.sex = sex.value
            spans.append(TextSpan(field: "patient.sex", start: sex.start, end: sex.end))
        }
        var conditionKeys: [String] = []
        for m in a.conditions where !conditionKeys.contains(m.canonical) {
            conditionKeys.append(m.canonical)
        }
        c.patient.conditions = conditionKeys
        for m in a.conditions {
            if let k = conditionKeys.firstIndex(of: m.canonical) {
                spans.append(TextSpan(field: "patient.conditions[\(k)]", start: m.charStart, end: m.charEnd))
            }
        }

        // Intervals first find the drugs they count from, which is evidence of suspicion.
        let phrases = OnsetIntervals.find(a)
        let anchored = Set(phrases.compactMap(\.drugMention))
        let findings = DrugRoles.assign(a, anchoredMentions: anchored)
        let ordered = DrugRole.allCases.flatMap { role in findings.filter { $0.role == role } }
        var drugIDs: [String: String] = [:]   // canonical → id
        for (k, f) in ordered.enumerated() {
            let id = "d\(k + 1)"
            drugIDs[f.canonical] = id
            var d = Drug(id: id, name: a.text(f.mentions[0].charStart, f.mentions[0].charEnd), generic: f.canonical, role: f.role)
            d.route = f.route
            if f.role.isSuspect, f.dechallenge { d.action = .withdrawn }
            c.drugs.append(d)
            for m in f.mentions { spans.append(TextSpan(field: "drugs[\(k)]", start: m.charStart, end: m.charEnd)) }
        }

        // Reactions, one per preferred term, in order of first mention.
        var eventIDs: [String: String] = [:]
        for m in a.events where eventIDs[m.canonical] == nil {
            let id = "e\(c.events.count + 1)"
            eventIDs[m.canonical] = id
            c.events.append(Event(id: id, term: a.text(m.charStart, m.charEnd), preferred: m.canonical))
        }
        for m in a.events {
            if let k = c.events.firstIndex(where: { $0.preferred == m.canonical }) {
                spans.append(TextSpan(field: "events[\(k)]", start: m.charStart, end: m.charEnd))
            }
        }
        if c.events.isEmpty {
            // The case format needs one reaction; the reviewer names it.
            c.events.append(Event(id: "e1", term: "reaction not identified"))
        }

        // Intervals, attached to a suspect drug.
        let suspects = findings.filter { $0.role.isSuspect }
        let references = OnsetIntervals.references(a)
        var dosesByDrug: [String: Int] = [:]
        struct Key: Hashable { var drug: String; var anchor: IntervalAnchor; var dose: Int?; var min: Double; var max: Double; var unit: TimeUnit }
        var merged: [Key: (events: Set<String>, all: Bool, text: String, start: Int, end: Int)] = [:]
        var keyOrder: [Key] = []
        for op in phrases {
            var p = op.phrase
            var drugCanonical: String?
            if let dm = op.drugMention { drugCanonical = a.drugs[dm].canonical }
            if case .relative = p.anchor {
                guard let ref = p.backward ? DosingReference.sameSentence(references, as: p, in: a) : DosingReference.latest(references, before: p.start) else { continue }
                // "…a fever and, the following day, a seizure": counted from the reaction just dated, not a dose.
                if phrases.contains(where: { q in q.phrase.min != nil && q.phrase.anchor != .relative && q.phrase.start > ref.charStart && q.phrase.start < p.start }) { continue }
                p.anchor = ref.anchor
                p.ordinal = ref.ordinal
                if drugCanonical == nil, let dm = ref.drugMention { drugCanonical = a.drugs[dm].canonical }
            }
            var alsoFor: [String] = []
            if drugCanonical == nil, let ref = DosingReference.latest(references, before: p.start),
               let dm = ref.drugMention, suspects.contains(where: { $0.canonical == a.drugs[dm].canonical }) {
                // The dosing told last ("her first cycle of docetaxel … five minutes into the infusion").
                drugCanonical = a.drugs[dm].canonical
                if p.anchor == .lastDose, let n = ref.ordinal, n > 0 { p.anchor = n == 1 ? .firstDose : .dose(n); p.ordinal = n }
                // Drugs started together ("started on vancomycin and piperacillin-tazobactam") share the time.
                if p.anchor == .firstDose {
                    let sameStart = references.filter { $0.anchor == .firstDose && a.drugs.indices.contains($0.drugMention ?? -1) && a.drugs[$0.drugMention!].sentence == a.drugs[dm].sentence }
                    let startSentence = a.drugs[dm].sentence
                    alsoFor = sameStart.isEmpty ? [] : a.drugs.filter { m in
                        m.sentence == startSentence && m.canonical != drugCanonical && suspects.contains { $0.canonical == m.canonical }
                    }.map(\.canonical)
                }
            }
            if drugCanonical == nil {
                // The nearest suspect named before the phrase, else the first suspect.
                let before = a.drugs.filter { m in m.charStart < p.start && suspects.contains { $0.canonical == m.canonical } }
                drugCanonical = before.last?.canonical ?? suspects.first?.canonical
            }
            guard let dc = drugCanonical, suspects.contains(where: { $0.canonical == dc }), let id = drugIDs[dc] else { continue }
            if let n = p.doseNumber ?? p.ordinal { dosesByDrug[dc] = max(dosesByDrug[dc] ?? 0, n) }
            // "the first dose" also numbers the dose when the phrase counts from the start of the course.
            if p.anchor == .firstDose, p.ordinal == nil,
               references.contains(where: { $0.ordinal == 1 && $0.charStart < p.end && ($0.drugMention.map { a.drugs[$0].canonical == dc } ?? true) }) {
                dosesByDrug[dc] = max(dosesByDrug[dc] ?? 0, 1)
            }
            guard let lo = p.min, let hi = p.max, let unit = p.unit else { continue }
            let anchor: IntervalAnchor
            var dose: Int?
            switch p.anchor {
            case .firstDose: anchor = .firstDose
            case .dose(let n): anchor = .dose; dose = n
            case .lastDose: anchor = .lastDose
            case .discontinuation: anchor = .discontinuation
            case .relative: continue
            }
            let evs = Set(op.events.compactMap { eventIDs[$0] })
            for drugID in [id] + alsoFor.compactMap({ drugIDs[$0] }) {
                let key = Key(drug: drugID, anchor: anchor, dose: dose, min: lo, max: hi, unit: unit)
                if var m = merged[key] {
                    m.events.formUnion(evs); m.all = m.all || evs.isEmpty
                    merged[key] = m
                } else {
                    merged[key] = (evs, evs.isEmpty, a.text(p.start, p.end), p.start, p.end)
                    keyOrder.append(key)
                }
            }
        }
        let allEvents = Set(c.events.map(\.id))
        for key in keyOrder {
            let m = merged[key]!
            // A drug with one dated onset: the narrative dates the case's reactions once, so it applies to all of them.
            let single = keyOrder.filter { $0.drug == key.drug }.count == 1
            let evs = single || m.all || m.events == allEvents ? [nil] : m.events.sorted().map { Optional($0) }
            for e in evs {
                spans.append(TextSpan(field: "intervals[\(c.intervals.count)]", start: m.start, end: m.end))
                c.intervals.append(ReportedInterval(drug: key.drug, event: e, anchor: key.anchor, dose: key.dose,
                                                    min: key.min, max: key.max, unit: key.unit, text: m.text))
            }
        }
        // Counted courses ("had received four courses of ocrelizumab") number the dose before a reaction after the last one.
        for (dm, n) in OnsetIntervals.doseCounts(a) {
            let dc = a.drugs[dm].canonical
            guard suspects.contains(where: { $0.canonical == dc }), dosesByDrug[dc] == nil else { continue }
            if c.intervals.contains(where: { $0.drug == drugIDs[dc] && $0.anchor == .lastDose }) { dosesByDrug[dc] = n }
        }
        for (dc, n) in dosesByDrug {
            guard let k = c.drugs.firstIndex(where: { $0.generic == dc }), n >= 1, n <= 100 else { continue }
            c.drugs[k].administrations = (1...n).map { Administration(number: $0) }
        }

        // Treatments of the reaction: drugs in that role, and procedures after the reaction began.
        let onset = a.onsetToken ?? Int.max
        for f in ordered where f.role == .treatment {
            var t = Treatment(name: a.text(f.mentions[0].charStart, f.mentions[0].charEnd))
            t.generic = f.canonical
            t.route = f.route
            if let s = f.treatmentSentence {
                let evs = a.events.filter { $0.sentence == s }.compactMap { eventIDs[$0.canonical] }
                t.events = Array(Set(evs)).sorted()
            }
            let k = c.treatments.count
            c.treatments.append(t)
            for m in f.mentions { spans.append(TextSpan(field: "treatments[\(k)]", start: m.charStart, end: m.charEnd)) }
        }
        for p in a.procedures where p.start > onset && !c.treatments.contains(where: { $0.name.lowercased() == p.canonical.lowercased() }) {
            spans.append(TextSpan(field: "treatments[\(c.treatments.count)]", start: p.charStart, end: p.charEnd))
            c.treatments.append(Treatment(name: p.canonical))
        }

        if let o = OutcomeCues.find(a) {
            c.outcome = o.value
            spans.append(TextSpan(field: "outcome", start: o.start, end: o.end))
        }
        c.spans = spans
        c.notes = "Draft extracted from free text by onset's narrative extractor; every fact needs a reviewer's check before the case is accepted."
        return c
    }

    /// The case id for a narrative file: `draft-<file stem>`, with characters outside `[A-Za-z0-9._:-]` replaced.
    public static func caseID(forFile url: URL) -> String {
        let stem = url.deletingPathExtension().lastPathComponent
        let safe = String(stem.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._:-".contains($0)) ? $0 : "-" })
        return String(("draft-" + (safe.isEmpty ? "narrative" : safe)).prefix(200))
    }
}
