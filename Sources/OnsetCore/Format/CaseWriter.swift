/// Writes cases in onset's JSON case format, keys in the documented order, absent values left out.
public enum CaseWriter {
    public static func json(_ c: Case) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("format", CaseReader.formatTag)
        o.set("id", c.id)
        if c.status != .final { o.set("status", c.status.rawValue) }
        var s = JSONObjectBuilder()
        s.set("kind", c.source.kind.rawValue)
        s.set("citation", c.source.citation)
        s.set("doi", c.source.doi)
        s.set("file", c.source.file)
        s.set("record", c.source.record)
        s.set("case", c.source.caseNumber)
        s.set("version", c.source.version)
        s.set("format", c.source.format)
        o.set("source", s.value)
        if c.dates.received != nil || c.dates.reported != nil {
            var d = JSONObjectBuilder()
            d.set("received", c.dates.received?.description)
            d.set("reported", c.dates.reported?.description)
            o.set("dates", d.value)
        }
        o.set("country", c.country)
        o.set("dayZero", c.dayZero?.description)
        let p = c.patient
        if p != Patient() {
            var pb = JSONObjectBuilder()
            if let a = p.age { pb.set("age", JSONValue.object([("value", .number(a.value)), ("unit", .string(a.unit.rawValue))])) }
            pb.set("sex", p.sex?.rawValue)
            if let w = p.weight { pb.set("weight", JSONValue.object([("value", .number(w.value)), ("unit", .string(w.unit.rawValue))])) }
            pb.set("conditions", nonEmpty: p.conditions.map(JSONValue.string))
            o.set("patient", pb.value)
        }
        o.set("drugs", nonEmpty: c.drugs.map(drug))
        o.set("events", nonEmpty: c.events.map(event))
        o.set("serious", c.serious)
        o.set("seriousness", nonEmpty: c.seriousness.map { .string($0.rawValue) })
        o.set("outcome", c.outcome?.rawValue)
        o.set("treatments", nonEmpty: c.treatments.map { t in
            var b = JSONObjectBuilder()
            b.set("name", t.name); b.set("generic", t.generic); b.set("route", t.route)
            b.set("events", nonEmpty: t.events.map(JSONValue.string)); b.set("note", t.note)
            return b.value
        })
        o.set("tests", nonEmpty: c.tests.map { t in
            var b = JSONObjectBuilder()
            b.set("name", t.name); b.set("result", t.result); b.set("time", t.time?.description); b.set("note", t.note)
            return b.value
        })
        o.set("narrative", c.narrative)
        o.set("intervals", nonEmpty: c.intervals.map { i in
            var b = JSONObjectBuilder()
            b.set("drug", i.drug); b.set("event", i.event); b.set("anchor", i.anchor.rawValue); b.set("dose", i.dose)
            b.set("min", i.min); b.set("max", i.max); b.set("unit", i.unit.rawValue); b.set("text", i.text)
            return b.value
        })
        o.set("notes", c.notes)
        o.set("spans", nonEmpty: c.spans.map { .object([("field", .string($0.field)), ("start", .number(Double($0.start))), ("end", .number(Double($0.end)))]) })
        return o.value
    }

    static func drug(_ d: Drug) -> JSONValue {
        var b = JSONObjectBuilder()
        b.set("id", d.id); b.set("name", d.name); b.set("generic", d.generic); b.set("role", d.role.rawValue)
        b.set("indication", d.indication); b.set("route", d.route); b.set("dose", d.dose)
        b.set("administrations", nonEmpty: d.administrations.map { a in
            var ab = JSONObjectBuilder()
            ab.set("number", a.number); ab.set("time", a.time?.description); ab.set("note", a.note)
            return ab.value
        })
        b.set("start", d.start?.description); b.set("end", d.end?.description)
        b.set("courses", nonEmpty: d.courses.map { c in
            var cb = JSONObjectBuilder()
            cb.set("start", c.start?.description); cb.set("end", c.end?.description)
            return cb.value
        })
        b.set("action", d.action?.rawValue); b.set("note", d.note)
        return b.value
    }

    static func event(_ e: Event) -> JSONValue {
        var b = JSONObjectBuilder()
        b.set("id", e.id); b.set("term", e.term); b.set("preferred", e.preferred)
        b.set("onset", e.onset?.description); b.set("end", e.end?.description); b.set("outcome", e.outcome?.rawValue)
        return b.value
    }

    public static func text(_ c: Case, pretty: Bool = true) -> String { JSONWriter.write(json(c), pretty: pretty) }

    public static func text(_ cases: [Case]) -> String {
        cases.count == 1 ? text(cases[0]) : JSONWriter.write(.array(cases.map(json)))
    }
}
