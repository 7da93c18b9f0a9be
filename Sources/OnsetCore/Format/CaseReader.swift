import Foundation

/// Reads onset's JSON case format (version 1): one case object or an array of them.
public enum CaseReader {
    public static let formatTag = "onset.case/1"

    /// Parses and validates a whole file's bytes; errors carry the file name and JSON path.
    public static func read(_ bytes: [UInt8], file: String? = nil) throws -> [Case] {
        try decoding(bytes, file: file) { json in
            switch json {
            case .array(let items):
                guard !items.isEmpty else { throw CaseFormatError(path: "$", message: "expected at least one case, found an empty array") }
                let cases = try items.enumerated().map { try decodeCase($1, path: "$[\($0)]") }
                var seen = Set<String>()
                for (k, c) in cases.enumerated() where !seen.insert(c.id).inserted {
                    throw CaseFormatError(path: "$[\(k)].id", message: "case id \"\(c.id)\" appears twice in this file")
                }
                return cases
            case .object:
                return [try decodeCase(json, path: "$")]
            default:
                throw CaseFormatError(path: "$", message: "expected a case object or an array of cases, found \(json.typeName)")
            }
        }
    }

    /// Reads a case as a library stores it (`StoredCaseForm`), given its row.
    static func readStored(_ bytes: [UInt8], row: StoredCaseRow, file: String) throws -> Case {
        try decoding(bytes, file: file) { json in try decodeCase(try StoredCaseForm.restore(json, row: row), path: "$") }
    }

    /// Parses `bytes` and decodes them with `decode`; either's error names `file`.
    private static func decoding<T>(_ bytes: [UInt8], file: String?, _ decode: (JSONValue) throws -> T) throws -> T {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch let e as JSONSyntaxError {
            throw CaseFormatError(file: file, path: "line \(e.line), column \(e.column)", message: e.message)
        }
        do {
            return try decode(json)
        } catch var e as CaseFormatError {
            e.file = file
            throw e
        }
    }

    public static func read(contentsOf url: URL) throws -> [Case] {
        let data = try Data(contentsOf: url)
        return try read([UInt8](data), file: url.path)
    }

    static func decodeCase(_ value: JSONValue, path: String) throws -> Case {
        var r = try JSONObjectReader(value, path: path)
        let tag = try r.string("format", required: true)
        guard tag == formatTag else {
            throw CaseFormatError(path: r.child("format"), message: "expected \"\(formatTag)\", found \"\(tag ?? "")\"")
        }
        let id = try r.string("id", required: true)!
        guard id.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._:-".unicodeScalars.contains($0)) }),
              id.count <= 200 else {
            throw CaseFormatError(path: r.child("id"), message: "expected letters, digits and ._:- only (at most 200), found \"\(id)\"")
        }
        guard var sr = try r.object("source") else { throw CaseFormatError(path: r.child("source"), message: "required, expected an object") }
        var source = CaseSource(kind: try sr.enumValue("kind", SourceKind.self, required: true)!)
        source.citation = try sr.string("citation")
        source.doi = try sr.string("doi")
        source.file = try sr.string("file")
        source.record = try sr.string("record")
        source.caseNumber = try sr.string("case")
        source.version = try sr.integer("version", min: 0)
        source.format = try sr.string("format")
        try sr.finish()

        var c = Case(id: id, source: source)
        c.status = try r.enumValue("status", CaseStatus.self) ?? .final
        if var dr = try r.object("dates") {
            c.dates.received = try dr.date("received")
            c.dates.reported = try dr.date("reported")
            try dr.finish()
        }
        c.country = try r.string("country")
        c.dayZero = try r.date("dayZero")
        if var pr = try r.object("patient") { c.patient = try decodePatient(&pr) }

        c.drugs = try r.array("drugs").map { try decodeDrug($0, path: $1) }
        try checkUnique(c.drugs.map(\.id), path: r.child("drugs"), what: "drug")
        c.events = try r.array("events").map { try decodeEvent($0, path: $1) }
        guard !c.events.isEmpty else { throw CaseFormatError(path: r.child("events"), message: "required, expected at least one event") }
        try checkUnique(c.events.map(\.id), path: r.child("events"), what: "event")

        c.serious = try r.bool("serious")
        c.seriousness = try r.array("seriousness").map { v, p in
            guard case .string(let s) = v, let e = Seriousness(rawValue: s) else {
                throw CaseFormatError(path: p, message: "expected one of \(Seriousness.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return e
        }
        c.outcome = try r.enumValue("outcome", Outcome.self)
        let eventIDs = Set(c.events.map(\.id)), drugIDs = Set(c.drugs.map(\.id))
        c.treatments = try r.array("treatments").map { v, p in
            var tr = try JSONObjectReader(v, path: p)
            var t = Treatment(name: try tr.string("name", required: true)!)
            t.generic = try tr.string("generic")
            t.route = try tr.string("route")
            t.events = try tr.strings("events")
            for (k, e) in t.events.enumerated() where !eventIDs.contains(e) {
                throw CaseFormatError(path: "\(p).events[\(k)]", message: "no event has id \"\(e)\"")
            }
            t.note = try tr.string("note")
            try tr.finish()
            return t
        }
        c.tests = try r.array("tests").map { v, p in
            var tr = try JSONObjectReader(v, path: p)
            var t = LabTest(name: try tr.string("name", required: true)!, result: try tr.string("result"))
            t.time = try tr.time("time")
            t.note = try tr.string("note")
            try tr.finish()
            return t
        }
        c.narrative = try r.string("narrative")
        c.intervals = try r.array("intervals").map { try decodeInterval($0, path: $1, drugs: drugIDs, events: eventIDs) }
        c.notes = try r.string("notes")
        let narrativeLength = c.narrative?.count ?? 0
        c.spans = try r.array("spans").map { v, p in
            var sr = try JSONObjectReader(v, path: p)
            let s = TextSpan(field: try sr.string("field", required: true)!,
                             start: try sr.integer("start", min: 0) ?? 0, end: try sr.integer("end", min: 0) ?? 0)
            guard s.start <= s.end, s.end <= narrativeLength else {
                throw CaseFormatError(path: p, message: "expected 0 <= start <= end <= narrative length (\(narrativeLength))")
            }
            try sr.finish()
            return s
        }
        if c.dayZero == nil, usesBothAxes(c) {
            throw CaseFormatError(path: r.child("dayZero"), message: "required when a case mixes calendar dates and \"day N\" time points")
        }
        try r.finish()
        return c
    }

    static func usesBothAxes(_ c: Case) -> Bool {
        var points: [TimePoint] = []
        for d in c.drugs {
            points += [d.start, d.end].compactMap { $0 }
            points += d.administrations.compactMap(\.time)
            points += d.courses.flatMap { [$0.start, $0.end].compactMap { $0 } }
        }
        for e in c.events { points += [e.onset, e.end].compactMap { $0 } }
        points += c.tests.compactMap(\.time)
        let hasDate = points.contains { if case .date = $0 { return true }; return false }
        let hasDay = points.contains { if case .day = $0 { return true }; return false }
        return hasDate && hasDay
    }

    static func checkUnique(_ ids: [String], path: String, what: String) throws {
        var seen = Set<String>()
        for (k, id) in ids.enumerated() where !seen.insert(id).inserted {
            throw CaseFormatError(path: "\(path)[\(k)].id", message: "\(what) id \"\(id)\" is used twice")
        }
    }

    static func decodePatient(_ r: inout JSONObjectReader) throws -> Patient {
        var p = Patient()
        if var ar = try r.object("age") {
            let v = try ar.number("value", required: true)!
            guard v >= 0, v < 200 else { throw CaseFormatError(path: ar.child("value"), message: "expected an age from 0 to 200, found \(JSONWriter.number(v))") }
            p.age = Quantity(v, try ar.enumValue("unit", AgeUnit.self, required: true)!)
            try ar.finish()
        }
        p.sex = try r.enumValue("sex", Sex.self)
        if var wr = try r.object("weight") {
            let v = try wr.number("value", required: true)!
            guard v > 0 else { throw CaseFormatError(path: wr.child("value"), message: "expected a positive weight") }
            p.weight = Quantity(v, try wr.enumValue("unit", WeightUnit.self, required: true)!)
            try wr.finish()
        }
        p.conditions = try r.strings("conditions")
        try r.finish()
        return p
    }

    static func decodeDrug(_ v: JSONValue, path: String) throws -> Drug {
        var r = try JSONObjectReader(v, path: path)
        var d = Drug(id: try r.string("id", required: true)!, name: try r.string("name", required: true)!,
                     generic: try r.string("generic"), role: try r.enumValue("role", DrugRole.self, required: true)!)
        d.indication = try r.string("indication")
        d.route = try r.string("route")
        d.dose = try r.string("dose")
        d.administrations = try r.array("administrations").map { v, p in
            var ar = try JSONObjectReader(v, path: p)
            let a = Administration(number: try ar.integer("number", min: 1), time: try ar.time("time"), note: try ar.string("note"))
            try ar.finish()
            return a
        }
        d.start = try r.time("start")
        d.end = try r.time("end")
        d.courses = try r.array("courses").map { v, p in
            var cr = try JSONObjectReader(v, path: p)
            let c = Course(start: try cr.time("start"), end: try cr.time("end"))
            try cr.finish()
            return c
        }
        d.action = try r.enumValue("action", DrugAction.self)
        d.note = try r.string("note")
        try r.finish()
        return d
    }

    static func decodeEvent(_ v: JSONValue, path: String) throws -> Event {
        var r = try JSONObjectReader(v, path: path)
        var e = Event(id: try r.string("id", required: true)!, term: try r.string("term", required: true)!, preferred: try r.string("preferred"))
        e.onset = try r.time("onset")
        e.end = try r.time("end")
        e.outcome = try r.enumValue("outcome", Outcome.self)
        try r.finish()
        return e
    }

    static func decodeInterval(_ v: JSONValue, path: String, drugs: Set<String>, events: Set<String>) throws -> ReportedInterval {
        var r = try JSONObjectReader(v, path: path)
        let drug = try r.string("drug", required: true)!
        guard drugs.contains(drug) else { throw CaseFormatError(path: r.child("drug"), message: "no drug has id \"\(drug)\"") }
        let event = try r.string("event")
        if let event, !events.contains(event) { throw CaseFormatError(path: r.child("event"), message: "no event has id \"\(event)\"") }
        let anchor = try r.enumValue("anchor", IntervalAnchor.self, required: true)!
        let dose = try r.integer("dose", min: 1)
        if anchor == .dose && dose == nil { throw CaseFormatError(path: r.child("dose"), message: "required with anchor \"dose\"") }
        let lo = try r.number("min", required: true)!, hi = try r.number("max", required: true)!
        guard hi >= lo else { throw CaseFormatError(path: r.child("max"), message: "expected max >= min (\(JSONWriter.number(lo))), found \(JSONWriter.number(hi))") }
        let unit = try r.enumValue("unit", TimeUnit.self, required: true)!
        let text = try r.string("text")
        try r.finish()
        return ReportedInterval(drug: drug, event: event, anchor: anchor, dose: dose, min: lo, max: hi, unit: unit, text: text)
    }
}
