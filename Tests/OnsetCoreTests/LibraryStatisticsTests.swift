import Foundation
import Testing
@testable import OnsetCore

/// Statistics over a small library built here, where every count can be worked out by hand.
@Suite struct LibraryStatisticsTests {
    // MARK: Fixtures

    static func drug(_ id: String, _ name: String, generic: String? = nil, role: DrugRole = .suspect) -> Drug {
        Drug(id: id, name: name, generic: generic, role: role)
    }

    static func make(_ id: String, drugs: [Drug], events: [Event], sex: Sex? = nil, age: Double? = nil,
                     outcome: Outcome? = nil, kind: SourceKind = .literature, intervals: [ReportedInterval] = []) -> Case {
        var c = Case(id: id, source: CaseSource(kind: kind))
        c.drugs = drugs
        c.events = events
        c.patient.sex = sex
        if let age { c.patient.age = Quantity(age, .year) }
        c.outcome = outcome
        c.intervals = intervals
        return c
    }

    /// Eight cases with drugs X, Y, Z and events Rash, Nausea, Headache (empty lexicon: keys are the names folded).
    ///
    /// | case | drugs                       | events                        |
    /// |------|-----------------------------|-------------------------------|
    /// | 1    | X suspect                   | Rash, Nausea                  |
    /// | 2    | X suspect                   | "skin rash" coded Rash        |
    /// | 3    | X concomitant, Y suspect    | Rash                          |
    /// | 4    | Y suspect                   | Nausea                        |
    /// | 5    | Y suspect                   | Headache                      |
    /// | 6    | Z suspect                   | Rash                          |
    /// | 7    | Z suspect                   | Headache twice                |
    /// | 8    | "Xbrand" (X) suspect, X     | Nausea                        |
    static func disproportionalityLibrary() throws -> Library {
        let lib = try Library(path: TestSupport.tempPath(), lexicon: Lexicon())
        let rash = Event(id: "e1", term: "Rash"), nausea = Event(id: "e2", term: "Nausea"), headache = Event(id: "e3", term: "Headache")
        let cases = [
            make("c1", drugs: [drug("d1", "X")], events: [rash, Event(id: "e2", term: "Nausea")], sex: .female, age: 1.5, outcome: .recovered),
            make("c2", drugs: [drug("d1", "X")], events: [Event(id: "e1", term: "skin rash", preferred: "Rash")], sex: .female, age: 11.5),
            make("c3", drugs: [drug("d1", "X", role: .concomitant), drug("d2", "Y")], events: [rash], sex: .male, age: 12, outcome: .fatal),
            make("c4", drugs: [drug("d1", "Y")], events: [nausea], sex: .male, age: 44.9, kind: .faers),
            make("c5", drugs: [drug("d1", "Y")], events: [headache], age: 45, outcome: .recovered, kind: .faers),
            make("c6", drugs: [drug("d1", "Z")], events: [rash], sex: .female, age: 75),
            make("c7", drugs: [drug("d1", "Z")], events: [headache, Event(id: "e4", term: "Headache")], sex: .unknown, age: 74.99),
            make("c8", drugs: [drug("d1", "Xbrand", generic: "X"), drug("d2", "X")], events: [nausea], outcome: .recovered),
        ]
        try lib.importCases([ImportBatch(key: "test", kind: .literature, format: "onset", cases: cases)])
        return lib
    }

    func q(_ s: String) throws -> Query { try QueryParser.parse(s) }

    // MARK: Disproportionality

    @Test func signalCountsAreDistinctCasesAgainstTheWholeLibrary() throws {
        let lib = try Self.disproportionalityLibrary()
        let report = try lib.signals(q("drug:x"))
        #expect(report.totalCases == 8)
        #expect(report.drugCases == 4)   // 1, 2, 3 (concomitant), 8
        // Headache never occurs with X; "skin rash" is only a verbatim alias of Rash and gets no row.
        #expect(Set(report.rows.map(\.event)) == ["Rash", "Nausea"])
        let rash = try #require(report.rows.first { $0.event == "Rash" })
        #expect(rash.table == TwoByTwo(a: 3, b: 1, c: 1, d: 3))
        #expect(rash.measures == TwoByTwo(a: 3, b: 1, c: 1, d: 3).disproportionality)
        let nausea = try #require(report.rows.first { $0.event == "Nausea" })
        // Case 8 lists X twice and still counts once.
        #expect(nausea.table == TwoByTwo(a: 2, b: 2, c: 1, d: 3))
        #expect(nausea.measures == TwoByTwo(a: 2, b: 2, c: 1, d: 3).disproportionality)
        #expect(report.rows.map(\.event) == ["Rash", "Nausea"])  // by a, largest first
    }

    @Test func suspectCountsOnlySuspectRolesAndCellsMatchTheFilter() throws {
        let lib = try Self.disproportionalityLibrary()
        let report = try lib.signals(q("suspect:x"))
        #expect(report.drugCases == 3)
        let rash = try #require(report.rows.first { $0.event == "Rash" })
        #expect(rash.table == TwoByTwo(a: 2, b: 1, c: 2, d: 3))
        // Every cell agrees with what the filter counts.
        for row in report.rows {
            let a = try lib.count(q("suspect:x event:\"\(row.event)\""))
            let ac = try lib.count(q("event:\"\(row.event)\""))
            #expect(row.table.a == a && row.table.a + row.table.c == ac && row.table.n == 8)
        }
    }

    @Test func eventTermsChooseRowsAndOtherTermsAreReportedAsNotApplied() throws {
        let lib = try Self.disproportionalityLibrary()
        let report = try lib.signals(q("drug:x event:nausea sex:f !drug:z"))
        #expect(report.rows.map(\.event) == ["Nausea"])
        #expect(report.rows[0].table == TwoByTwo(a: 2, b: 2, c: 1, d: 3))
        #expect(report.drugTerms == ["drug:x", "!drug:z"])
        #expect(report.eventTerms == ["event:nausea"])
        #expect(report.ignoredTerms == ["sex:f"])
        #expect(try lib.signals(q("drug:x event:rash,headache")).rows.map(\.event) == ["Rash"])
        #expect(try lib.signals(q("drug:x event:na*")).rows.map(\.event) == ["Nausea"])
        #expect(try lib.signals(q("drug:x"), minA: 3).rows.map(\.event) == ["Rash"])
    }

    @Test func signalsNeedADrugTerm() throws {
        let lib = try Self.disproportionalityLibrary()
        #expect(throws: StatisticsError.noDrugTerm) { try lib.signals(q("event:rash")) }
        #expect(throws: StatisticsError.noDrugTerm) { try lib.signals(q("!drug:x")) }
        #expect(throws: StatisticsError.noDrugTerm) { try lib.signals(.all) }
    }

    @Test func aDrugNobodyTookGivesNoRows() throws {
        let lib = try Self.disproportionalityLibrary()
        let report = try lib.signals(q("drug:nothing"))
        #expect(report.drugCases == 0 && report.rows.isEmpty && report.totalCases == 8)
    }

    @Test func signalSortingByEveryColumnKeepsUndefinedLast() throws {
        let lib = try Self.disproportionalityLibrary()
        let rows = try lib.signals(q("drug:y")).rows  // Rash, Nausea, Headache with a = 1 each
        #expect(rows.count == 3)
        for column in SignalColumn.allCases {
            for reversed in [false, true] {
                let sorted = column.sort(rows, reversed: reversed)
                #expect(sorted.count == rows.count)
                guard column != .event else { continue }
                let values = sorted.map { column.value($0) }
                let defined = values.compactMap { $0 }
                // Undefined values come after every defined one, whatever the direction.
                if let firstNil = values.firstIndex(where: { $0 == nil }) { #expect(values[firstNil...].allSatisfy { $0 == nil }) }
                let descending = column.descendingByDefault != reversed
                #expect(defined == (descending ? defined.sorted(by: >) : defined.sorted()), "\(column) reversed: \(reversed)")
            }
        }
        #expect(SignalColumn.event.sort(rows).map(\.event) == ["Headache", "Nausea", "Rash"])
        #expect(SignalColumn.event.sort(rows, reversed: true).map(\.event) == ["Rash", "Nausea", "Headache"])
    }

    // MARK: Frequencies

    @Test func frequenciesCountDistinctCasesAndKnowMissingValues() throws {
        let lib = try Self.disproportionalityLibrary()
        func rows(_ f: FrequencyField, _ s: String = "") throws -> [String: Int] {
            Dictionary(uniqueKeysWithValues: try lib.frequencies(f, q(s)).rows.map { ($0.value, $0.count) })
        }
        #expect(try rows(.drug) == ["X": 4, "Y": 3, "Z": 2])
        #expect(try rows(.suspect) == ["X": 3, "Y": 3, "Z": 2])
        #expect(try rows(.event) == ["Rash": 4, "Nausea": 3, "Headache": 2])
        #expect(try rows(.sex) == ["female": 3, "male": 2, "unknown": 1, "(not reported)": 2])
        #expect(try rows(.outcome) == ["recovered": 3, "fatal": 1, "(not reported)": 4])
        #expect(try rows(.source) == ["literature": 6, "faers": 2])
        #expect(try rows(.event, "drug:y") == ["Rash": 1, "Nausea": 1, "Headache": 1])
        let age = try lib.frequencies(.age, .all)
        // 1.5 | 11.5 | 12 | 44.9 | 45 | 75 | 74.99 | none: group edges are inclusive below, exclusive above.
        #expect(age.rows.map(\.value) == ["<2", "2–11", "12–17", "18–44", "45–64", "65–74", "≥75", "(not reported)"])
        #expect(age.rows.allSatisfy { $0.count == 1 })
        #expect(age.matchingCases == 8 && abs(age.rows[0].percent - 12.5) < 1e-12)
    }

    @Test func everyFrequencyRowNarrowsTheFilterToExactlyItsCases() throws {
        for lib in [try Self.disproportionalityLibrary(), try dataLibrary()] {
            for filter in ["", "sex:f", "drug:x,alemtuzumab,natalizumab"] {
                for field in FrequencyField.allCases {
                    let report = try lib.frequencies(field, q(filter))
                    for row in report.rows {
                        guard let term = row.filterTerm else {
                            #expect(row.raw == nil, "\(field) \(row.value) has no filter term")
                            continue
                        }
                        let narrowed = FilterComposition.narrow(filter, with: term)
                        #expect(try lib.count(q(narrowed)) == row.count, "\(narrowed)")
                    }
                }
            }
        }
    }

    @Test func filterTermsQuoteNamesAndSpellAgeGroupsAsHalfOpenRanges() {
        #expect(FrequencyField.drug.filterTerm(raw: "glatiramer acetate") == #"drug:"glatiramer acetate""#)
        #expect(FrequencyField.event.filterTerm(raw: #"odd, "name""#) == #"event:"odd* *name*""#)
        #expect(FrequencyField.sex.filterTerm(raw: "female") == "sex:female")
        #expect(FrequencyField.outcome.filterTerm(raw: nil) == nil)
        #expect(FrequencyField.age.filterTerm(raw: AgeGroup.child.rawValue) == "age:>=2 age:<12")
        #expect(FrequencyField.age.filterTerm(raw: AgeGroup.under2.rawValue) == "age:<2")
        #expect(FrequencyField.age.filterTerm(raw: AgeGroup.old.rawValue) == "age:>=75")
        #expect(FilterComposition.narrow("", with: "sex:female") == "sex:female")
        #expect(FilterComposition.narrow("drug:x  ", with: "sex:female") == "drug:x sex:female")
        #expect(FilterComposition.narrow("drug:x sex:female", with: "sex:female") == "drug:x sex:female")
        #expect(FilterComposition.narrow("age:>=2", with: "age:>=2 age:<12") == "age:>=2 age:>=2 age:<12")
    }

    // MARK: Time to onset

    /// Cases with reported first-dose intervals of every kind:
    /// A exact 3 d (and 1 d after dose 2), B range 10–20 d, C none, D −5…−2 d, E 0–400 d (X → Rash);
    /// F Y → Nausea 1 d; G X and Y with Rash and Nausea: X→Rash 2, X→Nausea none, Y→Rash 5, Y→Nausea 7;
    /// H X concomitant only.
    static func onsetLibrary() throws -> Library {
        let lib = try Library(path: TestSupport.tempPath(), lexicon: Lexicon())
        let rash = Event(id: "e1", term: "Rash"), nausea = Event(id: "e2", term: "Nausea")
        func first(_ drug: String, _ event: String?, _ lo: Double, _ hi: Double) -> ReportedInterval {
            ReportedInterval(drug: drug, event: event, anchor: .firstDose, min: lo, max: hi, unit: .day)
        }
        let cases = [
            make("A", drugs: [drug("d1", "X")], events: [rash],
                 intervals: [first("d1", nil, 3, 3), ReportedInterval(drug: "d1", anchor: .dose, dose: 2, min: 1, max: 1, unit: .day)]),
            make("B", drugs: [drug("d1", "X")], events: [rash], intervals: [first("d1", nil, 10, 20)]),
            make("C", drugs: [drug("d1", "X")], events: [rash]),
            make("D", drugs: [drug("d1", "X")], events: [rash], intervals: [first("d1", nil, -5, -2)]),
            make("E", drugs: [drug("d1", "X")], events: [rash], intervals: [first("d1", nil, 0, 400)]),
            make("F", drugs: [drug("d1", "Y")], events: [nausea], intervals: [first("d1", nil, 1, 1)]),
            make("G", drugs: [drug("d1", "X"), drug("d2", "Y")], events: [rash, nausea],
                 intervals: [first("d1", "e1", 2, 2), first("d2", "e1", 5, 5), first("d2", "e2", 7, 7)]),
            make("H", drugs: [drug("d1", "X", role: .concomitant)], events: [rash]),
        ]
        try lib.importCases([ImportBatch(key: "onset", kind: .literature, format: "onset", cases: cases)])
        return lib
    }

    func items(_ xs: [(String, DayRange?)]) -> [(id: String, interval: DayRange?)] { xs.map { (id: $0.0, interval: $0.1) } }

    @Test func onsetGroupsPerSuspectDrugAndEventWithExclusions() throws {
        let lib = try Self.onsetLibrary()
        let report = try lib.onsetStatistics(.all)
        #expect(report.matchingCases == 8)
        #expect(report.casesWithoutPair == 1)  // H: no suspect drug
        #expect(report.groups.map { $0.label(ascii: true) } == ["all", "X -> Rash", "Y -> Nausea", "X -> Nausea", "Y -> Rash"])
        let xRash = report.groups[1]
        #expect(xRash.intervals.map(\.caseID) == ["A", "B", "C", "D", "E", "G"])
        let expected = TimeToOnsetSummary(items([("A", DayRange(exactly: 3)), ("B", DayRange(min: 10, max: 20)), ("C", nil),
                                                 ("D", DayRange(min: -5, max: -2)), ("E", DayRange(min: 0, max: 400)),
                                                 ("G", DayRange(exactly: 2))]))
        #expect(xRash.first == expected)
        #expect(xRash.first.used == 3 && xRash.first.exactCount == 2 && xRash.first.rangeCount == 1)
        #expect(xRash.first.excludedCount(.noDates) == 1 && xRash.first.excludedCount(.negative) == 1
                && xRash.first.excludedCount(.tooWide) == 1)
        // Last dose: only A says when its last dose was.
        #expect(xRash.last.used == 1 && xRash.last.exactQuantiles?.median == 1)
        // The per-case fate agrees with the summary.
        #expect(xRash.intervals.map { xRash.first.fate(of: $0.first).key } == ["used", "used", "no_dates", "negative", "too_wide", "used"])
        #expect(xRash.first.fate(of: DayRange(exactly: 3)) == .used(bin: .days2to3))
        #expect(xRash.first.fate(of: DayRange(min: 10, max: 20)) == .used(bin: nil))
    }

    @Test func theAllGroupCountsEachCaseOnceThroughItsFirstPairWithAnInterval() throws {
        let lib = try Self.onsetLibrary()
        let all = try lib.onsetStatistics(.all, groupBy: .all)
        #expect(all.groups.count == 1)
        let g = all.groups[0]
        #expect(g.isAll && g.cases == 7)
        // G contributes X → Rash (its first pair with an interval), not Y → Rash or Y → Nausea.
        #expect(g.intervals.first { $0.caseID == "G" }.map { "\($0.drug)→\($0.event)" } == "X→Rash")
        #expect(g.first == TimeToOnsetSummary(items([("A", DayRange(exactly: 3)), ("B", DayRange(min: 10, max: 20)), ("C", nil),
                                                     ("D", DayRange(min: -5, max: -2)), ("E", DayRange(min: 0, max: 400)),
                                                     ("F", DayRange(exactly: 1)), ("G", DayRange(exactly: 2))])))
    }

    @Test func theFiltersDrugAndEventTermsChooseThePairs() throws {
        let lib = try Self.onsetLibrary()
        let y = try lib.onsetStatistics(q("drug:y"))
        #expect(y.matchingCases == 2)
        #expect(y.groups.map { $0.label(ascii: true) } == ["all", "Y -> Nausea", "Y -> Rash"])
        // In "all", G now contributes Y → Rash, its first Y pair.
        #expect(y.groups[0].intervals.map(\.first) == [DayRange(exactly: 1), DayRange(exactly: 5)])
        let yNausea = try lib.onsetStatistics(q("drug:y event:nausea"), groupBy: .all)
        #expect(yNausea.groups[0].intervals.map(\.first) == [DayRange(exactly: 1), DayRange(exactly: 7)])
        // H matches drug:x as a concomitant and has no X pair.
        let x = try lib.onsetStatistics(q("drug:x"))
        #expect(x.matchingCases == 7 && x.casesWithoutPair == 1)
        #expect(try lib.onsetStatistics(q("drug:x"), minCases: 2).groups.map { $0.label(ascii: true) } == ["all", "X -> Rash"])
    }

    @Test func maxGroupsKeepsTheLargestAndCountsTheRest() throws {
        let lib = try Self.onsetLibrary()
        let capped = try lib.onsetStatistics(.all, maxGroups: 2)
        #expect(capped.groups.map { $0.label(ascii: true) } == ["all", "X -> Rash", "Y -> Nausea"])
        #expect(capped.omittedGroups == 2)
        #expect(capped.groups[0] == (try lib.onsetStatistics(.all)).groups[0])
        #expect(try lib.onsetStatistics(.all, minCases: 2, maxGroups: 5).omittedGroups == 0)
    }

    @Test func maxRangeWidthIsPassedThrough() throws {
        let lib = try Self.onsetLibrary()
        let wide = try lib.onsetStatistics(q("drug:x event:rash"), groupBy: .all, maxRangeWidth: 1000)
        #expect(wide.groups[0].first.excludedCount(.tooWide) == 0)
        let narrow = try lib.onsetStatistics(q("drug:x event:rash"), groupBy: .all, maxRangeWidth: 5)
        #expect(narrow.groups[0].first.excludedCount(.tooWide) == 2)  // B (10 d wide) and E
    }

    @Test func dataLibraryOnsetAgreesWithTheIntervalsTable() throws {
        let lib = try dataLibrary()
        let report = try lib.onsetStatistics(.all)
        let rows = try lib.intervals(.all)
        #expect(report.groups[0].cases == Set(rows.map(\.caseID)).count)
        for g in report.groups.dropFirst() {
            let pairRows = rows.filter { $0.drug == g.drug && $0.event == g.event }
            #expect(g.cases == Set(pairRows.map(\.caseID)).count, "\(g.label())")
            #expect(g.first.used + g.first.excluded.count == g.cases)
        }
    }

    func dataLibrary() throws -> Library {
        let lib = try Library(path: TestSupport.tempPath(), lexicon: TestSupport.lexicon)
        _ = try ImportRunner().run([TestSupport.dataDir.path], into: lib)
        return lib
    }
}
