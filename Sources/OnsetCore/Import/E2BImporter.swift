import Foundation

/// Imports ICH E2B files: R2 (`ichicsr` XML, AERS SGML) and R3 (HL7 v3), told apart by content,
/// also inside a zip. Each file is read whole (an ICSR file or batch is small next to a FAERS
/// quarter) and pre-cleaned for SGML quirks before Foundation's XMLParser sees it.
public struct E2BImporter: SourceImporter {
    public init() {}

    public func run(url: URL, writer: LibraryWriter, progress: ImportProgress) throws -> SourceResult {
        var result = SourceResult(file: url.path, format: .e2b)
        let source = try writer.replaceSource(key: url.path, kind: .e2b, format: "e2b")
        result.replaced = source.removed
        var files: [(String, [UInt8])] = []
        if url.pathExtension.lowercased() == "zip" {
            for m in try ZipListing.entries(of: url) where [".xml", ".sgm", ".sgml"].contains(where: m.lowercased().hasSuffix) {
                let stream = ZipEntryStream(archive: url, entry: m)
                defer { stream.close() }
                var bytes: [UInt8] = []
                while let chunk = try stream.nextChunk() { bytes.append(contentsOf: chunk) }
                files.append(("\(url.path)/\(m)", bytes))
            }
        } else {
            do { files.append((url.path, [UInt8](try Data(contentsOf: url)))) } catch {
                throw ImportError(file: url.path, message: "cannot be read: \(error.localizedDescription)")
            }
        }
        for (name, raw) in files {
            let head = String(decoding: raw.prefix(8192), as: UTF8.self)
            let isR3 = head.contains("urn:hl7-org:v3") || head.contains("PORR_IN049016UV") || head.contains("MCCI_IN200100UV01")
            let data = Data(E2BPreclean.clean(raw))
            func handle(_ r: E2BReportMapper.Result) throws {
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
            if isR3 {
                try E2BR3Reader(lexicon: writer.lexicon, file: name).read(data, handle)
            } else {
                let sgml = name.lowercased().hasSuffix(".sgm") || name.lowercased().hasSuffix(".sgml")
                try E2BR2Reader(lexicon: writer.lexicon, file: name, sgml: sgml).read(data, handle)
            }
        }
        try writer.finishSource(source.id)
        try writer.refreshSourceCounts()
        return result
    }
}
