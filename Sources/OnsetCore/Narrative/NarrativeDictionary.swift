/// The names the extractor looks for: the lexicon's drugs and reactions, plus the narrative vocabulary,
/// compiled into token tries. Build it once and reuse it; it is immutable and shareable.
public struct NarrativeDictionary: Sendable {
    public let lexicon: Lexicon
    let drugs: TermMatcher
    let events: TermMatcher
    let conditions: TermMatcher
    let procedures: TermMatcher

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        var d = TermMatcher(fold: .drug)
        for line in NarrativeVocabulary.drugs {
            let parts = line.split(separator: "|").map(String.init)
            let g = lexicon.generic(for: parts[0]) ?? parts[0]
            for n in parts { d.add(n, canonical: g) }
        }
        for (name, generic) in lexicon.drugNames { d.add(name, canonical: generic) }
        drugs = d

        var e = TermMatcher(fold: .event)
        // The narrative phrasings go first, so "drug-induced immune thrombocytopenia" is read whole.
        for line in NarrativeVocabulary.events {
            let parts = line.split(separator: "|").map(String.init)
            let p = lexicon.preferred(for: parts[0]) ?? parts[0]
            for n in parts { e.add(n, canonical: p) }
        }
        for (name, preferred) in lexicon.eventNames { e.add(name, canonical: preferred) }
        events = e

        var c = TermMatcher(fold: .event)
        for line in NarrativeVocabulary.conditions {
            let parts = line.split(separator: "|").map(String.init)
            for n in parts { c.add(n, canonical: parts[0]) }
        }
        conditions = c
        var p = TermMatcher(fold: .event)
        for line in NarrativeVocabulary.procedures {
            let parts = line.split(separator: "|").map(String.init)
            for n in parts { p.add(n, canonical: parts[0]) }
        }
        procedures = p
    }

    /// The lexicon's preferred wording of a reaction term, or the term itself.
    public func canonicalEvent(_ term: String) -> String {
        if let p = lexicon.preferred(for: term) { return p }
        let toks = NarrativeTokenizer.tokenize(term)
        if let m = events.longest(in: toks, at: 0, end: toks.count), m.end == toks.count { return m.entry.canonical }
        return term
    }

    /// The lexicon's generic name of a drug, or the name itself in lower case.
    public func canonicalDrug(_ name: String) -> String {
        if let g = lexicon.generic(for: name) { return g }
        let toks = NarrativeTokenizer.tokenize(name)
        if let m = drugs.longest(in: toks, at: 0, end: toks.count), m.end == toks.count { return m.entry.canonical }
        return TermKey.basic(name)
    }

    /// True when a preferred term names no particular reaction (`Adverse drug reaction`, `Death`).
    func isNotReaction(_ preferred: String) -> Bool { NarrativeVocabulary.notReactions.contains(TermKey.basic(preferred)) }
    /// True for umbrella terms kept only when nothing more specific is named beside them.
    func isUmbrella(_ preferred: String) -> Bool { NarrativeVocabulary.umbrellaReactions.contains(TermKey.basic(preferred)) }
}
