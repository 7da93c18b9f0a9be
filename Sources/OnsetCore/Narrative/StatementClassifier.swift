/// Tells sentences about this patient from general statements (drug profiles, literature, causes
/// in general, what usually happens), so that reactions named in the latter are not taken as the case's.
public enum StatementClassifier {
    /// Phrases that mark a statement about drugs, diseases or other patients in general.
    static let general: [[String]] = [
        "et al", "literature", "previously reported", "previous reports", "previous report", "has been reported",
        "have been reported", "has been described", "have been described", "been reported", "is reported in",
        "are reported", "reported cases", "case series", "these patients", "of these", "such patients", "in patients",
        "of patients", "patients with", "patients receiving", "patients taking", "patients treated", "meta-analysis",
        "studies have", "studies show", "studies suggest", "in a study", "a study of", "clinical trials", "incidence", "prevalence", "there are many", "there are several", "underlying causes",
        "causes of", "reasons for", "is known", "are known", "well described", "well known", "well-known",
        "well recognised", "well recognized", "recognised risk", "recognized risk", "risk factors", "risk factor",
        "is one of", "typically", "typical", "usually", "commonly", "most often", "more frequent", "more common",
        "most common", "frequently", "in general", "generally", "rare side effect", "rare side effects",
        "is a rare", "are rare", "is rare", "tend to", "tends to", "should recognize", "should recognise",
        "healthcare providers", "further research", "may induce", "the mechanism", "mechanisms", "is thought",
        "are thought", "hypothesis", "hypothesized", "occurs", "can include", "include", "includes", "susceptible",
        "common cause", "cases have", "side effects, such as", "side effects such as", "adverse effects such as",
        "has some side effects", "is associated with", "are associated with", "has been associated", "have been associated",
        "has been linked", "have been linked", "product information", "label", "summary of product characteristics",
        "in children", "in adults", "in the elderly", "population", "cohort", "registry", "pharmacovigilance database",
        // Page furniture around a published report: affiliations, dates, access notices.
        "department of", "university", "correspondence", "accepted", "published", "register for", "full text",
        "copyright", "all rights reserved", "cancer center", "medical center", "school of medicine", "faculty of",
        "sign up", "content alerts", "editor's",
        // The authors' opinions and advice are about the drug, not facts of the case.
        "the authors suggest", "the authors propose", "the authors argue", "the authors think", "the authors urge",
        "the authors consider", "the authors point", "the authors regard", "the authors recommend", "authors warn",
        "we suggest", "we recommend", "we propose",
    ].map { $0.split(separator: " ").map(String.init) }

    /// Phrases that tie a sentence to this patient even beside general wording.
    static let patient: [[String]] = [
        "our patient", "the patient", "this patient", "patient's", "in our case", "in this case", "the present case",
        "our case", "this case", "we report", "we describe", "we present", "year old",
    ].map { $0.split(separator: " ").map(String.init) }

    /// Weaker signs that a sentence is about a person (pronouns, people), needed in discussion sections.
    static let person: Set<String> = [
        "she", "he", "her", "his", "him", "i", "my", "me", "patient", "patient's", "woman", "man", "boy", "girl",
        "husband", "wife", "son", "daughter", "case", "presented", "admitted",
    ]

    /// Headings after which sentences are general unless they name the patient.
    static let discussionHeadings: Set<String> = [
        "discussion", "conclusion", "conclusions", "introduction", "background", "review", "comment", "comments",
        "learning points", "references", "abstract background",
    ]

    /// Markers that make only their own clause general: "Because lamotrigine is linked to SJS and such reactions
    /// usually appear within eight weeks, the team diagnosed SJS" still tells the diagnosis.
    static let clauseMarkers: Set<[String]> = Set([
        "typically", "typical", "usually", "commonly", "most often", "more frequent", "more common", "most common",
        "frequently", "in general", "generally", "tend to", "tends to", "is known", "are known", "well known",
        "well-known", "well described", "is associated with", "are associated with", "has been associated",
        "have been associated", "has been linked", "have been linked", "occurs", "susceptible", "is a rare", "are rare", "is rare", "rare side effect", "rare side effects", "is thought",
        "are thought", "risk factors", "risk factor", "recognised risk", "recognized risk", "is one of", "common cause",
        "the mechanism", "mechanisms", "may induce", "in children", "in adults", "in the elderly", "label",
        "well recognised", "well recognized",
    ].map { $0.split(separator: " ").map(String.init) })
    static let generalByFirst = Dictionary(grouping: general, by: { $0[0] })
    static let patientByFirst = Dictionary(grouping: patient, by: { $0[0] })

    /// True when any phrase of `index` occurs in `words`.
    static func containsAny(_ index: [String: [[String]]], _ words: [String]) -> Bool {
        for i in words.indices {
            guard let phrases = index[words[i]] else { continue }
            for p in phrases where i + p.count <= words.count {
                if p.indices.allSatisfy({ words[i + $0] == p[$0] }) { return true }
            }
        }
        return false
    }

    /// True when the sentence states something general rather than a fact of this case.
    public static func isGeneral(_ tokens: [NarrativeToken], range: Range<Int>, inDiscussion: Bool) -> Bool {
        generalTokens(tokens, range: range, inDiscussion: inDiscussion).allSatisfy { $0 }
    }

    /// Per token of `range`: true when it belongs to a general statement. Most markers make the whole
    /// sentence general; the `clauseMarkers` only their clause (between commas, semicolons or brackets).
    public static func generalTokens(_ tokens: [NarrativeToken], range: Range<Int>, inDiscussion: Bool) -> [Bool] {
        let kept = range.filter { tokens[$0].text != "-" && tokens[$0].text != "." }
        let words = kept.map { tokens[$0].text }
        let none = [Bool](repeating: false, count: range.count), all = [Bool](repeating: true, count: range.count)
        if containsAny(patientByFirst, words) { return none }
        var out = none
        var matchedWhole = false
        for i in words.indices {
            guard let phrases = generalByFirst[words[i]] else { continue }
            for p in phrases where i + p.count <= words.count && p.indices.allSatisfy({ words[i + $0] == p[$0] }) {
                guard clauseMarkers.contains(p) else { matchedWhole = true; break }
                // Mark the clause around the marker.
                let at = kept[i]
                var lo = at, hi = at
                while lo > range.lowerBound, ![",", ";", ":", "(", ")"].contains(tokens[lo - 1].text) { lo -= 1 }
                // A clause runs on over a list ("associated with DRESS are allopurinol, carbamazepine and …") and
                // stops where a new subject begins (", the team diagnosed …").
                let subjects: Set<String> = ["the", "she", "he", "we", "they", "her", "his", "our", "it", "this", "i", "a", "an", "so", "but"]
                while hi + 1 < range.upperBound {
                    let t = tokens[hi + 1].text
                    if [";", ":", "(", ")"].contains(t) { break }
                    if t == ",", hi + 2 < range.upperBound, subjects.contains(tokens[hi + 2].text) { break }
                    hi += 1
                }
                for t in lo...hi { out[t - range.lowerBound] = true }
            }
            if matchedWhole { break }
        }
        if matchedWhole { return all }
        if inDiscussion && !tokens[range].contains(where: { person.contains($0.text) }) { return all }
        return out
    }

    /// True when a heading opens a discussion-like section.
    public static func isDiscussionHeading(_ tokens: [NarrativeToken], range: Range<Int>) -> Bool {
        let words = tokens[range].filter { $0.kind == .word }.map(\.text)
        guard !words.isEmpty, words.count <= 4 else { return false }
        return discussionHeadings.contains(words.joined(separator: " ")) || words.contains { discussionHeadings.contains($0) } && words.count <= 2
    }
}
