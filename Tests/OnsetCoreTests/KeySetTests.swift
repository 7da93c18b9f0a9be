import Foundation
import GRDB
import Testing
@testable import OnsetCore

/// Stored key sets answer common-name filters; whatever was written since they were built, the
/// count and every page must stay the cases that hold the names.
@Suite struct KeySetTests {
    @Test func bitmapSetOperations() {
        var a = CaseBitmap(capacity: 10)
        for n: Int64 in [0, 63, 64, 127, 128, 1000] { a.insert(n) }
        a.insert(-1) // not a case number: ignored
        #expect(a.count == 6)
        #expect(a.contains(63) && a.contains(64) && a.contains(1000) && !a.contains(62) && !a.contains(5000) && !a.contains(-1))
        #expect(Array(a.numbers()) == [0, 63, 64, 127, 128, 1000])
        #expect(Array(a.numbers(after: 63)) == [64, 127, 128, 1000])
        #expect(Array(a.numbers(after: 127)) == [128, 1000])
        #expect(Array(a.numbers(after: 1000)).isEmpty)
        #expect(Array(a.numbers(after: 99_999)).isEmpty)
        var b = CaseBitmap()
        for n: Int64 in [63, 128, 129] { b.insert(n) }
        var both = a
        both.formIntersection(b)
        #expect(Array(both.numbers()) == [63, 128])
        b.formIntersection(a)
        #expect(Array(b.numbers()) == [63, 128])
        #expect(CaseBitmap(blob: a.blob) == a)
        #expect(a.blob.count == a.words.count * 8)
    }

    @Test func listAndBitmapFormsHoldTheSameNumbers() {
        let numbers: [Int64] = [1, 5, 64, 65, 300, 4000]
        let list = StoredCaseSet(ascending: numbers, top: 100_000)
        let bitmap = StoredCaseSet(ascending: numbers, top: 70)
        guard case .list = list, case .bitmap = bitmap else {
            Issue.record("a sparse key is stored as a list and a dense one as a bitmap: \(list.form) \(bitmap.form)")
            return
        }
        for set in [list, bitmap] {
            let back = set.blob.withUnsafeBytes { StoredCaseSet(form: set.form, bytes: $0) }
            #expect(back == set)
            #expect(set.count == 6)
            #expect(Array(set.numbers()) == numbers)
            #expect(Array(set.numbers(after: 5)) == [64, 65, 300, 4000])
            #expect(Array(set.numbers(after: 4)) == [5, 64, 65, 300, 4000])
            #expect(Array(set.numbers(after: 4000)).isEmpty)
            #expect(numbers.allSatisfy(set.contains))
            #expect(![0, 2, 63, 66, 3999, 4001, -1, 1 << 40].contains(where: set.contains))
        }
        #expect(StoredCaseSet(form: "roaring", bytes: UnsafeRawBufferPointer(start: nil, count: 0)) == nil)
    }

    /// The cases that match `text`, asked through the general SQL that no key plan or key set touches.
    static func truth(_ lib: Library, _ text: String) throws -> [Int64] {
        let q = QuerySQL(try QueryParser.parse(text), lexicon: lib.lexicon)
        return try lib.read { db in try Int64.fetchAll(db, sql: "SELECT n FROM cases c WHERE \(q.sql) ORDER BY n", arguments: q.arguments) }
    }

    static let filters = KeyTermPlanTests.filters.map { f in f.map { "\($0.0):\"\($0.1)\"" }.joined(separator: " ") } + [
        "drug:alemtuzumab", "drug:alemtuzumab event:Petechiae", "event:Petechiae drug:heparin",
        "drug:alemtuzumab event:Rash drug:heparin", "suspect:alemtuzumab event:Rash", "event:Petechiae suspect:heparin",
    ]

    /// Every filter through the library's entry points against the truth, paged by keyset and offset;
    /// returns how many filters the key sets answered.
    @discardableResult
    static func expectAgreement(_ lib: Library) throws -> Int {
        var answered = 0
        for text in filters {
            let query = try QueryParser.parse(text)
            let expected = try truth(lib, text)
            let terms = try #require(QuerySQL.keyTerms(query, lexicon: lib.lexicon))
            if try lib.read({ db in try KeySetAnswer.load(terms, db) }) != nil { answered += 1 }
            #expect(try lib.count(query) == expected.count, "\(text)")
            var paged: [Int64] = [], after: Int64? = nil
            while true {
                let page = try lib.page(query, after: after, limit: 7).map(\.n)
                paged += page
                guard page.count == 7 else { break }
                after = page.last
            }
            #expect(paged == expected, "\(text)")
            #expect(try lib.page(query, offset: 3, limit: 5).map(\.n) == Array(expected.dropFirst(3).prefix(5)), "\(text)")
        }
        return answered
    }

    /// The 300 cases of `KeyTermPlanTests`, with alemtuzumab and Petechiae in a few of them:
    /// stored as lists, where the common names are bitmaps.
    static func cases() -> [Case] {
        KeyTermPlanTests.cases().enumerated().map { k, c in
            var c = c
            if k % 37 == 3 { c.drugs.append(Drug(id: "d9", name: "alemtuzumab", generic: "alemtuzumab", role: .suspect)) }
            if k % 61 == 3 { c.events.append(Event(id: "e9", term: "Petechiae", preferred: "Petechiae")) }
            return c
        }
    }

    static func library() throws -> Library {
        let lib = try Library(path: TestSupport.tempPath(), lexicon: .builtIn)
        try lib.importCases([ImportBatch(key: "t", kind: .literature, format: "json", cases: cases())])
        // 300 cases is far below the size that earns key sets; build them for keys of 2+ rows.
        try lib.write { w in try KeySets.rebuild(w.database, minimumRows: 2) }
        return lib
    }

    static func staleCount(_ lib: Library) throws -> Int {
        try lib.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM key_set_stale") ?? 0 }
    }

    @Test func keySetsGiveTheSameCasesAsTheIndexes() throws {
        let lib = try Self.library()
        let forms = try lib.read { db in try Row.fetchAll(db, sql: "SELECT key, form FROM key_sets").map { ($0[0] as String, $0[1] as String) } }
        #expect(forms.count == KeyTermPlanTests.drugs.count + KeyTermPlanTests.events.count + 2)
        #expect(Set(forms.filter { $0.1 == "list" }.map(\.0)) == [lib.lexicon.drugKey("alemtuzumab"), lib.lexicon.eventKey("Petechiae")])
        #expect(try Self.staleCount(lib) == 0)
        // Every filter names at least one key with a set (a suspect-only name is read from its index).
        #expect(try Self.expectAgreement(lib) == Self.filters.count)
    }

    /// Each stored set holds exactly the distinct cases of its key, for every key with at least
    /// the threshold's cases and no other (the rebuild reads each index in one pass).
    @Test func everySetIsItsKeysDistinctCases() throws {
        let lib = try Self.library()
        // A case naming a drug twice counts once: the second row must not reach the set or its count.
        var twice = TestSupport.minimalCase(id: "twice", drug: "alemtuzumab", event: "Petechiae")
        twice.drugs.append(Drug(id: "d2", name: "alemtuzumab", generic: "alemtuzumab", role: .concomitant))
        try lib.importCases([ImportBatch(key: "twice", kind: .literature, format: "json", cases: [twice])])
        for minimum in [1, 2, 3, 25] {
            try lib.write { w in try KeySets.rebuild(w.database, minimumRows: minimum) }
            for table in KeySets.tables {
                let expected = try lib.read { db in
                    try Row.fetchAll(db, sql: """
                        SELECT key, group_concat(case_n) FROM (SELECT DISTINCT key, case_n FROM \(table) ORDER BY key, case_n)
                        GROUP BY key HAVING count(*) >= ? ORDER BY key
                        """, arguments: [minimum]).map { ($0[0] as String, ($0[1] as String).split(separator: ",").map { Int64($0)! }) }
                }
                let stored = try lib.read { db in
                    try Row.fetchAll(db, sql: "SELECT key, cases, form, members FROM key_sets WHERE tbl = ? ORDER BY key", arguments: [table]).map { r in
                        let data: Data = r[3]
                        let set = data.withUnsafeBytes { StoredCaseSet(form: r[2], bytes: $0) }
                        return (r[0] as String, r[1] as Int, set.map { Array($0.numbers()) } ?? [])
                    }
                }
                #expect(stored.map(\.0) == expected.map(\.0), "keys of \(table) with \(minimum)+ cases")
                for (s, e) in zip(stored, expected) {
                    #expect(s.2 == e.1 && s.1 == e.1.count, "\(table) \(s.0)")
                }
            }
        }
    }

    @Test func writesAfterTheBuildAreAnsweredThroughTheStaleNotes() throws {
        let lib = try Self.library()
        // A new source whose cases reuse common names and add a new one.
        var extra = Self.cases().prefix(40).map { c -> Case in
            var c = c
            c.id = "x-" + c.id
            return c
        }
        extra[0].drugs.append(Drug(id: "d9", name: "alemtuzumab", generic: "alemtuzumab", role: .suspect))
        try lib.importCases([ImportBatch(key: "extra", kind: .literature, format: "json", cases: Array(extra))])
        #expect(try Self.staleCount(lib) >= 40)
        try Self.expectAgreement(lib)
        // A reviewer's corrections: a drug's role and a reaction's preferred term.
        _ = try lib.correct(id: "c001", field: "d1.role", value: "concomitant")
        _ = try lib.correct(id: "c002", field: "e1.preferred", value: "Purpura")
        try Self.expectAgreement(lib)
        // Deletions, one by one and by replacing a whole source (foreign-key cascades).
        try lib.write { w in _ = try w.delete(ids: ["c003", "c004", "c010"]) }
        try lib.importCases([ImportBatch(key: "extra", kind: .literature, format: "json", cases: Array(extra.suffix(5)))])
        let answered = try Self.expectAgreement(lib)
        #expect(answered == Self.filters.count, "the key sets are still in use")
        #expect(try lib.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM key_sets") ?? 0 } > 0)
        // A rebuild takes the changes into the sets and forgets the notes.
        try lib.write { w in try KeySets.rebuild(w.database, minimumRows: 2) }
        #expect(try Self.staleCount(lib) == 0)
        try Self.expectAgreement(lib)
    }

    @Test func tooManyStaleCasesAndTheIndexesAnswerAlone() throws {
        let lib = try Self.library()
        try lib.write { w in
            for n in 100_000..<(100_000 + KeySets.staleLimit(cases: 300) + 1) {
                try w.database.execute(sql: "INSERT INTO key_set_stale VALUES (?)", arguments: [n])
            }
        }
        #expect(try Self.expectAgreement(lib) == 0)
    }

    @Test func aSmallLibraryHasNoKeySetsAndARefreshRecordsItsSize() throws {
        let lib = try Library(path: TestSupport.tempPath(), lexicon: .builtIn)
        try lib.importCases([ImportBatch(key: "t", kind: .literature, format: "json", cases: Self.cases())])
        #expect(try lib.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM key_sets") ?? -1 } == 0)
        #expect(try lib.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM key_set_state") ?? -1 } == 0)
        try Self.expectAgreement(lib)
        // No key sets, so writes note nothing.
        _ = try lib.correct(id: "c001", field: "d1.role", value: "concomitant")
        #expect(try Self.staleCount(lib) == 0)
        // A bulk refresh builds them (here none: 300 cases is under `KeySets.minimumCases`) and records the size.
        try lib.write { w in try KeySets.refresh(w.database, bulk: true) }
        #expect(try lib.read { db in try Int.fetchOne(db, sql: "SELECT cases FROM key_set_state") } == 300)
        // The imports above ran without the stale-noting triggers (nothing to note); they are back.
        #expect(try lib.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_stale'") } == 6)
        try lib.write { w in try KeySets.rebuild(w.database, minimumRows: 2) }
        _ = try lib.correct(id: "c002", field: "d1.role", value: "concomitant")
        #expect(try Self.staleCount(lib) > 0)
        try Self.expectAgreement(lib)
    }
}
