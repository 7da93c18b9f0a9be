/// Values a report gave that onset could not take as reported (an impossible date, an
/// implausible age, a row that refers to a drug the report lacks): the case keeps a note of what
/// was read and goes without the value, and the source counts them with the first few places, so
/// an import never drops a value without saying so.
final class ValueIssues {
    private(set) var count = 0
    private(set) var samples: [String] = []
    let keep: Int

    init(keep: Int = 5) { self.keep = keep }

    func add(_ place: String, _ what: String) {
        count += 1
        if samples.count < keep { samples.append("\(place): \(what)") }
    }

    /// Forgets everything (a join that is undone and run again).
    func reset() { count = 0; samples = [] }

    /// The source's warning, or nil when every value was used.
    var warning: String? {
        guard count > 0 else { return nil }
        return "\(count) value\(count == 1 ? "" : "s") not usable as reported, left out and noted in the case: "
            + samples.joined(separator: "; ") + (count > samples.count ? "; …" : "")
    }
}
