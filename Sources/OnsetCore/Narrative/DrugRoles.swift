/// One drug of the narrative with the evidence for its role, gathered over all its mentions.
struct DrugFinding {
    var canonical: String
    var mentions: [Mention] = []
    var strong = 0, weak = 0, prior = 0, concomitant = 0, treatment = 0
    var dechallenge = false
    var route: String?
    var role: DrugRole = .concomitant
    /// The mention (and its sentence) that made it a treatment, for linking treatments to reactions.
    var treatmentSentence: Int?
}

/// Decides each drug's role from the words around its mentions: attribution ("secondary to", "-induced",
/// "after the third infusion of"), earlier use ("previously treated with", "side effects on", "switched
/// from"), concomitant use ("also taking", "together with", "other medications"), treatment of the reaction
/// ("treated with", "received" after the reaction began) and withdrawal ("was discontinued").
enum DrugRoles {
    static let strongBefore = [
        "secondary to", "due to", "caused by", "induced by", "attributed to", "attributable to", "associated with",
        "related to", "reaction to", "reactions to", "allergic to", "allergy to", "hypersensitivity to", "interaction between",
        "interaction with", "culprit", "suspected", "triggered by", "provoked by", "exposure to", "while on", "while taking",
        "while receiving", "while using", "anaphylaxis to", "toxicity", "rechallenge with", "re-exposure to", "resuming",
    ]
    static let priorBefore = [
        "previously", "prior", "switched from", "failed", "trials of", "trial of", "intolerance of", "intolerance to",
        "intolerant of", "intolerant to", "side effects for", "side effects on", "side effects with", "side effects from",
        "side effects to", "side effects of", "formerly", "had been on", "in the past",
    ]
    static let concomitantBefore = [
        "also", "concomitant", "concomitantly", "concurrent", "concurrently", "together with", "along with",
        "in addition to", "co-medication", "comedication", "other medications", "other medication", "regular medications",
        "regular medication", "usual", "medications included", "medication included", "medications were", "combined with",
        "alongside", "as well as", "other medicines", "regular medicines", "his medications", "her medications",
        "premedication with", "premedicated with", "pre-medication with", "premedication",
    ]
    static let treatmentVerbs: Set<String> = [
        "treated", "managed", "given", "received", "receive", "administered", "commenced", "started", "switched",
        "replaced", "changed", "responded", "required", "needed", "put", "prescribed", "stabilised", "stabilized",
        "bridged", "tapered", "initiated", "instituted", "took", "take", "use", "using", "gave", "treatment", "therapy",
        "resumed", "restarted", "reintroduced",
    ]
    /// Words allowed between "after"/"following" and the drug for the drug to be what the time counts from.
    static let temporalFill: Set<String> = [
        "the", "his", "her", "their", "my", "a", "an", "receiving", "taking", "starting", "initiating", "commencing",
        "beginning", "getting", "of", "with", "to", "on", "treatment", "therapy", "administration", "initiation",
        "course", "intravenous", "oral", "subcutaneous", "intramuscular", "iv", "dose", "doses", "infusion", "infusions",
        "injection", "cycle", "cycles", "shot", "vaccination", "exposure", "use", "start", "being", "given", "most",
        "recent", "last", "latest", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "booster", "high", "low", "standard", "resuming", "restarting", "re", "introduction",
    ]
    static let dechallengeAfter = [
        "was discontinued", "was stopped", "was withdrawn", "was held", "was withheld", "were withheld", "were stopped",
        "were discontinued", "was suspended", "were suspended", "was ceased", "was permanently discontinued",
        "was interrupted", "was replaced", "was switched", "discontinuation", "withdrawal", "was paused", "were withdrawn",
        "was reduced", "were held", "was immediately stopped", "was stopped at once", "were suspended", "was changed",
        "were replaced", "was omitted", "were omitted", "therapy was stopped", "treatment was stopped", "was halted",
    ]
    static let groupGlue: Set<String> = [
        ",", "and", "or", "&", "/", "followed", "by", "then", "plus", "as", "well", "both", "either", "(", ")", "-",
        "mg", "g", "mcg", "ug", "units", "unit", "kg", "ml", "daily", "twice", "once", "three", "four", "times", "a", "day",
        "weekly", "every", "at", "night", "intravenous", "intravenously", "iv", "oral", "orally", "subcutaneous",
        "subcutaneously", "intramuscular", "intramuscularly", "topical", "high", "low", "dose", "high-dose", "bd", "tds",
        "od", "per", "x", "hours", "weeks", "%", "inhaled", "later", "/kg",
    ]
    static let routes: [String: String] = [
        "intravenous": "intravenous", "intravenously": "intravenous", "iv": "intravenous", "oral": "oral",
        "orally": "oral", "subcutaneous": "subcutaneous", "subcutaneously": "subcutaneous", "intramuscular": "intramuscular",
        "intramuscularly": "intramuscular", "im": "intramuscular", "topical": "topical", "inhaled": "inhalation",
    ]

    static func padded(_ w: [String]) -> String { " " + w.joined(separator: " ") + " " }

    /// Role evidence for every drug; `anchoredDrugs` are mentions that an onset phrase counts from.
    static func assign(_ a: NarrativeAnalysis, anchoredMentions: Set<Int>) -> [DrugFinding] {
        var findings: [String: DrugFinding] = [:]
        var order: [String] = []
        let onset = a.onsetToken ?? Int.max
        // Groups of coordinated mentions ("interferon β-1a and glatiramer acetate") share their cues.
        var groups: [[Int]] = []
        for (k, m) in a.drugs.enumerated() {
            if let last = groups.last?.last, a.drugs[last].sentence == m.sentence {
                let gap = a.tokens[a.drugs[last].end..<m.start]
                let unknown = gap.filter { !groupGlue.contains($0.text) && $0.kind != .number }
                if unknown.count <= 2, gap.count <= 12, !gap.contains(where: { [".", ";", "with", "for", "was", "were", "is"].contains($0.text) }) {
                    groups[groups.count - 1].append(k); continue
                }
            }
            groups.append([k])
        }
        for g in groups {
            let first = a.drugs[g.first!], last = a.drugs[g.last!]
            let s = a.sentences[first.sentence]
            let before = a.words(max(s.tokens.lowerBound, first.start - 10)..<first.start)
            let nearBefore = Array(before.suffix(6))
            var after = a.words(last.end..<min(s.tokens.upperBound, last.end + 7))
            if after.first == "," { after.removeFirst() }
            // Cues count when they sit close to the name: "previously healthy woman received …" is no prior use.
            let pb = padded(Array(before.suffix(7))), pa = padded(after), pStrong = padded(Array(before.suffix(5)))
            let title = a.isTitle[first.sentence]
            let onsetSentence = a.statesOnset(first.sentence)
            let postOnset = !title && first.start > onset
            // A pluperfect ("had been started", "had taken") tells the history before the reaction, not its treatment.
            let verbAt = before.lastIndex { treatmentVerbs.contains($0) }
            let pluperfect = verbAt.map { v in before[max(0, v - 2)..<v].contains("had") } ?? false
            let treatVerb = verbAt != nil && !pluperfect
                && !(nearBefore.contains("after") || nearBefore.contains("following") || nearBefore.contains("during"))

            var strong = 0, weak = 0, prior = 0, conc = 0, treat = 0, dechallenge = false
            if title && a.events.contains(where: { $0.sentence == first.sentence }) {
                if before.contains(where: { ["treatment", "treated", "management", "managed", "successful", "response"].contains($0) }) { treat += 1 }
                else { strong += 1 }
            }
            if strongBefore.contains(where: { pStrong.contains(" \($0) ") }) && (onsetSentence || title) { strong += 1 }
            // "after the third treatment with natalizumab": the time the reaction is counted from.
            if let t = nearBefore.lastIndex(where: { ["after", "following", "post", "since", "during", "into"].contains($0) }),
               nearBefore[(t + 1)...].allSatisfy({ temporalFill.contains($0) || NumberWords.ordinal($0) != nil }), onsetSentence {
                strong += 1
            }
            if priorBefore.contains(where: { pb.contains(" \($0) ") }) { prior += 1 }
            if concomitantBefore.contains(where: { pb.contains(" \($0) ") }) { conc += 1 }
            let firstAfter = after.first ?? ""
            if ["induced", "associated", "related", "toxicity", "hypersensitivity", "containing", "dependent", "allergy", "intoxication", "overdose"].contains(firstAfter) { strong += 1 }
            if dechallengeAfter.contains(where: { pa.hasPrefix(" \($0) ") }) {
                if pa.hasPrefix(" had been") { prior += 1 } else { dechallenge = true; weak += 1 }
            }
            if pa.hasPrefix(" had been stopped ") || pa.hasPrefix(" had been discontinued ") || pa.hasPrefix(" which had been stopped ") { prior += 1 }
            // "after interferon and glatiramer had both caused side effects": stopped before, for their own reactions.
            if [" had both caused ", " had caused ", " had failed ", " had both failed ", " caused side effects "].contains(where: { pa.hasPrefix($0) }) { prior += 1 }
            if [" was continued ", " were continued ", " continued ", " was maintained "].contains(where: { pa.hasPrefix($0) }) { conc += 1 }
            let startedAfter = [" was started ", " was commenced ", " was given ", " were given ", " was added ", " was prescribed ",
                                " was administered ", " was initiated ", " was begun ", " were started ", " was introduced ", " were added ", " were given "].contains(where: { pa.hasPrefix($0) })
            if postOnset && (treatVerb || startedAfter) && !pa.hasPrefix(" had ") { treat += 1 }
            if !postOnset || pluperfect || pa.hasPrefix(" had ") {
                if verbAt != nil || startedAfter || before.contains("on") || before.contains("taking") || pa.hasPrefix(" had been ") { weak += 1 }
            }
            // The reaction is treated "for the rash" or "for her symptoms".
            if postOnset, pa.contains(" for the ") || pa.contains(" for her ") || pa.contains(" for his ") { treat += 1 }

            for k in g {
                let m = a.drugs[k]
                if findings[m.canonical] == nil { findings[m.canonical] = DrugFinding(canonical: m.canonical); order.append(m.canonical) }
                var f = findings[m.canonical]!
                f.mentions.append(m)
                f.strong += strong + (anchoredMentions.contains(k) ? 1 : 0)
                f.weak += weak; f.prior += prior; f.concomitant += conc; f.treatment += treat
                if treat > 0, f.treatmentSentence == nil { f.treatmentSentence = m.sentence }
                f.dechallenge = f.dechallenge || dechallenge
                if f.route == nil {
                    let near = a.words(max(s.tokens.lowerBound, m.start - 2)..<m.start) + a.words(m.end..<min(s.tokens.upperBound, m.end + 3))
                    f.route = near.compactMap { routes[$0] }.first
                }
                findings[m.canonical] = f
            }
        }

        var out = order.map { findings[$0]! }
        var undecided: [Int] = []
        for k in out.indices {
            let f = out[k]
            // A drug named before the reaction began was not given to treat it.
            let firstPostOnset = !a.isTitle[f.mentions[0].sentence] && f.mentions[0].start > onset
                || f.mentions.allSatisfy { a.isTitle[$0.sentence] }
            if f.strong > 0 { out[k].role = .suspect }
            else if f.prior > 0 { out[k].role = .prior }
            else if f.concomitant > 0 { out[k].role = .concomitant }
            else if f.treatment > 0 && firstPostOnset { out[k].role = .treatment }
            else { undecided.append(k) }
        }
        // Without attribution words, the drug taken before the reaction is the suspect.
        if !out.contains(where: { $0.role == .suspect }) {
            let exposed = undecided.filter { out[$0].weak > 0 }
            let promote = !exposed.isEmpty ? exposed : undecided.filter { out[$0].mentions[0].start < onset }.prefix(1).map { $0 }
            for k in promote { out[k].role = .suspect }
            if promote.isEmpty, out.count == 1, out[0].role != .treatment || a.events.isEmpty { out[0].role = .suspect }
        }
        for k in undecided where out[k].role != .suspect {
            out[k].role = out[k].mentions[0].start > onset && out[k].weak == 0 ? .treatment : .concomitant
        }
        return out
    }
}
