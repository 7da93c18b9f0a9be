import Foundation
import Testing
@testable import OnsetCore

/// The pieces of the narrative extractor, each on sentences written for the test.
@Suite struct NarrativeUnitTests {
    static let dictionary = NarrativeDictionary(lexicon: TestSupport.lexicon)

    func phrases(_ s: String) -> [IntervalPhrase] {
        let t = NarrativeTokenizer.tokenize(s)
        return IntervalPhrases.find(t, range: 0..<t.count)
    }

    func negatedWords(_ s: String) -> [String] {
        let t = NarrativeTokenizer.tokenize(s)
        let flags = NegationScope.scopes(t, range: 0..<t.count)
        return t.indices.filter { flags[$0] }.map { t[$0].text }
    }

    @Test func numberWords() {
        #expect(NumberWords.cardinal("seven") == 7)
        #expect(NumberWords.cardinal("thirty") == 30)
        #expect(NumberWords.cardinal("2.5") == 2.5)
        #expect(NumberWords.cardinal("twenty-one") == 21)
        #expect(NumberWords.ordinal("third") == 3)
        #expect(NumberWords.ordinal("tenth") == 10)
        #expect(NumberWords.ordinal("21st") == 21)
        #expect(NumberWords.ordinal("twenty-second") == 22)
        #expect(NumberWords.ordinal("dose") == nil)
        let t = NarrativeTokenizer.tokenize("twenty one")
        #expect(NumberWords.cardinal(in: t, at: 0, end: t.count)?.value == 21)
        let o = NarrativeTokenizer.tokenize("twenty-first")
        #expect(NumberWords.ordinal(in: o, at: 0, end: o.count)?.value == 21)
    }

    @Test func tokensKeepCharacterOffsets() {
        let s = "Interferon β-1a – 48,000 U/L, 2.5 years; Crohn’s"
        let t = NarrativeTokenizer.tokenize(s)
        let chars = Array(s)
        for tok in t { #expect(String(chars[tok.start..<tok.end]) == tok.raw) }
        #expect(t.map(\.text).contains("beta"))
        #expect(t.contains { $0.text == "48000" && $0.kind == .number })
        #expect(t.contains { $0.text == "2.5" })
        #expect(t.contains { $0.text == "crohn's" })
    }

    @Test func intervalPhrases() throws {
        var p = try #require(phrases("one day after the second dose of the vaccine").first)
        #expect(p.anchor == .dose(2) && p.min == 1 && p.max == 1 && p.unit == .day)
        p = try #require(phrases("within 24 hours of the first doses").first)
        #expect(p.anchor == .firstDose && p.min == 0 && p.max == 24 && p.unit == .hour && p.ordinal == 1)
        p = try #require(phrases("on day 7 of treatment").first)
        #expect(p.anchor == .firstDose && p.min == 6 && p.max == 7 && p.unit == .day)
        p = try #require(phrases("two weeks after his fourth cycle").first)
        #expect(p.anchor == .dose(4) && p.min == 2 && p.unit == .week)
        p = try #require(phrases("10–11 days after starting the drug").first)
        #expect(p.anchor == .firstDose && p.min == 10 && p.max == 11)
        p = try #require(phrases("3 weeks following discontinuation").first)
        #expect(p.anchor == .discontinuation && p.min == 3 && p.unit == .week)
        p = try #require(phrases("5 hours after the injection").first)
        #expect(p.anchor == .lastDose && p.min == 5 && p.unit == .hour)
        p = try #require(phrases("after the third infusion").first)
        #expect(p.anchor == .dose(3) && p.min == nil)
        p = try #require(phrases("after 4 weeks of linezolid").first)
        #expect(p.anchor == .firstDose && p.min == 4 && p.unit == .week)
        p = try #require(phrases("twelve days after naproxen was started").first)
        #expect(p.anchor == .firstDose && p.min == 12)
        p = try #require(phrases("ten days later").first)
        #expect(p.anchor == .relative && p.min == 10)
        p = try #require(phrases("the next day").first)
        #expect(p.anchor == .relative && p.min == 1 && p.max == 1)
        p = try #require(phrases("between two and three months after starting").first)
        #expect(p.min == 2 && p.max == 3 && p.unit == .month)
        p = try #require(phrases("half an hour after the tablet").first)
        #expect(p.min == 0.5 && p.unit == .hour && p.anchor == .lastDose)
        p = try #require(phrases("during the second infusion").first)
        #expect(p.anchor == .dose(2) && p.acute && p.max == 1)
        // Durations, schedules and courses are not onsets.
        #expect(phrases("worsening up to 3 weeks following discontinuation").isEmpty)
        #expect(phrases("1.5 g every 12 hours").isEmpty)
        #expect(phrases("a 7-day course of amoxicillin").isEmpty)
        #expect(phrases("about two months after the dose was increased").isEmpty)
    }

    @Test func negationScopes() {
        #expect(negatedWords("HIT was excluded by a negative assay").contains("hit"))
        #expect(negatedWords("There was no bleeding at any time.").contains("bleeding"))
        #expect(negatedWords("She was negative for HIT antibodies").contains("hit"))
        #expect(negatedWords("He was afebrile and without fever or rash.").contains("rash"))
        #expect(negatedWords("She denied chest pain or palpitations.").contains("palpitations"))
        #expect(negatedWords("Infection and heart failure were ruled out.").contains("infection"))
        #expect(negatedWords("so anaphylaxis was considered unlikely").contains("anaphylaxis"))
        // Scopes stop at a new clause, and pseudo-negations negate nothing.
        #expect(!negatedWords("No fever was recorded, but a rash appeared.").contains("rash"))
        #expect(!negatedWords("Drug-induced hepatitis could not be excluded.").contains("hepatitis"))
        #expect(!negatedWords("The rash did not resolve.").contains("rash"))
        #expect(negatedWords("to prevent a recurrence of anaphylaxis").contains("anaphylaxis"))
    }

    func patient(_ text: String) -> (Quantity<AgeUnit>?, Sex?) {
        let t = NarrativeTokenizer.tokenize(text)
        let s = SentenceSplitter.split(t, text: Array(text))
        let age = PatientFacts.age(t, sentences: s, about: { _ in true })
        let sex = PatientFacts.sex(t, sentences: s, about: { _ in true }, ageSentence: nil)
        return (age?.value, sex?.value)
    }

    @Test func ageAndSex() {
        #expect(patient("A 52-year-old woman presented.") == (Quantity(52, .year), .female))
        #expect(patient("The patient, aged 58, was a retired teacher. She was well.").0 == Quantity(58, .year))
        #expect(patient("An 8-month-old boy was vaccinated.") == (Quantity(8, .month), .male))
        #expect(patient("A woman in her sixties developed a rash.") == (nil, .female))
        #expect(patient("My husband is 61 and he takes warfarin. He bruised.") == (Quantity(61, .year), .male))
        #expect(patient("I'm 72 and my wife made me go to hospital. I had black stools.") == (Quantity(72, .year), .male))
        #expect(patient("Patient: 34F, rash after amoxicillin.") == (Quantity(34, .year), nil))
        #expect(patient("A man with a 10-year history of epilepsy weighing 80 kg.").0 == nil)
    }

    func general(_ s: String) -> Bool {
        let t = NarrativeTokenizer.tokenize(s)
        return StatementClassifier.isGeneral(t, range: 0..<t.count, inDiscussion: false)
    }

    @Test func generalStatements() {
        #expect(general("This drug has some side effects, such as headache, rash and nausea."))
        #expect(general("Smith et al. described six patients with thrombocytopenia after the drug."))
        #expect(general("Skin reactions to drugs typically begin within one to two days."))
        #expect(general("There are many causes of purpura, including infection and trauma."))
        #expect(general("Five of these patients recovered, while one died."))
        #expect(!general("The patient's rash began one day after the second dose."))
        #expect(!general("She developed purpura after the third infusion."))
        #expect(!general("To our knowledge this case is the first of purpura with the drug."))
    }

    @Test func sentencesSplitAtStopsNotAbbreviations() {
        let text = "Smith et al. reported a case. Dr. Jones saw her on day 2.5 of therapy.\nDiscussion\nAnother sentence."
        let t = NarrativeTokenizer.tokenize(text)
        let s = SentenceSplitter.split(t, text: Array(text))
        let chars = Array(text)
        let texts = s.map { String(chars[$0.start..<$0.end]) }
        #expect(texts.first == "Smith et al. reported a case.")
        #expect(texts.contains("Dr. Jones saw her on day 2.5 of therapy."))
        #expect(texts.contains("Discussion"))
        #expect(s.first { String(chars[$0.start..<$0.end]) == "Discussion" }?.isHeading == true)
    }

    func extract(_ text: String) -> Case {
        NarrativeExtractor(dictionary: Self.dictionary).extract(text, id: "draft-test")
    }

    @Test func extractorKeepsNegatedAndGeneralReactionsOut() {
        let c = extract("""
            A 45-year-old man started carbamazepine for epilepsy. Ten days later he developed a widespread rash and fever. \
            There was no mucosal involvement and hepatitis was excluded. Carbamazepine can cause hyponatraemia and \
            agranulocytosis in some patients. Carbamazepine was stopped and the rash resolved.
            """)
        let events = Set(c.events.compactMap(\.preferred).map { $0.lowercased() })
        #expect(events.contains { $0.hasPrefix("rash") })
        #expect(events.contains("pyrexia"))
        #expect(!events.contains { $0.contains("hepatitis") })
        #expect(!events.contains { $0.contains("agranulocytosis") || $0.contains("hyponat") })
        #expect(c.suspectDrugs.map(\.displayName) == ["carbamazepine"])
        #expect(c.patient.age == Quantity(45, .year) && c.patient.sex == .male)
        #expect(c.patient.conditions.contains("Epilepsy"))
        #expect(c.intervals.count == 1)
        #expect(c.intervals.first.map { ($0.anchor, $0.min, $0.unit) } ?? (.dose, 0, .hour) == (.firstDose, 10, .day))
        #expect(c.outcome == .recovered)
        #expect(c.status == .draft && c.source.kind == .narrative && c.source.format == "text")
    }

    @Test func rolesFromTheWordsAroundDrugs() {
        let c = extract("""
            A 60-year-old woman previously treated with methotrexate was switched to adalimumab. She was also taking \
            omeprazole. Three months after starting adalimumab she developed tuberculosis. She was treated with \
            rifampicin and isoniazid.
            """)
        func role(_ g: String) -> DrugRole? { c.drugs.first { $0.generic == TestSupport.lexicon.generic(for: g) }?.role }
        #expect(role("adalimumab") == .suspect)
        #expect(role("methotrexate") == .prior)
        #expect(role("omeprazole") == .concomitant)
        #expect(role("rifampicin") == .treatment)
        #expect(role("isoniazid") == .treatment)
        #expect(c.treatments.count == 2)
    }

    @Test func spansPointAtTheWordsOfEachFact() throws {
        let text = "A 33-year-old woman had a nosebleed one day after the second dose of alemtuzumab."
        let c = extract(text)
        let chars = Array(text)
        func words(_ field: String) -> [String] { c.spans.filter { $0.field == field }.map { String(chars[$0.start..<$0.end]) } }
        #expect(words("patient.age") == ["33-year-old"])
        #expect(words("patient.sex") == ["woman"])
        #expect(words("drugs[0]") == ["alemtuzumab"])
        #expect(words("events[0]") == ["nosebleed"])
        #expect(words("intervals[0]").first?.hasPrefix("one day after the second dose") == true)
        #expect(c.drugs[0].administrations.map(\.number) == [1, 2])
        // The draft passes onset's own case-format checks.
        let back = try CaseReader.read(Array(CaseWriter.text(c).utf8))
        #expect(back.first == c)
    }

    @Test func laboratoryResultsToldInWords() {
        func terms(_ text: String) -> [String] {
            let t = NarrativeTokenizer.tokenize(text)
            return LabFindings.find(t, range: 0..<t.count).map(\.term)
        }
        #expect(terms("Her creatinine had risen to 260 µmol/L.") == ["Blood creatinine increased"])
        #expect(terms("Haemoglobin had dropped from 138 to 84 g/L") == ["Haemoglobin decreased"])
        #expect(terms("D-dimer was markedly raised") == ["Fibrin D dimer increased"])
        #expect(terms("a low sodium") == ["Hyponatraemia"])
        #expect(terms("Creatinine and potassium were normal.").isEmpty)
        #expect(terms("Her sodium rose gradually to 133 mmol/L and her confusion cleared.").isEmpty)
    }

    @Test func caseIDsFromFileNames() {
        #expect(NarrativeExtractor.caseID(forFile: URL(fileURLWithPath: "/x/report 1 (final).txt")) == "draft-report-1--final-")
        #expect(NarrativeExtractor.caseID(forFile: URL(fileURLWithPath: "/x/004_5c50.txt")) == "draft-004_5c50")
    }
}

/// A long text must not take long: no step may grow with the square of the text. Four times the text
/// must take about four times as long (a square would take sixteen); the bound leaves room for a busy machine.
@Suite struct NarrativeScaleTests {
    @Test func timeGrowsInProportionToTheText() throws {
        let dir = TestSupport.repoRoot.appendingPathComponent("Tests/NarrativeCorpus")
        let texts = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
            .map { try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }
        let one = texts.joined(separator: "\n\n")
        let four = Array(repeating: one, count: 4).joined(separator: "\n\n")
        let extractor = NarrativeExtractor(dictionary: NarrativeUnitTests.dictionary)
        let clock = ContinuousClock()
        func fastest(_ text: String, runs: Int) -> Duration {
            (0..<runs).map { _ in clock.measure { _ = extractor.extract(text, id: "draft-big") } }.min()!
        }
        let t1 = fastest(one, runs: 3), t4 = fastest(four, runs: 1)
        print("extracted \(one.count) characters in \(t1), \(four.count) in \(t4)")
        #expect(t4 < t1 * 9, "four times the text took \(t4 / t1) times as long")
    }
}
