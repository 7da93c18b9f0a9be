/// Rows set aside because they could not be read safely: counted, with the first few places kept.
final class QuarantineLog {
    private(set) var count = 0
    private(set) var samples: [String] = []
    let keep: Int

    init(keep: Int = 10) { self.keep = keep }

    func add(_ place: String, _ reason: String) {
        count += 1
        if samples.count < keep { samples.append("\(place): \(reason)") }
    }
}
