import Foundation
import GRDB

/// Writes cases inside one library transaction, keeping the search tables in step with the cases.
public struct LibraryWriter {
    let db: Database
    public let lexicon: Lexicon
    /// Drug and event keys already folded in this transaction (see `KeyMemo`).
    let keys: KeyMemo
    /// The case-insert statements, compiled on first use.
    private let statements: CompiledOnce<CaseInsertStatements>

    init(db: Database, lexicon: Lexicon) {
        self.db = db
        self.lexicon = lexicon
        self.keys = KeyMemo(lexicon)
        self.statements = CompiledOnce { try CaseInsertStatements(db) }
    }

    /// The case-insert statements of this transaction.
    var caseStatements: CaseInsertStatements {
        get throws { try statements.value() }
    }

    /// The rows that belong to a case, deleted with it here rather than by `ON DELETE CASCADE`:
    /// a new library is written with foreign keys off (`Library.writeNew`), and the full-text
    /// table has no foreign key at all.
    private static let childRows: [(table: String, column: String)] = [
        ("case_text", "rowid"), ("case_drugs", "case_n"), ("case_events", "case_n"), ("case_intervals", "case_n"),
    ]

    /// Registers a source, removing the cases an earlier import of the same source left.
    public func replaceSource(key: String, kind: SourceKind, format: String) throws -> (id: Int64, removed: Int, facts: StoredSourceFacts) {
        var removed = 0
        if let old = try Int64.fetchOne(db, sql: "SELECT id FROM sources WHERE key = ?", arguments: [key]) {
            for child in Self.childRows {
                try db.execute(sql: "DELETE FROM \(child.table) WHERE \(child.column) IN (SELECT n FROM cases WHERE source_id = ?)", arguments: [old])
            }
            try db.execute(sql: "DELETE FROM cases WHERE source_id = ?", arguments: [old])
            removed = db.changesCount
            try db.execute(sql: "DELETE FROM sources WHERE id = ?", arguments: [old])
        }
        try db.execute(sql: "INSERT INTO sources (key, kind, format, imported_at) VALUES (?, ?, ?, ?)",
                       arguments: [key, kind.rawValue, format, ISO8601DateFormatter().string(from: Date())])
        return (db.lastInsertedRowID, removed, StoredSourceFacts(key: key, format: format))
    }

    /// The keys of every source the library holds.
    public func sourceKeys() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT key FROM sources")
    }

    /// Removes every source whose key is not in `keys`, with its cases; returns how many cases.
    public func removeSources(keeping keys: Set<String>) throws -> Int {
        var removed = 0
        for row in try Row.fetchAll(db, sql: "SELECT id, key FROM sources") {
            let key: String = row["key"]
            guard !keys.contains(key) else { continue }
            let id: Int64 = row["id"]
            for child in Self.childRows {
                try db.execute(sql: "DELETE FROM \(child.table) WHERE \(child.column) IN (SELECT n FROM cases WHERE source_id = ?)", arguments: [id])
            }
            try db.execute(sql: "DELETE FROM cases WHERE source_id = ?", arguments: [id])
            removed += db.changesCount
            try db.execute(sql: "DELETE FROM sources WHERE id = ?", arguments: [id])
        }
        return removed
    }

    /// The signature recorded when a source was last imported.
    public func signature(ofSource key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT signature FROM sources WHERE key = ?", arguments: [key])
    }

    /// Records the signature of what a source was read from.
    public func setSignature(_ signature: String?, ofSource key: String) throws {
        try db.execute(sql: "UPDATE sources SET signature = ? WHERE key = ?", arguments: [signature, key])
    }

    /// Records how many cases a source holds now.
    public func finishSource(_ id: Int64) throws {
        try db.execute(sql: "UPDATE sources SET cases = (SELECT count(*) FROM cases WHERE source_id = ?) WHERE id = ?", arguments: [id, id])
    }

    /// Removes cases by id; returns how many were there.
    @discardableResult
    public func delete(ids: [String]) throws -> Int {
        var n = 0
        let find = try db.cachedStatement(sql: "SELECT n FROM cases WHERE id = ?")
        for id in ids {
            guard let row = try Int64.fetchOne(find, arguments: [id]) else { continue }
            for child in Self.childRows {
                try db.cachedStatement(sql: "DELETE FROM \(child.table) WHERE \(child.column) = ?").execute(arguments: [row])
            }
            try db.cachedStatement(sql: "DELETE FROM cases WHERE n = ?").execute(arguments: [row])
            n += 1
        }
        return n
    }

    /// Inserts one case; a case with the same id from any source is replaced. Returns 1 if one was replaced.
    @discardableResult
    public func insert(_ c: Case, source: Int64) throws -> Int {
        try insert(PreparedCase(c, keys: keys), source: source)
    }

    /// Replaces the stored case with `c.id` by `c` in the same place of library order (its row
    /// number), so a corrected case is not moved to the end of the list under the reviewer.
    func replaceInPlace(_ c: Case, source: Int64) throws {
        let row = try Int64.fetchOne(db, sql: "SELECT n FROM cases WHERE id = ?", arguments: [c.id])
        try delete(ids: [c.id])
        try caseStatements.insert(PreparedCase(c, keys: keys), source: source, row: row)
    }

    /// Inserts prepared cases that are all new to the library (and each once in `batch`), in
    /// order, several rows to a statement (`CaseInsertStatements.insert(batch:source:)`).
    func insert(batch: ArraySlice<PreparedCase>, source: Int64) throws {
        try caseStatements.insert(batch: batch, source: source)
    }

    /// Inserts a case prepared beforehand (possibly on another thread). `knownAbsent` skips the
    /// lookup for an earlier case with the same id when the caller has just looked it up.
    @discardableResult
    func insert(_ p: PreparedCase, source: Int64, knownAbsent: Bool = false) throws -> Int {
        let replaced = knownAbsent ? 0 : try delete(ids: [p.id])
        try caseStatements.insert(p, source: source)
        return replaced
    }
}

/// Remembers `Lexicon.drugKey` and `eventKey` within one transaction: a FAERS quarter names a few
/// thousand distinct drugs and terms hundreds of thousands of times, and each key folds strings
/// and probes the lexicon several times. Emptied past `limit` entries, so memory stays bounded.
final class KeyMemo {
    let lexicon: Lexicon
    private var drugs: [String: String] = [:]
    private var events: [String: String] = [:]
    private let limit: Int

    init(_ lexicon: Lexicon, limit: Int = 50_000) {
        self.lexicon = lexicon
        self.limit = limit
    }

    func drug(_ name: String) -> String {
        if let k = drugs[name] { return k }
        let k = lexicon.drugKey(name)
        if drugs.count >= limit { drugs.removeAll(keepingCapacity: true) }
        drugs[name] = k
        return k
    }

    func event(_ term: String) -> String {
        if let k = events[term] { return k }
        let k = lexicon.eventKey(term)
        if events.count >= limit { events.removeAll(keepingCapacity: true) }
        events[term] = k
        return k
    }
}

/// A case's JSON was written ahead for another source than the one it is inserted into: a
/// programming error, stopped before the library stores a case that would read back wrong.
struct StoredSourceMismatch: Error, CustomStringConvertible {
    let caseID: String
    var description: String { "internal error: case \(caseID) was prepared for another source" }
}

/// Everything `insert` writes for one case, computed from the case alone (no database), so an
/// importer can prepare cases on one thread while another inserts them.
struct PreparedCase: Sendable {
    /// `pos` is the drug's place in the case; nil on the extra row of a verbatim name whose key
    /// differs from the drug's own, so that a case's pairs are read from its own rows only.
    struct DrugRow: Sendable { var key, name, role: String; var pos: Int? }
    /// `pos` as for `DrugRow`.
    struct EventRow: Sendable { var key, term: String; var pos: Int? }
    /// A suspect drug × event pair that has figures, by the places of its drug and event. A pair
    /// without any (most of them) has no row: readers take the pairs from the drug and event rows.
    struct IntervalRow: Sendable {
        var drugPos, eventPos: Int
        var dose: Int?
        var firstMin, firstMax, lastMin, lastMax: Double?
        var basis: String?
    }
    var id: String
    var kind: String
    var record, caseNumber: String?
    var version: Int?
    var status: String
    var ageYears: Double?
    var sex, outcome: String?
    var serious: Bool?
    var suspects, events: String
    var onsetLabel: String?
    /// The case's stored JSON and the source it was written for, or the case to write it from
    /// when it is stored.
    enum Document: Sendable {
        case written([UInt8], StoredSourceFacts)
        case pending(Case)
    }
    /// Left `pending` by default: writing the JSON is about a seventh of either thread's work in a
    /// FAERS import, so the importer has whichever thread is less busy write it (`FAERSProducer`),
    /// and the case is then also freed on that thread.
    private(set) var document: Document
    var drugRows: [DrugRow] = []
    var eventRows: [EventRow] = []
    var intervalRows: [IntervalRow] = []
    /// The full-text body: names, terms, conditions and narrative, one per line.
    var text: String

    init(_ c: Case, keys: KeyMemo) {
        let intervals = DoseOnsetCalculator.positionedIntervals(for: c, figuresOnly: true)
        id = c.id
        kind = c.source.kind.rawValue
        record = c.source.record
        caseNumber = c.source.caseNumber
        version = c.source.version
        status = c.status.rawValue
        ageYears = c.patient.ageInYears
        sex = c.patient.sex?.rawValue
        outcome = c.outcome?.rawValue
        serious = c.serious
        // The drugs and events are read in place by index throughout: `for d in c.drugs` copies
        // each Drug (a retain and a release of every field), which with the writers' loops was
        // ~4% of the preparing thread's instructions (callgrind, FAERS import).
        let drugIndices = c.drugs.indices, eventIndices = c.events.indices
        suspects = PreparedCase.uniqueList(drugIndices.lazy.filter { c.drugs[$0].role.isSuspect }.map { c.drugs[$0].displayName })
        events = PreparedCase.uniqueList(eventIndices.lazy.map { c.events[$0].displayTerm })
        onsetLabel = intervals.lazy.compactMap(\.interval.label).first
        document = .pending(c)
        for k in drugIndices {
            let key = keys.drug(c.drugs[k].generic ?? c.drugs[k].name)
            drugRows.append(DrugRow(key: key, name: c.drugs[k].displayName, role: c.drugs[k].role.rawValue, pos: k))
            // A verbatim name that resolves elsewhere (a brand) is matched too. Its key is looked
            // up only when it is not the name just keyed: each lookup hashes the string.
            let generic = c.drugs[k].generic
            let verbatim = generic == nil || generic == c.drugs[k].name ? key : keys.drug(c.drugs[k].name)
            if verbatim != key { drugRows.append(DrugRow(key: verbatim, name: c.drugs[k].displayName, role: c.drugs[k].role.rawValue)) }
        }
        for k in eventIndices {
            let key = keys.event(c.events[k].preferred ?? c.events[k].term)
            eventRows.append(EventRow(key: key, term: c.events[k].displayTerm, pos: k))
            // FAERS reports MedDRA terms, so the term is nearly always its own preferred term.
            let preferred = c.events[k].preferred
            let verbatim = preferred == nil || preferred == c.events[k].term ? key : keys.event(c.events[k].term)
            if verbatim != key { eventRows.append(EventRow(key: verbatim, term: c.events[k].displayTerm)) }
        }
        // 71% of pairs have no figure at all (400k-case FAERS quarter); writing a row for each was
        // most of the interval table and a large share of the inserting thread's work.
        for p in intervals {
            let i = p.interval
            intervalRows.append(IntervalRow(
                drugPos: p.drug, eventPos: p.event,
                dose: i.dose, firstMin: i.first?.min, firstMax: i.first?.max, lastMin: i.last?.min, lastMax: i.last?.max,
                basis: i.basis?.rawValue))
        }
        // A line that would give the index the same words as an earlier one is left out: a
        // verbatim name and its generic, or a term and its preferred term, are often the same
        // words in other capitals ("TACROLIMUS." and "tacrolimus"), and every word indexed costs
        // the inserting thread.
        // Built as bytes and made a String once: appending to a String line by line was ~2.5%
        // of the preparing thread's instructions (callgrind, FAERS import).
        var body: [UInt8] = []
        body.reserveCapacity(256)
        // The forms of the lines kept so far, end to end, and where each ends: one buffer rather
        // than an array per line (allocating and freeing those was ~2% of the preparing thread).
        var forms: [UInt8] = []
        forms.reserveCapacity(256)
        var formEnds: [Int] = []
        func line(_ s: String?) {
            guard let s, !s.isEmpty else { return }
            let start = forms.count
            PreparedCase.appendWordForm(s, to: &forms)
            let seen = forms.withUnsafeBufferPointer { f in
                let length = f.count - start
                var earlier = 0
                for end in formEnds {
                    if end - earlier == length, length == 0 || memcmp(f.baseAddress! + earlier, f.baseAddress! + start, length) == 0 { return true }
                    earlier = end
                }
                return false
            }
            if seen {
                forms.removeSubrange(start...)
                return
            }
            formEnds.append(forms.count)
            if !body.isEmpty { body.append(0x0A) }
            body.append(contentsOf: s.utf8)
        }
        for k in drugIndices { line(c.drugs[k].name); line(c.drugs[k].generic) }
        for k in eventIndices { line(c.events[k].term); line(c.events[k].preferred) }
        for condition in c.patient.conditions { line(condition) }
        line(c.narrative)
        text = String(decoding: body, as: UTF8.self)
    }

    /// The JSON stored for the case (`StoredCaseForm`) in a source with these facts.
    func json(source: StoredSourceFacts) throws -> [UInt8] {
        switch document {
        case .written(let bytes, let facts):
            // Written ahead on another thread, for the source that thread was given.
            guard facts == source else { throw StoredSourceMismatch(caseID: id) }
            return bytes
        case .pending(let c):
            return CaseWriter.storedBytes(c, source: source)
        }
    }

    /// Writes the JSON now, on the calling thread, and lets the case go.
    mutating func writeDocument(source: StoredSourceFacts) {
        if case .pending(let c) = document { document = .written(CaseWriter.storedBytes(c, source: source), source) }
    }

    /// Appends a line's words as the full-text tokenizer (`unicode61`) sees ASCII text: letters
    /// folded to lower case, each run of other ASCII characters one space. Bytes beyond ASCII are
    /// kept as they are, so two lines with the same form always index the same words.
    static func appendWordForm(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { src in
            // Written through a pointer into room of the input's size (the form is never longer):
            // appending byte by byte was ~4% of the preparing thread (callgrind).
            let start = out.count
            out.append(contentsOf: repeatElement(0, count: src.count))
            let n = out.withUnsafeMutableBufferPointer { buffer in
                var n = start
                var gap = false
                for b in src {
                    let folded: UInt8
                    switch b {
                    case 0x41...0x5A: folded = b + 0x20
                    case 0x61...0x7A, 0x30...0x39, 0x80...: folded = b
                    default: gap = n > start; continue
                    }
                    if gap { buffer[n] = 0x20; n += 1; gap = false }
                    buffer[n] = folded
                    n += 1
                }
                return n
            }
            out.removeSubrange(n...)
        }
    }

    /// The names joined by ", ", each once (ignoring case), in their first order.
    private static func uniqueList<S: Sequence<String>>(_ names: S) -> String {
        var out: [UInt8] = []
        var seen: [String] = []
        for name in names {
            if seen.contains(where: { sameIgnoringCase($0, name) }) { continue }
            seen.append(name)
            if !out.isEmpty { out.append(0x2C); out.append(0x20) }
            out.append(contentsOf: name.utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `a.lowercased() == b.lowercased()`, compared byte by byte when both are ASCII (nearly
    /// always): lowering every name of every case was ~4% of the preparing thread (callgrind).
    static func sameIgnoringCase(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        let ascii: Bool? = a.withUTF8 { x in
            b.withUTF8 { y in
                var high: UInt8 = 0
                for c in x { high |= c }
                for c in y { high |= c }
                guard high < 0x80 else { return nil }
                guard x.count == y.count else { return false }
                for i in 0..<x.count where x[i] != y[i] {
                    // Equal once folded: the same letter in the other case.
                    guard x[i] | 0x20 == y[i] | 0x20, (0x61...0x7A).contains(x[i] | 0x20) else { return false }
                }
                return true
            }
        }
        return ascii ?? (a.lowercased() == b.lowercased())
    }
}
