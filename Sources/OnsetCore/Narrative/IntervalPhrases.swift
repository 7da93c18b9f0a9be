/// A time phrase of a sentence that may state when a reaction began relative to a drug: its value or
/// range and unit, what it counts from, and the characters it covers.
public struct IntervalPhrase: Hashable, Sendable {
    /// What the phrase counts from; `relative` ("three days later", "the next day") takes the anchor
    /// from the latest dosing the narrative mentioned before.
    public enum Anchor: Hashable, Sendable { case firstDose, dose(Int), lastDose, discontinuation, relative }

    public var min: Double?
    public var max: Double?
    public var unit: TimeUnit?
    public var anchor: Anchor
    /// Character offsets of the whole phrase, and of the part naming what it counts from (where a drug may be named).
    public var start: Int
    public var end: Int
    public var anchorStart: Int
    public var anchorEnd: Int
    /// A phrase without a value that says the reaction was immediate ("during the second infusion").
    public var acute = false
    /// The ordinal of the dose the phrase names ("the first dose" is 1 though its anchor is the first dose).
    public var ordinal: Int?
    /// "for 18 months": how long the drug had been taken, an onset only when the sentence says so.
    public var duration = false
    /// "ten days earlier": counted back from the reaction told before, to a dosing named beside it.
    public var backward = false

    /// The dose number the phrase names, if any.
    public var doseNumber: Int? {
        if case .dose(let n) = anchor { return n }
        return nil
    }
}

/// Finds interval phrases in a sentence: "one day after the second dose", "within 24 hours of the first
/// doses", "on day 7 of treatment", "two weeks after his fourth cycle", "10–11 days after",
/// "3 weeks following discontinuation", "after 4 weeks of linezolid", "ten days later".
public enum IntervalPhrases {
    static let units: [String: TimeUnit] = [
        "minute": .minute, "minutes": .minute, "min": .minute, "mins": .minute,
        "hour": .hour, "hours": .hour, "h": .hour, "hr": .hour, "hrs": .hour,
        "day": .day, "days": .day, "week": .week, "weeks": .week, "wk": .week, "wks": .week,
        "month": .month, "months": .month, "mo": .month, "year": .year, "years": .year, "yr": .year, "yrs": .year,
    ]
    /// Nouns for one administration.
    static let doseNouns: Set<String> = [
        "dose", "doses", "infusion", "infusions", "injection", "injections", "shot", "shots", "jab", "jabs",
        "vaccination", "vaccine", "cycle", "cycles", "course", "courses", "treatment", "treatments",
        "administration", "tablet", "tablets", "capsule", "capsules", "pill", "pills", "session", "dosing",
    ]
    static let startWords: Set<String> = ["starting", "initiating", "commencing", "beginning", "initiation", "start",
                                          "commencement", "introduction", "introducing", "onset", "begun", "started",
                                          "initiated", "commenced", "added", "introduced", "adding"]
    static let stopWords: Set<String> = ["stopping", "discontinuation", "discontinuing", "withdrawal", "withdrawing",
                                         "cessation", "ceasing", "stopped", "discontinued", "withdrawn", "ceased", "halting"]
    static let lastWords: Set<String> = ["completing", "completion", "finishing", "end", "resuming", "restarting",
                                         "re-exposure", "reexposure", "rechallenge", "re", "taking", "receiving", "getting",
                                         "exposure", "ingestion", "ingesting", "using"]
    static let clauseEnd: Set<String> = [".", ";", ":", "!", "?", "when", "while", "and", "but", "which", "she", "he",
                                         "they", "i", "we", "with", "where", "because", "as"]
    static let exposureVerbs: Set<String> = ["taking", "taken", "on", "receiving", "received", "treated", "using", "used",
                                             "take", "took", "had"]

    /// The sentence's tokens without hyphens, except a hyphen between numbers (a range).
    static func view(_ tokens: [NarrativeToken], _ range: Range<Int>) -> [NarrativeToken] {
        var out: [NarrativeToken] = []
        for i in range {
            let t = tokens[i]
            if t.text == "-" {
                let before = i > range.lowerBound ? tokens[i - 1] : nil, after = i + 1 < range.upperBound ? tokens[i + 1] : nil
                if before?.kind == .number || NumberWords.cardinalTable[before?.text ?? ""] != nil,
                   after?.kind == .number || NumberWords.cardinalTable[after?.text ?? ""] != nil,
                   !(before?.text.hasSuffix("ty") == true && NumberWords.cardinalTable[after?.text ?? ""].map { $0 < 10 } == true) {
                    out.append(t)
                }
                continue
            }
            out.append(t)
        }
        return out
    }

    public static func find(_ tokens: [NarrativeToken], range: Range<Int>) -> [IntervalPhrase] {
        let w = view(tokens, range)
        var out: [IntervalPhrase] = []
        var i = 0
        while i < w.count {
            if let (p, next) = phrase(w, i) {
                out.append(p); i = max(next, i + 1)
            } else { i += 1 }
        }
        return out
    }

    static func text(_ w: [NarrativeToken], _ k: Int) -> String { k >= 0 && k < w.count ? w[k].text : "" }

    /// A value with its unit at `i`: `3 weeks`, `10-11 days`, `10 to 11 days`, `between 2 and 3 days`,
    /// `a week`, `half an hour`, `48h`; returns min, max, unit and the index after the unit.
    static func quantity(_ w: [NarrativeToken], _ i: Int) -> (Double, Double, TimeUnit, Int)? {
        var k = i
        var between = false
        if text(w, k) == "between" { between = true; k += 1 }
        if text(w, k) == "half", (text(w, k + 1) == "an" || text(w, k + 1) == "a"), let u = units[text(w, k + 2)] {
            return (0.5, 0.5, u, k + 3)
        }
        // "48h", "72hrs", "2wk": a number glued to its unit.
        if w.indices.contains(k), w[k].kind == .word, let digitsEnd = w[k].text.firstIndex(where: { !$0.isNumber && $0 != "." }),
           digitsEnd != w[k].text.startIndex, let v = Double(w[k].text[..<digitsEnd]), let u = units[String(w[k].text[digitsEnd...])] {
            return (v, v, u, k + 1)
        }
        var lo: Double
        if text(w, k) == "a" || text(w, k) == "an" {
            guard let u = units[text(w, k + 1)], u != .minute || true else { return nil }
            if text(w, k + 2) == "or" || text(w, k + 2) == "to", let (hi, n) = NumberWords.cardinal(in: w, at: k + 3, end: w.count), let u2 = units[text(w, n)], u2 == u {
                return (1, hi, u, n + 1)
            }
            return (1, 1, u, k + 2)
        }
        guard let (v, n) = NumberWords.cardinal(in: w, at: k, end: w.count) else { return nil }
        lo = v
        k = n
        // "two and a half years"
        if text(w, k) == "and", text(w, k + 1) == "a", text(w, k + 2) == "half", units[text(w, k + 3)] != nil { lo += 0.5; k += 3 }
        var hi = lo
        let sep = text(w, k)
        if sep == "-" || sep == "to" || sep == "or" || (between && sep == "and") {
            if let (v2, n2) = NumberWords.cardinal(in: w, at: k + 1, end: w.count), v2 >= lo {
                hi = v2; k = n2
            }
        }
        guard let u = units[text(w, k)] else { return nil }
        // "3 weeks'" or "a 7-day course" are not intervals; "day" after a number without plural mostly is adjectival.
        let after = text(w, k + 1)
        if ["course", "history", "period", "supply", "regimen", "old", "trial", "stay", "cycle", "interval", "schedule"].contains(after) { return nil }
        if lo > 10000 { return nil }
        if hi < lo { swap(&lo, &hi) }
        return (lo, hi, u, k + 1)
    }

    /// Reads what a phrase counts from, starting at `k` (just after the connector).
    static func anchor(_ w: [NarrativeToken], _ k0: Int) -> (IntervalPhrase.Anchor, Int)? {
        anchorWithOrdinal(w, k0).map { ($0.0, $0.1) }
    }

    /// Whether the anchor at `k0` names a numbered dose ("the first injection").
    static func ordinal(_ w: [NarrativeToken], _ k0: Int) -> Int? { anchorWithOrdinal(w, k0)?.2 }

    static func anchorWithOrdinal(_ w: [NarrativeToken], _ k0: Int) -> (IntervalPhrase.Anchor, Int, Int?)? {
        var k = k0
        // Skip articles, possessives and gerunds that introduce the anchor.
        // "three days after that dose": the dose told before.
        if ["that", "this"].contains(text(w, k)), doseNouns.contains(text(w, k + 1)) { return (.relative, k + 2, nil) }
        let lead: Set<String> = ["the", "his", "her", "their", "my", "a", "an", "this", "that", "its", "our"]
        var gerund: String?
        for _ in 0..<3 {
            let t = text(w, k)
            if lead.contains(t) { k += 1; continue }
            if ["receiving", "taking", "getting", "having", "being", "given", "administering", "administration", "ingestion",
                "starting", "initiating", "commencing", "beginning", "stopping", "discontinuing", "completing", "finishing",
                "resuming", "restarting", "withdrawing", "ceasing", "initiation", "discontinuation", "withdrawal",
                "cessation", "completion", "commencement", "start", "end", "introduction", "exposure", "re-exposure",
                "rechallenge", "reexposure"].contains(t) {
                gerund = gerund ?? t; k += 1
                if text(w, k) == "of" || text(w, k) == "to" || text(w, k) == "with" || text(w, k) == "on" { k += 1 }
                continue
            }
            break
        }
        // An ordinal followed by a dose noun within three words: "the third infusion", "his fourth cycle",
        // "the first 1 mg injection", "the second dose of".
        if let (n, after) = NumberWords.ordinal(in: w, at: k, end: w.count) {
            // "the first two doses": the reaction followed the second.
            if n == 1, let (c, nx) = NumberWords.cardinal(in: w, at: after, end: w.count), c >= 2, c <= 30, c == c.rounded(),
               doseNouns.contains(text(w, nx)) {
                return (.dose(Int(c)), nx + 1, Int(c))
            }
            for j in after..<min(after + 4, w.count) where doseNouns.contains(w[j].text) {
                // "his first six months of treatment" is a span of time, not a numbered dose.
                if w[after..<j].contains(where: { units[$0.text] != nil }) { break }
                return (n == 1 ? .firstDose : .dose(n), j + 1, n)
            }
        }
        let t = text(w, k)
        if ["last", "final", "latest", "previous", "most"].contains(t) {
            for j in k + 1..<min(k + 4, w.count) where doseNouns.contains(w[j].text) { return (.lastDose, j + 1, nil) }
        }
        if let g = gerund {
            if startWords.contains(g) { return (.firstDose, k, nil) }
            if stopWords.contains(g) { return (.discontinuation, k, nil) }
            return (.lastDose, k, nil)
        }
        if startWords.contains(t) { return (.firstDose, k + 1, nil) }
        if stopWords.contains(t) { return (.discontinuation, k + 1, nil) }
        if doseNouns.contains(t) {
            // "after the dose was increased" counts from a change of dose, which the format has no anchor for.
            let next = [text(w, k + 1), text(w, k + 2)]
            if next.contains(where: { ["increased", "escalated", "reduced", "changed", "titrated", "adjusted", "doubled", "halved", "decreased"].contains($0) }) { return nil }
            return (.lastDose, k + 1, nil)
        }
        // "after naproxen was started", "after the antibiotic was added", "following natalizumab discontinuation":
        // a noun phrase then a start or stop word within five words.
        var j = k
        while j < min(k + 6, w.count) {
            let x = text(w, j)
            if [".", ";", ",", "when", "she", "he", "and"].contains(x) { break }
            if startWords.contains(x) && j > k { return (.firstDose, j + 1, nil) }
            if stopWords.contains(x) && j > k { return (.discontinuation, j + 1, nil) }
            if doseNouns.contains(x) && j > k && !["treatment", "course"].contains(x) { return (.lastDose, j + 1, nil) }
            j += 1
        }
        // A plain noun phrase ("after amoxicillin", "post-vaccination"): the latest dose of it.
        if w.indices.contains(k), w[k].kind == .word, !["onset", "admission", "presentation", "surgery", "discharge", "that", "this", "which", "it", "symptom", "symptoms"].contains(t) {
            return (.lastDose, k + 1, nil)
        }
        return nil
    }

    static func phrase(_ w: [NarrativeToken], _ i: Int) -> (IntervalPhrase, Int)? {
        func make(_ lo: Double?, _ hi: Double?, _ u: TimeUnit?, _ a: IntervalPhrase.Anchor, _ s: Int, _ e: Int, _ as0: Int, _ ae: Int) -> IntervalPhrase {
            let e1 = max(min(e, w.count) - 1, s), ae1 = max(min(ae, w.count) - 1, as0)
            var p = IntervalPhrase(min: lo, max: hi, unit: u, anchor: a, start: w[s].start, end: w[e1].end,
                                   anchorStart: w[min(as0, w.count - 1)].start, anchorEnd: w[ae1].end)
            p.ordinal = ordinal(w, as0)
            return p
        }
        let t = text(w, i)

        // "on day 7 (of treatment)", "on the fifth day of treatment", "on postoperative day 7", "in the eleventh week of treatment"
        if t == "on" || t == "in" || t == "during" || t == "by" {
            var k = i + 1
            if text(w, k) == "the" { k += 1 }
            if ["postoperative", "post-operative", "treatment", "therapy"].contains(text(w, k)) { k += 1 }
            var n: Int?, unit: TimeUnit?, after = k
            if let u = units[text(w, k)], u == .day || u == .week, let (v, nx) = NumberWords.cardinal(in: w, at: k + 1, end: w.count), v == v.rounded(), v >= 1 {
                n = Int(v); unit = u; after = nx
            } else if let (o, nx) = NumberWords.ordinal(in: w, at: k, end: w.count), let u = units[text(w, nx)], u == .day || u == .week || u == .month,
                      !text(w, nx).hasSuffix("s") {   // "in the first weeks" names no particular week
                n = o; unit = u; after = nx + 1
            }
            if let n, let unit {
                // Day counts of a stay or of an illness are not counted from a drug.
                if text(w, after) == "of", ["admission", "hospitalisation", "hospitalization", "illness", "life", "stay", "fever", "symptoms"].contains(text(w, after + 1)) { return nil }
                var end = after
                if text(w, after) == "of" { end = min(after + 3, w.count) }
                if unit == .day && text(w, i) == "by" { return nil }
                return (make(Double(n - 1), Double(n), unit, .firstDose, i, end, after, end), end)
            }
            // "during the second infusion", "during infusion"
            if t == "during" {
                if let (a, e) = anchor(w, i + 1), case .lastDose = a, ["infusion", "injection", "administration"].contains(text(w, e - 1)) {
                    var p = make(0, 1, .day, a, i, e, i + 1, e); p.acute = true; return (p, e)
                }
                if let (a, e) = anchor(w, i + 1), a != .lastDose, a != .discontinuation {
                    var p = make(0, 1, .day, a, i, e, i + 1, e); p.acute = true; return (p, e)
                }
            }
        }

        // "the next day", "the following morning", "the same day", "the day after (the second dose)"
        if t == "the" || t == "that" || t == "next" || t == "same" || t == "overnight" {
            var k = i
            if t == "the" || t == "that" { k += 1 }
            let a = text(w, k), b = text(w, k + 1)
            var lo: Double?, hi: Double?
            if (a == "next" || a == "following") && (b == "day" || b == "morning" || b == "evening") { lo = b == "day" ? 1 : 0; hi = 1; k += 2 }
            else if a == "same" && (b == "day" || b == "evening" || b == "night") { lo = 0; hi = 1; k += 2 }
            else if a == "day" && (b == "after" || b == "following") { lo = 1; hi = 1; k += 1 }
            else if a == "morning" && b == "after" { lo = 0; hi = 1; k += 1 }
            else if a == "overnight" { lo = 0; hi = 1; k += 1 }
            if let lo, let hi {
                if ["after", "following"].contains(text(w, k)), let (an, e) = anchor(w, k + 1) {
                    return (make(lo, hi, .day, an, i, e, k + 1, e), e)
                }
                if text(w, k) == "as", let (an, e) = anchor(w, k + 1) { return (make(lo, hi, .day, an, i, e, k + 1, e), e) }
                return (make(lo, hi, .day, .relative, i, k, i, k), k)
            }
        }

        // "after 4 weeks of linezolid", "after 2.5 years of therapy", "after about 3 weeks"
        if t == "after" || t == "following" || t == "within" {
            var k = i + 1
            if ["about", "approximately", "around", "roughly", "some", "nearly", "almost", "only", "just"].contains(text(w, k)) { k += 1 }
            if let (lo, hi, u, n) = quantity(w, k) {
                if text(w, n) == "of" || text(w, n) == "on" {
                    var e = n + 1
                    while e < min(n + 6, w.count), !clauseEnd.contains(text(w, e)), text(w, e) != "," { e += 1 }
                    let lo2 = t == "within" ? 0 : lo
                    if t == "within", let (an, e2) = anchor(w, n + 1) { return (make(0, hi, u, an, i, e2, n + 1, e2), e2) }
                    return (make(lo2, hi, u, .firstDose, i, e, n + 1, e), e)
                }
                if t == "within", ["after", "following", "from", "post"].contains(text(w, n)), let (an, e) = anchor(w, n + 1) {
                    return (make(0, hi, u, an, i, e, n + 1, e), e)
                }
                // "after about 3 weeks I had", "within 6 hours she developed": counted from the dosing told before.
                // Only at the head of a sentence or clause: elsewhere it is how long something took ("stopped within 20 minutes").
                let opensClause = i == 0 || [",", ";", "and", "but", "then"].contains(text(w, i - 1))
                if opensClause && (t == "after" || (t == "within" && ![",", "of", "after", "following", "from", "post"].contains(text(w, n)) || t == "within" && text(w, n) == ",")) {
                    return (make(t == "within" ? 0 : lo, hi, u, .relative, i, n, i, n), n)
                }
            }
            // "within minutes of the start of the infusion", "shortly after the injection"
            if t == "within", text(w, i + 1) == "minutes" || text(w, i + 1) == "hours" || text(w, i + 1) == "seconds",
               text(w, i + 2) == "of" || text(w, i + 2) == "after", let (an, e) = anchor(w, i + 3) {
                var p = make(0, 1, .day, an, i, e, i + 3, e); p.acute = true; return (p, e)
            }
            // "after the third infusion": a dose number without a value.
            if t == "after" || t == "following", let (an, e) = anchor(w, i + 1) {
                if case .dose = an { return (make(nil, nil, nil, an, i, e, i + 1, e), e) }
                if an == .firstDose, e > i + 1, doseNouns.contains(text(w, e - 1)) { return (make(nil, nil, nil, an, i, e, i + 1, e), e) }
            }
        }
        if (t == "shortly" || t == "immediately" || t == "soon" || t == "minutes") && ["after", "following"].contains(text(w, i + 1)),
           let (an, e) = anchor(w, i + 2) {
            var p = make(0, 1, .day, an, i, e, i + 2, e); p.acute = true; return (p, e)
        }

        // "had been taking amiodarone for 18 months when he developed": how long the drug was taken.
        if t == "for" {
            var k = i + 1
            if ["about", "approximately", "around", "roughly", "some", "nearly", "almost", "over", "more"].contains(text(w, k)) { k += 1 }
            if text(w, k) == "than" { k += 1 }
            if let (lo, hi, u, n) = quantity(w, k), u != .minute {
                var p = make(lo, hi, u, .firstDose, i, n, i, n); p.duration = true
                return (p, n)
            }
            return nil
        }
        // "<value> <unit> after|following|post|from|into|of <anchor>", "<value> <unit> later", "<value> <unit> ago",
        // "<value> <unit> prior to presentation"
        // "for 3 weeks", "over six weeks", "up to 3 weeks", "every 12 hours": durations and schedules.
        if ["for", "over", "lasting", "throughout", "until", "every", "to", "each", "per", "as"].contains(text(w, i - 1))
            || (text(w, i - 2) == "up" && text(w, i - 1) == "to") { return nil }
        var k = i
        var within = false, upTo = false
        if t == "within" || t == "under" { within = true; k += 1 }
        if (t == "less" || t == "up") && (text(w, i + 1) == "than" || text(w, i + 1) == "to") { within = true; upTo = t == "up"; k += 2 }
        if ["about", "approximately", "around", "roughly", "some", "nearly", "almost", "only", "just", "over", "more", "at", "least", "by"].contains(text(w, k)) {
            if text(w, k) == "more" && text(w, k + 1) == "than" { k += 1 }
            if text(w, k) == "at" && text(w, k + 1) == "least" { k += 1 }
            k += 1
        }
        guard let (lo0, hi, u, n) = quantity(w, k) else { return nil }
        let lo = within ? 0 : lo0
        let conn = text(w, n)
        if upTo {
            // "worsening up to 3 weeks following discontinuation" is how long something lasted, not an onset.
            return nil
        }
        if ["after", "following", "post", "from", "since", "of", "into"].contains(conn) {
            if conn == "of" && !within {
                // "2 weeks of treatment" alone is a duration; only "within N of" and "after N of" count.
                return nil
            }
            if conn == "into" {
                var e = n + 1
                while e < min(n + 5, w.count), !clauseEnd.contains(text(w, e)), text(w, e) != "," { e += 1 }
                // "20 minutes into the infusion" counts from the administration under way; "5 days into the
                // course" from the start of the course.
                let current = (n + 1..<e).contains { ["infusion", "injection", "dose", "administration", "transfusion"].contains(text(w, $0)) }
                return (make(lo, hi, u, current ? .lastDose : .firstDose, i, e, n + 1, e), e)
            }
            if let (an, e) = anchor(w, n + 1) {
                return (make(lo, hi, u, an, i, e, n + 1, e), e)
            }
            return nil
        }
        if conn == "later" || conn == "afterwards" || conn == "afterward" || conn == "thereafter" {
            return (make(lo, hi, u, .relative, i, n + 1, i, n + 1), n + 1)
        }
        if conn == "ago" {
            // "started X three weeks ago and since last week …": the onset is dated separately; leave it.
            if w.contains(where: { ["since", "yesterday"].contains($0.text) }) || zip(w, w.dropFirst()).contains(where: { $0.text == "last" && ($1.text == "week" || $1.text == "month" || $1.text == "night") }) { return nil }
            return (make(lo, hi, u, .relative, i, n + 1, i, n + 1), n + 1)
        }
        if ["earlier", "previously", "beforehand"].contains(conn) || (conn == "before" && [".", ",", ";", ""].contains(text(w, n + 1))) {
            var p = make(lo, hi, u, .relative, i, n + 1, i, n + 1); p.backward = true
            return (p, n + 1)
        }
        if (conn == "prior" && text(w, n + 1) == "to") || conn == "before" {
            let m = conn == "prior" ? n + 2 : n + 1
            var j = m
            if ["his", "her", "the", "their", "my", "hospital"].contains(text(w, j)) { j += 1 }
            if ["presentation", "admission", "onset", "symptoms", "symptom", "arrival", "attendance"].contains(text(w, j)) {
                return (make(lo, hi, u, .lastDose, i, j + 1, i, j + 1), j + 1)
            }
        }
        return nil
    }
}
