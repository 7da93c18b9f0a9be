import Foundation
import Testing
@testable import OnsetCore

/// The pure text, TSV and JSON presentation of statistics reports.
@Suite struct StatisticsReportTests {
    @Test func numbersHaveThreeSignificantDigitsAndADashWhenUndefined() {
        let cases: [(Double?, String)] = [
            (nil, "–"), (.nan, "–"), (.infinity, "–"), (0, "0"), (-0.0, "0"),
            (1, "1"), (1.5, "1.5"), (1.2345, "1.23"), (12.345, "12.3"), (123.45, "123"), (0.012345, "0.0123"),
            (9.996, "10"), (999.4, "999"), (999.6, "1000"), (12345.6, "12346"), (-2.784, "-2.78"),
            (1_234_567, "1.23e6"), (0.000123, "1.23e-4"), (0.5, "0.5"), (56.25, "56.2"),
        ]
        for (v, s) in cases { #expect(StatFormat.number(v) == s, "\(String(describing: v))") }
        #expect(StatFormat.number(nil, undefined: "-") == "-")
        #expect(StatFormat.quartiles(QuantileSummary(q1: 2, median: 4.5, q3: 30)) == "4.5 [2–30]")
        #expect(StatFormat.quartiles(QuantileSummary(q1: 2, median: 4.5, q3: 30), glyphs: .ascii) == "4.5 [2-30]")
        #expect(StatFormat.quartiles(nil) == "–")
        #expect(StatFormat.hazard(.wearOut) == "wear-out")
    }

    @Test func barsUseEighthBlocksOrHashes() {
        #expect(StatBar.bar(8, maximum: 8, width: 4, ascii: false) == "████")
        #expect(StatBar.bar(1, maximum: 8, width: 4, ascii: false) == "▌")          // 4 eighths
        #expect(StatBar.bar(3, maximum: 8, width: 4, ascii: false) == "█▌")         // 12 eighths
        #expect(StatBar.bar(1, maximum: 1000, width: 4, ascii: false) == "▏")       // never invisible
        #expect(StatBar.bar(0, maximum: 8, width: 4, ascii: false) == "")
        #expect(StatBar.bar(3, maximum: 8, width: 4, ascii: true) == "##")
        #expect(StatBar.bar(1, maximum: 1000, width: 4, ascii: true) == "#")
    }

    @Test func histogramLinesCoverEveryBinAndTheSpread() {
        var h = OnsetHistogram([DayRange(exactly: 0), DayRange(exactly: 0), DayRange(exactly: 3), DayRange(min: 1, max: 40)])
        h.add(DayRange(exactly: 400))
        let lines = HistogramText.lines(h, width: 30)
        #expect(lines.count == OnsetBin.allCases.count + 1)
        #expect(lines[0] == "same day    2 " + String(repeating: "█", count: 15))
        #expect(lines[2].hasPrefix("2–3 d       1 ███████▌"))
        #expect(lines[1] == "1 d         0")
        #expect(lines.last == "spans bins  1  not drawn")
        #expect(HistogramText.lines(h, width: 60).last == "spans bins  1  ranges across bin edges, not drawn")
        let ascii = HistogramText.lines(h, width: 30, glyphs: .ascii)
        #expect(ascii[2].hasPrefix("2-3 d       1 ########"))
        #expect(ascii.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(lines.allSatisfy { $0.count <= 30 })
    }

    @Test func tablesShrinkTextColumnsThenDropColumnsByPriority() {
        let table = TextTable(columns: [
            TextColumn("name", .left, flexible: true, minWidth: 6),
            TextColumn("n"),
            TextColumn("extra", priority: 1),
        ], rows: [["a very long name indeed", "12", "x"], ["short", "3", "y"]])
        #expect(table.lines(width: nil) == ["name                     n extra", "a very long name indeed 12     x", "short                    3     y"])
        #expect(table.lines(width: 20) == ["name         n extra", "a very lon… 12     x", "short        3     y"])
        let narrow = table.lines(width: 12)
        #expect(narrow == ["name       n", "a very l… 12", "short      3"])
        // Control characters in cells are escaped, never printed.
        let hostile = TextTable(columns: [TextColumn("v", .left)], rows: [["x\u{1B}[2Jy"]])
        #expect(hostile.lines(width: nil)[1] == "x^[[2Jy")
    }

    @Test func signalTableMarksTheSortColumnAndShowsFlags() throws {
        let strong = try #require(SignalRow(event: "Purpura", eventKey: "purpura", table: TwoByTwo(a: 20, b: 80, c: 100, d: 9800)))
        let empty = try #require(SignalRow(event: "Rash", eventKey: "rash", table: TwoByTwo(a: 1, b: 99, c: 0, d: 9900)))
        #expect(SignalReportText.flags(strong) == "ERI")
        #expect(SignalReportText.flags(empty) == "···")
        #expect(SignalReportText.flags(empty, glyphs: .ascii) == "...")
        let lines = SignalReportText.table([strong, empty], sort: .ic025, glyphs: .unicode).lines(width: nil)
        #expect(lines[0].contains("IC025▼"))
        #expect(lines[2].contains("–"))   // PRR and ROR undefined with c = 0
        let reversed = SignalReportText.table([strong], sort: .event, reversed: true, glyphs: .ascii).lines(width: nil)
        #expect(reversed[0].hasPrefix("event v"))
    }

    @Test func signalTSVAndJSONCarryEveryMeasure() throws {
        let row = try #require(SignalRow(event: "Purpura", eventKey: "purpura", table: TwoByTwo(a: 3, b: 7, c: 10, d: 80)))
        let report = SignalReport(query: "drug:x", drugTerms: ["drug:x"], eventTerms: [], ignoredTerms: [], totalCases: 100,
                                  drugCases: 10, minA: 1, rows: [row])
        let tsv = SignalReportText.tsv([row])
        #expect(tsv.count == 2 && tsv[1].hasPrefix("Purpura\tpurpura\t3\t7\t10\t80\t"))
        let json = SignalReportText.json(report, rows: [row], sort: .a, reversed: false)
        let r = try #require({ if case .array(let rows)? = json["rows"] { return rows.first }; return nil }())
        let m = row.measures
        #expect(r["prr"] == .number(m.prr!) && r["ic025"] == .number(m.ic025) && r["evans"] == .bool(m.evans))
        #expect(json["descending"] == .bool(true))
        // Round trip through the writer and parser.
        #expect(try JSONParser.parse(JSONWriter.write(json)) == json)
    }

    @Test func onsetTextTSVAndJSONAgree() throws {
        let intervals = [
            OnsetCaseInterval(caseID: "a", drug: "X", event: "Rash", first: DayRange(exactly: 3), last: DayRange(exactly: 1), basis: .reported),
            OnsetCaseInterval(caseID: "b", drug: "X", event: "Rash", first: DayRange(min: 10, max: 20)),
            OnsetCaseInterval(caseID: "c", drug: "X", event: "Rash"),
            OnsetCaseInterval(caseID: "d", drug: "X", event: "Rash", first: DayRange(exactly: 40)),
        ]
        let all = OnsetGroup(drug: nil, event: nil, drugKey: nil, eventKey: nil, intervals: intervals, maxRangeWidth: 365)
        let pair = OnsetGroup(drug: "X", event: "Rash", drugKey: "x", eventKey: "rash", intervals: intervals, maxRangeWidth: 365)
        let report = OnsetReport(query: "drug:x", grouping: .drugEvent, maxRangeWidth: 365, matchingCases: 5, casesWithoutPair: 1, groups: [all, pair])
        #expect(OnsetReportText.heading(report) == "Time to onset · drug:x · 5 matching cases, 1 without a suspect drug × event pair")
        let table = OnsetReportText.table(report).lines(width: nil)
        #expect(table.count == 3 && table[1].hasPrefix("all ") && table[2].hasPrefix("X → Rash"))
        let detail = OnsetReportText.detail(pair, width: 60)
        #expect(detail[0] == "X → Rash · 4 cases")
        #expect(detail[1] == "From first dose: 3 used (2 exact, 1 range); 1 excluded: no dates 1")
        #expect(detail.contains("Days from first dose:"))
        let tsv = OnsetReportText.tsv(report)
        #expect(tsv.count == 1 + 2 * 2)
        let header = tsv[0].split(separator: "\t").map(String.init)
        let firstAll = tsv[1].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        #expect(header.count == firstAll.count)
        #expect(firstAll[header.firstIndex(of: "used")!] == "3" && firstAll[header.firstIndex(of: "excluded_no_dates")!] == "1")
        #expect(firstAll[header.firstIndex(of: "bin_2-3d")!] == "1" && firstAll[header.firstIndex(of: "spread")!] == "1")
        let json = OnsetReportText.json(report, intervals: true)
        #expect(try JSONParser.parse(JSONWriter.write(json)) == json)
        guard case .array(let groups)? = json["groups"] else { Issue.record("no groups"); return }
        #expect(groups[0]["group"] == .string("all") && groups[0]["drug"] == .null)
        #expect(groups[1]["first_dose"]?["excluded"]?["no_dates"] == .number(1))
        guard case .array(let rows)? = groups[1]["intervals"] else { Issue.record("no intervals"); return }
        #expect(rows[1]["first_fate"] == .object([("status", .string("used")), ("bin", .null)]))
        #expect(rows[2]["first_fate"] == .object([("status", .string("no_dates"))]))
        let ivTable = OnsetReportText.intervalTable(all).lines(width: nil)
        #expect(ivTable.count == 5 && ivTable[0].hasPrefix("case pair"))
        #expect(ivTable[3].contains("no dates"))
        let ivTSV = OnsetReportText.intervalsTSV(report)
        #expect(ivTSV.count == 1 + 8 && ivTSV[1].hasPrefix("all\t\t\ta\tX\tRash\t\t3\t3\tused\t2-3d\t1\t1\tused\t1d\treported"))
    }

    @Test func frequencyTextTSVAndJSON() throws {
        let report = FrequencyReport(field: .age, query: "", matchingCases: 4, rows: [
            FrequencyRow(field: .age, value: "2–11", raw: AgeGroup.child.rawValue, count: 3, percent: 75),
            FrequencyRow(field: .age, value: "(not reported)", raw: nil, count: 1, percent: 25),
        ])
        let lines = FrequencyReportText.table(report, barWidth: 8, glyphs: .ascii).lines(width: nil)
        #expect(lines == ["age            cases    %", "2-11               3 75.0 ########", "(not reported)     1 25.0 ###"])
        #expect(FrequencyReportText.tsv(report) == ["value\tcases\tpercent\tfilter", "2–11\t3\t75\tage:>=2 age:<12", "(not reported)\t1\t25\t"])
        let json = FrequencyReportText.json(report)
        guard case .array(let rows)? = json["rows"] else { Issue.record("no rows"); return }
        #expect(rows[0]["filter"] == .string("age:>=2 age:<12") && rows[1]["filter"] == .null)
    }
}
