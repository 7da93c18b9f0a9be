import Foundation
import GRDB

/// The case library: one SQLite database (GRDB, WAL) that every view and command reads.
public final class Library: Sendable {
    public let path: String
    public let lexicon: Lexicon
    /// True when the file could not be opened for writing (a shared library on a server).
    public let isReadOnly: Bool
    let reader: any DatabaseReader
    let writer: (any DatabaseWriter)?

    /// Page size of a library file onset creates.
    ///
    /// A FAERS case row is ~1.5 KB, most of it the case's JSON: two fitted a 4 KiB page and left
    /// a fifth of every page of the cases table empty. With 8 KiB pages the 40k-case quarter's
    /// library is 7% smaller and its import takes ~8% less CPU, half the writes of the same bytes
    /// (scripts/bench_notes.md, step 11).
    static let newPageSize = 8192

    /// `$ONSET_DB`, else `$XDG_DATA_HOME/onset/library.sqlite`, else `~/.local/share/onset/library.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let p = environment["ONSET_DB"], !p.isEmpty { return p }
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return base + "/onset/library.sqlite"
    }

    /// Opens (creating if needed) the library at `path`; falls back to read-only when the file
    /// exists but cannot be written.
    public init(path: String, lexicon: Lexicon = .locate(), readOnly: Bool = false) throws {
        self.path = path
        self.lexicon = lexicon
        let fm = FileManager.default
        let exists = fm.fileExists(atPath: path)
        let dir = (path as NSString).deletingLastPathComponent
        let writable = !readOnly && (exists ? fm.isWritableFile(atPath: path) && fm.isWritableFile(atPath: dir.isEmpty ? "." : dir) : true)
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.foreignKeysEnabled = true
        if writable {
            if !exists && !dir.isEmpty { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // Only a file that is still empty takes it; an existing library keeps its size.
                if !exists { try db.execute(sql: "PRAGMA page_size = \(Library.newPageSize)") }
            }
            let pool = try DatabasePool(path: path, configuration: config)
            let migrator = Schema.migrator(lexicon: lexicon)
            try Library.refuseNewer(pool, migrator: migrator, path: path)
            try migrator.migrate(pool)
            reader = pool
            writer = pool
            isReadOnly = false
        } else {
            guard exists else { throw LibraryError.missing(path) }
            config.readonly = true
            var queue = try Library.openReadOnly(path: path, configuration: config)
            let migrator = Schema.migrator(lexicon: lexicon)
            try Library.refuseNewer(queue, migrator: migrator, path: path)
            if try Library.needsUpgrade(queue, migrator: migrator) {
                // Read-only was asked for, not forced: the library is upgraded once, then read.
                guard fm.isWritableFile(atPath: path) && fm.isWritableFile(atPath: dir.isEmpty ? "." : dir) else {
                    throw LibraryError.older(path, [PairRowsMigration.identifier])
                }
                _ = try Library(path: path, lexicon: lexicon)
                queue = try Library.openReadOnly(path: path, configuration: config)
            }
            reader = queue
            writer = nil
            isReadOnly = true
        }
    }

    /// Runs one import as a single transaction: either all of it lands or none of it does.
    @discardableResult
    public func write<T>(_ body: (LibraryWriter) throws -> T) throws -> T {
        guard let writer else { throw LibraryError.readOnly(path) }
        return try writer.write { db in
            try body(LibraryWriter(db: db, lexicon: lexicon))
        }
    }

    /// Runs an import as a single transaction, like `write`, with foreign-key enforcement off
    /// for that transaction only.
    ///
    /// With enforcement on, every drug, event and interval row looks its case up, and a case's
    /// rows cannot go in several to a statement without a statement journal (`MultiRowInsert`):
    /// a 400k-case quarter imported into a library that held the seed cases took 47–57 s with
    /// one row a statement and 64–66 s several to a statement with enforcement on
    /// (scripts/bench_notes.md, step 10). An import never relies on it: child rows go in right
    /// after their case, with its row number, and `LibraryWriter` deletes a case's rows with it,
    /// as when a new library is written (`writeNew`). SQLite ignores the setting inside a
    /// transaction, so it is switched around the transaction, and always switched back.
    @discardableResult
    public func writeImport<T>(_ body: (LibraryWriter) throws -> T) throws -> T {
        guard let writer else { throw LibraryError.readOnly(path) }
        return try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            var result: T?
            try db.inTransaction {
                result = try body(LibraryWriter(db: db, lexicon: lexicon))
                return .commit
            }
            return result!
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try reader.read(body)
    }

    /// Replaces each source's earlier cases with the given ones, in one transaction.
    @discardableResult
    public func importCases(_ batches: [ImportBatch]) throws -> ImportReport {
        try writeImport { w in
            let notesSuspended = try w.suspendKeySetNotes(bulk: false)
            var report = ImportReport()
            for b in batches {
                let source = try w.replaceSource(key: b.key, kind: b.kind, format: b.format)
                report.replaced += source.removed
                for c in b.cases {
                    report.replaced += try w.insert(c, source: source.id)
                    report.imported += 1
                }
                try w.finishSource(source.id)
                report.sources += 1
            }
            try w.refreshKeySets(bulk: false, resumingNotes: notesSuspended)
            return report
        }
    }
}

/// A batch of cases that came from one source (a file, or a regulator's release).
public struct ImportBatch: Sendable {
    public var key: String
    public var kind: SourceKind
    public var format: String
    public var cases: [Case]
    public init(key: String, kind: SourceKind, format: String, cases: [Case]) {
        self.key = key; self.kind = kind; self.format = format; self.cases = cases
    }
}

/// What an import did to the library.
public struct ImportReport: Sendable, Equatable {
    public var sources = 0
    public var imported = 0
    /// Cases that were already in the library (same source or same id) and were replaced.
    public var replaced = 0
    public init() {}
}

/// Errors opening or writing the library.
public enum LibraryError: Error, CustomStringConvertible, Equatable {
    case readOnly(String)
    case missing(String)
    /// Written by a newer onset, whose changes (named) this one does not know.
    case newer(String, [String])
    /// Written by an older onset, and cannot be read until changes (named) are made to it, which
    /// cannot be made here (read-only).
    case older(String, [String])
    public var description: String {
        switch self {
        case .readOnly(let p): return "\(p): the library is read-only here; changes cannot be saved"
        case .missing(let p): return "\(p): no library at this path"
        case .newer(let p, let changes):
            return "\(p): the library was written by a newer onset (\(changes.joined(separator: ", "))); this one cannot read it, so update onset"
        case .older(let p, let changes):
            return "\(p): the library was written by an older onset and must be upgraded (\(changes.joined(separator: ", "))) before it can be read; that needs write access to the file and its folder, so ask whoever can write them to open it once (`onset list --db \(p)`)"
        }
    }
}

extension Library {
    /// Refuses a library that a newer onset has changed in ways this one does not know.
    static func refuseNewer(_ reader: some DatabaseReader, migrator: DatabaseMigrator, path: String) throws {
        let unknown = try reader.read { db -> [String] in
            guard try migrator.hasBeenSuperseded(db) else { return [] }
            return try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
        }
        if !unknown.isEmpty { throw LibraryError.newer(path, unknown) }
    }

    /// Whether an onset library lacks a change its tables must have before this onset can read
    /// them (v8's pair rows). Earlier changes it may lack only affect how some drugs are keyed.
    static func needsUpgrade(_ reader: some DatabaseReader, migrator: DatabaseMigrator) throws -> Bool {
        try reader.read { db in
            let applied = try migrator.appliedIdentifiers(db)
            return !applied.isEmpty && !applied.contains(PairRowsMigration.identifier)
        }
    }
}
