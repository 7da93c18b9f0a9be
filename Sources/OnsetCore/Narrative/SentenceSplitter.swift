/// A sentence (or heading line) of a narrative: a run of tokens.
public struct NarrativeSentence: Hashable, Sendable {
    /// Index of the sentence in the narrative.
    public var index: Int
    /// Token indices `tokens.lowerBound..<tokens.upperBound` into the narrative's tokens.
    public var tokens: Range<Int>
    /// Character offsets of the sentence.
    public var start: Int
    public var end: Int
    /// A line without closing punctuation (a title, a section heading or a figure label).
    public var isHeading: Bool
}

/// Splits tokens into sentences: at closing punctuation (not after abbreviations or inside numbers),
/// at blank lines, and at line breaks that end short lines (titles, headings, list items).
public enum SentenceSplitter {
    /// Words after which a full stop does not end a sentence.
    static let abbreviations: Set<String> = [
        "al", "e.g", "eg", "i.e", "ie", "dr", "mr", "mrs", "ms", "vs", "fig", "figs", "approx", "no", "nos", "st",
        "prof", "etc", "ca", "resp", "ref", "refs", "vol", "pp", "mg", "kg", "min", "mins", "hr", "hrs", "iv", "im",
        "sc", "po", "b.i.d", "t.i.d", "q.d", "bid", "tid", "qid", "od", "jr", "sr", "dept", "univ", "inc", "ltd", "co",
    ]

    public static func split(_ tokens: [NarrativeToken], text chars: [Character]) -> [NarrativeSentence] {
        var out: [NarrativeSentence] = []
        var begin = 0
        func close(_ endExclusive: Int) {
            guard endExclusive > begin else { return }
            let last = tokens[endExclusive - 1]
            let heading = !(last.text == "." || last.text == "!" || last.text == "?" || last.text == ":")
            out.append(NarrativeSentence(index: out.count, tokens: begin..<endExclusive, start: tokens[begin].start,
                                         end: last.end, isHeading: heading))
            begin = endExclusive
        }
        var lineStart = 0   // character offset where the current line starts
        for k in 0..<tokens.count {
            let t = tokens[k]
            if k > begin, t.newlinesBefore > 0 {
                let prev = tokens[k - 1]
                let lineLength = prev.end - lineStart
                let bullet = t.text == "•" || t.text == "*" || t.text == "·"
                    || (t.kind == .number && k + 1 < tokens.count && tokens[k + 1].text == "." && t.text.count <= 2
                        && k + 2 < tokens.count && tokens[k + 2].raw.first?.isUppercase == true)
                let continues = prev.text == "," || prev.text == "-" || prev.text == "(" || prev.text == "and"
                if t.newlinesBefore >= 2 || bullet || (lineLength <= 50 && !continues) {
                    close(k)
                }
            }
            if t.newlinesBefore > 0 { lineStart = t.start }
            guard t.text == "." || t.text == "!" || t.text == "?" else { continue }
            let next = k + 1 < tokens.count ? tokens[k + 1] : nil
            if t.text == "." {
                if k > 0 {
                    let w = tokens[k - 1]
                    if !t.spaceBefore, w.kind == .word, abbreviations.contains(w.text) { continue }
                    // An initial ("J. Smith") is not a sentence end.
                    if w.kind == .word, w.raw.count == 1, w.isUpper, next?.raw.first?.isUppercase == true, !t.spaceBefore { continue }
                }
            }
            guard let next else { close(k + 1); continue }
            // A sentence ends before a capital, a digit, a quote, a bracket or a new line.
            let startsNew = next.newlinesBefore > 0 || next.raw.first?.isUppercase == true || next.kind == .number
                || next.text == "\"" || next.text == "(" || next.text == "•"
            if startsNew && next.spaceBefore { close(k + 1) }
        }
        close(tokens.count)
        return out
    }
}
