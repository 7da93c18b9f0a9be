import Testing
@testable import OnsetCore

@Suite struct PartialDateTests {
    @Test func parsesAllForms() {
        #expect(PartialDate(parsing: "2014")?.description == "2014")
        #expect(PartialDate(parsing: "2014-05")?.description == "2014-05")
        #expect(PartialDate(parsing: "2014-05-30")?.description == "2014-05-30")
        #expect(PartialDate(parsing: "201405")?.description == "2014-05")
        #expect(PartialDate(parsing: "20140530")?.description == "2014-05-30")
    }

    @Test func rejectsImpossibleDates() {
        for bad in ["20250231", "2025-13", "2023-02-29", "2014-04-31", "20141301", "14", "2014-5", "abcd", "", "2014-05-30x"] {
            #expect(PartialDate(parsing: bad) == nil, "\(bad) should be rejected")
        }
        #expect(PartialDate(parsing: "2024-02-29") != nil)
        #expect(PartialDate(parsing: "2000-02-29") != nil)
        #expect(PartialDate(parsing: "1900-02-29") == nil)
    }

    @Test func monthAndYearRangesHonourMonthEndsAndLeapYears() {
        #expect(PartialDate(parsing: "2016-02")!.dayRange.width == 28)   // 29 days: 1st..29th
        #expect(PartialDate(parsing: "2015-02")!.dayRange.width == 27)
        #expect(PartialDate(parsing: "2015-04")!.dayRange.width == 29)
        #expect(PartialDate(parsing: "2015-12")!.dayRange.width == 30)
        #expect(PartialDate(parsing: "2016")!.dayRange.width == 365)
        #expect(PartialDate(parsing: "2015")!.dayRange.width == 364)
    }

    @Test func epochArithmeticRoundTrips() {
        #expect(PartialDate.daysSinceEpoch(year: 1970, month: 1, day: 1) == 0)
        #expect(PartialDate.daysSinceEpoch(year: 2000, month: 3, day: 1) == 11017)
        #expect(PartialDate.daysSinceEpoch(year: 1969, month: 12, day: 31) == -1)
        for d in stride(from: -700_000, through: 2_900_000, by: 997) {
            let p = PartialDate.fromEpochDays(d)!
            #expect(PartialDate.daysSinceEpoch(year: p.year, month: p.month!, day: p.day!) == d)
        }
        #expect(PartialDate.fromEpochDays(-800_000) == nil)
    }

    @Test func partialOnsetAfterFullDoseDateIsARangeStartingAtZero() {
        // The example: event in 2015-07 after a dose on 2015-07-10 is 0…21 days.
        let r = TimePoint.onsetDays(from: .date(TestSupport.date("20150710")), to: .date(TestSupport.date("201507")))
        #expect(r == DayRange(min: 0, max: 21))
    }

    @Test func intervalsAcrossLeapDayAndYearEnd() {
        #expect(TimePoint.days(from: .date(TestSupport.date("2016-02-28")), to: .date(TestSupport.date("2016-03-01"))) == DayRange(exactly: 2))
        #expect(TimePoint.days(from: .date(TestSupport.date("2015-02-28")), to: .date(TestSupport.date("2015-03-01"))) == DayRange(exactly: 1))
        #expect(TimePoint.days(from: .date(TestSupport.date("2015-12-31")), to: .date(TestSupport.date("2016-01-01"))) == DayRange(exactly: 1))
        // Year-only dose to a full onset date: anywhere in that year.
        let r = TimePoint.days(from: .date(TestSupport.date("2015")), to: .date(TestSupport.date("2016-01-10")))!
        #expect(r == DayRange(min: 10, max: 374))
    }

    @Test func wholeNegativeRangeIsKept() {
        let r = TimePoint.onsetDays(from: .date(TestSupport.date("2015-08-10")), to: .date(TestSupport.date("2015-07")))!
        #expect(r.max < 0)
        #expect(r == DayRange(min: -40, max: -10))
    }

    @Test func relativeDaysAndMixedAxes() {
        #expect(TimePoint(parsing: "day 2..4") == .day(DayRange(min: 2, max: 4)))
        #expect(TimePoint(parsing: "day 0.25") == .day(DayRange(exactly: 0.25)))
        #expect(TimePoint(parsing: "day 4..2") == nil)
        #expect(TimePoint.days(from: .day(DayRange(exactly: 56)), to: .day(DayRange(min: 56, max: 57))) == DayRange(min: 0, max: 1))
        // Without day 0's date, a relative point cannot meet a calendar one.
        #expect(TimePoint.days(from: .day(DayRange(exactly: 0)), to: .date(TestSupport.date("2015-07-10"))) == nil)
        let zero = TestSupport.date("2015-07-01")
        #expect(TimePoint.days(from: .day(DayRange(exactly: 0)), to: .date(TestSupport.date("2015-07-10")), dayZero: zero) == DayRange(exactly: 9))
    }
}
