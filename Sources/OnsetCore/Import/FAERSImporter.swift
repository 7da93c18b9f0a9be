import Foundation

/// Imports a FAERS (2012Q4 on) or legacy AERS (2004–2012Q3) quarterly ASCII extract: the zip, its
/// folder, or one of its tables, and its list of deleted cases.
///
/// Versions across everything in one library: the highest case version per caseid wins; an
/// equal version replaces (the later import is taken as the later quarter); an older version
/// arriving later is skipped and counted as superseded. Cases on the quarter's deleted list are
/// removed from the library, whichever source holds them.
public struct FAERSImporter: SourceImporter {
    /// Which thread writes each case's JSON (see `FAERSProducer.DocumentWriter`).
    let documents: FAERSProducer.DocumentWriter

    public init() { documents = .lessBusyThread }

    init(documents: FAERSProducer.DocumentWriter) { self.documents = documents }

    public func run(url: URL, writer: LibraryWriter, progress: ImportProgress) throws -> SourceResult {
        let quarter = try FAERSQuarter(url: url)
        var result = SourceResult(file: quarter.path, format: .faers)
        let source = try writer.replaceSource(key: quarter.path, kind: .faers, format: "faers-ascii")
        let removedEarlier = source.removed
        let builder = FAERSCaseBuilder(lexicon: writer.lexicon, file: quarter.path)
        let name = URL(fileURLWithPath: quarter.path).lastPathComponent

        var stats = Stats()
        func sink(_ g: FAERSGroup) throws {
            switch builder.build(g) {
            case .skipped(let why):
                stats.skipped += 1
                if stats.skippedSamples.count < 5 { stats.skippedSamples.append(why) }
            case .built(let c):
                if let v = c.source.version, let existing = try writer.existingVersion(caseID: c.id), existing > v {
                    stats.superseded += 1
                    return
                }
                stats.replaced += try writer.insert(c, source: source.id)
                stats.imported += 1
                progress.update("\(name): \(stats.imported) cases")
            }
        }

        var join = FAERSJoin(quarter: quarter)
        var merged = false
        if let order = try join.detectOrder() {
            // Sorted tables: one thread reads, joins and prepares cases (JSON, keys, intervals)
            // while this one inserts them, so parsing and SQLite run on both cores.
            let producer = FAERSProducer(join: join, order: order, builder: builder, keys: KeyMemo(writer.lexicon),
                                         source: source.facts, documents: documents)
            merged = try writer.savepoint {
                let channel = producer.start()
                defer { channel.cancelAndWait() }
                // New cases are written a batch at a time (`LibraryWriter.insert(batch:)`), in
                // their order; a case that replaces one first has the batch written, so rows keep
                // the order one-by-one inserts gave them. A caseid can come twice in a quarter
                // (two primaryids, two versions): the batch is then written before the second
                // report's lookup, which so sees the first.
                var fresh: [PreparedCase] = []
                var freshIDs = Set<String>()
                func writeFresh() throws {
                    try writer.insert(batch: fresh[...], source: source.id)
                    fresh.removeAll(keepingCapacity: true)
                    freshIDs.removeAll(keepingCapacity: true)
                }
                while var batch = try channel.take() {
                    for item in batch {
                        switch item {
                        case .skipped(let why):
                            stats.skipped += 1
                            if stats.skippedSamples.count < 5 { stats.skippedSamples.append(why) }
                        case .built(let p):
                            if freshIDs.contains(p.id) { try writeFresh() }
                            let existing = try writer.existingCase(id: p.id)
                            if let v = p.version, let e = existing?.version, e > v {
                                stats.superseded += 1
                                continue
                            }
                            if existing == nil {
                                fresh.append(p)
                                freshIDs.insert(p.id)
                            } else {
                                try writeFresh()
                                stats.replaced += try writer.insert(p, source: source.id)
                            }
                            stats.imported += 1
                        }
                    }
                    try writeFresh()
                    progress.update("\(name): \(stats.imported) cases")
                    channel.giveBack(&batch)
                }
                return producer.merged
            }
        }
        if !merged {
            // Out-of-order tables: undo the partial merge and join through SQLite instead.
            stats = Stats()
            builder.issues.reset()
            join = FAERSJoin(quarter: quarter)
            try join.stagedJoin(writer.database, sink: sink)
            result.warnings.append("\(name): tables are not sorted by primaryid; joined through a staging table")
        }

        var warnings: [String] = []
        let deleted = try quarter.deletedCaseIDs(warnings: &warnings)
        if !deleted.isEmpty {
            result.deleted = try writer.delete(ids: deleted.map { ImportMapping.caseID("faers", $0) })
        }
        try writer.finishSource(source.id)
        try writer.refreshSourceCounts()

        result.imported = stats.imported
        result.replaced = stats.replaced + removedEarlier
        result.superseded = stats.superseded
        result.quarantined = join.quarantine.count
        result.quarantineSamples = join.quarantine.samples
        result.warnings += join.joinWarnings() + warnings
        if let w = builder.issues.warning { result.warnings.append(w) }
        if stats.skipped > 0 {
            result.warnings.append("\(stats.skipped) report(s) not imported: " + stats.skippedSamples.joined(separator: "; "))
        }
        return result
    }

    private struct Stats {
        var imported = 0, replaced = 0, superseded = 0, skipped = 0
        var skippedSamples: [String] = []
    }
}

/// The reading side of a FAERS import: merge-joins the sorted tables, builds each case and
/// prepares its rows on a thread of its own, handing batches to the inserting thread.
/// `@unchecked Sendable`: the join, builder and key memo are used by the producer thread only,
/// and `merged` is read after the channel reports the producer finished.
final class FAERSProducer: @unchecked Sendable {
    enum Item: Sendable { case built(PreparedCase), skipped(String) }

    /// Which thread writes a case's JSON. Both threads are busy for the whole import, and which
    /// one is slower changes with the input and with what else the machine runs, so by default
    /// the producer writes the JSON of a batch only while the inserting thread is behind (half
    /// the channel's batches or more waiting), and otherwise leaves it to that thread.
    enum DocumentWriter: Sendable { case lessBusyThread, readingThread, insertingThread }

    let join: FAERSJoin
    let order: FAERSKeyOrder
    let builder: FAERSCaseBuilder
    let keys: KeyMemo
    let documents: DocumentWriter
    /// The source the cases' JSON is written for (`StoredCaseForm`).
    let source: StoredSourceFacts
    private(set) var merged = false
    static let batchSize = 256

    init(join: FAERSJoin, order: FAERSKeyOrder, builder: FAERSCaseBuilder, keys: KeyMemo, source: StoredSourceFacts,
         documents: DocumentWriter = .lessBusyThread) {
        self.join = join; self.order = order; self.builder = builder; self.keys = keys; self.source = source
        self.documents = documents
    }

    private func writesDocuments(_ channel: BatchChannel<Item>) -> Bool {
        switch documents {
        case .readingThread: return true
        case .insertingThread: return false
        case .lessBusyThread: return channel.backlog * 2 >= channel.limit
        }
    }

    func start() -> BatchChannel<Item> {
        let channel = BatchChannel<Item>()
        let thread = Thread { [self] in self.run(channel) }
        thread.stackSize = 4 << 20
        thread.start()
        return channel
    }

    private func run(_ channel: BatchChannel<Item>) {
        var batch: [Item] = []
        batch.reserveCapacity(Self.batchSize)
        var writeDocuments = writesDocuments(channel)
        var spent: [[Item]] = []
        do {
            merged = try join.mergeJoin(order: order) { g in
                switch builder.build(g) {
                case .skipped(let why): batch.append(.skipped(why))
                case .built(let c):
                    var p = PreparedCase(c, keys: keys)
                    if writeDocuments { p.writeDocument(source: source) }
                    batch.append(.built(p))
                }
                if batch.count >= Self.batchSize {
                    try channel.put(batch)
                    batch.removeAll(keepingCapacity: true)
                    channel.dropSpent(using: &spent)
                    writeDocuments = writesDocuments(channel)
                }
            }
            if merged, !batch.isEmpty { try channel.put(batch) }
            channel.finish(error: nil)
        } catch {
            merged = false
            channel.finish(error: error)
        }
    }
}
