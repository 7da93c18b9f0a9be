/// An interval phrase that says when a reaction began, with the drug it names and the reactions beside it.
struct OnsetPhrase {
    var phrase: IntervalPhrase
    var sentence: Int
    /// Index into the analysis' drug mentions, when the phrase names its drug.
    var drugMention: Int?
    /// Canonical names of the reactions named in the same sentence.
    var events: [String]
}

/// A dosing the narrative mentions ("received her first dose of …", "was started on …", "X was stopped"),
/// which "ten days later" and "the next day" count from.
struct DosingReference {
    var anchor: IntervalPhrase.Anchor
    var ordinal: Int?
    var charStart: Int
    var drugMention: Int?
    /// Named after the reaction began without a dose number: a treatment started, not the exposure.
    var afterOnset = false

    /// The reference a "later" phrase at `position` counts from; nil when it is a treatment given after the reaction.
    static func latest(_ refs: [DosingReference], before position: Int) -> DosingReference? {
        guard let r = refs.last(where: { $0.charStart < position }), !r.afterOnset else { return nil }
        return r
    }

    /// For "ten days earlier": the dosing named in the same sentence ("had been started … ten days earlier",
    /// "About two weeks earlier she had been started on lamotrigine"), told before or after the phrase.
    static func sameSentence(_ refs: [DosingReference], as p: IntervalPhrase, in a: NarrativeAnalysis) -> DosingReference? {
        guard let s = a.sentences.first(where: { $0.start <= p.start && p.start < $0.end }) else { return nil }
        let inSentence = refs.filter { $0.charStart >= s.start && $0.charStart < s.end && $0.drugMention != nil }
        return inSentence.last(where: { $0.charStart < p.start }) ?? inSentence.first
    }
}

/// Chooses the interval phrases that date a reaction's onset: in sentences about the patient that say a
/// reaction began, not negated, not nearer to a word of recovery than to a word of onset.
enum OnsetIntervals {
    static let acuteWords: Set<String> = ["acute", "acutely", "immediately", "immediate", "during", "anaphylaxis",
                                          "anaphylactic", "minutes", "shortly", "instantly", "rapidly"]

    static func find(_ a: NarrativeAnalysis) -> [OnsetPhrase] {
        var out: [OnsetPhrase] = []
        let refs = references(a)
        for s in a.sentences where a.aboutPatient[s.index] {
            let phrases = IntervalPhrases.find(a.tokens, range: s.tokens)
            guard !phrases.isEmpty else { continue }
            let onset = a.statesOnset(s.index)
            // "Sertraline had been started ten days earlier" dates the exposure back from a reaction told before.
            let toldBefore = (a.onsetToken ?? Int.max) < s.tokens.lowerBound
            // "treated with adalimumab for 3 years. She developed …": the onset may follow in the next sentence.
            var nextTellsOnset = false
            if s.index + 1 < a.sentences.count, a.aboutPatient[s.index + 1], !a.statesOnset(s.index) {
                // The next sentence must open on the patient and a verb of onset: "She developed …".
                let next = a.sentences[s.index + 1].tokens
                let head = next.prefix(4).map { a.tokens[$0].text }
                nextTellsOnset = ["she", "he", "they", "i", "the", "patient"].contains(head.first ?? "")
                    && head.contains { NarrativeAnalysis.onsetVerbs.contains($0) }
            }
            guard onset || (toldBefore && phrases.contains(where: \.backward)) || (nextTellsOnset && phrases.contains(where: \.duration)) else { continue }
            let tokenIndex: (Int) -> Int = { c in s.tokens.first { a.tokens[$0].start >= c } ?? s.tokens.upperBound - 1 }
            for var p in phrases where onset || p.backward || (p.duration && nextTellsOnset && endsSentence(a, p, s)) {
                let first = tokenIndex(p.start)
                if a.negated[first] || a.general[first] { continue }
                if isNearerToRecovery(a, s, phraseToken: first) { continue }
                if p.duration {
                    // "had been taking X for 18 months when she developed": only with a word of use before it.
                    let before = a.words(s.tokens.lowerBound..<first)
                    guard before.contains(where: { ["taking", "taken", "on", "receiving", "received", "using", "used", "take", "took", "treated"].contains($0) }) else { continue }
                    guard a.drugs.contains(where: { $0.sentence == s.index && $0.start < first }) else { continue }
                }
                if p.min == nil {
                    // A dose number without a value is an interval only when the reaction was immediate.
                    let w = Set(a.words(s.tokens))
                    let infusionReaction = a.events.contains { $0.sentence == s.index && $0.canonical.lowercased().contains("infusion") }
                    if !w.isDisjoint(with: acuteWords) || infusionReaction || a.text(s.start, s.end).lowercased().contains("infusion reaction") {
                        p.min = 0; p.max = 1; p.unit = .day; p.acute = true
                    }
                }
                var drug = namedDrug(a, p, s)
                if p.duration {
                    // "had been taking X … for 18 months": the drug named before the duration.
                    guard let d = a.drugs.lastIndex(where: { $0.sentence == s.index && $0.charEnd <= p.start }) else { continue }
                    drug = d
                }
                if p.anchor == .relative {
                    guard let ref = p.backward ? DosingReference.sameSentence(refs, as: p, in: a) : DosingReference.latest(refs, before: p.start) else { continue }
                    if drug == nil { drug = ref.drugMention }
                }
                let events = a.events.filter { $0.sentence == s.index }.map(\.canonical)
                out.append(OnsetPhrase(phrase: p, sentence: s.index, drugMention: drug, events: events))
            }
            // "During the eighth cycle, about 20 minutes into the infusion": the value belongs to the numbered dose.
            if let numbered = out.lastIndex(where: { $0.sentence == s.index && $0.phrase.acute && $0.phrase.doseNumber != nil }),
               let valued = out.lastIndex(where: { $0.sentence == s.index && !$0.phrase.acute && $0.phrase.anchor == .lastDose && $0.phrase.min != nil }) {
                out[valued].phrase.anchor = out[numbered].phrase.anchor
                if out[valued].drugMention == nil { out[valued].drugMention = out[numbered].drugMention }
                out.remove(at: numbered)
            }
        }
        return out
    }

    /// True when only closing punctuation follows the phrase in its sentence.
    static func endsSentence(_ a: NarrativeAnalysis, _ p: IntervalPhrase, _ s: NarrativeSentence) -> Bool {
        s.tokens.filter { a.tokens[$0].start >= p.end }.allSatisfy { a.tokens[$0].kind == .punct }
    }

    /// True when a recovery word sits closer to the phrase than any onset word ("resolved 10 days after stopping").
    static func isNearerToRecovery(_ a: NarrativeAnalysis, _ s: NarrativeSentence, phraseToken: Int) -> Bool {
        var nearestOnset = Int.max, nearestRecovery = Int.max
        for i in s.tokens {
            let t = a.tokens[i].text
            let d = abs(i - phraseToken)
            if NarrativeAnalysis.resolutionVerbs.contains(t) { nearestRecovery = min(nearestRecovery, d) }
            if NarrativeAnalysis.onsetVerbs.contains(t) || a.eventStarts.contains(i) { nearestOnset = min(nearestOnset, d) }
        }
        return nearestRecovery < nearestOnset
    }

    /// The drug mention inside the phrase's anchor ("the second dose of Alemtuzumab", "after naproxen was started").
    static func namedDrug(_ a: NarrativeAnalysis, _ p: IntervalPhrase, _ s: NarrativeSentence) -> Int? {
        for (k, m) in a.drugs.enumerated() where m.sentence == s.index && m.charStart >= p.anchorStart {
            if m.charStart <= p.anchorEnd { return k }
            // "the third treatment with natalizumab": a few joining words may follow the anchor.
            let gap = a.tokens[s.tokens].filter { $0.start >= p.anchorEnd && $0.end <= m.charStart }
            if gap.count <= 4, !gap.contains(where: { [",", ".", ";", "she", "he", "and", "when", "her", "his"].contains($0.text) }) { return k }
            return nil
        }
        return nil
    }

    /// Dosings the narrative mentions, in order, for resolving "later" and "the next day".
    static func references(_ a: NarrativeAnalysis) -> [DosingReference] {
        var out: [DosingReference] = []
        let startVerbs: Set<String> = ["started", "start", "starting", "commenced", "began", "begun", "initiated", "prescribed",
                                       "taking", "titrated", "introduced"]
        let giveVerbs: Set<String> = ["received", "receiving", "given", "got", "took", "administered"]
        let drugsBySentence = Dictionary(grouping: a.drugs.indices, by: { a.drugs[$0].sentence })
        for s in a.sentences where a.aboutPatient[s.index] {
            let r = s.tokens
            let here = drugsBySentence[s.index] ?? []
            var i = r.lowerBound
            while i < r.upperBound {
                let t = a.tokens[i]
                let drugAfter = here.first { a.drugs[$0].start > i && a.drugs[$0].start <= i + 8 }
                let drugBefore = here.last { a.drugs[$0].end <= i && a.drugs[$0].end >= i - 8 }
                // "a single intramuscular dose of …": the first and only dose.
                if t.text == "single", (i + 1..<min(i + 4, r.upperBound)).contains(where: { IntervalPhrases.doseNouns.contains(a.tokens[$0].text) }) {
                    out.append(DosingReference(anchor: .lastDose, ordinal: 1, charStart: t.start, drugMention: drugAfter ?? drugBefore))
                    i += 1; continue
                }
                if let (n, nx) = NumberWords.ordinal(in: a.tokens, at: i, end: r.upperBound),
                   (nx..<min(nx + 4, r.upperBound)).contains(where: { IntervalPhrases.doseNouns.contains(a.tokens[$0].text) }) {
                    out.append(DosingReference(anchor: n == 1 ? .firstDose : .dose(n), ordinal: n, charStart: t.start, drugMention: drugAfter ?? drugBefore))
                    i = nx; continue
                }
                if startVerbs.contains(t.text) || (giveVerbs.contains(t.text) && drugAfter != nil) {
                    if let d = drugAfter ?? drugBefore {
                        out.append(DosingReference(anchor: startVerbs.contains(t.text) ? .firstDose : .lastDose, ordinal: nil,
                                                   charStart: t.start, drugMention: d))
                    }
                }
                // "X was stopped", "stopping X": not "the movements stopped".
                let passive = i > r.lowerBound && ["was", "were", "been"].contains(a.tokens[i - 1].text)
                if IntervalPhrases.stopWords.contains(t.text), let d = passive ? drugBefore : (t.text.hasSuffix("ing") || t.text.hasSuffix("ion") ? drugAfter : nil) {
                    out.append(DosingReference(anchor: .discontinuation, ordinal: nil, charStart: t.start, drugMention: d))
                }
                i += 1
            }
        }
        let onsetChar = a.onsetToken.map { a.tokens[$0].start } ?? Int.max
        for k in out.indices where out[k].ordinal == nil && out[k].charStart > onsetChar && out[k].anchor != .discontinuation {
            out[k].afterOnset = true
        }
        return out
    }

    /// How many doses were given before the reaction, when the narrative counts them ("four courses of ocrelizumab").
    static func doseCounts(_ a: NarrativeAnalysis) -> [Int: Int] {
        var out: [Int: Int] = [:]   // drug mention → count
        for s in a.sentences where a.aboutPatient[s.index] {
            for i in s.tokens {
                guard let (v, nx) = NumberWords.cardinal(in: a.tokens, at: i, end: s.tokens.upperBound), v >= 2, v <= 50, v == v.rounded() else { continue }
                guard nx < s.tokens.upperBound, ["doses", "cycles", "courses", "infusions", "injections"].contains(a.tokens[nx].text) else { continue }
                let before = a.words(max(s.tokens.lowerBound, i - 3)..<i)
                guard before.contains(where: { ["received", "had", "given", "after", "completed"].contains($0) }) else { continue }
                if let d = a.drugs.firstIndex(where: { $0.sentence == s.index && $0.start > nx && $0.start <= nx + 6 }) { out[d] = Int(v) }
            }
        }
        return out
    }
}
