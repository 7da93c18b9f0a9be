import Foundation
import Testing
@testable import OnsetCore

@Suite struct CaseFormatTests {
    static let dataFiles: [URL] = {
        let dir = TestSupport.dataDir.appendingPathComponent("cases")
        return ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
    }()

    @Test func dataHoldsTheSeedsAndAtLeastTwelveMoreCases() throws {
        let cases = try Self.dataFiles.flatMap { try CaseReader.read(contentsOf: $0) }
        #expect(cases.count >= 14)
        #expect(cases.contains { $0.source.doi == "10.1136/bcr-2013-203313" && $0.drugs.contains { $0.generic == "natalizumab" } })
        #expect(cases.contains { $0.drugs.contains { $0.generic == "alemtuzumab" } && $0.events.contains { $0.preferred == "Epistaxis" } })
        #expect(cases.filter { $0.source.doi != nil }.count >= 13)
    }

    @Test(arguments: dataFiles) func everyDataCaseRoundTrips(file: URL) throws {
        let cases = try CaseReader.read(contentsOf: file)
        for c in cases {
            let again = try CaseReader.read(Array(CaseWriter.text(c).utf8), file: "round trip")
            #expect(again == [c])
            // Writing is stable: the second write is byte-identical to the first.
            #expect(CaseWriter.text(again[0]) == CaseWriter.text(c))
        }
    }

    /// Compact text is written straight from the case, pretty text through a `JSONValue` tree:
    /// the two must say the same thing byte for byte, hostile strings included.
    @Test func compactTextMatchesTheTreeWrittenCompactly() throws {
        var cases = try Self.dataFiles.flatMap { try CaseReader.read(contentsOf: $0) }
        var hostile = try #require(cases.first { !$0.drugs.isEmpty && !$0.events.isEmpty })
        let nasty = "q\"b\\s\n\r\t\u{1b}[31m\u{7f}\u{85}\u{202e}\u{2066}é中"
        // Longer than the writer's first buffer, so it grows midway through a string.
        hostile.narrative = nasty + String(repeating: "plain words, then ", count: 300) + nasty
        hostile.notes = nasty
        hostile.drugs[0].name = nasty
        hostile.drugs[0].administrations = [Administration(number: 2, time: nil, note: nasty)]
        hostile.events[0].term = nasty
        hostile.patient.conditions = [nasty, "plain"]
        hostile.patient.weight = Quantity(70.5, .kg)
        hostile.spans = [TextSpan(field: "narrative", start: 0, end: 3)]
        hostile.serious = false
        cases.append(hostile)
        #expect(cases.contains { !$0.intervals.isEmpty })
        #expect(cases.contains { !$0.treatments.isEmpty || !$0.tests.isEmpty })
        for c in cases {
            let compact = CaseWriter.text(c, pretty: false)
            #expect(compact == JSONWriter.write(CaseWriter.json(c), pretty: false), "case \(c.id)")
            #expect(try CaseReader.read(Array(compact.utf8), file: "compact") == [c])
        }
    }

    func error(_ json: String) -> CaseFormatError? {
        do { _ = try CaseReader.read(Array(json.utf8), file: "bad.json"); return nil }
        catch let e as CaseFormatError { return e }
        catch { return nil }
    }

    let base = #"{"format":"onset.case/1","id":"x","source":{"kind":"literature"},"drugs":[{"id":"d1","name":"a","role":"suspect"}],"events":[{"id":"e1","term":"Rash"}]"#

    @Test func errorsNameFileAndJSONPath() {
        let cases: [(String, String, String)] = [
            (base + #","drugs2":1}"#, "$.drugs2", "unknown key"),
            (base.replacingOccurrences(of: #""role":"suspect""#, with: #""role":"suspec""#) + "}", "$.drugs[0].role", "expected one of suspect"),
            (base + #","intervals":[{"drug":"d9","anchor":"dose","dose":1,"min":0,"max":1,"unit":"day"}]}"#, "$.intervals[0].drug", "no drug has id"),
            (base + #","intervals":[{"drug":"d1","anchor":"dose","min":0,"max":1,"unit":"day"}]}"#, "$.intervals[0].dose", "required with anchor"),
            (base + #","intervals":[{"drug":"d1","anchor":"first-dose","min":3,"max":1,"unit":"day"}]}"#, "$.intervals[0].max", "max >= min"),
            (base.replacingOccurrences(of: #""term":"Rash""#, with: #""term":"Rash","onset":"2025-02-31""#) + "}", "$.events[0].onset", "expected a time point"),
            (base.replacingOccurrences(of: #""format":"onset.case/1""#, with: #""format":"onset.case/2""#) + "}", "$.format", "expected \"onset.case/1\""),
            (#"{"format":"onset.case/1","id":"x","source":{"kind":"literature"},"events":[]}"#, "$.events", "at least one event"),
            (#"[{"format":"onset.case/1","id":"x","source":{"kind":"tv"},"events":[{"id":"e1","term":"a"}]}]"#, "$[0].source.kind", "expected one of"),
            (base + #","patient":{"age":{"value":-3,"unit":"year"}}}"#, "$.patient.age.value", "age from 0"),
            (base + #","drugs":[]}"#, "line 1, column", "duplicate key"),
            (#"{"format": "onset.case/1", "id": "#, "line 1, column 34", "unexpected end of input"),
        ]
        for (json, path, message) in cases {
            let e = error(json)
            #expect(e != nil, "accepted: \(json)")
            #expect(e?.file == "bad.json")
            #expect(e?.path.hasPrefix(path) == true, "path \(e?.path ?? "nil") for \(json)")
            #expect(e?.message.contains(message) == true, "message \(e?.message ?? "nil")")
        }
    }

    @Test func mixedAxesNeedDayZero() {
        let json = base.replacingOccurrences(of: #""role":"suspect""#, with: #""role":"suspect","start":"day 0""#)
            .replacingOccurrences(of: #""term":"Rash""#, with: #""term":"Rash","onset":"2020-01-05""#) + "}"
        #expect(error(json)?.path == "$.dayZero")
        let withZero = json.replacingOccurrences(of: #""id":"x","#, with: #""id":"x","dayZero":"2020-01-01","#)
        #expect(error(withZero) == nil)
    }

    @Test func jsonOutputEscapesEveryControlCharacter() {
        var c = TestSupport.minimalCase()
        c.narrative = "evil \u{1B}]52;c;SGVsbG8=\u{07} and \u{1B}[2J \u{202E}rtl \u{0}"
        let text = CaseWriter.text(c)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E || $0.value == 0 })
        #expect(text.contains("\\u001b]52"))
        #expect((try? CaseReader.read(Array(text.utf8)))?.first?.narrative == c.narrative)
    }
}
