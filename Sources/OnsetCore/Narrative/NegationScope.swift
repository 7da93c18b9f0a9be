/// Finds which tokens of a sentence are negated ("no bleeding", "HIT was excluded") or only hypothetical
/// ("risk of", "to prevent"), in the manner of NegEx: trigger phrases open a scope forwards or
/// backwards that runs for a few words and stops at clause boundaries; pseudo-triggers
/// ("not only", "could not be excluded") look like negations but are not.
public enum NegationScope {
    /// How a trigger acts.
    enum Kind { case pre, post, pseudo, hypothetical }

    struct Trigger { let words: [String]; let kind: Kind }

    static let triggers: [Trigger] = {
        let pre = ["was negative for", "were negative for", "tested negative for", "no", "not", "without", "denied", "denies", "deny", "denying", "negative for", "free of", "absence of",
                   "absent", "no evidence of", "no signs of", "no sign of", "no symptoms of", "never", "nor", "neither",
                   "ruled out", "rule out", "ruling out", "excluded", "excluding", "exclude", "did not have",
                   "did not develop", "did not show", "did not experience", "no history of", "no known", "no further",
                   "unremarkable for", "lack of", "resolution of any", "nothing to suggest", "no clinical signs of",
                   "no features of", "no recurrence of", "no new", "none", "no other", "not any", "not have"]
        let post = ["was excluded", "were excluded", "was ruled out", "were ruled out", "was negative", "were negative",
                    "was absent", "were absent", "was not found", "were not found", "was not seen", "were not seen",
                    "not seen", "not observed", "not detected", "was unlikely", "were unlikely", "unlikely",
                    "did not occur", "was not present", "were not present", "was denied", "were denied", "was avoided",
                    "were avoided", "had been excluded", "have been excluded", "could be excluded", "was not confirmed",
                    "is not routinely observed", "was not observed", "had not been given", "was not given",
                    "were not given", "was not administered", "were not administered", "was not used", "were not used",
                    "was not started", "were not started", "was not prescribed", "not recorded", "not reported",
                    "not documented", "considered unlikely", "thought unlikely", "deemed unlikely"]
        let pseudo = ["not only", "no change", "no increase", "not necessarily", "not ruled out", "cannot be excluded",
                      "could not be excluded", "could not be ruled out", "cannot be ruled out", "can not be excluded",
                      "not be excluded", "not excluded", "gram negative", "no longer", "not improve", "did not improve",
                      "did not resolve", "not resolve", "did not recover", "not recover", "not respond", "did not respond",
                      "without improvement", "without resolution", "no improvement", "not completely", "not fully",
                      "no significant improvement", "no response", "not responsive", "not tolerate", "could not tolerate",
                      "not stop", "not stopped", "not been done", "not been performed"]
        let hypothetical = ["risk of", "at risk of", "to prevent", "prevention of", "prophylaxis against", "prophylaxis for",
                            "monitor for", "monitoring for", "screening for", "screened for", "to avoid", "avoid",
                            "if", "whether", "in case of", "may cause", "can cause", "could cause", "might cause",
                            "may lead to", "can lead to", "could lead to", "warned about", "warned of", "advised about",
                            "is contraindicated", "potential for", "possibility of", "in order to prevent", "concern for",
                            "would have", "should"]
        var all: [Trigger] = []
        all += pre.map { Trigger(words: $0.split(separator: " ").map(String.init), kind: .pre) }
        all += post.map { Trigger(words: $0.split(separator: " ").map(String.init), kind: .post) }
        all += pseudo.map { Trigger(words: $0.split(separator: " ").map(String.init), kind: .pseudo) }
        all += hypothetical.map { Trigger(words: $0.split(separator: " ").map(String.init), kind: .hypothetical) }
        // Longest first, so "no evidence of" wins over "no" and "could not be excluded" over "not".
        return all.sorted { $0.words.count > $1.words.count }
    }()

    /// Words that end a scope: a new clause begins.
    static let terminators: Set<String> = [
        "but", "however", "although", "though", "yet", "except", "apart", "aside", "which", "who", "whereas", "while",
        "then", "after", "until", "since", "because", "so", "therefore", "thus", ";", ":", ".", "!", "?", "(",
        "presented", "developed", "showed", "revealed", "confirmed", "demonstrated", "was", "were", "is", "are",
        "she", "he", "they", "we", "later", "subsequently", "eventually", "instead",
    ]

    /// Words after a comma that begin a new clause rather than continue a list.
    static let clauseStarts: Set<String> = [
        "and", "but", "then", "with", "she", "he", "the", "his", "her", "it", "they", "which", "who", "although",
        "so", "as", "while", "after", "on", "in", "at", "we", "a", "an",
    ]

    /// How far a scope reaches, in tokens.
    static let preReach = 8
    static let postReach = 8

    /// Per token of `range`: true when negated or hypothetical.
    public static func scopes(_ tokens: [NarrativeToken], range: Range<Int>) -> [Bool] {
        var out = [Bool](repeating: false, count: range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            guard let trig = trigger(at: i, tokens, range) else { i += 1; continue }
            let after = i + trig.words.count
            switch trig.kind {
            case .pseudo:
                break
            case .pre, .hypothetical:
                var j = after, reach = 0
                while j < range.upperBound, reach < preReach {
                    let t = tokens[j]
                    if terminators.contains(t.text), !(trig.kind == .pre && (t.text == "was" || t.text == "were") && j == after) { break }
                    if t.text == ",", j + 1 < range.upperBound, clauseStarts.contains(tokens[j + 1].text) { break }
                    out[j - range.lowerBound] = true
                    if t.kind != .punct { reach += 1 }
                    j += 1
                }
            case .post:
                var j = i - 1, reach = 0
                while j >= range.lowerBound, reach < postReach {
                    let t = tokens[j]
                    // "anaphylaxis was considered unlikely": the copula belongs to the negated clause.
                    let copula = ["was", "were", "is", "are", "considered", "thought", "deemed", "felt", "been", "has", "have", "had"].contains(t.text)
                    if (terminators.contains(t.text) && !copula) || (t.text == "," && reach > 0 && j + 1 < range.upperBound && clauseStarts.contains(tokens[j + 1].text)) { break }
                    out[j - range.lowerBound] = true
                    if t.kind != .punct { reach += 1 }
                    j -= 1
                }
            }
            i = after
        }
        return out
    }

    /// Triggers by their first word, longest first.
    static let byFirstWord: [String: [Trigger]] = Dictionary(grouping: triggers, by: { $0.words[0] })

    static func trigger(at i: Int, _ tokens: [NarrativeToken], _ range: Range<Int>) -> Trigger? {
        guard let candidates = byFirstWord[tokens[i].text] else { return nil }
        for trig in candidates where i + trig.words.count <= range.upperBound {
            var ok = true
            for (k, w) in trig.words.enumerated() where tokens[i + k].text != w { ok = false; break }
            if ok { return trig }
        }
        return nil
    }
}
