import Foundation
import GRDB
import Testing
@testable import OnsetCore

/// Filters of exact drug and event names are answered by probing or by merging index ranges;
/// whichever plan runs, the count and every page must be the cases that hold the names.
@Suite struct KeyTermPlanTests {
    static let drugs = ["heparin", "vancomycin", "natalizumab", "warfarin"]
    static let events = ["Rash", "Purpura", "Thrombocytopenia"]

    /// 300 cases with a deterministic mix of drugs (some named twice, some not suspect) and events.
    static func cases() -> [Case] {
        var x: UInt64 = 12345
        func next(_ n: Int) -> Int { x = x &* 6364136223846793005 &+ 1442695040888963407; return Int(x >> 33) % n }
        return (0..<300).map { k in
            var c = Case(id: String(format: "c%03d", k), source: CaseSource(kind: .literature))
            let drugCount = 1 + next(3)
            c.drugs = (0..<drugCount).map { d in
                let name = drugs[next(drugs.count)]
                return Drug(id: "d\(d + 1)", name: name, generic: name, role: next(4) == 0 ? .concomitant : .suspect)
            }
            let eventCount = 1 + next(2)
            c.events = (0..<eventCount).map { e in
                let term = events[next(events.count)]
                return Event(id: "e\(e + 1)", term: term, preferred: term)
            }
            return c
        }
    }

    static func holds(_ c: Case, _ filter: [(String, String)]) -> Bool {
        filter.allSatisfy { field, value in
            switch field {
            case "drug": return c.drugs.contains { $0.generic == value }
            case "suspect": return c.drugs.contains { $0.generic == value && ($0.role == .suspect || $0.role == .interacting) }
            default: return c.events.contains { $0.preferred == value }
            }
        }
    }

    static let filters: [[(String, String)]] = [
        [("drug", "heparin")],
        [("drug", "heparin"), ("event", "Rash")],
        [("event", "Purpura"), ("drug", "warfarin")],
        [("drug", "heparin"), ("drug", "vancomycin")],
        [("suspect", "natalizumab"), ("event", "Thrombocytopenia")],
        [("drug", "heparin"), ("event", "Rash"), ("event", "Purpura")],
        [("drug", "heparin"), ("event", "Nosuchterm")],
    ]

    @Test func everyPlanFindsExactlyTheCasesHoldingTheNames() throws {
        let all = Self.cases()
        let lib = try Library(path: TestSupport.tempPath(), lexicon: .builtIn)
        try lib.importCases([ImportBatch(key: "t", kind: .literature, format: "json", cases: all)])
        let numbers = try lib.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, n FROM cases").map { ($0["id"] as String, $0["n"] as Int64) })
        }
        for filter in Self.filters {
            let text = filter.map { "\($0.0):\"\($0.1)\"" }.joined(separator: " ")
            let query = try QueryParser.parse(text)
            let terms = try #require(QuerySQL.keyTerms(query, lexicon: lib.lexicon), "\(text)")
            let expected = all.filter { Self.holds($0, filter) }.compactMap { numbers[$0.id] }.sorted()
            var plans: [KeyTermPlan] = [.merge] + terms.indices.map { KeyTermPlan.probe(driver: $0) }
            plans.append(try lib.read { db in try KeyTermPlan.choose(terms, db) })
            for plan in plans {
                #expect(try lib.read { db in try plan.count(terms, db) } == expected.count, "\(text) \(plan)")
                // Pages of 7 by keyset, and one by offset, give the same numbers in case order.
                var paged: [Int64] = [], after: Int64? = nil
                while true {
                    let page = try lib.read { db in try plan.page(terms, after: after, offset: 0, limit: 7, db) }
                    paged += page
                    guard page.count == 7 else { break }
                    after = page.last
                }
                #expect(paged == expected, "\(text) \(plan)")
                #expect(try lib.read { db in try plan.page(terms, after: nil, offset: 3, limit: 5, db) } == Array(expected.dropFirst(3).prefix(5)))
            }
            // The public entry points agree too.
            #expect(try lib.count(query) == expected.count, "\(text)")
            #expect(try lib.page(query, limit: 10).map(\.n) == Array(expected.prefix(10)), "\(text)")
        }
    }

    @Test func commonTermsMergeAndARareTermDrivesAProbe() throws {
        let lib = try Library(path: TestSupport.tempPath(), lexicon: .builtIn)
        var cases = Self.cases()
        var rare = Case(id: "rare", source: CaseSource(kind: .literature))
        rare.drugs = [Drug(id: "d1", name: "alemtuzumab", generic: "alemtuzumab", role: .suspect)]
        rare.events = [Event(id: "e1", term: "Rash", preferred: "Rash")]
        cases.append(rare)
        try lib.importCases([ImportBatch(key: "t", kind: .literature, format: "json", cases: cases)])
        let common = try #require(QuerySQL.keyTerms(try QueryParser.parse("drug:heparin event:Rash"), lexicon: lib.lexicon))
        #expect(try lib.read { db in try KeyTermPlan.choose(common, db) } == .merge)
        let skewed = try #require(QuerySQL.keyTerms(try QueryParser.parse("event:Rash drug:alemtuzumab"), lexicon: lib.lexicon))
        #expect(try lib.read { db in try KeyTermPlan.choose(skewed, db) } == .probe(driver: 1))
        // With counts capped at 5 rows: both past the cap merge; a 1-row term probes after the
        // other is recounted up to 11 rows.
        #expect(try lib.read { db in try KeyTermPlan.choose(common, db, cap: 5) } == .merge)
        #expect(try lib.read { db in try KeyTermPlan.choose(skewed, db, cap: 5) } == .probe(driver: 1))
        // A 3-row term against a capped one that really has 20 rows: recounted, and merged.
        let lib2 = try Library(path: TestSupport.tempPath(), lexicon: .builtIn)
        try lib2.importCases([ImportBatch(key: "t", kind: .literature, format: "json", cases: (0..<20).map { k in
            var c = Case(id: "m\(k)", source: CaseSource(kind: .literature))
            c.drugs = [Drug(id: "d1", name: k < 3 ? "warfarin" : "heparin", generic: k < 3 ? "warfarin" : "heparin", role: .suspect)]
            c.events = [Event(id: "e1", term: "Rash", preferred: "Rash")]
            return c
        })])
        let mid = try #require(QuerySQL.keyTerms(try QueryParser.parse("drug:warfarin event:Rash"), lexicon: lib2.lexicon))
        #expect(try lib2.read { db in try KeyTermPlan.choose(mid, db, cap: 5) } == .merge)
        #expect(try lib2.read { db in try KeyTermPlan.rangeCount(mid[1], upTo: 5, db) } == 5)
    }
}
