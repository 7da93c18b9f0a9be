import Foundation
import Testing
@testable import OnsetCore

/// Importing a text file as a draft, the two seed reports, and accepting and correcting drafts in the library.
@Suite struct NarrativeImportReviewTests {
    static let seeds = TestSupport.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")

    func importText(_ text: String, name: String = "case report.txt") throws -> (Library, String) {
        let dir = URL(fileURLWithPath: TestSupport.tempPath("x")).deletingLastPathComponent()
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        let lib = try Library(path: dir.appendingPathComponent("lib.sqlite").path, lexicon: TestSupport.lexicon)
        let summary = try ImportRunner().run([url.path], into: lib)
        #expect(summary.sources.first?.format == .narrative)
        return (lib, url.path)
    }

    @Test func aTextFileBecomesADraftCase() throws {
        let (lib, path) = try importText("A 40-year-old man developed urticaria two hours after the first dose of amoxicillin. It resolved.")
        let c = try #require(try lib.loadCase(id: "draft-case-report"))
        #expect(c.status == .draft)
        #expect(c.source.kind == .narrative && c.source.format == "text" && c.source.file == path)
        #expect(c.narrative?.hasPrefix("A 40-year-old man") == true)
        #expect(c.events.compactMap(\.preferred) == ["Urticaria"])
        #expect(try lib.ids(QueryParser.parse("drug:amoxicillin event:urticaria")) == ["draft-case-report"])
        // Importing the same file again replaces the draft.
        let again = try ImportRunner().run([path], into: lib)
        #expect(again.sources.first?.replaced == 1)
        #expect(try lib.totalCases() == 1)
    }

    @Test func acceptingADraftMakesItFinal() throws {
        let (lib, _) = try importText("A 40-year-old man developed urticaria two hours after the first dose of amoxicillin.")
        let sourcesBefore = try lib.sources()
        try lib.accept(id: "draft-case-report")
        let c = try #require(try lib.loadCase(id: "draft-case-report"))
        #expect(c.status == .final)
        #expect(try lib.sources().map(\.key) == sourcesBefore.map(\.key))
        #expect(try lib.sources().first?.cases == 1)
        #expect(throws: ReviewError.noSuchCase("nope")) { try lib.accept(id: "nope") }
    }

    @Test func correctionsAreSavedAndIndexed() throws {
        let (lib, _) = try importText("A 40-year-old man developed urticaria two hours after the first dose of amoxicillin.")
        let id = "draft-case-report"
        try lib.correct(id: id, field: "age", value: "41")
        try lib.correct(id: id, field: "sex", value: "female")
        try lib.correct(id: id, field: "outcome", value: "recovered")
        try lib.correct(id: id, field: "d1.role", value: "concomitant")
        try lib.correct(id: id, field: "e1.preferred", value: "hives")
        let c = try #require(try lib.loadCase(id: id))
        #expect(c.patient.age == Quantity(41, .year) && c.patient.sex == .female && c.outcome == .recovered)
        #expect(c.drugs[0].role == .concomitant)
        #expect(c.events[0].preferred == TestSupport.lexicon.preferred(for: "hives"))
        #expect(!c.spans.contains { $0.field == "patient.age" })
        #expect(c.status == .draft)
        // The search rows follow the corrected case.
        #expect(try lib.ids(QueryParser.parse("sex:f age:40..42")) == [id])
        #expect(try lib.ids(QueryParser.parse("suspect:amoxicillin")).isEmpty)
        #expect(try lib.ids(QueryParser.parse("drug:amoxicillin")) == [id])
        #expect(throws: ReviewError.self) { try lib.correct(id: id, field: "sex", value: "woman?") }
        #expect(throws: ReviewError.self) { try lib.correct(id: id, field: "weight", value: "70") }
        #expect(throws: ReviewError.self) { try lib.correct(id: id, field: "d9.role", value: "suspect") }
    }

    /// A corrected or accepted case keeps its place in library order (the browser's list and its
    /// `]` to the next case stay where the reviewer was).
    @Test func correctedCasesKeepTheirPlace() throws {
        let lib = try Library(path: TestSupport.tempPath(), lexicon: TestSupport.lexicon)
        _ = try ImportRunner().run([TestSupport.dataDir.path], into: lib)
        let before = try lib.ids(.all)
        try #require(before.count > 3)
        try lib.correct(id: before[0], field: "age", value: "33")
        try lib.accept(id: before[1])
        #expect(try lib.ids(.all) == before)
        #expect(try lib.ids(QueryParser.parse("age:33")) == [before[0]])
        // The next import still appends after every kept row.
        let c = TestSupport.minimalCase(id: "late")
        try lib.importCases([ImportBatch(key: "late", kind: .literature, format: "json", cases: [c])])
        #expect(try lib.ids(.all) == before + ["late"])
    }

    @Test func anInvalidCaseIsNotSaved() throws {
        let (lib, _) = try importText("A 40-year-old man developed urticaria after amoxicillin.")
        var c = try #require(try lib.loadCase(id: "draft-case-report"))
        c.events = []
        #expect(throws: ReviewError.self) { try lib.update(c) }
        #expect(try lib.loadCase(id: "draft-case-report")?.events.isEmpty == false)
    }

    func seed(_ name: String) -> String? {
        guard let t = try? String(contentsOf: Self.seeds.appendingPathComponent(name), encoding: .utf8) else {
            print("skipping seed \(name): \(Self.seeds.path) is not beside the repository")
            return nil
        }
        return t
    }

    @Test func natalizumabSeed() throws {
        guard let text = seed("000_bb7b468312281d3c.txt") else { return }
        let c = NarrativeExtractor(lexicon: TestSupport.lexicon).extract(text, id: "draft-000")
        #expect(c.patient.age == Quantity(52, .year) && c.patient.sex == .female)
        #expect(c.patient.conditions.contains("Relapsing-remitting multiple sclerosis"))
        let roles = Dictionary(uniqueKeysWithValues: c.drugs.map { ($0.generic ?? $0.name, $0.role) })
        #expect(roles == ["natalizumab": .suspect, "interferon beta-1a": .prior, "glatiramer acetate": .prior,
                          "methylprednisolone": .treatment, "rituximab": .treatment])
        #expect(Set(c.events.compactMap(\.preferred)) == ["Purpura", "Thrombocytopenia"])
        #expect(c.intervals.count == 1)
        let i = try #require(c.intervals.first)
        #expect(i.anchor == .dose && i.dose == 3 && i.min == 0 && i.max == 1 && i.unit == .day && i.event == nil)
        #expect(c.drug(i.drug)?.generic == "natalizumab")
        #expect(Set(c.treatments.compactMap(\.generic)) == ["methylprednisolone", "rituximab"])
        #expect(c.outcome == .recovered)
    }

    @Test func alemtuzumabSeed() throws {
        guard let text = seed("004_5c507e2edd21ad52.txt") else { return }
        let c = NarrativeExtractor(lexicon: TestSupport.lexicon).extract(text, id: "draft-004")
        #expect(c.patient.age == Quantity(58, .year) && c.patient.sex == .female)
        #expect(c.drugs.map { "\($0.generic ?? $0.name) \($0.role.rawValue)" } == ["alemtuzumab suspect"])
        // Not the drug profile's headache, rash, itching, fever, fatigue or hypothyroidism, nor the literature's ITP.
        #expect(Set(c.events.compactMap(\.preferred)) == ["Petechiae", "Epistaxis"])
        #expect(c.intervals.count == 1)
        let i = try #require(c.intervals.first)
        #expect(i.anchor == .dose && i.dose == 2 && i.min == 1 && i.max == 1 && i.unit == .day)
        #expect(c.outcome == .recovered)
    }
}
