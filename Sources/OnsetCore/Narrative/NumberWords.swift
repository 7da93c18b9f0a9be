/// Reads numbers written as words or digits: cardinals (`one` … `thirty`, `forty-eight`) and
/// ordinals (`first` … `thirtieth`, `3rd`, `4th`).
public enum NumberWords {
    static let units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    static let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    static let ordinalUnits = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                               "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                               "seventeenth", "eighteenth", "nineteenth"]
    static let ordinalTens = ["", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"]

    static let cardinalTable: [String: Int] = {
        var m: [String: Int] = [:]
        for (k, w) in units.enumerated() { m[w] = k }
        for (k, w) in tens.enumerated() where !w.isEmpty { m[w] = k * 10 }
        m["a dozen"] = 12; m["dozen"] = 12; m["hundred"] = 100
        return m
    }()

    static let ordinalTable: [String: Int] = {
        var m: [String: Int] = [:]
        for (k, w) in ordinalUnits.enumerated() where k > 0 { m[w] = k }
        for (k, w) in ordinalTens.enumerated() where !w.isEmpty { m[w] = k * 10 }
        m["last"] = -1   // not a number: callers treat it as the last dose
        return m
    }()

    /// The value of a single cardinal word or numeral (`seven`, `7`, `2.5`, `twenty-one` as one token).
    public static func cardinal(_ word: String) -> Double? {
        if let d = Double(word), word.first?.isNumber == true { return d }
        if let v = cardinalTable[word] { return Double(v) }
        let parts = word.split(separator: "-")
        if parts.count == 2, let t = cardinalTable[String(parts[0])], t >= 20, t % 10 == 0,
           let u = cardinalTable[String(parts[1])], u < 10 { return Double(t + u) }
        return nil
    }

    /// The value of an ordinal word or numeral (`third`, `3rd`, `21st`); nil for anything else.
    public static func ordinal(_ word: String) -> Int? {
        if let v = ordinalTable[word], v > 0 { return v }
        for suffix in ["st", "nd", "rd", "th"] where word.hasSuffix(suffix) {
            if let n = Int(word.dropLast(2)), n > 0 { return n }
        }
        let parts = word.split(separator: "-")
        if parts.count == 2, let t = cardinalTable[String(parts[0])], t >= 20, t % 10 == 0,
           let u = ordinalTable[String(parts[1])], u > 0, u < 10 { return t + u }
        return nil
    }

    /// Reads a cardinal starting at token `i`, joining `twenty - one` and `twenty one`;
    /// returns the value and the index after it.
    public static func cardinal(in tokens: [NarrativeToken], at i: Int, end: Int) -> (value: Double, next: Int)? {
        guard i < end else { return nil }
        let t = tokens[i]
        if t.kind == .number, let v = t.number { return (v, i + 1) }
        guard t.kind == .word, let v = cardinalTable[t.text] else { return nil }
        if v >= 20, v % 10 == 0 {
            var j = i + 1
            if j < end, tokens[j].text == "-" { j += 1 }
            if j < end, let u = cardinalTable[tokens[j].text], u > 0, u < 10 { return (Double(v + u), j + 1) }
        }
        return (Double(v), i + 1)
    }

    /// Reads an ordinal starting at token `i` (`twenty-first` as three tokens too).
    public static func ordinal(in tokens: [NarrativeToken], at i: Int, end: Int) -> (value: Int, next: Int)? {
        guard i < end else { return nil }
        let t = tokens[i]
        if let v = ordinal(t.text) { return (v, i + 1) }
        if let v = cardinalTable[t.text], v >= 20, v % 10 == 0 {
            var j = i + 1
            if j < end, tokens[j].text == "-" { j += 1 }
            if j < end, let u = ordinalTable[tokens[j].text], u > 0, u < 10 { return (v + u, j + 1) }
        }
        return nil
    }
}
