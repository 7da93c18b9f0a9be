import Foundation
import Testing
@testable import OnsetCore

/// What a case gives the full-text index: each distinct run of words once.
@Suite struct FullTextBodyTests {
    func sample() -> Case {
        var c = Case(id: "ft1", source: CaseSource(kind: .literature))
        c.drugs = [Drug(id: "d1", name: "TACROLIMUS.", generic: "tacrolimus", role: .suspect),
                   Drug(id: "d2", name: "anti-TNF", generic: "antiTNF", role: .concomitant)]
        c.events = [Event(id: "e1", term: "Drug ineffective", preferred: "Drug ineffective"),
                    Event(id: "e2", term: "Érythème", preferred: "érythème")]
        c.narrative = "Tacrolimus  was given; the drug was ineffective."
        return c
    }

    @Test func linesWithTheSameWordsAreIndexedOnce() {
        let body = PreparedCase(sample(), keys: KeyMemo(TestSupport.lexicon)).text
        // "tacrolimus" repeats "TACROLIMUS." and the preferred term repeats the term; "anti-TNF"
        // and "antiTNF" are different words, and capitals beyond ASCII are not assumed to fold.
        #expect(body.split(separator: "\n") == ["TACROLIMUS.", "anti-TNF", "antiTNF", "Drug ineffective", "Érythème", "érythème",
                                                 "Tacrolimus  was given; the drug was ineffective."])
    }

    /// Lines are compared whole: one whose words begin another's is kept, and two lines without
    /// any word give the index nothing new after the first.
    @Test func linesAreComparedWhole() {
        var c = Case(id: "ft2", source: CaseSource(kind: .literature))
        c.drugs = [Drug(id: "d1", name: "ASPIRIN", generic: "aspirin 81", role: .suspect),
                   Drug(id: "d2", name: "Aspirin", generic: nil, role: .concomitant)]
        c.events = [Event(id: "e1", term: "-", preferred: "--"), Event(id: "e2", term: "aspirin", preferred: nil)]
        let body = PreparedCase(c, keys: KeyMemo(TestSupport.lexicon)).text
        #expect(body.split(separator: "\n", omittingEmptySubsequences: false) == ["ASPIRIN", "aspirin 81", "-"])
    }

    func form(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        PreparedCase.appendWordForm(s, to: &out)
        return out
    }

    @Test func wordFormFoldsASCIIAndCollapsesSeparators() {
        #expect(form("  TACROLIMUS. ") == Array("tacrolimus".utf8))
        #expect(form("Drug--ineffective!") == Array("drug ineffective".utf8))
        #expect(form("a-b") != form("ab"))
        #expect(form("É") != form("é"))
        #expect(form("--").isEmpty)
        var forms = Array("x".utf8)
        PreparedCase.appendWordForm(" Two  Words ", to: &forms)
        #expect(forms == Array("xtwo words".utf8))
    }

    @Test func textSearchStillFindsEveryWord() throws {
        let lib = try Library(path: TestSupport.tempPath(), lexicon: TestSupport.lexicon)
        _ = try lib.importCases([ImportBatch(key: "k", kind: .literature, format: "json", cases: [sample(), TestSupport.minimalCase(id: "other")])])
        for words in ["tacrolimus", "\"drug ineffective\"", "TNF", "antiTNF", "érythème"] {
            #expect(try lib.ids(QueryParser.parse(words)) == ["ft1"], "\(words)")
        }
        #expect(try lib.ids(QueryParser.parse("purpura")) == ["other"])
    }
}
