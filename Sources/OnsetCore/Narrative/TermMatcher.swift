/// A dictionary of multi-word names matched longest-first over narrative tokens (a token trie).
/// Names and text go through the same tokenizer and the same per-token fold, so spelling variants meet.
public struct TermMatcher: Sendable {
    /// Which spelling fold applies to tokens.
    public enum Fold: Sendable { case drug, event }

    /// What a name maps to.
    public struct Entry: Hashable, Sendable {
        public var canonical: String
        /// Names written in capitals (`HIT`, `TEN`, `MS`) only match capitals in the text; short or
        /// common-word brand names (`Nix`, `Alli`) only match a capitalised word.
        public var caseRule: CaseRule
    }

    /// How a name's capitals must appear in the text.
    public enum CaseRule: Hashable, Sendable { case any, capitalised, allCaps }

    /// One match: tokens `start..<end` and the entry.
    public struct Match: Hashable, Sendable {
        public var start: Int
        public var end: Int
        public var entry: Entry
    }

    // Mutated only while the matcher is built, read-only once it is shared: safe across threads.
    final class Node: @unchecked Sendable {
        var children: [String: Node] = [:]
        var entries: [Entry] = []
    }

    let fold: Fold
    let root = Node()
    public private(set) var count = 0

    public init(fold: Fold) { self.fold = fold }

    /// The key of one token under this matcher's fold.
    func key(_ token: String) -> String {
        var s = token
        if s.contains("sulph") { s = s.replacingAll("sulph", with: "sulf") }
        guard fold == .event else { return s }
        // British digraphs and -ise/-our endings folded the American way, as TermKey.event does.
        s = s.replacingAll("ae", with: "e").replacingAll("oe", with: "e")
        for (a, b) in [("isation", "ization"), ("ised", "ized"), ("ising", "izing"), ("ise", "ize"), ("our", "or")] where s.hasSuffix(a) && s.count > a.count + 2 {
            s = String(s.dropLast(a.count)) + b
        }
        return s
    }

    /// Tokens that carry meaning for matching: hyphens and quotes are dropped so `beta-1a` = `beta 1a`.
    static func significant(_ t: NarrativeToken) -> Bool { !(t.text == "-" || t.text == "'" || t.text == "\"") }

    /// Adds a name; a name already present keeps its first mapping (earlier sources win).
    public mutating func add(_ name: String, canonical: String, override: Bool = false) {
        let toks = NarrativeTokenizer.tokenize(name).filter(TermMatcher.significant)
        guard !toks.isEmpty else { return }
        let letters = name.filter(\.isLetter)
        var rule = CaseRule.any
        if letters.count >= 2 && !name.contains(where: \.isLowercase) && name.count <= 8 { rule = .allCaps }
        else if fold == .drug, toks.count == 1, letters.count <= 4 || NarrativeVocabulary.commonWords.contains(toks[0].text) { rule = .capitalised }
        var node = root
        for t in toks {
            let k = key(t.text)
            if let n = node.children[k] { node = n } else { let n = Node(); node.children[k] = n; node = n }
        }
        let e = Entry(canonical: canonical, caseRule: rule)
        if override { node.entries.removeAll { $0.caseRule == rule } }
        if node.entries.isEmpty { node.entries.append(e); count += 1 }
        else if !node.entries.contains(where: { $0.caseRule == rule }) {
            // "ten" and "TEN" may both be names; keep one of each case rule.
            node.entries.append(e)
        }
    }

    /// The longest name starting at token `i` (not crossing `end`).
    /// Each token's candidate keys under this fold (the word, and its singulars), computed once per text.
    public func keys(for tokens: [NarrativeToken]) -> [[String]] {
        tokens.map { t in
            guard TermMatcher.significant(t) else { return [] }
            var keys = [key(t.text)]
            // A plural in the text meets a singular name ("ulcers", "nosebleeds", "rashes").
            if t.kind == .word, t.text.count > 3, t.text.hasSuffix("s") {
                let one = key(String(t.text.dropLast()))
                if one != keys[0] { keys.append(one) }
                if t.text.hasSuffix("es") { let two = key(String(t.text.dropLast(2))); if !keys.contains(two) { keys.append(two) } }
            }
            return keys
        }
    }

    public func longest(in tokens: [NarrativeToken], at i: Int, end: Int) -> Match? {
        longest(in: tokens, keys: keys(for: Array(tokens[i..<end])), offset: i, at: i, end: end)
    }

    /// The longest name at token `i`, given the keys of tokens `offset...` (see `keys(for:)`).
    func longest(in tokens: [NarrativeToken], keys: [[String]], offset: Int, at i: Int, end: Int) -> Match? {
        guard i < end, TermMatcher.significant(tokens[i]), tokens[i].kind != .punct || tokens[i].text == "/" else { return nil }
        var best: Match?
        var frontier: [(Node, Int)] = [(root, i)]   // node reached, next token index
        while let (node, j) = frontier.popLast() {
            var k = j
            while k < end, !TermMatcher.significant(tokens[k]) { k += 1 }
            guard k < end else { continue }
            for kk in keys[k - offset] {
                guard let child = node.children[kk] else { continue }
                // Entries with a case rule are tried first: "TEN" in capitals is the reaction, "ten" the number.
                let ordered = child.entries.sorted { ($0.caseRule == .any ? 1 : 0) < ($1.caseRule == .any ? 1 : 0) }
                if let e = ordered.first(where: { entryFits($0, tokens: tokens, from: i, to: k + 1) }) {
                    if best == nil || k + 1 > best!.end { best = Match(start: i, end: k + 1, entry: e) }
                }
                frontier.append((child, k + 1))
            }
        }
        return best
    }

    func entryFits(_ e: Entry, tokens: [NarrativeToken], from: Int, to: Int) -> Bool {
        // Lettered tokens must be written as the name was ("MS", "Nix" but not "ms", "nix"; "TEN" but not "Ten").
        for t in tokens[from..<to] where t.kind == .word && t.raw.contains(where: \.isLetter) {
            switch e.caseRule {
            case .any: return true
            case .capitalised: if t.raw.first?.isUppercase != true { return false }
            case .allCaps: if !t.isUpper { return false }
            }
        }
        return true
    }

    /// All names in `range`, left to right, each the longest at its place, never overlapping.
    public func matches(in tokens: [NarrativeToken], range: Range<Int>) -> [Match] {
        matches(in: tokens, keys: keys(for: tokens), range: range)
    }

    /// As `matches(in:range:)`, with every token's keys computed beforehand.
    func matches(in tokens: [NarrativeToken], keys: [[String]], range: Range<Int>) -> [Match] {
        var out: [Match] = []
        var i = range.lowerBound
        while i < range.upperBound {
            if let m = longest(in: tokens, keys: keys, offset: 0, at: i, end: range.upperBound) {
                out.append(m); i = m.end
            } else { i += 1 }
        }
        return out
    }
}
