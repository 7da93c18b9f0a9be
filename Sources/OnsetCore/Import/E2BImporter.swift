import Foundation

/// Imports ICH E2B files: R2 (`ichicsr` XML, AERS SGML) and R3 (HL7 v3), told apart by content,
/// also inside a zip. R2 files are read one `<safetyreport>` at a time (FAERS's quarterly XML and
/// SGML files run to hundreds of megabytes), each pre-cleaned for SGML quirks before Foundation's
/// XMLParser sees it. An R3 file is read whole: its messages depend on namespace declarations at
/// the top of the batch, and R3 batches are small next to a quarter.
public struct E2BImporter: SourceImporter {
    public init() {}

    public func run(url: URL, writer: LibraryWriter, progress: ImportProgress) throws -> SourceResult {
        var result = SourceResult(file: url.path, format: .e2b)
        let source = try writer.replaceSource(key: url.path, kind: .e2b, format: "e2b")
        result.replaced = source.removed
        var members: [(String, () throws -> ChunkSource)] = []
        if url.pathExtension.lowercased() == "zip" {
            for m in try ZipListing.entries(of: url) where [".xml", ".sgm", ".sgml"].contains(where: m.lowercased().hasSuffix) {
                members.append(("\(url.path)/\(m)", { ZipEntryStream(archive: url, entry: m) }))
            }
            // An archive of something else must not import as an empty source.
            if members.isEmpty { throw ImportError(file: url.path, message: "no .xml, .sgm or .sgml member in the archive") }
        } else {
            members.append((url.path, { try FileChunkSource(url: url) }))
        }

        func handle(_ r: E2BReportMapper.Result, _ name: String) throws {
            switch r {
            case .skipped(let why):
                result.quarantined += 1
                if result.quarantineSamples.count < 10 { result.quarantineSamples.append("\(name): \(why)") }
            case .built(let c):
                if let v = c.source.version, let existing = try writer.existingVersion(caseID: c.id), existing > v {
                    result.superseded += 1
                    return
                }
                result.replaced += try writer.insert(c, source: source.id)
                result.imported += 1
                progress.update("\(url.lastPathComponent): \(result.imported) reports")
            }
        }

        let issues = ValueIssues()
        for (name, open) in members {
            let stream = try open()
            defer { stream.close() }
            // Enough of the start to tell R3 (HL7 v3) from R2.
            var head = Data()
            while head.count < 8192, let chunk = try stream.nextChunk() { head.append(chunk) }
            let text = String(decoding: head.prefix(8192), as: UTF8.self)
            let isR3 = text.contains("urn:hl7-org:v3") || text.contains("PORR_IN049016UV") || text.contains("MCCI_IN200100UV01")
            if isR3 {
                var bytes = [UInt8](head)
                while let chunk = try stream.nextChunk() { bytes.append(contentsOf: chunk) }
                try E2BR3Reader(lexicon: writer.lexicon, file: name, issues: issues).read(Data(E2BPreclean.clean(bytes))) { try handle($0, name) }
            } else {
                let sgml = name.lowercased().hasSuffix(".sgm") || name.lowercased().hasSuffix(".sgml")
                try E2BR2Reader(lexicon: writer.lexicon, file: name, sgml: sgml, issues: issues)
                    .read(PrefixedChunkSource(first: head, rest: stream)) { try handle($0, name) }
            }
        }
        if let w = issues.warning { result.warnings.append(w) }
        try writer.finishSource(source.id)
        try writer.refreshSourceCounts()
        return result
    }
}
