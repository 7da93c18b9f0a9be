import Foundation

/// Imports a plain-text case report as one draft case, extracted by `NarrativeExtractor`.
public struct NarrativeImporter: SourceImporter {
    public init() {}

    public func run(url: URL, writer: LibraryWriter, progress: ImportProgress) throws -> SourceResult {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImportError(file: url.path, message: "cannot be read: \(error.localizedDescription)")
        }
        // Reports pasted from PDFs may carry stray bytes; decode leniently rather than refuse the file.
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard text.contains(where: { $0.isLetter }) else {
            throw ImportError(file: url.path, message: "holds no text to read a case from")
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
