/// A fact read from the narrative with the characters it came from.
public struct Spanned<Value: Hashable & Sendable>: Hashable, Sendable {
    public var value: Value
    public var start: Int
    public var end: Int
    public init(_ value: Value, start: Int, end: Int) { self.value = value; self.start = start; self.end = end }
}

/// Reads the patient's age and sex: exact ages only (`52-year-old`, `aged 58`, `a woman of 52`,
/// `I'm 72`, `8-month-old`, `52M`); decades such as "in her sixties" are left out because they are not an age.
public enum PatientFacts {
    static let ageUnits: [String: AgeUnit] = [
        "year": .year, "years": .year, "yr": .year, "yrs": .year, "y": .year,
        "month": .month, "months": .month, "mo": .month, "week": .week, "weeks": .week, "wk": .week,
        "day": .day, "days": .day, "hour": .hour, "hours": .hour,
    ]
    static let people: Set<String> = ["woman", "man", "lady", "gentleman", "female", "male", "girl", "boy", "patient",
                                       "mother", "father", "husband", "wife", "son", "daughter", "child", "infant", "adult"]
    static let femaleWords: Set<String> = ["woman", "lady", "female", "girl", "mother", "wife", "daughter", "mrs", "ms",
                                            "pregnant", "postmenopausal", "premenopausal", "grandmother", "sister", "aunt", "niece"]
    static let maleWords: Set<String> = ["man", "gentleman", "male", "boy", "father", "husband", "son", "mr",
                                          "grandfather", "brother", "uncle", "nephew", "guy"]

    /// The first exact age in the sentences about the patient.
    public static func age(_ t: [NarrativeToken], sentences: [NarrativeSentence], about: (Int) -> Bool) -> Spanned<Quantity<AgeUnit>>? {
        for s in sentences where about(s.index) {
            let w = t[s.tokens].filter { $0.text != "-" }   // "52-year-old" reads as 52 year old
            for i in w.indices {
                if let a = ageAt(w, i) { return a }
            }
        }
        return nil
    }

    static func ageAt(_ w: [NarrativeToken], _ i: Int) -> Spanned<Quantity<AgeUnit>>? {
        let end = w.endIndex
        func text(_ k: Int) -> String { k < end && k >= w.startIndex ? w[k].text : "" }
        func plausible(_ v: Double, _ u: AgeUnit) -> Bool { v >= 0 && v * u.years < 125 && v == v.rounded() || (u == .year && v >= 0 && v < 125 && v * 2 == (v * 2).rounded()) }
        // "52M", "34F": age and sex in one token.
        if w[i].kind == .word, let last = w[i].raw.last, last == "M" || last == "F", w[i].raw.count <= 4,
           let v = Double(w[i].raw.dropLast()), plausible(v, .year) {
            return Spanned(Quantity(v, .year), start: w[i].start, end: w[i].end)
        }
        // N year(s) old / N-year-old / N yo / N y/o / N years of age
        if let v = NumberWords.cardinal(text(i)), w[i].kind == .number || NumberWords.cardinalTable[text(i)] != nil {
            if let u = ageUnits[text(i + 1)] {
                if text(i + 2) == "old", plausible(v, u) { return Spanned(Quantity(v, u), start: w[i].start, end: w[i + 2].end) }
                if text(i + 2) == "of", text(i + 3) == "age", plausible(v, u) { return Spanned(Quantity(v, u), start: w[i].start, end: w[i + 3].end) }
            }
            if text(i + 1) == "yo" || (text(i + 1) == "y" && text(i + 2) == "/" && text(i + 3) == "o"), plausible(v, .year) {
                return Spanned(Quantity(v, .year), start: w[i].start, end: w[i + (text(i + 1) == "yo" ? 1 : 3)].end)
            }
        }
        // aged 58 / age 58 / age of 58 / a woman of 52 / I'm 72 / my husband is 61
        let lead = text(i)
        var k: Int?
        if lead == "aged" || (lead == "age" && text(i - 1) != "the") { k = text(i + 1) == "of" ? i + 2 : i + 1 }
        if people.contains(lead), text(i + 1) == "of" { k = i + 2 }
        if lead == "i'm" || (lead == "am" && text(i - 1) == "i") { k = i + 1 }
        if lead == "is", people.contains(text(i - 1)) || text(i - 1) == "he" || text(i - 1) == "she" { k = i + 1 }
        // "my daughter (15)", "a man (67)": an age in brackets after a person.
        if people.contains(lead), text(i + 1) == "(", text(i + 3) == ")" { k = i + 2 }
        if let k, k < end, w[k].kind == .number, let v = w[k].number, v >= 1, v < 120, v == v.rounded() {
            // "aged 58 years", but not "aged 58 kg" or "a man of 70 kg".
            let next = text(k + 1)
            if next.isEmpty || ageUnits[next] == .year || !["kg", "kilograms", "lb", "mg", "%", "cm", "mmol", "u"].contains(next) {
                if ageUnits[next] != nil, ageUnits[next] != .year { return nil }
                return Spanned(Quantity(v, .year), start: w[i].start, end: w[k].end)
            }
        }
        return nil
    }

    /// The patient's sex: a sex word beside the age or in the first sentence about the patient; in
    /// first-person reports, the reporter's spouse; else the pronouns of the sentences about the patient.
    public static func sex(_ t: [NarrativeToken], sentences: [NarrativeSentence], about: (Int) -> Bool,
                           ageSentence: Int?) -> Spanned<Sex>? {
        let patientSentences = sentences.filter { about($0.index) }
        var ordered = patientSentences
        if let a = ageSentence, let k = ordered.firstIndex(where: { $0.index == a }) {
            ordered.insert(ordered.remove(at: k), at: 0)
        }
        // Who the report is about: "I" (a consumer writing about themselves) or a relative ("my husband … he").
        var first = 0, third = 0
        for s in patientSentences {
            for tok in t[s.tokens] {
                if tok.text == "i" || tok.text == "i'm" || tok.text == "i've" { first += 1 }
                if ["he", "she", "his", "her", "him"].contains(tok.text) { third += 1 }
            }
        }
        let aboutSelf = first > 0 && first >= third
        for s in ordered.prefix(3) {
            let toks = Array(t[s.tokens])
            for (k, tok) in toks.enumerated() {
                let prevMy = k > 0 && toks[k - 1].text == "my"
                let female = femaleWords.contains(tok.text), male = maleWords.contains(tok.text)
                guard female || male else { continue }
                if prevMy && aboutSelf {
                    // "my wife made me go in": the writer is the patient, of the other sex.
                    if tok.text == "wife" { return Spanned(.male, start: tok.start, end: tok.end) }
                    if tok.text == "husband" { return Spanned(.female, start: tok.start, end: tok.end) }
                    continue
                }
                if (tok.text == "ms" || tok.text == "mr" || tok.text == "mrs") && !tok.raw.first!.isUppercase { continue }
                return Spanned(female ? .female : .male, start: tok.start, end: tok.end)
            }
        }
        if aboutSelf {
            for s in patientSentences {
                let toks = Array(t[s.tokens])
                for (k, tok) in toks.enumerated() where k > 0 && toks[k - 1].text == "my" {
                    if tok.text == "wife" { return Spanned(.male, start: tok.start, end: tok.end) }
                    if tok.text == "husband" { return Spanned(.female, start: tok.start, end: tok.end) }
                }
            }
            return nil
        }
        var she = 0, he = 0
        var firstShe: NarrativeToken?, firstHe: NarrativeToken?
        for s in patientSentences {
            for tok in t[s.tokens] {
                if tok.text == "she" || tok.text == "her" || tok.text == "hers" || tok.text == "herself" { she += 1; if firstShe == nil { firstShe = tok } }
                if tok.text == "he" || tok.text == "his" || tok.text == "him" || tok.text == "himself" { he += 1; if firstHe == nil { firstHe = tok } }
            }
        }
        // Pronouns decide only when one sex clearly dominates (a report may mention a spouse or a doctor).
        if she >= 2, she >= 3 * he, let f = firstShe { return Spanned(.female, start: f.start, end: f.end) }
        if he >= 2, he >= 3 * she, let f = firstHe { return Spanned(.male, start: f.start, end: f.end) }
        return nil
    }
}
