import Foundation

/// Imports openFDA drug-event JSON: bulk downloads (`{meta, results}`, also zipped as
/// `.json.zip`), arrays of reports and single report objects.
///
/// Memory: reports are read one at a time from the stream (see `JSONResultsStream`); a file that
/// is one report object is read whole. Case ids are `openfda-<safetyreportid>`; a report already
/// in the library with a higher `safetyreportversion` is kept and the older one counted as
/// superseded.
public struct OpenFDAImporter: SourceImporter {
    public init() {}

    public func run(url: URL, writer: LibraryWriter, progress: ImportProgress) throws -> SourceResult {
        var result = SourceResult(file: url.path, format: .openfda)
        let source = try writer.replaceSource(key: url.path, kind: .openfda, format: "openfda-json")
        result.replaced = source.removed
        var members: [(ChunkSource, String)] = []
        if url.pathExtension.lowercased() == "zip" {
            for m in try ZipListing.entries(of: url) where m.lowercased().hasSuffix(".json") {
                members.append((ZipEntryStream(archive: url, entry: m), "\(url.path)/\(m)"))
            }
            if members.isEmpty { throw ImportError(file: url.path, message: "no .json member in the archive") }
        } else {
            members.append((try FileChunkSource(url: url), url.path))
        }
        defer { for m in members { m.0.close() } }
        let issues = ValueIssues()
        for (chunks, name) in members {
            let stream = JSONResultsStream(source: chunks, file: name)
            let mapper = E2BReportMapper(lexicon: writer.lexicon, kind: .openfda, format: "openfda-json", prefix: "openfda", file: name, issues: issues)
            while let report = try stream.next() {
                switch try mapper.map(report, place: "results[\(stream.index - 1)] (line \(stream.elementLine))") {
                case .skipped(let why):
                    result.quarantined += 1
                    if result.quarantineSamples.count < 10 { result.quarantineSamples.append("\(name): \(why)") }
                case .built(let c):
                    if let v = c.source.version, let existing = try writer.existingVersion(caseID: c.id), existing > v {
                        result.superseded += 1
                        continue
                    }
                    result.replaced += try writer.insert(c, source: source.id)
                    result.imported += 1
                    progress.update("\(url.lastPathComponent): \(result.imported) reports")
                }
            }
        }
        if let w = issues.warning { result.warnings.append(w) }
        try writer.finishSource(source.id)
        try writer.refreshSourceCounts()
        return result
    }
}
