import Foundation

/// Imports a plain-text case report as one draft case, extracted by `NarrativeExtractor`.
public struct NarrativeImporter: SourceImporter {
    public init() {}

    /// A case report runs to a few pages; a larger file is something else (a log, a dump) and is
    /// refused before it is read, rather than held whole and searched for drugs.
    public static let maxBytes = 4 << 20

    public func run(url: URL, writer: LibraryWriter, progress: ImportProgress) throws -> SourceResult {
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue, size > Self.maxBytes {
            throw ImportError(file: url.path, place: "byte \(Self.maxBytes)",
                              message: "\(size / (1 << 20)) MiB of text: larger than a case report (at most 4 MiB); import it in another format or split it")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImportError(file: url.path, message: "cannot be read: \(error.localizedDescription)")
        }
        let bytes = [UInt8](data)
        try Self.checkIsText(bytes, file: url.path)
        // Reports pasted from PDFs may carry stray bytes; decode leniently rather than refuse the file.
        var text = TextDecoding.lenient(bytes)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard text.contains(where: { $0.isLetter }) else {
            throw ImportError(file: url.path, place: "line 1", message: "holds no text to read a case from")
        }
        let extractor = NarrativeExtractor(dictionary: NarrativeImporter.dictionary(for: writer.lexicon))
        let c = extractor.extract(text, id: NarrativeExtractor.caseID(forFile: url), file: url.path)
        var result = SourceResult(file: url.path, format: .narrative)
        let source = try writer.replaceSource(key: url.path, kind: .narrative, format: "text")
        result.replaced = source.removed
        result.replaced += try writer.insert(c, source: source.id)
        result.imported = 1
        if c.events.first?.preferred == nil { result.warnings.append("no reaction recognised; the draft needs one named by a reviewer") }
        try writer.finishSource(source.id)
        progress.update("\(url.lastPathComponent): draft \(c.id)")
        return result
    }

    /// Refuses what is plainly not a narrative, even with `--format narrative`: binary data (a
    /// NUL byte), and JSON, XML or a FAERS/VAERS table, whose markup would become a draft case.
    static func checkIsText(_ bytes: [UInt8], file: String) throws {
        if let nul = bytes.firstIndex(of: 0) {
            let line = bytes[..<nul].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw ImportError(file: file, place: "line \(line), byte \(nul)", message: "binary data (a NUL byte), not the text of a case report")
        }
        let head = Array(bytes.prefix(4096))
        let url = URL(fileURLWithPath: file)
        if let f = SourceGrouping.tableFormat(url: url, head: head) ?? SourceFormat.detect(url: url, head: head), f != .narrative {
            throw ImportError(file: file, place: "line 1", message: "this is \(f.rawValue) data, not the text of a case report (import it with --format \(f.rawValue))")
        }
        var t = String(decoding: head.prefix(512), as: UTF8.self)
        if t.hasPrefix("\u{FEFF}") { t.removeFirst() }
        t = t.trimmingCharacters(in: .whitespacesAndNewlines)
        // `{"…` or `[{…` is JSON; `[1] Case report…` is not.
        let second = t.dropFirst().first { !$0.isWhitespace }
        if ((t.hasPrefix("{") || t.hasPrefix("[")) && second.map { "{[\"]}".contains($0) } == true) || t.hasPrefix("<?xml") || t.hasPrefix("<!DOCTYPE") {
            throw ImportError(file: file, place: "line 1", message: "JSON or XML markup, not the text of a case report")
        }
    }

    /// Compiling the dictionary takes a few milliseconds per thousand names: do it once per lexicon.
    private static let cache = DictionaryCache()

    static func dictionary(for lexicon: Lexicon) -> NarrativeDictionary { cache.get(lexicon) }
}

/// Keeps the last compiled dictionary, keyed by the lexicon's origin and size.
final class DictionaryCache: @unchecked Sendable {
    private let lock = NSLock()
    private var key = ""
    private var value: NarrativeDictionary?

    func get(_ lexicon: Lexicon) -> NarrativeDictionary {
        let k = "\(lexicon.origin)|\(lexicon.drugCount)|\(lexicon.eventCount)"
        lock.lock(); defer { lock.unlock() }
        if k == key, let value { return value }
        let d = NarrativeDictionary(lexicon: lexicon)
        key = k; value = d
        return d
    }
}
