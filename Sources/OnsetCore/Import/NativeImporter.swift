import Foundation

/// Imports files in onset's own JSON case format.
public struct NativeImporter: SourceImporter {
    public init() {}

    public func run(url: URL, writer: LibraryWriter, progress: ImportProgress) throws -> SourceResult {
        let cases: [Case]
        do {
            cases = try CaseReader.read(contentsOf: url)
        } catch let e as CaseFormatError {
            throw ImportError(file: url.path, place: e.path, message: e.message)
        } catch {
            throw ImportError(file: url.path, message: "cannot be read: \(error.localizedDescription)")
        }
        var result = SourceResult(file: url.path, format: .json)
        let source = try writer.replaceSource(key: url.path, kind: cases.first?.source.kind ?? .literature, format: "json")
        result.replaced = source.removed
        for c in cases {
            result.replaced += try writer.insert(c, source: source.id)
            result.imported += 1
            progress.update("\(url.lastPathComponent): \(result.imported) cases")
        }
        try writer.finishSource(source.id)
        return result
    }
}
