import Foundation
import GRDB

/// Answers a filter of exact drug and event names when at least one of its names has a stored key set.
///
/// The matching cases are walked in case order from the cheapest source: the index ranges of the
/// names without a set (rarer, or suspect-only, which a set of every role cannot answer) when there
/// are any, else the shortest stored list, else the intersection of the bitmaps; each case is kept
/// when every stored set holds it. Cases noted stale since the sets were built are decided by the
/// indexes alone: they are left out of that walk and merged back when every name holds for them.
struct KeySetAnswer {
    /// The stored sets of the names that have one.
    let sets: [StoredCaseSet]
    /// The names without a set; empty when every name has one.
    let rest: [QuerySQL.KeyTerm]
    let stale: Set<Int64>
    /// The stale cases that hold every name, ascending.
    let staleMatches: [Int64]

    /// Nil when no name has a set, or the library has none or too many stale cases to trust them.
    static func load(_ terms: [QuerySQL.KeyTerm], _ db: Database) throws -> KeySetAnswer? {
        guard try db.tableExists("key_sets") else { return nil } // an older library opened read-only
        var sets: [StoredCaseSet] = []
        var rest: [QuerySQL.KeyTerm] = []
        let find = try db.cachedStatement(sql: "SELECT form, members FROM key_sets WHERE tbl = ? AND key = ?")
        for t in terms {
            guard !t.suspectOnly, let set = try stored(find, t) else {
                rest.append(t)
                continue
            }
            sets.append(set)
        }
        guard !sets.isEmpty else { return nil }
        let cases = try Int.fetchOne(db, sql: "SELECT cases FROM key_set_state WHERE id = 1") ?? 0
        let limit = KeySets.staleLimit(cases: cases)
        let stale = try Int64.fetchAll(db, sql: "SELECT case_n FROM key_set_stale ORDER BY case_n LIMIT ?", arguments: [limit + 1])
        guard stale.count <= limit else { return nil }
        return KeySetAnswer(sets: sets, rest: rest, stale: Set(stale),
                            staleMatches: stale.isEmpty ? [] : try matches(terms, amongStale: db))
    }

    /// One name's stored set, read straight from SQLite's buffer: at 4M cases a bitmap is 500 KB,
    /// and copying it through `Data` and a zeroed array cost more than the intersection (perf:
    /// page faults, memset and memmove led the profile).
    private static func stored(_ find: Statement, _ t: QuerySQL.KeyTerm) throws -> StoredCaseSet? {
        // The cursor is kept alive while its row is read: the row's bytes are SQLite's own buffer,
        // and a cursor let go resets its statement.
        let rows = try Row.fetchCursor(find, arguments: [t.table, t.key])
        return try withExtendedLifetime(rows) {
            guard let row = try rows.next() else { return nil }
            let form: String = row[0]
            return try row.withUnsafeData(atIndex: 1) { data in
                data.flatMap { d in d.withUnsafeBytes { StoredCaseSet(form: form, bytes: $0) } }
            }
        }
    }

    /// The count of a single name with a set when no case is stale: kept beside the set, so the
    /// most reported drug's count costs one row.
    static func storedCount(_ terms: [QuerySQL.KeyTerm], _ db: Database) throws -> Int? {
        guard terms.count == 1, !terms[0].suspectOnly, try db.tableExists("key_sets"),
              try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM key_set_stale LIMIT 1)") == 0 else { return nil }
        return try Int.fetchOne(db, sql: "SELECT cases FROM key_sets WHERE tbl = ? AND key = ?", arguments: [terms[0].table, terms[0].key])
    }

    /// The stale cases that hold every name, from the indexes.
    static func matches(_ terms: [QuerySQL.KeyTerm], amongStale db: Database) throws -> [Int64] {
        var sql = "SELECT s.case_n FROM key_set_stale s WHERE 1"
        var arguments: [(any DatabaseValueConvertible)?] = []
        for (j, t) in terms.enumerated() {
            sql += " AND EXISTS (SELECT 1 FROM \(t.table) x\(j) WHERE \(t.condition("x\(j)")) AND x\(j).case_n = s.case_n)"
            arguments.append(t.key)
        }
        return try Int64.fetchAll(db, sql: sql + " ORDER BY s.case_n", arguments: StatementArguments(arguments))
    }

    /// How many distinct cases match.
    func count(_ db: Database) throws -> Int {
        var n = staleMatches.count
        if rest.isEmpty, let bits = bitmapIntersection() {
            n += bits.count - stale.reduce(0) { $0 + (bits.contains($1) ? 1 : 0) }
        } else {
            let fresh = try walk(after: nil, db)
            while try fresh() != nil { n += 1 }
        }
        return n
    }

    /// A page of matching case numbers in case order, after case `after` when given.
    func page(after: Int64?, offset: Int, limit: Int, _ db: Database) throws -> [Int64] {
        let fresh = try walk(after: after, db)
        // Merge the fresh cases with the stale matches, both ascending.
        var late = staleMatches.filter { after == nil || $0 > after! }[...]
        var next = try fresh()
        var out: [Int64] = []
        var skip = offset
        while out.count < limit {
            let c: Int64
            if let f = next, late.first.map({ f < $0 }) ?? true {
                c = f; next = try fresh()
            } else if let l = late.popFirst() {
                c = l
            } else {
                break
            }
            if skip > 0 { skip -= 1 } else { out.append(c) }
        }
        return out
    }

    /// The matching cases that are not stale, ascending, one per call (nil at the end).
    private func walk(after: Int64?, _ db: Database) throws -> () throws -> Int64? {
        let others: [StoredCaseSet]
        let source: () throws -> Int64?
        if !rest.isEmpty {
            let numbers = try KeyTermPlan.choose(rest, db).caseNumbers(rest, after: after)
            let cursor = try Int64.fetchCursor(db, sql: numbers.sql, arguments: StatementArguments(numbers.arguments))
            source = { try cursor.next() }
            others = sets
        } else if let shortest = sets.indices.filter({ if case .list = sets[$0] { true } else { false } }).min(by: { sets[$0].count < sets[$1].count }) {
            let numbers = sets[shortest].numbers(after: after)
            source = { numbers.next() }
            others = sets.enumerated().filter { $0.offset != shortest }.map(\.element)
        } else {
            let numbers = (bitmapIntersection() ?? CaseBitmap()).numbers(after: after)
            source = { numbers.next() }
            others = []
        }
        return {
            while let c = try source() {
                if !stale.contains(c) && others.allSatisfy({ $0.contains(c) }) { return c }
            }
            return nil
        }
    }

    /// The intersection of the stored sets when every one is a bitmap.
    private func bitmapIntersection() -> CaseBitmap? {
        var out: CaseBitmap?
        for s in sets {
            guard case .bitmap(let b) = s else { return nil }
            if out == nil { out = b } else { out!.formIntersection(b) }
        }
        return out
    }
}
