import GRDB

/// How a filter made only of exact drug and event names is answered from the (key, case_n) indexes.
///
/// Probing reads the rarest term's index range and looks every row up in the others' indexes: one
/// B-tree descent per row, cheap when that term is rare. Merging reads every term's range once, in
/// case order, and intersects them as they stream: about ten times cheaper per row (4M-case library:
/// 215,753 probes for etanercept × Drug ineffective took 228 ms; merging its 391,037 rows 41 ms), so
/// it wins when every term is common. Both stream in case order, so a page stops after its rows.
enum KeyTermPlan: Equatable {
    case probe(driver: Int)
    case merge

    /// Per row, merging costs about a tenth of probing (measured as above).
    static let probeToMergeCost = 10
    /// Row counts are taken only up to this many rows: an exact count of a popular key's range is
    /// itself a scan (20 ms for 215,753 rows), which would cost as much as the answer.
    static let countCap = 20_000

    /// The cheaper plan for these terms, from capped counts of each term's index range.
    ///
    /// Every term past the cap: all are common, so merge (probing would visit at least `countCap`
    /// rows at ten times the cost). Otherwise the rarest term's count is exact; a capped term is
    /// recounted up to ten times that, which costs no more than the probe it may choose.
    static func choose(_ terms: [QuerySQL.KeyTerm], _ db: Database, cap: Int = countCap) throws -> KeyTermPlan {
        guard terms.count > 1 else { return .probe(driver: 0) }
        var rows = try terms.map { try rangeCount($0, upTo: cap, db) }
        let fewest = rows.min() ?? 0
        let driver = rows.firstIndex(of: fewest) ?? 0
        if fewest >= cap { return .merge }
        let enough = fewest * probeToMergeCost + 1
        for k in rows.indices where rows[k] >= cap && enough > cap {
            rows[k] = try rangeCount(terms[k], upTo: enough, db)
        }
        return fewest * probeToMergeCost > rows.reduce(0, +) ? .merge : .probe(driver: driver)
    }

    /// The number of rows in a term's key range, counting no further than `cap`.
    static func rangeCount(_ t: QuerySQL.KeyTerm, upTo cap: Int, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM \(t.table) WHERE key = ? LIMIT ?)", arguments: [t.key, cap]) ?? 0
    }

    /// The distinct matching case numbers in case order, after case `after` when given.
    func caseNumbers(_ terms: [QuerySQL.KeyTerm], after: Int64?) -> (sql: String, arguments: [(any DatabaseValueConvertible)?]) {
        switch self {
        case .probe(let driver):
            var driven = QuerySQL.drivenSelect(terms, driver: driver, column: "DISTINCT t0.case_n")
            if let after { driven.sql += " AND t0.case_n > ?"; driven.arguments.append(after) }
            driven.sql += " ORDER BY t0.case_n"
            return driven
        case .merge:
            // INTERSECT is a set operation (no duplicates); with ORDER BY on the indexed column
            // SQLite merges the sorted ranges instead of building a temporary index.
            var selects: [String] = [], arguments: [(any DatabaseValueConvertible)?] = []
            for t in terms {
                // A lone term has no INTERSECT to drop a case that names it twice.
                selects.append("SELECT \(terms.count == 1 ? "DISTINCT " : "")case_n FROM \(t.table) t0 WHERE \(t.condition("t0"))" + (after == nil ? "" : " AND t0.case_n > ?"))
                arguments.append(t.key)
                if let after { arguments.append(after) }
            }
            return (selects.joined(separator: " INTERSECT ") + " ORDER BY 1", arguments)
        }
    }

    /// How many distinct cases match. The probe's select is built without `caseNumbers`'s ORDER BY:
    /// inside a count it made the most reported drugs' counts ~1.6× slower (4M cases: 79–83 ms
    /// against 49 ms for adalimumab).
    func count(_ terms: [QuerySQL.KeyTerm], _ db: Database) throws -> Int {
        let numbers: (sql: String, arguments: [(any DatabaseValueConvertible)?])
        switch self {
        case .probe(let driver):
            numbers = QuerySQL.drivenSelect(terms, driver: driver, column: "DISTINCT t0.case_n")
        case .merge:
            numbers = caseNumbers(terms, after: nil)
        }
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(numbers.sql))", arguments: StatementArguments(numbers.arguments)) ?? 0
    }

    /// A page of matching case numbers in case order.
    func page(_ terms: [QuerySQL.KeyTerm], after: Int64?, offset: Int, limit: Int, _ db: Database) throws -> [Int64] {
        var numbers = caseNumbers(terms, after: after)
        numbers.sql += " LIMIT ? OFFSET ?"
        numbers.arguments += [limit, offset]
        return try Int64.fetchAll(db, sql: numbers.sql, arguments: StatementArguments(numbers.arguments))
    }
}
