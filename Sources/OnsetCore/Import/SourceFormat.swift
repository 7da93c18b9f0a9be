import Foundation

/// The input formats onset reads.
public enum SourceFormat: String, CaseIterable, Sendable {
    case json, faers, openfda, vaers, e2b, narrative

    /// Guesses a file's format from its first bytes and its name; nil when it is none of them.
    public static func detect(url: URL, head: [UInt8]) -> SourceFormat? {
        let name = url.lastPathComponent.lowercased()
        var text = String(decoding: head.prefix(4096), as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
            if text.contains("\"onset.case/") { return .json }
            // onset's other JSON files (the lexicon) live beside cases in Data/ and are not cases.
            if text.contains("\"onset.lexicon") { return nil }
            // openFDA reports list keys alphabetically, so `safetyreportid` may come after a long
            // `patient`: any E2B-style key in the head marks a report.
            let openFDAKeys = ["\"safetyreportid\"", "\"patientonsetage\"", "\"reactionmeddrapt\"", "\"medicinalproduct\"",
                               "\"drugcharacterization\"", "\"@case_number\"", "\"companynumb\"", "\"receivedate\""]
            if openFDAKeys.contains(where: text.contains) || text.contains("\"results\"") && text.contains("\"meta\"") { return .openfda }
            return name.hasSuffix(".json") ? .json : nil
        }
        if trimmed.hasPrefix("<") {
            if text.contains("ichicsr") || text.contains("MCCI_IN200100UV01") || text.contains("PORR_IN049016UV") || text.contains("safetyreport") { return .e2b }
            return nil
        }
        if name.hasSuffix(".txt"), head.count > 0, !head.prefix(512).contains(0) {
            return .narrative
        }
        return nil
    }
}

/// A file that an import passed over, and why.
public struct SkippedFile: Sendable, Equatable {
    public var path: String
    public var reason: String
}

/// An input that cannot be imported: the file, the place in it, and what was expected.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var place: String?
    public var message: String
    public init(file: String, place: String? = nil, message: String) { self.file = file; self.place = place; self.message = message }
    public var description: String { "\(file): \(place.map { "\($0): " } ?? "")\(message)" }
}
