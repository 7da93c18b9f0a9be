import Foundation
import GRDB

/// How a quarter's primaryids are ordered: as numbers, or as text (the R-written sample).
enum FAERSKeyOrder {
    case numeric, lexical

    func compare(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        if self == .numeric, a.count != b.count { return a.count < b.count ? -1 : 1 }
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex && j < b.endIndex {
            if a[i] != b[j] { return a[i] < b[j] ? -1 : 1 }
            i += 1; j += 1
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}

/// Joins a quarter's seven tables into one group of rows per primaryid.
///
/// Fast path: FAERS tables are normally sorted by primaryid, so a merge join streams all seven at
/// once holding one report in memory. Any table found out of order makes `mergeJoin` return false
/// (the caller rolls back what it wrote); `stagedJoin` then copies every row into a TEMP table of
/// the same SQLite connection and reads it back sorted, which is slower but correct for any order
/// and still bounded in memory (SQLite sorts on disk).
final class FAERSJoin {
    let quarter: FAERSQuarter
    let quarantine = QuarantineLog()
    private(set) var warnings: [String] = []
    private var orphans: [FAERSTableKind: (count: Int, first: String)] = [:]
    private var duplicates = 0

    init(quarter: FAERSQuarter) { self.quarter = quarter }

    /// The order DEMO's primaryids follow, read in a first pass over DEMO alone; nil when neither.
    func detectOrder() throws -> FAERSKeyOrder? {
        guard let demo = try quarter.open(.demo, quarantine: QuarantineLog(keep: 0)) else { return nil }
        defer { demo.close() }
        var numeric = true, lexical = true
        var prev: [UInt8] = [], havePrev = false
        while try demo.advance() {
            let k = demo.key
            if havePrev {
                if numeric && FAERSKeyOrder.numeric.compare(k, prev[...]) < 0 { numeric = false }
                if lexical && FAERSKeyOrder.lexical.compare(k, prev[...]) < 0 { lexical = false }
                if !numeric && !lexical { return nil }
            }
            prev.removeAll(keepingCapacity: true); prev.append(contentsOf: k); havePrev = true
        }
        return numeric ? .numeric : .lexical
    }

    private static let childKinds: [FAERSTableKind] = [.drug, .reac, .outc, .rpsr, .ther, .indi]

    /// Adds one child row to its group.
    private func add<F: FAERSFields>(_ kind: FAERSTableKind, _ f: F, _ cols: ChildColumns, to g: inout FAERSGroup) {
        switch kind {
        case .demo: break
        case .drug: if let c = cols.drug { g.drugs.append(FAERSDrugRow(f, c)) }
        case .reac: if let pt = f.string(cols.set.a) { g.reactions.append(pt) }
        case .outc: if let o = f.string(cols.set.a) { g.outcomes.append(o) }
        case .rpsr: if let r = f.string(cols.set.a) { g.reportSources.append(r) }
        case .ther: g.therapies.append(FAERSTherRow(f, cols.set))
        case .indi: g.indications.append(FAERSIndiRow(f, cols.set))
        }
    }

    struct ChildColumns {
        var drug: FAERSDrugColumns?
        var set = FAERSColumnSet()
        init(_ kind: FAERSTableKind, _ t: FAERSTable) {
            switch kind {
            case .drug: drug = FAERSDrugColumns(t)
            case .reac: set = .reac(t)
            case .outc: set = .outc(t)
            case .rpsr: set = .rpsr(t)
            case .ther: set = .ther(t)
            case .indi: set = .indi(t)
            case .demo: break
            }
        }
    }

    private func orphan(_ kind: FAERSTableKind, _ place: String) {
        if let o = orphans[kind] { orphans[kind] = (o.count + 1, o.first) } else { orphans[kind] = (1, place) }
    }

    /// Streams all tables in primaryid order; returns false (having stopped early) when a table is
    /// not in `order`, so the caller can undo and fall back.
    func mergeJoin(order: FAERSKeyOrder, sink: (FAERSGroup) throws -> Void) throws -> Bool {
        guard let demo = try quarter.open(.demo, quarantine: quarantine) else { return false }
        var children: [(FAERSTableKind, FAERSTable, ChildColumns)] = []
        defer { demo.close(); for c in children { c.1.close() } }
        for kind in FAERSJoin.childKinds {
            if let t = try quarter.open(kind, quarantine: quarantine) {
                children.append((kind, t, ChildColumns(kind, t)))
                _ = try t.advance()
            } else if !kind.isRequired {
                warnings.append("\(quarter.path): no \(kind.stem) table")
            }
        }
        let demoCols = FAERSDemoColumns(demo)
        var prevDemo: [UInt8] = [], haveDemo = false
        var prevChild = Array(repeating: [UInt8](), count: children.count)
        var key: [UInt8] = []

        /// Advances a child table, checking that its keys never go down.
        func step(_ k: Int) throws -> Bool {
            let t = children[k].1
            prevChild[k].removeAll(keepingCapacity: true)
            prevChild[k].append(contentsOf: t.key)
            guard try t.advance() else { return true }
            return order.compare(t.key, prevChild[k][...]) >= 0
        }

        while try demo.advance() {
            key.removeAll(keepingCapacity: true)
            key.append(contentsOf: demo.key)
            if haveDemo {
                let c = order.compare(key[...], prevDemo[...])
                if c < 0 { return false }
                if c == 0 {
                    duplicates += 1
                    quarantine.add("\(demo.file):\(demo.line)", "primaryid \(TextDecoding.string(key)) repeats the row before it")
                    continue
                }
            }
            prevDemo.removeAll(keepingCapacity: true); prevDemo.append(contentsOf: key); haveDemo = true
            var g = FAERSGroup(demo: FAERSDemoRow(demo, demoCols))
            for k in children.indices {
                let (kind, t, cols) = children[k]
                while t.hasRow {
                    let c = order.compare(t.key, key[...])
                    if c > 0 { break }
                    if c == 0 { add(kind, t, cols, to: &g) } else { orphan(kind, "\(t.file):\(t.line)") }
                    guard try step(k) else { return false }
                }
            }
            try sink(g)
        }
        for k in children.indices {
            let (kind, t, _) = children[k]
            while t.hasRow {
                orphan(kind, "\(t.file):\(t.line)")
                guard try step(k) else { return false }
            }
        }
        return true
    }

    /// Copies every row into a TEMP table and reads them back grouped by primaryid.
    func stagedJoin(_ db: Database, sink: (FAERSGroup) throws -> Void) throws {
        try db.execute(sql: "DROP TABLE IF EXISTS temp.faers_stage")
        try db.execute(sql: "CREATE TEMP TABLE faers_stage (key TEXT NOT NULL, tbl INTEGER NOT NULL, line INTEGER NOT NULL, row BLOB NOT NULL)")
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.faers_stage") }
        let insert = try db.makeStatement(sql: "INSERT INTO faers_stage (key, tbl, line, row) VALUES (?, ?, ?, ?)")
        var demoCols: FAERSDemoColumns?
        var childCols: [FAERSTableKind: ChildColumns] = [:]
        var files: [FAERSTableKind: String] = [:]
        for kind in FAERSTableKind.allCases {
            guard let t = try quarter.open(kind, quarantine: quarantine) else {
                if !kind.isRequired { warnings.append("\(quarter.path): no \(kind.stem) table") }
                continue
            }
            defer { t.close() }
            files[kind] = t.file
            if kind == .demo { demoCols = FAERSDemoColumns(t) } else { childCols[kind] = ChildColumns(kind, t) }
            while try t.advance() {
                try insert.execute(arguments: [TextDecoding.string(t.key), kind.rawValue, t.line, Data(t.rawRow)])
            }
        }
        guard let demoCols else { return }
        let cursor = try Row.fetchCursor(db, sql: "SELECT key, tbl, line, row FROM faers_stage ORDER BY key, tbl, line")
        var current: FAERSGroup?
        var currentKey = ""
        while let row = try cursor.next() {
            let key: String = row[0]
            let tbl: Int = row[1]
            let line: Int = row[2]
            let bytes: Data = row[3]
            guard let kind = FAERSTableKind(rawValue: tbl) else { continue }
            if key != currentKey {
                if let g = current { try sink(g) }
                current = nil
                currentKey = key
            }
            let fields = FAERSStoredRow(bytes: [UInt8](bytes))
            if kind == .demo {
                if current != nil {
                    duplicates += 1
                    quarantine.add("\(files[kind] ?? ""):\(line)", "primaryid \(key) appears again")
                    continue
                }
                current = FAERSGroup(demo: FAERSDemoRow(fields, demoCols))
            } else if var g = current, let cols = childCols[kind] {
                current = nil   // leaves `g` the only owner, so appending does not copy the group
                add(kind, fields, cols, to: &g)
                current = g
            } else {
                orphan(kind, "\(files[kind] ?? ""):\(line)")
            }
        }
        if let g = current { try sink(g) }
    }

    /// Notes about rows that joined nothing, for the source's warnings.
    func joinWarnings() -> [String] {
        var out = warnings
        for kind in FAERSTableKind.allCases {
            if let o = orphans[kind] { out.append("\(o.count) \(kind.stem) row(s) have no DEMO row (first at \(o.first))") }
        }
        return out
    }
}
