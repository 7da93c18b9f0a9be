import Foundation
import Testing
import ZIPFoundation
@testable import OnsetCore

/// The bad-input table of Docs/reliability.md, one test per row: every damaged or hostile input
/// ends in an `ImportError` that names the file and the place in it (and leaves the library as it
/// was), or imports with a counted warning that names them; nothing crashes and no value is
/// silently changed.
@Suite(.serialized) struct BadInputTests {
    typealias S = ImportTestSupport

    /// A library that already holds one case, so "unchanged" means something.
    func library() throws -> Library {
        let lib = try S.library()
        try S.importing([S.fixture("openfda/drug-event-0001-of-0001.json")], into: lib)
        return lib
    }

    /// A copy of a fixture folder (a FAERS quarter, a VAERS year) in a fresh directory.
    func copy(_ fixture: String) throws -> URL {
        let dir = try S.tempDir().appendingPathComponent(URL(fileURLWithPath: fixture).lastPathComponent)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: S.fixture(fixture)), to: dir)
        return dir
    }

    /// Replaces text in a file, as bytes (the FAERS fixture holds Latin-1).
    func edit(_ file: URL, _ replacements: [(String, String)]) throws {
        var bytes = [UInt8](try Data(contentsOf: file))
        for (a, b) in replacements {
            let pa = Array(a.utf8), pb = Array(b.utf8)
            guard let r = bytes.firstRange(of: pa) else { Issue.record("\(a) not in \(file.lastPathComponent)"); continue }
            bytes.replaceSubrange(r, with: pb)
        }
        try Data(bytes).write(to: file)
    }

    func write(_ bytes: [UInt8], _ name: String) throws -> URL {
        let url = try S.tempDir().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// Imports `path` expecting an ImportError that names `file` and a place containing `place`
    /// (`wholeSource`: the error is about the folder or archive as a whole, which has no place);
    /// the library must be as it was.
    @discardableResult
    func expectError(_ path: URL, format: SourceFormat?, file: String, place: String? = nil, message: String? = nil, wholeSource: Bool = false,
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> ImportError? {
        let lib = try library()
        let before = try lib.totalCases()
        do {
            let s = try S.importing([path.path], into: lib, format: format)
            Issue.record("imported \(s.imported) cases from \(path.lastPathComponent) as \(format?.rawValue ?? "detected"), expected an error", sourceLocation: sourceLocation)
            return nil
        } catch let e as ImportError {
            #expect(e.file.contains(file), "\(e) does not name \(file)", sourceLocation: sourceLocation)
            if let place { #expect(e.place?.contains(place) == true, "\(e) does not give the place \(place)", sourceLocation: sourceLocation) }
            else if !wholeSource { #expect(e.place != nil, "\(e) gives no place", sourceLocation: sourceLocation) }
            if let message { #expect(e.message.contains(message), "\(e)", sourceLocation: sourceLocation) }
            #expect(!e.message.isEmpty)
            #expect(try lib.totalCases() == before, "a failed import changed the library", sourceLocation: sourceLocation)
            return e
        }
    }

    /// Imports `path` expecting success with a warning (or quarantine sample) containing each of `parts`.
    @discardableResult
    func expectWarning(_ path: URL, format: SourceFormat? = nil, _ parts: [String],
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> (ImportSummary, Library) {
        let lib = try S.library()
        let s = try S.importing([path.path], into: lib, format: format)
        let said = s.sources.flatMap { $0.warnings + $0.quarantineSamples }
        #expect(said.contains { w in parts.allSatisfy { w.contains($0) } }, "no warning with \(parts) in \(said)", sourceLocation: sourceLocation)
        try S.expectRoundTrip(lib)
        return (s, lib)
    }

    static let namesByFormat: [SourceFormat: String] = [
        .json: "cases.json", .openfda: "drug-event-0001-of-0001.json", .e2b: "report.xml", .narrative: "report.txt",
    ]

    // MARK: rows

    @Test func emptyFile() throws {
        for (format, name) in Self.namesByFormat {
            try expectError(try write([], name), format: format, file: name)
        }
        let q = try copy("faers/faers_ascii_2015q3")
        try Data().write(to: q.appendingPathComponent("ASCII/DEMO15Q3.txt"))
        try expectError(q, format: .faers, file: "DEMO15Q3.txt", place: "line 1", message: "empty file")
        let y = try copy("vaers/2021")
        try Data().write(to: y.appendingPathComponent("2021VAERSDATA.csv"))
        try expectError(y, format: .vaers, file: "2021VAERSDATA.csv", place: "line 1", message: "empty file")
        // Without --format, an empty file is no format at all.
        do { _ = try S.importing([try write([], "empty.json").path], into: try library()); Issue.record("empty.json imported") }
        catch let e as ImportError { #expect(e.file.hasSuffix("empty.json")); #expect(e.message.contains("not a format")) }
    }

    static func junk(_ n: Int, seed: UInt64 = 7) -> [UInt8] {
        var x = seed
        return (0..<n).map { _ in x = x &* 6364136223846793005 &+ 1442695040888963407; return UInt8(truncatingIfNeeded: x >> 56) }
    }

    @Test func binaryJunk() throws {
        let junk = Self.junk(64 << 10)
        #expect(junk.contains(0))
        for (format, name) in Self.namesByFormat {
            try expectError(try write(junk, name), format: format, file: name)
        }
        let q = try copy("faers/faers_ascii_2015q3")
        try Data(junk).write(to: q.appendingPathComponent("ASCII/DRUG15Q3.txt"))
        try expectError(q, format: .faers, file: "DRUG15Q3.txt", place: "line 1")
        let y = try copy("vaers/2021")
        try Data(junk).write(to: y.appendingPathComponent("2021VAERSVAX.csv"))
        try expectError(y, format: .vaers, file: "2021VAERSVAX.csv", place: "line")
        do { _ = try S.importing([try write(junk, "junk.bin").path], into: try library()); Issue.record("junk imported") }
        catch let e as ImportError { #expect(e.file.hasSuffix("junk.bin")); #expect(e.message.contains("not a format")) }
    }

    @Test func truncatedZip() throws {
        let dir = try S.tempDir()
        for (fixture, name) in [("faers/faers_ascii_2012q4/ascii", "faers_ascii_2012q4.zip"), ("vaers/2021", "2021VAERSData.zip"),
                                ("openfda", "drug-event-0001-of-0001.json.zip"), ("e2b", "faers_xml_2099q1.zip")] {
            let zip = dir.appendingPathComponent(name)
            try FileManager.default.zipItem(at: URL(fileURLWithPath: S.fixture(fixture)), to: zip)
            let whole = try Data(contentsOf: zip)
            for cut in [whole.count / 2, whole.count - 10] {
                let cutZip = try write([UInt8](whole.prefix(cut)), name)
                // A zip without its central directory cannot be listed: the archive is named; no place exists in it.
                let lib = try library()
                let before = try lib.totalCases()
                do { _ = try S.importing([cutZip.path], into: lib); Issue.record("cut \(name) imported") }
                catch let e as ImportError {
                    #expect(e.file.hasSuffix(name), "\(e)")
                    #expect(e.message.contains("zip") || e.message.contains("archive"), "\(e)")
                }
                #expect(try lib.totalCases() == before)
            }
        }
        // A name that does not say what the archive holds: the damage is still what is reported
        // (it was "not a format onset reads"), whether the name ends in .zip or not.
        let zip = dir.appendingPathComponent("export.zip")
        try FileManager.default.zipItem(at: URL(fileURLWithPath: S.fixture("openfda")), to: zip)
        let half = [UInt8](try Data(contentsOf: zip)).prefix(try Data(contentsOf: zip).count / 2)
        for name in ["download.zip", "download.bin"] {
            let cut = try write(Array(half), name)
            do { _ = try S.importing([cut.path], into: try library()); Issue.record("cut \(name) imported") }
            catch let e as ImportError {
                #expect(e.file.hasSuffix(name), "\(e)")
                #expect(e.message.contains("not a readable ZIP archive"), "\(e)")
            }
        }
    }

    /// In a folder, a Word document (a zip of XML inside) and a cut zip are passed over with their
    /// reasons, and the folder's case files still import; named alone, the document is refused.
    @Test func documentsAndDamagedZipsInAFolderArePassedOver() throws {
        let dir = try S.tempDir().appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let xml = dir.appendingPathComponent("word")
        try FileManager.default.createDirectory(at: xml, withIntermediateDirectories: true)
        try "<w:document/>".write(to: xml.appendingPathComponent("document.xml"), atomically: true, encoding: .utf8)
        let docx = dir.appendingPathComponent("notes.docx")
        try FileManager.default.zipItem(at: xml, to: docx)
        try FileManager.default.removeItem(at: xml)
        let good = try S.tempDir().appendingPathComponent("good.zip")
        try FileManager.default.zipItem(at: URL(fileURLWithPath: S.fixture("openfda")), to: good)
        let whole = try Data(contentsOf: good)
        try whole.prefix(whole.count / 2).write(to: dir.appendingPathComponent("cut.zip"))
        try CaseWriter.text(TestSupport.minimalCase(id: "kept")).write(to: dir.appendingPathComponent("case.json"), atomically: true, encoding: .utf8)

        let lib = try S.library()
        let s = try S.importing([dir.path], into: lib)
        #expect(try lib.ids(.all) == ["kept"])
        #expect(s.skipped.contains { $0.path.hasSuffix("notes.docx") && $0.reason.contains("not a format") })
        #expect(s.skipped.contains { $0.path.hasSuffix("cut.zip") && $0.reason.contains("not a readable ZIP archive") })
        do { _ = try S.importing([docx.path], into: lib); Issue.record("a .docx imported") }
        catch let e as ImportError { #expect(e.message.contains("not a format onset reads"), "\(e)") }
    }

    @Test func zipOfTheWrongThing() throws {
        let dir = try S.tempDir()
        let stuff = dir.appendingPathComponent("stuff")
        try FileManager.default.createDirectory(at: stuff, withIntermediateDirectories: true)
        try Data("Quarterly data extract notes.\n".utf8).write(to: stuff.appendingPathComponent("README.txt"))
        try Data(Self.junk(4096)).write(to: stuff.appendingPathComponent("figure.png"))
        for (name, message) in [("faers_ascii_2099q1.zip", "no DEMO table"), ("2099VAERSData.zip", "no VAERSDATA.csv"),
                                ("drug-event-0001-of-0001.json.zip", "no .json member"), ("faers_xml_2099q1.zip", "no")] {
            let zip = dir.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: zip)
            try FileManager.default.zipItem(at: stuff, to: zip)
            let lib = try library()
            do { _ = try S.importing([zip.path], into: lib); Issue.record("\(name) imported") }
            catch let e as ImportError { #expect(e.file.hasSuffix(name), "\(e)"); #expect(e.message.contains(message), "\(e)") }
        }
        // A zip whose name says nothing and whose members are nothing onset reads.
        let plain = dir.appendingPathComponent("archive.zip")
        try FileManager.default.zipItem(at: stuff, to: plain)
        do { _ = try S.importing([plain.path], into: try library()); Issue.record("archive.zip imported") }
        catch let e as ImportError { #expect(e.file.hasSuffix("archive.zip")); #expect(e.message.contains("not a format")) }
    }

    @Test func wrongFormatForced() throws {
        let faers = URL(fileURLWithPath: S.fixture("faers/faers_ascii_2015q3"))
        let vaers = URL(fileURLWithPath: S.fixture("vaers/2021"))
        let openfda = URL(fileURLWithPath: S.fixture("openfda/drug-event-0001-of-0001.json"))
        let r2 = URL(fileURLWithPath: S.fixture("e2b/r2_periods.xml"))
        let native = TestSupport.dataDir.appendingPathComponent("cases/001-alemtuzumab-petechiae-epistaxis.json")
        try expectError(faers, format: .vaers, file: "faers_ascii_2015q3", message: "VAERSDATA", wholeSource: true)
        try expectError(vaers, format: .faers, file: "2021", message: "no DEMO table", wholeSource: true)
        try expectError(openfda, format: .e2b, file: "drug-event", place: "/ichicsr")
        try expectError(openfda, format: .json, file: "drug-event")
        try expectError(r2, format: .openfda, file: "r2_periods.xml", place: "line 1")
        try expectError(r2, format: .json, file: "r2_periods.xml")
        try expectError(native, format: .openfda, file: "001-alemtuzumab", place: "safetyreportid")
        try expectError(native, format: .e2b, file: "001-alemtuzumab", place: "/ichicsr")
        // Text that is plainly a table, JSON or XML is no narrative, whatever --format says.
        try expectError(faers.appendingPathComponent("ASCII/DEMO15Q3.txt"), format: .narrative, file: "DEMO15Q3.txt", place: "line 1")
        try expectError(openfda, format: .narrative, file: "drug-event", place: "line 1")
        try expectError(r2, format: .narrative, file: "r2_periods.xml", place: "line 1")
        // A report that merely starts with a bracket is still a narrative.
        let text = try write(Array("[1] A 40-year-old woman developed a rash 3 days after starting amoxicillin.".utf8), "report.txt")
        #expect(try S.importing([text.path], into: try S.library(), format: .narrative).imported == 1)
    }

    @Test func invalidUTF8() throws {
        // FAERS, VAERS and E2B files in Latin-1 / Windows-1252 are read as such, never as U+FFFD.
        let q = try copy("faers/faers_ascii_2015q3")
        let lib = try S.library()
        try S.importing([q.path], into: lib)
        let c = try #require(try lib.loadCase(id: "faers-100001"))
        #expect(c.source.citation?.hasPrefix("Müller") == true)
        let y = try copy("vaers/2021")
        try edit(y.appendingPathComponent("2021VAERSDATA.csv"), [("Fever and chills", "Fi\u{E8}vre and chills")])
        var bytes = [UInt8](try Data(contentsOf: y.appendingPathComponent("2021VAERSDATA.csv")))
        if let r = bytes.firstRange(of: Array("Fi\u{E8}vre".utf8)) { bytes.replaceSubrange(r, with: [0x46, 0x69, 0xE8, 0x76, 0x72, 0x65]) }
        try Data(bytes).write(to: y.appendingPathComponent("2021VAERSDATA.csv"))
        let vlib = try S.library()
        try S.importing([y.path], into: vlib)
        #expect(try vlib.loadCase(id: "vaers-0916602")?.narrative?.hasPrefix("Fièvre") == true)
        // Narrative text: a stray byte is read as Windows-1252 too, not replaced.
        let txt = try write(Array("A 40-year-old woman developed a rash 3 days after starting amoxicillin. Caf".utf8) + [0xE9] + Array(".".utf8), "report.txt")
        let nlib = try S.library()
        try S.importing([txt.path], into: nlib, format: .narrative)
        let n = try #require(try nlib.ids(Query.all).first)
        #expect(try nlib.loadCase(id: n)?.narrative?.contains("Café") == true)
        #expect(try nlib.loadCase(id: n)?.narrative?.contains("\u{FFFD}") == false)
        // onset's own JSON must be UTF-8: an invalid byte is an error with its place.
        let json = try write(Array(#"[{"format":"onset.case/1","id":"x","source":{"kind":"literature"},"narrative":"caf"#.utf8) + [0xE9, 0x22, 0x7D, 0x5D], "cases.json")
        try expectError(json, format: .json, file: "cases.json")
        // openFDA JSON too.
        let ofda = try write(Array(#"{"results":[{"safetyreportid":"1","patient":{"reaction":[{"reactionmeddrapt":"Rash"#.utf8) + [0xFF] + Array(#""}]}}]}"#.utf8), "drug-event-0001-of-0001.json")
        try expectError(ofda, format: .openfda, file: "drug-event", place: "line 1")
    }

    @Test func hundredMegabyteSingleLine() throws {
        let line = [UInt8](repeating: UInt8(ascii: "a"), count: 100 << 20)
        let q = try copy("faers/faers_ascii_2015q3")
        let reac = [UInt8](try Data(contentsOf: q.appendingPathComponent("ASCII/REAC15Q3.txt")))
        let header = reac.prefix(through: try #require(reac.firstIndex(of: 0x0A)))
        try Data(Array(header) + line).write(to: q.appendingPathComponent("ASCII/REAC15Q3.txt"))
        try expectError(q, format: .faers, file: "REAC15Q3.txt", place: "line 2", message: "16 MiB")
        let y = try copy("vaers/2021")
        try Data(Array("VAERS_ID,SYMPTOM1\n0916602,\"".utf8) + line).write(to: y.appendingPathComponent("2021VAERSSYMPTOMS.csv"))
        try expectError(y, format: .vaers, file: "2021VAERSSYMPTOMS.csv", place: "line 2", message: "16 MiB")
        try expectError(try write(Array(#"{"results":[{"safetyreportid":""#.utf8) + line, "drug-event-0001-of-0001.json"),
                        format: .openfda, file: "drug-event", place: "line 1", message: "64 MiB")
        try expectError(try write(Array("<ichicsr><safetyreport><narrative>".utf8) + line, "report.xml"),
                        format: .e2b, file: "report.xml", place: "line 1", message: "64 MiB")
        try expectError(try write(line, "report.xml"), format: .e2b, file: "report.xml", message: "no <safetyreport>")
        try expectError(try write(line, "report.txt"), format: .narrative, file: "report.txt", message: "4 MiB")
        // onset's JSON is read whole (a case file is one document); the error still has its place.
        try expectError(try write(Array(#"[{"format":"onset.case/1","id":""#.utf8) + line, "cases.json"), format: .json, file: "cases.json")
    }

    @Test func wrongFieldCounts() throws {
        // The fixtures already hold one such row each; one more is one more set aside, by its line.
        let baseFAERS = try S.importing([S.fixture("faers/faers_ascii_2015q3")], into: try S.library()).sources[0].quarantined
        let q = try copy("faers/faers_ascii_2015q3")
        try edit(q.appendingPathComponent("ASCII/DRUG15Q3.txt"), [("1000011$100001$1$", "1000011$100001$1$extra$")])
        let (s, _) = try expectWarning(q, ["DRUG15Q3.txt:2", "fields where the header has"])
        #expect(s.sources[0].quarantined == baseFAERS + 1)
        let baseVAERS = try S.importing([S.fixture("vaers/2021")], into: try S.library()).sources[0].quarantined
        let y = try copy("vaers/2021")
        try edit(y.appendingPathComponent("2021VAERSVAX.csv"), [("\n", "\n1,2,3\n")])
        let (v, _) = try expectWarning(y, ["2021VAERSVAX.csv:2", "fields where the header has"])
        #expect(v.sources[0].quarantined == baseVAERS + 1)
    }

    @Test func impossibleDates() throws {
        // FAERS: 31 February and month 13 are left out, noted in the case and counted.
        let q = try copy("faers/faers_ascii_2015q3")
        try edit(q.appendingPathComponent("ASCII/DEMO15Q3.txt"), [("$20150801$", "$20250231$"), ("$201507$", "$201513$")])
        let (_, lib) = try expectWarning(q, ["primaryid 1000011", "fda_dt \"20250231\" is not a date"])
        let c = try #require(try lib.loadCase(id: "faers-100001"))
        #expect(c.dates.received == nil)
        #expect(c.events.allSatisfy { $0.onset == nil })
        #expect(c.notes?.contains("event_dt \"201513\" is not a date") == true)
        // VAERS.
        let y = try copy("vaers/2021")
        try edit(y.appendingPathComponent("2021VAERSDATA.csv"), [("01/01/2021", "02/31/2021")])
        try expectWarning(y, ["2021VAERSDATA.csv:2", "RECVDATE \"02/31/2021\" is not a date"])
        // openFDA: a day that does not exist is not cut down to its month.
        let ofda = try write(Array(#"{"results":[{"safetyreportid":"9","receivedate":"20250231","receivedateformat":"102","patient":{"reaction":[{"reactionmeddrapt":"Rash","reactionstartdate":"20251301"}],"drug":[{"medicinalproduct":"X","drugcharacterization":"1"}]}}]}"#.utf8), "drug-event-0001-of-0001.json")
        let (_, olib) = try expectWarning(ofda, ["results[0]", "receivedate \"20250231\" is not a date"])
        let o = try #require(try olib.loadCase(id: "openfda-9"))
        #expect(o.dates.received == nil)
        #expect(o.events.first?.onset == nil)
        // E2B(R2) and (R3).
        let r2 = try write([UInt8](try Data(contentsOf: URL(fileURLWithPath: S.fixture("e2b/r2_periods.xml")))), "r2.xml")
        try edit(r2, [("<receivedate>20190312</receivedate>", "<receivedate>20190231</receivedate>")])
        try expectWarning(r2, ["safetyreport", "receivedate \"20190231\" is not a date"])
        let r3 = try write([UInt8](try Data(contentsOf: URL(fileURLWithPath: S.fixture("e2b/r3_intervals.xml")))), "r3.xml")
        try edit(r3, [(#"<low value="20200111"/>"#, #"<low value="20201311"/>"#)])
        try expectWarning(r3, ["r3.xml", "reaction start \"20201311\" is not a date"])
        // onset's JSON refuses the case, at the field.
        let json = try write(Array(#"[{"format":"onset.case/1","id":"x","source":{"kind":"literature"},"dates":{"received":"2025-02-31"},"drugs":[{"id":"d1","name":"x","role":"suspect"}],"events":[{"id":"e1","term":"Rash"}]}]"#.utf8), "cases.json")
        try expectError(json, format: .json, file: "cases.json", place: "received")
    }

    @Test func negativeAges() throws {
        let q = try copy("faers/faers_ascii_2015q3")
        try edit(q.appendingPathComponent("ASCII/DEMO15Q3.txt"), [("$52$YR$", "$-52$YR$")])
        let (_, lib) = try expectWarning(q, ["primaryid 1000011", "age \"-52\" YR is not a plausible age"])
        #expect(try lib.loadCase(id: "faers-100001")?.patient.age == nil)
        let y = try copy("vaers/2021")
        try edit(y.appendingPathComponent("2021VAERSDATA.csv"), [(",45.0,", ",-45.0,")])
        let (_, vlib) = try expectWarning(y, ["2021VAERSDATA.csv:2", "AGE_YRS \"-45.0\""])
        #expect(try vlib.loadCase(id: "vaers-0916602")?.patient.age == nil)
        let r2 = try write([UInt8](try Data(contentsOf: URL(fileURLWithPath: S.fixture("e2b/r2_periods.xml")))), "r2.xml")
        try edit(r2, [("<patientonsetage>34</patientonsetage>", "<patientonsetage>-34</patientonsetage>")])
        try expectWarning(r2, ["safetyreport", "patientonsetage \"-34\" 801"])
        let r3 = try write([UInt8](try Data(contentsOf: URL(fileURLWithPath: S.fixture("e2b/r3_intervals.xml")))), "r3.xml")
        try edit(r3, [(#"<value value="4" unit="10.a""#, #"<value value="-4" unit="10.a""#)])
        try expectWarning(r3, ["r3.xml", "age \"-4\" 10.a"])
        let ofda = try write(Array(#"{"results":[{"safetyreportid":"9","patient":{"patientonsetage":"-40","patientonsetageunit":"801","reaction":[{"reactionmeddrapt":"Rash"}],"drug":[{"medicinalproduct":"X","drugcharacterization":"1"}]}}]}"#.utf8), "drug-event-0001-of-0001.json")
        try expectWarning(ofda, ["results[0]", "patientonsetage \"-40\" 801"])
        let json = try write(Array(#"[{"format":"onset.case/1","id":"x","source":{"kind":"literature"},"patient":{"age":{"value":-3,"unit":"year"}},"drugs":[{"id":"d1","name":"x","role":"suspect"}],"events":[{"id":"e1","term":"Rash"}]}]"#.utf8), "cases.json")
        try expectError(json, format: .json, file: "cases.json", place: "age")
    }

    @Test func faersTherapyForADrugThatDoesNotExist() throws {
        let q = try copy("faers/faers_ascii_2015q3")
        try edit(q.appendingPathComponent("ASCII/THER15Q3.txt"), [("1000022$100002$1$", "1000022$100002$7$")])
        let (_, lib) = try expectWarning(q, ["primaryid 1000022", "THER row for drug_seq 7"])
        let c = try #require(try lib.loadCase(id: "faers-100002"))
        #expect(c.notes?.contains("THER row for drug_seq 7 (start 20150901, end 20150903)") == true)
    }

    @Test func e2bReactionThatNoDrugRefersTo() throws {
        // Drug 1's intervals point at reaction …0009, which the report lacks; reaction …0002 is
        // then referred to by no drug. The interval is noted and counted, the reaction kept.
        let r3 = try write([UInt8](try Data(contentsOf: URL(fileURLWithPath: S.fixture("e2b/r3_intervals.xml")))), "r3.xml")
        var text = try String(contentsOf: r3, encoding: .utf8)
        text = text.replacingOccurrences(of: #"<actReference classCode="OBS" moodCode="EVN"><id root="aaaaaaaa-0000-4000-8000-000000000002"/>"#,
                                         with: #"<actReference classCode="OBS" moodCode="EVN"><id root="aaaaaaaa-0000-4000-8000-000000000009"/>"#)
        try text.write(to: r3, atomically: true, encoding: .utf8)
        let (_, lib) = try expectWarning(r3, ["r3.xml", "points at reaction aaaaaaaa-0000-4000-8000-000000000009"])
        let id = try #require(try lib.ids(Query.all).first)
        let c = try #require(try lib.loadCase(id: id))
        #expect(c.events.count == 2)
        #expect(!c.intervals.contains { $0.event == "e2" })
    }

    /// The fuzz harness's byte-level entry points reach the builders with the seeds (a harness
    /// that set everything aside would fuzz nothing).
    @Test func parserEntryPointsBuildCasesFromTheSeeds() throws {
        let corpus = TestSupport.repoRoot.appendingPathComponent("Tests/FuzzCorpus")
        func seed(_ t: String, _ n: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: corpus.appendingPathComponent("\(t)/\(n)"))) }
        let imported = try S.importing([S.fixture("faers/faers_ascii_2015q3")], into: try S.library()).imported
        #expect(try ParserEntryPoints.faers(try seed("faers", "seed-faers-2015q3")).cases == imported)
        #expect(try ParserEntryPoints.faers(try seed("faers", "seed-aers-2010q1")).cases >= 1)
        #expect(try ParserEntryPoints.vaersData(try seed("vaers", "seed-2021-data.csv")).cases >= 1)
        #expect(try ParserEntryPoints.e2b(try seed("e2b", "seed-r2.xml")).cases >= 1)
        #expect(try ParserEntryPoints.e2b(try seed("e2b", "seed-r3.xml")).cases >= 1)
        #expect(try ParserEntryPoints.e2b(try seed("e2b", "seed-aers.sgm")).cases >= 1)
        #expect(try ParserEntryPoints.openFDA(try seed("openfda", "seed-bulk.json")).cases >= 1)
        #expect(try ParserEntryPoints.narrative(try seed("narrative", "seed-005.txt")).cases == 1)
    }
}
