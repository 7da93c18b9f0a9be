import Foundation
import GRDB
import Testing
@testable import OnsetCore

/// The library stores a case's JSON without what its row holds (`StoredCaseForm`); every case
/// must still load back exactly as it was inserted.
@Suite struct StoredCaseFormTests {
    static let sourceKey = "/data/faers_ascii_2025q1"
    static let sourceFormat = "faers-ascii"

    /// A FAERS-like case: default ids, preferred terms equal to the verbatim ones, one course
    /// spanning the drug's dates, and the source's own file and format.
    static func faersLike(_ id: String = "faers-1") -> Case {
        var c = Case(id: id, source: CaseSource(kind: .faers))
        c.source.file = sourceKey
        c.source.format = sourceFormat
        c.source.record = "10001"
        c.source.caseNumber = "1000"
        c.source.version = 1
        var d = Drug(id: "d1", name: "NATALIZUMAB", generic: "natalizumab", role: .suspect)
        d.start = TimePoint(parsing: "2015-07-01")
        d.end = TimePoint(parsing: "2015-09")
        d.courses = [Course(start: d.start, end: d.end)]
        c.drugs = [d, Drug(id: "d2", name: "ASPIRIN", generic: "aspirin", role: .concomitant)]
        c.events = [Event(id: "e1", term: "Thrombocytopenia", preferred: "Thrombocytopenia"),
                    Event(id: "e2", term: "Petechiae", preferred: "Petechiae")]
        return c
    }

    /// Cases where leaving a field out would be wrong unless the stored form says so.
    static var edgeCases: [Case] {
        var out: [Case] = []
        func variant(_ name: String, _ change: (inout Case) -> Void) {
            var c = faersLike("edge-\(name)")
            change(&c)
            out.append(c)
        }
        variant("plain") { _ in }
        variant("no-preferred") { $0.events[0].preferred = nil }
        variant("other-preferred") { $0.events[1].preferred = "Purpura" }
        variant("swapped-ids") { $0.drugs[0].id = "d2"; $0.drugs[1].id = "d1"; $0.events[0].id = "e2"; $0.events[1].id = "e1" }
        variant("own-ids") { $0.drugs[0].id = "tysabri"; $0.events[1].id = "e3" }
        variant("dated-without-courses") { $0.drugs[0].courses = [] }
        variant("course-differs") { $0.drugs[0].courses = [Course(start: $0.drugs[0].start)] }
        variant("two-courses") {
            $0.drugs[0].courses = [Course(start: $0.drugs[0].start, end: TimePoint(parsing: "2015-07-20")),
                                   Course(start: TimePoint(parsing: "2015-08-01"), end: $0.drugs[0].end)]
        }
        variant("start-only") { $0.drugs[0].end = nil; $0.drugs[0].courses = [Course(start: $0.drugs[0].start)] }
        variant("undated-empty-course") { $0.drugs[1].courses = [Course()] }
        variant("undated-dated-course") { $0.drugs[1].courses = [Course(start: TimePoint(parsing: "2015-06"))] }
        variant("no-file") { $0.source.file = nil }
        variant("other-file") { $0.source.file = "/elsewhere/quarter" }
        variant("no-format") { $0.source.format = nil }
        variant("other-format") { $0.source.format = "e2b" }
        variant("citation") { $0.source.citation = "A case report"; $0.source.doi = "10.1000/xyz" }
        variant("no-record") { $0.source.record = nil; $0.source.caseNumber = nil; $0.source.version = nil }
        variant("literature") { $0.source = CaseSource(kind: .literature); $0.status = .draft }
        // Canonically equivalent but different bytes: a decomposed accent against a precomposed one.
        variant("equivalent-preferred") { $0.events[0].term = "Urticaire me\u{301}dicamenteuse"; $0.events[0].preferred = "Urticaire m\u{E9}dicamenteuse" }
        variant("equivalent-file") { $0.source.file = sourceKey + "/cafe\u{301}" }
        variant("many") { c in
            for k in 3...12 { c.drugs.append(Drug(id: "d\(k)", name: "DRUG \(k)", generic: "drug \(k)", role: k.isMultiple(of: 3) ? .suspect : .concomitant)) }
            for k in 3...11 { c.events.append(Event(id: "e\(k)", term: "Term \(k)", preferred: "Term \(k)")) }
            c.drugs[10].id = "d12"; c.drugs[11].id = "d11"
        }
        return out
    }

    /// Equal as cases and as the bytes `show --format json` prints (`Case ==` takes canonically
    /// equivalent strings as equal).
    static func expectSame(_ loaded: Case?, _ c: Case, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(loaded == c, "\(c.id)", sourceLocation: sourceLocation)
        #expect(loaded.map { Array(CaseWriter.text($0).utf8) } == Array(CaseWriter.text(c).utf8), "\(c.id) bytes", sourceLocation: sourceLocation)
    }

    static func library() throws -> Library {
        try Library(path: TestSupport.tempPath(), lexicon: TestSupport.lexicon)
    }

    @Test func theStoredFormLeavesOutWhatTheRowHolds() throws {
        let c = Self.faersLike()
        let stored = String(decoding: CaseWriter.storedBytes(c, source: StoredSourceFacts(key: Self.sourceKey, format: Self.sourceFormat)),
                            as: UTF8.self)
        for left in ["\"format\"", "\"id\"", "\"preferred\"", "\"courses\"", "\"kind\"", "\"record\"", "\"case\"",
                     "\"version\"", "\"source\"", Self.sourceKey] {
            #expect(!stored.contains(left), "\(left) in \(stored)")
        }
        #expect(stored.utf8.count * 2 < CaseWriter.text(c, pretty: false).utf8.count)
        #expect(stored.contains("\"term\":\"Thrombocytopenia\""))
    }

    @Test func everyEdgeCaseLoadsBackAsInserted() throws {
        let lib = try Self.library()
        try lib.write { w in
            let s = try w.replaceSource(key: Self.sourceKey, kind: .faers, format: Self.sourceFormat)
            for c in Self.edgeCases { try w.insert(c, source: s.id) }
        }
        for c in Self.edgeCases { Self.expectSame(try lib.loadCase(id: c.id), c) }
    }

    /// The batch path, with the JSON written ahead (as the FAERS reading thread does) or at insert.
    @Test func batchesLoadBackWhicheverThreadWroteTheJSON() throws {
        let lib = try Self.library()
        let cases = Self.edgeCases
        try lib.write { w in
            let s = try w.replaceSource(key: Self.sourceKey, kind: .faers, format: Self.sourceFormat)
            let keys = KeyMemo(w.lexicon)
            let prepared = cases.enumerated().map { k, c in
                var p = PreparedCase(c, keys: keys)
                if k.isMultiple(of: 2) { p.writeDocument(source: s.facts) }
                return p
            }
            try w.insert(batch: prepared[...], source: s.id)
        }
        for c in cases { Self.expectSame(try lib.loadCase(id: c.id), c) }
    }

    @Test func jsonWrittenForAnotherSourceIsRefused() throws {
        let lib = try Self.library()
        #expect(throws: StoredSourceMismatch.self) {
            try lib.write { w in
                let s = try w.replaceSource(key: Self.sourceKey, kind: .faers, format: Self.sourceFormat)
                var p = PreparedCase(Self.faersLike(), keys: KeyMemo(w.lexicon))
                p.writeDocument(source: StoredSourceFacts(key: "/another/quarter", format: Self.sourceFormat))
                try w.insert(batch: [p][...], source: s.id)
            }
        }
        for other in [StoredSourceFacts(key: Self.sourceKey, format: "e2b"), StoredSourceFacts(key: Self.sourceKey, format: nil),
                      StoredSourceFacts(key: Self.sourceKey.replacingOccurrences(of: "data", with: "d\u{61}ta\u{301}"), format: Self.sourceFormat)] {
            #expect(throws: StoredSourceMismatch.self) {
                try lib.write { w in
                    let s = try w.replaceSource(key: Self.sourceKey, kind: .faers, format: Self.sourceFormat)
                    var p = PreparedCase(Self.faersLike(), keys: KeyMemo(w.lexicon))
                    p.writeDocument(source: other)
                    try w.insert(batch: [p][...], source: s.id)
                }
            }
        }
        #expect(try lib.ids(.all).isEmpty)
    }

    /// A source row without a format (libraries allow it): cases with and without one load back.
    @Test func aSourceRowWithoutFormat() throws {
        let lib = try Self.library()
        var withFormat = Self.faersLike("with-format"), without = Self.faersLike("without-format")
        without.source.format = nil
        withFormat.source.format = "faers-ascii"
        try lib.write { w in
            let s = try w.replaceSource(key: Self.sourceKey, kind: .faers, format: Self.sourceFormat)
            try w.database.execute(sql: "UPDATE sources SET format = NULL")
            try w.insert(withFormat, source: s.id)
            try w.insert(without, source: s.id)
        }
        Self.expectSame(try lib.loadCase(id: withFormat.id), withFormat)
        Self.expectSame(try lib.loadCase(id: without.id), without)
    }

    /// Libraries written before the stored form hold full documents; they load as they are.
    @Test func fullDocumentsFromEarlierLibrariesStillLoad() throws {
        let lib = try Self.library()
        let cases = Self.edgeCases
        try lib.write { w in
            let s = try w.replaceSource(key: Self.sourceKey, kind: .faers, format: Self.sourceFormat)
            for c in cases { try w.insert(c, source: s.id) }
            for c in cases {
                try w.database.execute(sql: "UPDATE cases SET json = ? WHERE id = ?", arguments: [CaseWriter.text(c, pretty: false), c.id])
            }
        }
        for c in cases { Self.expectSame(try lib.loadCase(id: c.id), c) }
    }

    /// A stored document holding what its row holds is damaged: neither value is taken silently.
    @Test func aStoredDocumentRepeatingItsRowIsAnError() throws {
        let lib = try Self.library()
        try lib.write { w in
            let s = try w.replaceSource(key: Self.sourceKey, kind: .faers, format: Self.sourceFormat)
            try w.insert(Self.faersLike("a"), source: s.id)
            try w.insert(Self.faersLike("b"), source: s.id)
            try w.database.execute(sql: """
                UPDATE cases SET json = CASE id WHEN 'a' THEN '{"id":"other","events":[{"term":"X"}]}'
                                                ELSE '{"source":{"version":7},"events":[{"term":"X"}]}' END
                """)
        }
        for (id, path) in [("a", "$.id"), ("b", "$.source.version")] {
            do {
                _ = try lib.loadCase(id: id)
                Issue.record("case \(id) loaded")
            } catch let e as CaseFormatError {
                #expect(e.path == path)
                #expect(e.file == "library case \(id)")
            }
        }
    }

    @Test func aDamagedStoredDocumentIsAnErrorNamingTheCase() throws {
        let lib = try Self.library()
        try lib.write { w in
            let s = try w.replaceSource(key: Self.sourceKey, kind: .faers, format: Self.sourceFormat)
            try w.insert(Self.faersLike(), source: s.id)
            try w.database.execute(sql: "UPDATE cases SET json = '{\"drugs\":[{\"name\":5}]}'")
        }
        do {
            _ = try lib.loadCase(id: "faers-1")
            Issue.record("a damaged case loaded")
        } catch let e as CaseFormatError {
            #expect(e.file == "library case faers-1")
            #expect(e.path.hasPrefix("$.drugs[0]"))
        }
    }

    /// A FAERS quarter and the same cases re-imported from their JSON (where the source file is
    /// not the source's key) load back equal.
    @Test func aFAERSQuarterLoadsTheSameAsItsCasesReimportedAsJSON() throws {
        let quarter = ImportTestSupport.fixture("faers/faers_ascii_2015q3")
        let faers = try Self.library()
        _ = try ImportTestSupport.importing([quarter], into: faers)
        let ids = try faers.ids(.all)
        #expect(ids.count >= 2)
        let cases = try ids.map { try #require(try faers.loadCase(id: $0)) }
        #expect(cases.allSatisfy { $0.source.file == quarter && $0.source.format == "faers-ascii" && $0.source.record != nil })
        let file = TestSupport.tempPath("cases.json")
        try CaseWriter.text(cases).write(toFile: file, atomically: true, encoding: .utf8)
        let native = try Self.library()
        _ = try ImportTestSupport.importing([file], into: native)
        for c in cases { #expect(try native.loadCase(id: c.id) == c, "\(c.id)") }
    }
}

extension StoredCaseFormTests {
    @Test func defaultIDsAreRecognisedExactly() {
        for n in [1, 9, 10, 11, 99, 100, 101, 1234] {
            #expect(StoredCaseForm.isDefaultID("d\(n)", UInt8(ascii: "d"), n))
            #expect(StoredCaseForm.isDefaultID(StoredCaseForm.defaultID("e", n), UInt8(ascii: "e"), n))
            #expect(!StoredCaseForm.isDefaultID("e\(n)", UInt8(ascii: "d"), n))
            #expect(!StoredCaseForm.isDefaultID("d\(n + 1)", UInt8(ascii: "d"), n))
            #expect(!StoredCaseForm.isDefaultID("d0\(n)", UInt8(ascii: "d"), n))
            #expect(!StoredCaseForm.isDefaultID("d\(n)x", UInt8(ascii: "d"), n))
        }
        #expect(!StoredCaseForm.isDefaultID("d", UInt8(ascii: "d"), 1))
        #expect(!StoredCaseForm.isDefaultID("", UInt8(ascii: "d"), 1))
        #expect(!StoredCaseForm.isDefaultID("d١", UInt8(ascii: "d"), 1))
    }
}

extension StoredCaseFormTests {
    @Test func sameTextMeansSameBytes() {
        #expect(StoredCaseForm.sameText(nil, nil))
        #expect(!StoredCaseForm.sameText(nil, ""))
        #expect(StoredCaseForm.sameText("", ""))
        #expect(StoredCaseForm.sameText("Petechiae", "Petechiae"))
        #expect(!StoredCaseForm.sameText("Petechiae", "Petechiae "))
        #expect(!StoredCaseForm.sameText("m\u{E9}dicament", "me\u{301}dicament"))
        #expect("m\u{E9}dicament" == "me\u{301}dicament")   // why `==` is not enough
        let bridged = String(NSString(string: "Thrombocytop\u{E9}nie"))
        #expect(StoredCaseForm.sameText(bridged, "Thrombocytop\u{E9}nie"))
        #expect(!StoredCaseForm.sameText(bridged, "Thrombocytope\u{301}nie"))
    }
}
