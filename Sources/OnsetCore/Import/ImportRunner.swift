import Foundation

/// Reads one source (a file or a regulator's folder) and writes its cases through a library writer.
public protocol SourceImporter {
    /// Imports everything from `url` inside the caller's transaction; throws `ImportError` on bad input.
    func run(url: URL, writer: LibraryWriter, progress: ImportProgress) throws -> SourceResult
}

/// What one source contributed.
public struct SourceResult: Sendable, Equatable {
    public var file: String
    public var format: SourceFormat
    public var imported = 0
    public var replaced = 0
    public var superseded = 0
    public var deleted = 0
    public var quarantined = 0
    /// Where rows were set aside (`file:line`), the first few only.
    public var quarantineSamples: [String] = []
    public var warnings: [String] = []
    public init(file: String, format: SourceFormat) { self.file = file; self.format = format }
}

/// Reports progress of a long import at most a few times a second.
public final class ImportProgress: @unchecked Sendable {
    private let sink: ((String) -> Void)?
    private var last = Date.distantPast
    private let lock = NSLock()
    public init(sink: ((String) -> Void)? = nil) { self.sink = sink }
    public func update(_ message: @autoclosure () -> String) {
        guard let sink else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(last) >= 0.25 else { return }
        last = now
        sink(message())
    }
}

/// Everything one `onset import` did.
public struct ImportSummary: Sendable {
    public var sources: [SourceResult] = []
    public var skipped: [SkippedFile] = []
    /// Sources left alone because their files had not changed (`skipUnchanged`).
    public var unchanged = 0
    /// True when the library did not exist and was written aside, then moved into place.
    public var wroteNewLibrary = false
    /// Cases removed with sources no longer among the paths (`mirror`).
    public var removedWithSources = 0
    public var imported: Int { sources.reduce(0) { $0 + $1.imported } }
    public init() {}
}

/// Expands paths, detects each file's format and imports everything in one transaction.
public struct ImportRunner {
    public var forcedFormat: SourceFormat?
    public var progress: ImportProgress
    /// Importers for formats other than onset's own JSON, registered by format.
    public var importers: [SourceFormat: any SourceImporter]

    public init(forcedFormat: SourceFormat? = nil, progress: ImportProgress = ImportProgress(),
                importers: [SourceFormat: any SourceImporter] = ImportRunner.standardImporters) {
        self.forcedFormat = forcedFormat; self.progress = progress; self.importers = importers
    }

    /// The importers onset ships, by format.
    public static var standardImporters: [SourceFormat: any SourceImporter] {
        [.json: NativeImporter(), .narrative: NarrativeImporter(), .faers: FAERSImporter(), .openfda: OpenFDAImporter(),
         .vaers: VAERSImporter(), .e2b: E2BImporter()]
    }

    /// Lists what `paths` hold: sources to import (with their format) and files passed over.
    public func plan(_ paths: [String]) throws -> (sources: [(URL, SourceFormat)], skipped: [SkippedFile]) {
        var sources: [(URL, SourceFormat)] = [], skipped: [SkippedFile] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else { throw ImportError(file: p, message: "no such file or directory") }
            let url = URL(fileURLWithPath: p).standardizedFileURL
            if isDir.boolValue {
                if let f = forcedFormat ?? folderFormat(url) , f != .json, f != .narrative {
                    sources.append((url, f)); continue
                }
                // A folder of quarters or years: each FAERS quarter or VAERS year folder inside is
                // one source, and its other files (PDFs, STAT tables) are not looked at.
                var entries: [URL] = []
                var folders: [(URL, SourceFormat)] = []
                let walker = fm.enumerator(at: url, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])
                while let e = walker?.nextObject() as? URL {
                    guard (try? e.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true else { entries.append(e); continue }
                    if let f = folderFormat(e) {
                        folders.append((e.standardizedFileURL, f))
                        walker?.skipDescendants()
                    }
                }
                // Path order, so that quarters import oldest first and a later one wins a tie.
                var found: [(URL, SourceFormat)] = folders
                for e in entries {
                    // A file met in a folder is passed over when it is not something onset reads,
                    // damaged zips included: one stray document must not stop the import.
                    do {
                        if let f = try format(of: e, named: false) { found.append((e, f)); continue }
                        skipped.append(SkippedFile(path: e.path, reason: "not a format onset reads"))
                    } catch let error as ImportError where e.pathExtension.lowercased() == "zip" {
                        skipped.append(SkippedFile(path: e.path, reason: error.message))
                    }
                }
                sources += found.sorted { $0.0.path < $1.0.path }
            } else {
                guard let f = try format(of: url, named: true) else { throw ImportError(file: url.path, message: "not a format onset reads (use --format to say which it is)") }
                sources.append((url, f))
            }
        }
        return SourceGrouping.group(sources, skipped: skipped)
    }

    /// A folder that is itself one source (a FAERS quarter, a VAERS year) rather than a folder of files.
    func folderFormat(_ url: URL) -> SourceFormat? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).map { $0.uppercased() }
        if names.contains(where: { $0.hasPrefix("ASCII") }) || names.contains(where: { $0.hasPrefix("DEMO") && $0.hasSuffix(".TXT") }) { return .faers }
        if names.contains(where: { $0.hasSuffix("VAERSDATA.CSV") }) { return .vaers }
        return nil
    }

    /// `named`: the user named this file (rather than it being met in a folder), so a zip without
    /// the `.zip` name is looked into, and a damaged one is an error rather than passed over.
    func format(of url: URL, named: Bool) throws -> SourceFormat? {
        if let forcedFormat { return forcedFormat }
        guard let h = FileHandle(forReadingAtPath: url.path) else { throw ImportError(file: url.path, message: "cannot be read (permission?)") }
        defer { try? h.close() }
        let head = [UInt8](h.readData(ofLength: 4096))
        let name = url.lastPathComponent.lowercased()
        if name.hasSuffix(".zip") {
            // FAERS's XML and AERS's SGML quarters (`faers_xml_2014q1.zip`) are E2B(R2).
            if name.contains("xml") || name.contains("sgml") { return .e2b }
            if name.contains("faers") || name.contains("aers_ascii") { return .faers }
            if name.contains("vaers") { return .vaers }
            if name.contains("drug-event") || name.contains("event") { return .openfda }
        }
        if name.hasSuffix(".csv"), name.uppercased().contains("VAERS") { return .vaers }
        if name.hasSuffix(".zip") || (named && head.starts(with: [0x50, 0x4B, 0x03, 0x04]) && !SourceGrouping.isOfficeDocument(name)) {
            return try SourceGrouping.zipFormat(url)
        }
        if let f = SourceGrouping.tableFormat(url: url, head: head) { return f }
        if name.hasSuffix(".md") || name.hasSuffix(".schema.json") { return nil }
        return SourceFormat.detect(url: url, head: head)
    }

    /// Imports all of `paths` as one transaction: a failure anywhere leaves the library as it was.
    /// With `skipUnchanged`, sources whose files have the same size and modification time as when
    /// they were last imported are left alone (how `onset PATH` reopens its cache library quickly).
    public func run(_ paths: [String], into library: Library, skipUnchanged: Bool = false) throws -> ImportSummary {
        let (sources, skipped) = try plan(paths)
        return try library.writeImport { try load(sources, skipped: skipped, with: $0, skipUnchanged: skipUnchanged) }
    }

    /// Imports all of `paths` into the library at `path`, as one transaction. A library that does
    /// not exist yet is written once, aside, and moved into place (`Library.writeNew`: through
    /// the WAL every page would be written twice); otherwise, or when another process creates
    /// the library meanwhile, the library is opened and imported into as by `run(_:into:)`.
    ///
    /// With `mirror`, the library is made to hold exactly `paths`: sources imported earlier whose
    /// files are no longer among them (deleted, or moved out of the folder) are removed with their
    /// cases, in the same transaction. `onset PATH` keeps its cache library so.
    public func run(_ paths: [String], intoLibraryAt path: String, lexicon: Lexicon = .locate(),
                    skipUnchanged: Bool = false, mirror: Bool = false) throws -> ImportSummary {
        let (sources, skipped) = try plan(paths)
        let load = { (writer: LibraryWriter) in
            try self.load(sources, skipped: skipped, with: writer, skipUnchanged: skipUnchanged, mirror: mirror)
        }
        if var summary = try Library.writeNew(at: path, lexicon: lexicon, load) {
            summary.wroteNewLibrary = true
            return summary
        }
        return try Library(path: path, lexicon: lexicon).writeImport(load)
    }

    /// Imports the planned sources through `writer`, inside the caller's one transaction.
    func load(_ sources: [(URL, SourceFormat)], skipped: [SkippedFile], with writer: LibraryWriter,
              skipUnchanged: Bool, mirror: Bool = false) throws -> ImportSummary {
        var summary = ImportSummary()
        summary.skipped = skipped
        // Bulk-load settings for this transaction only: a 256 MiB page cache (import memory
        // stays far under 1 GB) and key indexes built once at the end when the import is
        // larger than the library. Crash safety is unchanged: one transaction.
        try writer.setCacheSize(mebibytes: 256)
        defer { try? writer.setCacheSize(mebibytes: 2) }
        writer.setFullTextBuffer(mebibytes: 8)
        let deferred = try writer.dropKeyIndexesForBulkLoad(incomingBytes: sources.reduce(0) { $0 + Self.bytes(of: $1.0) })
        let notesSuspended = try writer.suspendKeySetNotes(bulk: !deferred.isEmpty)
        var skipUnchanged = skipUnchanged
        if mirror {
            // A source whose file is gone may have replaced or deleted cases of one that stays (a
            // later quarter's follow-ups and deleted list), so removing it alone could leave the
            // library unlike the paths. Then the library is emptied and every source imported
            // again, in order, as a first import of the paths would.
            let planned = Set(sources.map(\.0.path))
            if try writer.sourceKeys().contains(where: { !planned.contains($0) }) {
                summary.removedWithSources = try writer.removeSources(keeping: planned)
                _ = try writer.removeSources(keeping: [])
                skipUnchanged = false
            }
        }
        for (url, format) in sources {
            guard let importer = importers[format] else {
                throw ImportError(file: url.path, message: "\(format.rawValue) files cannot be imported by this build yet")
            }
            let signature = Self.signature(of: url)
            if skipUnchanged, let signature, try writer.signature(ofSource: url.path) == signature {
                summary.unchanged += 1
                continue
            }
            summary.sources.append(try importer.run(url: url, writer: writer, progress: progress))
            try writer.setSignature(signature, ofSource: url.path)
        }
        if mirror {
            // Should an importer have keyed its source other than by the path it was given, the
            // key its import just gave it keeps it too.
            let current = Set(sources.map(\.0.path)).union(summary.sources.map(\.file))
            summary.removedWithSources += try writer.removeSources(keeping: current)
        }
        try writer.recreateIndexes(deferred)
        try writer.refreshKeySets(bulk: !deferred.isEmpty, resumingNotes: notesSuspended)
        return summary
    }

    /// Bytes in a file, or in every file of a folder source.
    static func bytes(of url: URL) -> Int64 {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: url.path, isDirectory: &isDir) else { return 0 }
        let files = isDir.boolValue ? (fm.enumerator(at: url, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []) : [url]
        return files.reduce(0) { $0 + ((try? fm.attributesOfItem(atPath: $1.path)[.size] as? NSNumber)?.int64Value ?? 0) }
    }

    /// Size and modification time of a file, or of every file in a folder source.
    static func signature(of url: URL) -> String? {
        let fm = FileManager.default
        var files = [url]
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
            files = (fm.enumerator(at: url, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []).sorted { $0.path < $1.path }
        }
        var parts: [String] = []
        for f in files {
            guard let a = try? fm.attributesOfItem(atPath: f.path) else { return nil }
            let size = (a[.size] as? NSNumber)?.int64Value ?? -1
            let time = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            parts.append("\(f.lastPathComponent):\(size):\(time)")
        }
        return parts.joined(separator: "|")
    }
}
