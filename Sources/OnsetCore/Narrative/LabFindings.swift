/// Reads abnormal laboratory results told in words as reactions: "her creatinine had risen to 260",
/// "the ALT was raised", "platelets fell to 12", "raised troponin", "low sodium". A measurement and a
/// word of direction within a few words of each other; values alone ("lipase 2100 U/L") are not read,
/// since judging them needs reference ranges.
enum LabFindings {
    /// Measurement words → the preferred terms for a rise and for a fall (nil when one direction is not a reaction).
    static let measurements: [String: (up: String?, down: String?)] = [
        "creatinine": ("Blood creatinine increased", nil),
        "urea": ("Blood urea increased", nil),
        "alt": ("Alanine aminotransferase increased", nil),
        "ast": ("Aspartate aminotransferase increased", nil),
        "transaminases": ("Transaminases increased", nil),
        "aminotransferases": ("Transaminases increased", nil),
        "bilirubin": ("Blood bilirubin increased", nil),
        "lipase": ("Lipase increased", nil),
        "amylase": ("Amylase increased", nil),
        "troponin": ("Troponin increased", nil),
        "ck": ("Blood creatine phosphokinase increased", nil),
        "cpk": ("Blood creatine phosphokinase increased", nil),
        "lactate": ("Blood lactic acid increased", nil),
        "inr": ("International normalised ratio increased", nil),
        "d-dimer": ("Fibrin D dimer increased", nil),
        "dimer": ("Fibrin D dimer increased", nil),
        "eosinophils": ("Eosinophilia", nil),
        "platelets": (nil, "Thrombocytopenia"),
        "platelet": (nil, "Thrombocytopenia"),
        "neutrophils": (nil, "Neutropenia"),
        "neutrophil": (nil, "Neutropenia"),
        "haemoglobin": (nil, "Haemoglobin decreased"),
        "hemoglobin": (nil, "Haemoglobin decreased"),
        "sodium": ("Hypernatraemia", "Hyponatraemia"),
        "potassium": ("Hyperkalaemia", "Hypokalaemia"),
        "glucose": ("Hyperglycaemia", "Hypoglycaemia"),
        "phosphate": (nil, "Hypophosphataemia"),
        "magnesium": ("Hypermagnesaemia", "Hypomagnesaemia"),
        "calcium": ("Hypercalcaemia", "Hypocalcaemia"),
        "tsh": ("Blood thyroid stimulating hormone increased", "Blood thyroid stimulating hormone decreased"),
    ]
    static let up: Set<String> = ["rose", "risen", "raised", "elevated", "increased", "high", "peaked", "climbed", "rising", "increase", "elevation", "spiked"]
    static let down: Set<String> = ["fell", "fallen", "dropped", "decreased", "low", "reduced", "falling", "drop", "fall", "decline", "declined"]

    /// Reaction mentions for the laboratory findings of one sentence, as token ranges.
    static func find(_ tokens: [NarrativeToken], range: Range<Int>) -> [(start: Int, end: Int, term: String)] {
        var out: [(Int, Int, String)] = []
        // "Her sodium rose to 133 and the confusion cleared": a value returning to normal is recovery.
        if range.contains(where: { NarrativeAnalysis.resolutionVerbs.contains(tokens[$0].text) }) { return [] }
        let words = range.filter { tokens[$0].text != "-" }
        for (k, i) in words.enumerated() {
            var name = tokens[i].text
            // "D-dimer" and "creatine kinase" are written in two words.
            if name == "creatine", k + 1 < words.count, tokens[words[k + 1]].text == "kinase" { name = "ck" }
            guard let m = measurements[name] else { continue }
            // A direction word just before ("raised ALT", "low sodium") or within four words after ("creatinine had risen").
            let before = words[max(0, k - 2)..<k].map { tokens[$0].text }
            let after = words[(k + 1)..<min(words.count, k + 5)]
            var term: String?
            var end = i + 1
            if let u = m.up, before.contains(where: up.contains) { term = u }
            if let d = m.down, before.contains(where: down.contains) { term = d }
            if term == nil {
                for j in after {
                    let w = tokens[j].text
                    // Another measurement or a clause break ends the search: "creatinine and potassium were normal".
                    if measurements[w] != nil || [",", ";", ".", "and", "but", "normal", "normalised", "normalized"].contains(w) { break }
                    if let u = m.up, up.contains(w) { term = u; end = j + 1; break }
                    if let d = m.down, down.contains(w) { term = d; end = j + 1; break }
                }
            }
            if let term { out.append((i, end, term)) }
        }
        return out
    }
}
