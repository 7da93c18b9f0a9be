/// A name found in the narrative: which tokens, what it maps to, which sentence.
struct Mention: Hashable, Sendable {
    var start: Int          // token index
    var end: Int            // token index, exclusive
    var canonical: String
    var sentence: Int
    var charStart: Int
    var charEnd: Int
}

/// The narrative cut into tokens and sentences, with each sentence classified (about the patient or
/// general, title, discussion) and each token's negation, plus every drug, reaction and condition named.
struct NarrativeAnalysis {
    let chars: [Character]
    let tokens: [NarrativeToken]
    let sentences: [NarrativeSentence]
    /// Sentence index → states a fact of this case (not a general statement).
    var aboutPatient: [Bool] = []
    /// Sentence index → a title line at the top.
    var isTitle: [Bool] = []
    /// Token index → inside a negation or hypothetical scope.
    var negated: [Bool] = []
    /// Token index → inside a general statement (a drug profile, the literature, what usually happens).
    var general: [Bool] = []
    var drugs: [Mention] = []
    var events: [Mention] = []
    var conditions: [Mention] = []
    var procedures: [Mention] = []
    /// Token index of the first reaction named for this patient (outside titles), if any.
    var onsetToken: Int?
    /// Sentences that name a reaction, and the tokens where reactions start, for quick questions.
    var eventSentences: Set<Int> = []
    var eventStarts: Set<Int> = []

    init(text: String, dictionary: NarrativeDictionary) {
        chars = Array(text)
        tokens = NarrativeTokenizer.tokenize(chars)
        sentences = SentenceSplitter.split(tokens, text: chars)
        classify()
        negated = [Bool](repeating: false, count: tokens.count)
        for s in sentences {
            let flags = NegationScope.scopes(tokens, range: s.tokens)
            for (k, f) in flags.enumerated() where f { negated[s.tokens.lowerBound + k] = true }
        }
        findNames(dictionary)
    }

    func sentence(ofToken i: Int) -> Int {
        var lo = 0, hi = sentences.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if sentences[mid].tokens.lowerBound <= i { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    func words(_ range: Range<Int>) -> [String] { tokens[range].filter { $0.text != "-" }.map(\.text) }

    /// The text of characters `start..<end`.
    func text(_ start: Int, _ end: Int) -> String { String(chars[max(0, start)..<min(end, chars.count)]) }

    private mutating func classify() {
        var inDiscussion = false
        var seenBody = false
        aboutPatient = []; isTitle = []
        general = [Bool](repeating: false, count: tokens.count)
        for s in sentences {
            let heading = s.isHeading && s.tokens.count <= 20
            if heading, StatementClassifier.isDiscussionHeading(tokens, range: s.tokens) { inDiscussion = true }
            let w = words(s.tokens)
            if heading, w.count <= 4, w.contains("case") || w.contains("presentation") || w.contains("report") { inDiscussion = false }
            isTitle.append(heading && !seenBody && s.index < 4)
            if !heading { seenBody = true }
            let flags = StatementClassifier.generalTokens(tokens, range: s.tokens, inDiscussion: inDiscussion)
            for (k, f) in flags.enumerated() where f { general[s.tokens.lowerBound + k] = true }
            aboutPatient.append(!flags.allSatisfy { $0 })
        }
    }

    private mutating func findNames(_ d: NarrativeDictionary) {
        let drugKeys = d.drugs.keys(for: tokens), eventKeys = d.events.keys(for: tokens)
        for s in sentences where aboutPatient[s.index] {
            func mention(_ m: TermMatcher.Match) -> Mention {
                Mention(start: m.start, end: m.end, canonical: m.entry.canonical, sentence: s.index,
                        charStart: tokens[m.start].start, charEnd: tokens[m.end - 1].end)
            }
            let drugMatches = combined(d.drugs.matches(in: tokens, keys: drugKeys, range: s.tokens).map(mention), s, d)
            for m in drugMatches where !negated[m.start] && !general[m.start] && !isLabTest(m, s) { drugs.append(m) }
            let conditionMatches = d.conditions.matches(in: tokens, keys: eventKeys, range: s.tokens).map(mention)
            procedures += d.procedures.matches(in: tokens, keys: eventKeys, range: s.tokens).map(mention).filter { !negated[$0.start] }

            var sentenceEvents: [Mention] = []
            for m in d.events.matches(in: tokens, keys: eventKeys, range: s.tokens).map(mention) {
                if negated[m.start] || negated[m.end - 1] || general[m.start] { continue }
                if d.isNotReaction(m.canonical) { continue }
                // "her urine output fell", "the respiratory rate fell": a measurement falling, not a fall.
                if ["fell", "falling", "fall"].contains(tokens[m.start].text),
                   tokens[max(s.tokens.lowerBound, m.start - 3)..<m.start].contains(where: { ["output", "rate", "pressure", "count", "level", "levels", "saturation", "saturations", "haemoglobin",
                    "hemoglobin", "sodium", "potassium", "temperature", "weight", "score", "platelets"].contains($0.text) }) { continue }
                // "COVID-19 vaccine", "influenza vaccination": the disease names the vaccine.
                if m.end < s.tokens.upperBound, ["vaccine", "vaccines", "vaccination", "jab", "shot", "booster", "immunisation", "immunization"].contains(tokens[m.end].text) { continue }
                // "He had had COVID-19", "a history of pancreatitis", "previous myocarditis": the past, not this case.
                let pastWords = words(max(s.tokens.lowerBound, m.start - 3)..<m.start).joined(separator: " ")
                if pastWords.contains("had had") || pastWords.hasSuffix("history of") || pastWords.hasSuffix("previous") || pastWords.hasSuffix("prior") { continue }
                // A reaction word inside a drug's name ("measles" in the MMR vaccine) is part of the name.
                if drugMatches.contains(where: { $0.start <= m.start && m.end <= $0.end && ($0.end - $0.start) > (m.end - m.start) }) { continue }
                sentenceEvents.append(m)
            }
            // Laboratory results told in words ("creatinine had risen"), unless a name already covers them.
            for (start, end, term) in LabFindings.find(tokens, range: s.tokens) where !negated[start] {
                let canonical = d.canonicalEvent(term)
                if sentenceEvents.contains(where: { $0.canonical == canonical || ($0.start < end && start < $0.end) }) { continue }
                sentenceEvents.append(Mention(start: start, end: end, canonical: canonical, sentence: s.index,
                                              charStart: tokens[start].start, charEnd: tokens[end - 1].end))
            }
            sentenceEvents.sort { $0.start < $1.start }
            // Conditions: in a history or indication role, or in the sentence that introduces the patient.
            for c in conditionMatches where !negated[c.start] && conditionContext(c, s) {
                conditions.append(c)
                sentenceEvents.removeAll { $0.start < c.end && c.start < $0.end }
            }
            // Indications: "given metoclopramide for vomiting" names why the drug was given; "presented with a sore
            // throat and was given amoxicillin" names the illness the drug was given for.
            sentenceEvents.removeAll { isIndication($0, s, drugMatches) }
            if !events.contains(where: { !isTitle[$0.sentence] }),
               let given = s.tokens.first(where: { ["given", "prescribed", "commenced", "started"].contains(tokens[$0].text) && $0 + 1 < s.tokens.upperBound }),
               drugMatches.contains(where: { $0.start > given && $0.start <= given + 3 }) {
                sentenceEvents.removeAll { $0.end <= given }
            }
            // Umbrella terms give way to a specific reaction named beside them.
            if sentenceEvents.contains(where: { !d.isUmbrella($0.canonical) }) {
                sentenceEvents.removeAll { d.isUmbrella($0.canonical) }
            }
            events += sentenceEvents
        }
        // "the rash" after "a maculopapular rash": the general term is the same reaction told again.
        let names = Set(events.map { $0.canonical.lowercased() })
        events.removeAll { e in
            let n = e.canonical.lowercased()
            return names.contains { $0 != n && $0.hasPrefix(n + " ") }
        }
        onsetToken = events.first { !isTitle[$0.sentence] }?.start ?? events.first?.start
        eventSentences = Set(events.map(\.sentence))
        eventStarts = Set(events.map(\.start))
    }

    /// "tazobactam-piperacillin", "trimethoprim/sulfamethoxazole": a combination written in another order or
    /// with a component the lexicon does not list alone, read as the combination's generic.
    func combined(_ ms: [Mention], _ s: NarrativeSentence, _ d: NarrativeDictionary) -> [Mention] {
        var out = ms
        for k in out.indices {
            let m = out[k]
            for (j, w, sepIndex) in [(m.end + 1, m.end + 1, m.end), (m.start - 2, m.start - 2, m.start - 1)] where j >= s.tokens.lowerBound && j < s.tokens.upperBound {
                guard ["-", "/", "+"].contains(tokens[sepIndex].text), tokens[w].kind == .word else { continue }
                let other = tokens[w].text, this = text(m.charStart, m.charEnd).lowercased()
                let g = d.lexicon.generic(for: "\(this)-\(other)") ?? d.lexicon.generic(for: "\(other)-\(this)")
                    ?? d.lexicon.generic(for: "\(m.canonical)-\(other)") ?? d.lexicon.generic(for: "\(other)-\(m.canonical)")
                guard let g, g != m.canonical else { continue }
                let lo = min(m.start, w), hi = max(m.end, w + 1)
                out[k] = Mention(start: lo, end: hi, canonical: g, sentence: m.sentence, charStart: tokens[lo].start, charEnd: tokens[hi - 1].end)
                break
            }
        }
        // A combination read over a neighbouring single name keeps only the combination.
        return out.filter { m in !out.contains { $0 != m && $0.start <= m.start && m.end <= $0.end && $0.end - $0.start > m.end - m.start } }
    }

    /// "C1 esterase inhibitor levels", "serum lithium level", "anti-natalizumab antibodies": a test, not a use.
    func isLabTest(_ m: Mention, _ s: NarrativeSentence) -> Bool {
        let next = m.end < s.tokens.upperBound ? tokens[m.end].text : ""
        let prev = m.start > s.tokens.lowerBound ? tokens[m.start - 1].text : ""
        let prev2 = m.start > s.tokens.lowerBound + 1 && prev == "-" ? tokens[m.start - 2].text : ""
        return ["level", "levels", "concentration", "concentrations", "assay", "antibodies", "antibody", "screening"].contains(next)
            || ["serum", "plasma", "anti"].contains(prev) && next != "was" && next != "were"
            || prev2 == "non" || prev == "non" || prev2 == "anti"
    }

    static let personNouns: Set<String> = ["woman", "man", "female", "male", "girl", "boy", "patient", "lady", "gentleman",
                                           "child", "infant", "adolescent", "mother", "father", "husband", "wife", "son", "daughter"]

    /// True when a condition is named as history or indication ("a 10-year history of RRMS", "for hypertension",
    /// "a woman with Crohn's disease") rather than as something that happened in the case.
    func conditionContext(_ c: Mention, _ s: NarrativeSentence) -> Bool {
        let lo = max(s.tokens.lowerBound, c.start - 8)
        let before = words(lo..<c.start)
        let joined = " " + before.joined(separator: " ") + " "
        var cues = [" history of ", " known ", " suffering from ", " background of ", " underlying ", " diagnosed with ",
                    " treatment of ", " for "]
        // "a woman with Crohn's disease", "a 52-year-old man with a history of …"
        if let w = before.lastIndex(of: "with"), w > 0, Self.personNouns.contains(before[w - 1]) { cues.append(" with ") }
        for cue in cues where joined.contains(cue) {
            // "developed pneumonia" is not history: no onset verb may stand between the cue and the name.
            let tail = joined.components(separatedBy: cue).last ?? ""
            if !Self.onsetVerbs.contains(where: { tail.contains(" \($0) ") }) { return true }
        }
        // The opening sentence introduces the patient and their diseases.
        let opening = sentences.first(where: { !isTitle[$0.index] && aboutPatient[$0.index] })?.index
        let sentenceWords = " " + words(s.tokens).joined(separator: " ") + " "
        return s.index == opening && !Self.onsetVerbs.contains(where: { sentenceWords.contains(" \($0) ") })
    }

    /// True when a reaction term names why a drug was given ("given metoclopramide for vomiting", "sertraline
    /// for low mood") in a sentence before any reaction was named.
    func isIndication(_ e: Mention, _ s: NarrativeSentence, _ drugsInSentence: [Mention]) -> Bool {
        let lo = max(s.tokens.lowerBound, e.start - 5)
        // Once reactions have been told, "for" after a drug may name the reaction it treats ("prednisolone for the rash").
        if events.contains(where: { !isTitle[$0.sentence] }) {
            guard !events.contains(where: { $0.canonical == e.canonical }),
                  let d = drugsInSentence.last(where: { $0.end <= e.start }), e.start - d.end <= 9,
                  !tokens[d.end..<e.start].contains(where: { [",", ";", "and", "developed", "after"].contains($0.text) }) else { return false }
            let between = words(d.end..<e.start)
            return between.contains("for") && !between.contains("the") && !between.contains("her") && !between.contains("his")
        }
        let before = words(lo..<e.start)
        guard let f = before.lastIndex(of: "for") else { return false }
        // Only the words of the indication between "for" and the term: no clause break, no verb of onset.
        guard !before[(f + 1)...].contains(where: { [",", ".", ";", "and", "but", "with", "when"].contains($0) || Self.onsetVerbs.contains($0) }) else { return false }
        let prescribing: Set<String> = ["prescribed", "given", "started", "took", "taking", "received", "receiving", "treated"]
        return drugsInSentence.contains { $0.start < e.start } || before.contains { prescribing.contains($0) }
    }

    /// Verbs that say a reaction began.
    static let onsetVerbs: Set<String> = [
        "developed", "develop", "developing", "presented", "noticed", "complained", "experienced", "occurred", "appeared",
        "began", "manifested", "emerged", "became", "woke", "reported", "showed", "revealed", "noted", "felt",
        "suffered", "onset", "broke", "found", "detected",
    ]
    /// Verbs that say a reaction ended or improved.
    static let resolutionVerbs: Set<String> = [
        "resolved", "recovered", "improved", "settled", "cleared", "disappeared", "faded", "normalised", "normalized",
        "returned", "subsided", "discharged", "remission", "tapered", "resolution", "recovery", "better", "gone",
        "rose", "stabilised", "stabilized", "completed",
        // Words of a reaction's course rather than its beginning.
        "persisted", "persisting", "persistent", "continued", "remained", "worsening", "progressive", "lasted", "lasting",
    ]

    /// True when the sentence says a reaction began (an affirmed reaction or an onset verb).
    func statesOnset(_ s: Int) -> Bool {
        if eventSentences.contains(s) { return true }
        let r = sentences[s].tokens
        return r.contains { Self.onsetVerbs.contains(tokens[$0].text) && !negated[$0] }
    }
}
