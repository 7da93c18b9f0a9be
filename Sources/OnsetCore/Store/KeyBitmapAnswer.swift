import Foundation
import GRDB

/// Answers a filter of exact drug and event names when at least one of its names has a key bitmap.
///
/// The names with bitmaps are intersected in memory. The others (rarer, or suspect-only, which a
/// bitmap of every role cannot answer) are read from their indexes as `KeyTermPlan` would, and each
/// of their cases is kept when the bitmaps hold it. Cases noted stale since the bitmaps were built
/// are decided by the indexes alone: they are left out of the bitmap side and added back when
/// every name holds for them.
struct KeyBitmapAnswer {
    /// The intersection of the bitmapped names' bitmaps.
    let bits: CaseBitmap
    /// The names without a bitmap; empty when every name has one.
    let rest: [QuerySQL.KeyTerm]
    let stale: Set<Int64>
    /// The stale cases that hold every name, ascending.
    let staleMatches: [Int64]

    /// Nil when no name has a bitmap, or the library has none or too many stale cases to trust them.
    static func load(_ terms: [QuerySQL.KeyTerm], _ db: Database) throws -> KeyBitmapAnswer? {
        guard try db.tableExists("key_bitmaps") else { return nil } // an older library opened read-only
        var bits: CaseBitmap?
        var rest: [QuerySQL.KeyTerm] = []
        let find = try db.cachedStatement(sql: "SELECT bits FROM key_bitmaps WHERE tbl = ? AND key = ?")
        for t in terms {
            guard !t.suspectOnly else {
                rest.append(t)
                continue
            }
            // The cursor is kept alive while its row is read: the row's bytes are SQLite's own
            // buffer, and a cursor let go resets its statement.
            let rows = try Row.fetchCursor(find, arguments: [t.table, t.key])
            let found: Bool = try withExtendedLifetime(rows) {
                guard let row = try rows.next() else { return false }
                try row.withUnsafeData(atIndex: 0) { data in
                    data?.withUnsafeBytes { raw in
                        if bits == nil { bits = CaseBitmap(bytes: raw) } else { bits!.formIntersection(bytes: raw) }
                    }
                }
                return true
            }
            if !found { rest.append(t) }
        }
        guard let bits else { return nil }
        let cases = try Int.fetchOne(db, sql: "SELECT cases FROM key_bitmap_state WHERE id = 1") ?? 0
        let limit = KeyBitmaps.staleLimit(cases: cases)
        let stale = try Int64.fetchAll(db, sql: "SELECT case_n FROM key_bitmap_stale ORDER BY case_n LIMIT ?", arguments: [limit + 1])
        guard stale.count <= limit else { return nil }
        return KeyBitmapAnswer(bits: bits, rest: rest, stale: Set(stale),
                               staleMatches: stale.isEmpty ? [] : try matches(terms, amongStale: db))
    }

    /// The count of a single name with a bitmap when no case is stale: kept beside the bitmap, so
    /// the most reported drug's count costs one row.
    static func storedCount(_ terms: [QuerySQL.KeyTerm], _ db: Database) throws -> Int? {
        guard terms.count == 1, !terms[0].suspectOnly, try db.tableExists("key_bitmaps"),
              try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM key_bitmap_stale LIMIT 1)") == 0 else { return nil }
        return try Int.fetchOne(db, sql: "SELECT cases FROM key_bitmaps WHERE tbl = ? AND key = ?", arguments: [terms[0].table, terms[0].key])
    }

    /// The stale cases that hold every name, from the indexes.
    static func matches(_ terms: [QuerySQL.KeyTerm], amongStale db: Database) throws -> [Int64] {
        var sql = "SELECT s.case_n FROM key_bitmap_stale s WHERE 1"
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
        if rest.isEmpty {
            n += bits.count - stale.reduce(0) { $0 + (bits.contains($1) ? 1 : 0) }
        } else {
            let candidates = try restCandidates(after: nil, db)
            while let c = try candidates.next() {
                if keeps(c) { n += 1 }
            }
        }
        return n
    }

    /// A page of matching case numbers in case order, after case `after` when given.
    func page(after: Int64?, offset: Int, limit: Int, _ db: Database) throws -> [Int64] {
        let fresh: () throws -> Int64?
        if rest.isEmpty {
            let numbers = bits.numbers(after: after)
            fresh = { while let c = numbers.next() { if !stale.contains(c) { return c } }; return nil }
        } else {
            let candidates = try restCandidates(after: after, db)
            fresh = { while let c = try candidates.next() { if keeps(c) { return c } }; return nil }
        }
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

    /// A case from the names without bitmaps that the bitmaps hold too (stale ones are counted apart).
    private func keeps(_ c: Int64) -> Bool { !stale.contains(c) && bits.contains(c) }

    /// The cases of the names without bitmaps, ascending and distinct, by the cheaper index plan.
    private func restCandidates(after: Int64?, _ db: Database) throws -> DatabaseValueCursor<Int64> {
        let numbers = try KeyTermPlan.choose(rest, db).caseNumbers(rest, after: after)
        return try Int64.fetchCursor(db, sql: numbers.sql, arguments: StatementArguments(numbers.arguments))
    }
}
