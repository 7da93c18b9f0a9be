import Testing
@testable import OnsetCore

@Suite struct QueryParserTests {
    func conditions(_ s: String) throws -> [QueryCondition] { try QueryParser.parse(s).terms.map(\.condition) }

    @Test func fieldsAndAliases() throws {
        #expect(try conditions("drug:natalizumab,alemtuzumab") == [.drug(["natalizumab", "alemtuzumab"], suspectOnly: false)])
        #expect(try conditions("SUSPECT:Tysabri") == [.drug(["Tysabri"], suspectOnly: true)])
        #expect(try conditions("symptom:petechiae") == [.event(["petechiae"])])
        #expect(try conditions("sex:f") == [.sex([.female])])
        #expect(try conditions("outcome:recovered,died") == [.outcome([.recovered, .fatal])])
        #expect(try conditions("source:faers,lit") == [.source([.faers, .literature])])
        #expect(try conditions(#"drug:"interferon beta-1a""#) == [.drug(["interferon beta-1a"], suspectOnly: false)])
        #expect(try conditions("purpura") == [.text("purpura")])
    }

    @Test func rangesAndUnits() throws {
        #expect(try conditions("age:40..60") == [.age(NumberRange(lower: 40, upper: 60))])
        #expect(try conditions("age:>50") == [.age(NumberRange(lower: 50, lowerInclusive: false))])
        #expect(try conditions("age:52") == [.age(NumberRange(lower: 52, upper: 53, upperInclusive: false))])
        #expect(try conditions("tto:<7d") == [.timeToOnset(NumberRange(upper: 7, upperInclusive: false))])
        #expect(try conditions("tto:1..4w") == [.timeToOnset(NumberRange(lower: 7, upper: 28))])
        #expect(try conditions("tto:<=12h") == [.timeToOnset(NumberRange(upper: 0.5))])
        #expect(try conditions("tto:>=1y") == [.timeToOnset(NumberRange(lower: 365.25))])
    }

    @Test func negationAndConjunction() throws {
        let q = try QueryParser.parse("drug:natalizumab !event:purpura age:>18")
        #expect(q.terms.count == 3)
        #expect(q.terms.map(\.negated) == [false, true, false])
        #expect(q.terms[1].start == 17 && q.terms[1].end == 31)
    }

    @Test func errorsPointAtTheOffendingTerm() {
        func err(_ s: String) -> QueryError? { do { _ = try QueryParser.parse(s); return nil } catch { return error as? QueryError } }
        let e1 = err("drug:x drgu:y")
        #expect(e1?.start == 7 && e1?.end == 13)
        #expect(e1?.message.contains("unknown field \"drgu\"") == true)
        #expect(err("age:abc")?.message.contains("expected a number") == true)
        #expect(err("age:60..40")?.message.contains("lower end") == true)
        #expect(err("sex:x")?.message.contains("expected f, m") == true)
        #expect(err("tto:3q")?.message.contains("unit") == true)
        #expect(err("drug:")?.message.contains("needs a value") == true)
        #expect(err("drug:a,,b")?.message.contains("between the commas") == true)
        #expect(err(#"drug:"open"#)?.message == "unclosed quote")
        #expect(err("!")?.message.contains("must be followed") == true)
        #expect(err("outcome:great")?.start == 0)
        let pointed = err("drug:x drgu:y")!.pointing(into: "drug:x drgu:y")
        #expect(pointed.contains("\n       ^^^^^^\n"))
    }
}
