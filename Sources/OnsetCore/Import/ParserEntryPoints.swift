import Foundation

/// Each importer's parsing and mapping run on bytes in memory, without files or a library: what
/// the fuzz harness drives thousands of times a second. Every case a parser builds is written in
/// onset's JSON and read back, since that is how the library stores it: a case that does not
/// survive the trip would be a case the library could never show again.
public enum ParserEntryPoints {
    /// A built case that did not read back as itself: the library would lose it.
    public struct RoundTripFailure: Error, CustomStringConvertible {
        public var caseID: String
        public var detail: String
        public var description: String { "case \(caseID) does not survive onset's JSON: \(detail)" }
    }

    /// What one parse produced.
    public struct Outcome: Sendable {
        public var cases = 0
        public var setAside = 0
    }

    /// Writes `c` as `show --format json` prints it and as the library stores it (`StoredCaseForm`,
    /// in a source whose file and format are the case's and in one where they are not), and reads
    /// each back; throws `RoundTripFailure` when the case or its printed bytes change.
    public static func roundTrip(_ c: Case) throws {
        let expected = Array(CaseWriter.text(c).utf8)
        func check(_ read: () throws -> Case?, _ how: String) throws {
            let back: Case?
            do { back = try read() } catch {
                throw RoundTripFailure(caseID: c.id, detail: "\(how): \(error)")
            }
            guard let back, back == c, Array(CaseWriter.text(back).utf8) == expected else {
                throw RoundTripFailure(caseID: c.id, detail: "\(how): read back differently")
            }
        }
        try check({ try CaseReader.read(Array(CaseWriter.text(c, pretty: false).utf8), file: "round trip").first }, "case format")
        for source in [StoredSourceFacts(key: c.source.file ?? "source", format: c.source.format),
                       StoredSourceFacts(key: "another source", format: nil)] {
            let row = StoredCaseRow(id: c.id, kind: c.source.kind.rawValue, record: c.source.record,
                                    caseNumber: c.source.caseNumber, version: c.source.version, source: source)
            try check({ try CaseReader.readStored(CaseWriter.storedBytes(c, source: source), row: row, file: "round trip") }, "stored form")
        }
    }

    /// Cuts a buffer into at most `max` parts at lines reading `%%` (the fuzz inputs' way of
    /// holding several files); whatever follows the last allowed part is dropped.
    public static func sections(_ bytes: [UInt8], max: Int) -> [[UInt8]] {
        var sections: [[UInt8]] = [[]]
        var lineStart = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
            let line = bytes[lineStart..<i]
            if line.elementsEqual([0x25, 0x25]) || line.elementsEqual([0x25, 0x25, 0x0D]) {
                if sections.count == max { break }
                sections.append([])
            } else {
                sections[sections.count - 1] += bytes[lineStart..<min(i + 1, bytes.count)]
            }
            lineStart = i + 1
        }
        return sections
    }

    /// A FAERS quarter in one buffer: the DEMO table, then DRUG, REAC, OUTC, RPSR, THER and INDI,
    /// each starting after a line `%%`. Rows are joined by primaryid in memory (the importer
    /// streams sorted tables; this only needs to reach the builder with every kind of row).
    public static func faers(_ bytes: [UInt8]) throws -> Outcome {
        let sections = Self.sections(bytes, max: FAERSTableKind.allCases.count)
        let quarantine = QuarantineLog()
        func open(_ k: Int) throws -> FAERSTable? {
            guard k < sections.count, !sections[k].isEmpty else { return nil }
            return try FAERSTable(source: DataChunkSource(Data(sections[k])), file: "fuzz-\(k)", quarantine: quarantine, keyNames: ["primaryid", "isr"])
        }
        guard let demo = try open(0) else { return Outcome() }
        defer { demo.close() }
        var groups: [String: FAERSGroup] = [:]
        var order: [String] = []
        let demoCols = FAERSDemoColumns(demo)
        while try demo.advance() {
            let key = TextDecoding.string(demo.key)
            if groups[key] == nil { order.append(key) }
            groups[key] = FAERSGroup(demo: FAERSDemoRow(demo, demoCols))
        }
        for kind in FAERSTableKind.allCases where kind != .demo {
            guard let t = try open(kind.rawValue) else { continue }
            defer { t.close() }
            let drug = kind == .drug ? FAERSDrugColumns(t) : nil
            let set: FAERSColumnSet
            switch kind {
            case .ther: set = .ther(t)
            case .indi: set = .indi(t)
            case .reac: set = .reac(t)
            case .outc: set = .outc(t)
            default: set = .rpsr(t)
            }
            while try t.advance() {
                let key = TextDecoding.string(t.key)
                guard var g = groups[key] else { continue }
                switch kind {
                case .drug: if let drug { g.drugs.append(FAERSDrugRow(t, drug)) }
                case .reac: if let pt = t.string(set.a) { g.reactions.append(pt) }
                case .outc: if let o = t.string(set.a) { g.outcomes.append(o) }
                case .rpsr: if let r = t.string(set.a) { g.reportSources.append(r) }
                case .ther: g.therapies.append(FAERSTherRow(t, set))
                case .indi: g.indications.append(FAERSIndiRow(t, set))
                case .demo: break
                }
                groups[key] = g
            }
        }
        let builder = FAERSCaseBuilder(lexicon: .builtIn, file: "fuzz")
        var out = Outcome()
        for key in order {
            guard let g = groups[key] else { continue }
            switch builder.build(g) {
            case .built(let c): try roundTrip(c); out.cases += 1
            case .skipped: out.setAside += 1
            }
        }
        out.setAside += quarantine.count
        return out
    }

    /// A VAERSDATA table as CSV; each record is mapped with one made-up vaccine and symptom, so
    /// the dates, ages and flags of the record reach the builder.
    public static func vaersData(_ bytes: [UInt8]) throws -> Outcome {
        let reader = CSVReader(source: DataChunkSource(Data(bytes)), file: "fuzz.csv")
        defer { reader.close() }
        guard let header = try reader.next() else { return Outcome() }
        var cols: [String: Int] = [:]
        for (k, h) in header.enumerated() { cols[h.trimmingCharacters(in: .whitespaces).uppercased()] = k }
        let builder = VAERSCaseBuilder(lexicon: LexiconCache(.builtIn), file: "fuzz.csv", columns: cols)
        var out = Outcome()
        while let rec = try reader.next() {
            guard rec.count == header.count, let id = builder.field(rec, "VAERS_ID"), Int(id) != nil else { out.setAside += 1; continue }
            let dose = builder.field(rec, "VAX_DOSE_SERIES")
            let vaccine = VAERSVaccine(type: builder.field(rec, "VAX_TYPE"), manufacturer: nil, lot: nil, dose: dose.flatMap { Int($0) },
                                       doseText: dose, route: builder.field(rec, "VAX_ROUTE"), site: nil, name: builder.field(rec, "VAX_NAME"))
            guard let c = builder.build(rec, id: id, vaccines: [vaccine], symptoms: [builder.field(rec, "SYMPTOM1") ?? "Pyrexia"]) else { continue }
            try roundTrip(c)
            out.cases += 1
        }
        return out
    }

    /// An E2B file: R3 when it says so in its head, else R2: XML when it starts with an XML
    /// declaration, AERS SGML otherwise (the importer goes by the file name instead).
    public static func e2b(_ bytes: [UInt8]) throws -> Outcome {
        var out = Outcome()
        func handle(_ r: E2BReportMapper.Result) throws {
            switch r {
            case .built(let c): try roundTrip(c); out.cases += 1
            case .skipped: out.setAside += 1
            }
        }
        let head = String(decoding: bytes.prefix(8192), as: UTF8.self)
        if head.contains("urn:hl7-org:v3") || head.contains("PORR_IN049016UV") || head.contains("MCCI_IN200100UV01") {
            try E2BR3Reader(lexicon: .builtIn, file: "fuzz.xml").read(Data(E2BPreclean.clean(bytes)), handle)
        } else {
            let sgml = !head.hasPrefix("<?xml")
            try E2BR2Reader(lexicon: .builtIn, file: sgml ? "fuzz.sgm" : "fuzz.xml", sgml: sgml).read(DataChunkSource(Data(bytes)), handle)
        }
        return out
    }

    /// An openFDA drug-event file (bulk wrapper, array or one report), streamed as the importer does.
    public static func openFDA(_ bytes: [UInt8]) throws -> Outcome {
        let stream = JSONResultsStream(source: DataChunkSource(Data(bytes)), file: "fuzz.json")
        defer { stream.close() }
        let mapper = E2BReportMapper(lexicon: .builtIn, kind: .openfda, format: "openfda-json", prefix: "openfda", file: "fuzz.json")
        var out = Outcome()
        while let report = try stream.next() {
            switch try mapper.map(report, place: "results[\(stream.index - 1)]") {
            case .built(let c): try roundTrip(c); out.cases += 1
            case .skipped: out.setAside += 1
            }
        }
        return out
    }

    /// A plain-text case report, extracted into a draft case.
    public static func narrative(_ bytes: [UInt8]) throws -> Outcome {
        guard bytes.count <= NarrativeImporter.maxBytes, (try? NarrativeImporter.checkIsText(bytes, file: "fuzz.txt")) != nil else { return Outcome() }
        let text = TextDecoding.lenient(bytes)
        guard text.contains(where: { $0.isLetter }) else { return Outcome() }
        let c = NarrativeExtractor(dictionary: NarrativeImporter.dictionary(for: .builtIn)).extract(text, id: "fuzz", file: "fuzz.txt")
        try roundTrip(c)
        return Outcome(cases: 1)
    }
}
