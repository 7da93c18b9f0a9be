/// Writes cases in onset's JSON case format, keys in the documented order, absent values left out.
public enum CaseWriter {
    public static func json(_ c: Case) -> JSONValue {
        var o = JSONObjectBuilder()
        describe(c, into: &o)
        return o.value
    }

    /// The case's fields in the documented order, into either kind of sink. With `stored`, what
    /// the library row holds is left out (`StoredCaseForm`).
    static func describe<S: JSONObjectSink>(_ c: Case, stored: StoredSourceFacts? = nil, into o: inout S) {
        if let stored {
            describeStoredHead(c, stored, into: &o)
        } else {
            o.set("format", CaseReader.formatTag)
            o.set("id", c.id)
            if c.status != .final { o.set("status", c.status.rawValue) }
            o.object("source") { s in
                s.set("kind", c.source.kind.rawValue)
                s.set("citation", c.source.citation)
                s.set("doi", c.source.doi)
                s.set("file", c.source.file)
                s.set("record", c.source.record)
                s.set("case", c.source.caseNumber)
                s.set("version", c.source.version)
                s.set("format", c.source.format)
            }
        }
        if c.dates.received != nil || c.dates.reported != nil {
            o.object("dates") { d in
                d.set("received", c.dates.received?.description)
                d.set("reported", c.dates.reported?.description)
            }
        }
        o.set("country", c.country)
        o.set("dayZero", c.dayZero?.description)
        let p = c.patient
        if p != Patient() {
            o.object("patient") { pb in
                if let a = p.age { pb.object("age") { $0.set("value", a.value); $0.set("unit", a.unit.rawValue) } }
                pb.set("sex", p.sex?.rawValue)
                if let w = p.weight { pb.object("weight") { $0.set("value", w.value); $0.set("unit", w.unit.rawValue) } }
                pb.set("conditions", strings: p.conditions)
            }
        }
        var number = 0
        o.objects("drugs", c.drugs) { b, d in
            number += 1
            drug(d, storedAs: stored == nil ? nil : number, into: &b)
        }
        number = 0
        o.objects("events", c.events) { b, e in
            number += 1
            event(e, storedAs: stored == nil ? nil : number, into: &b)
        }
        o.set("serious", c.serious)
        o.set("seriousness", strings: c.seriousness.map(\.rawValue))
        o.set("outcome", c.outcome?.rawValue)
        o.objects("treatments", c.treatments) { b, t in
            b.set("name", t.name); b.set("generic", t.generic); b.set("route", t.route)
            b.set("events", strings: t.events); b.set("note", t.note)
        }
        o.objects("tests", c.tests) { b, t in
            b.set("name", t.name); b.set("result", t.result); b.set("time", t.time?.description); b.set("note", t.note)
        }
        o.set("narrative", c.narrative)
        o.objects("intervals", c.intervals) { b, i in
            b.set("drug", i.drug); b.set("event", i.event); b.set("anchor", i.anchor.rawValue); b.set("dose", i.dose)
            b.set("min", i.min); b.set("max", i.max); b.set("unit", i.unit.rawValue); b.set("text", i.text)
        }
        o.set("notes", c.notes)
        o.objects("spans", c.spans) { b, s in b.set("field", s.field); b.set("start", s.start); b.set("end", s.end) }
    }

    /// A drug; `storedAs` (its number in the case, from 1) writes the stored form.
    static func drug<S: JSONObjectSink>(_ d: Drug, storedAs number: Int? = nil, into b: inout S) {
        if number == nil || !StoredCaseForm.isDefaultID(d.id, UInt8(ascii: "d"), number!) { b.set("id", d.id) }
        b.set("name", d.name); b.set("generic", d.generic); b.set("role", d.role.rawValue)
        b.set("indication", d.indication); b.set("route", d.route); b.set("dose", d.dose)
        b.objects("administrations", d.administrations) { ab, a in
            ab.set("number", a.number); ab.set("time", a.time?.description); ab.set("note", a.note)
        }
        b.set("start", d.start?.description); b.set("end", d.end?.description)
        let courses: StoredCaseForm.Courses = number == nil ? .written : StoredCaseForm.courses(of: d)
        switch courses {
        case .written:
            b.objects("courses", d.courses) { cb, c in
                cb.set("start", c.start?.description); cb.set("end", c.end?.description)
            }
        case .impliedByDates: break
        case .explicitlyNone: b.setEmptyList("courses")
        }
        b.set("action", d.action?.rawValue); b.set("note", d.note)
    }

    /// An event; `storedAs` (its number in the case, from 1) writes the stored form.
    static func event<S: JSONObjectSink>(_ e: Event, storedAs number: Int? = nil, into b: inout S) {
        if number == nil || !StoredCaseForm.isDefaultID(e.id, UInt8(ascii: "e"), number!) { b.set("id", e.id) }
        b.set("term", e.term)
        if number == nil {
            b.set("preferred", e.preferred)
        } else if let preferred = e.preferred {
            if !StoredCaseForm.sameText(preferred, e.term) { b.set("preferred", preferred) }
        } else {
            b.setNull("preferred")
        }
        b.set("onset", e.onset?.description); b.set("end", e.end?.description); b.set("outcome", e.outcome?.rawValue)
    }

    /// The case as JSON text; compact text is written without building a tree first.
    public static func text(_ c: Case, pretty: Bool = true) -> String {
        if pretty { return JSONWriter.write(json(c), pretty: true) }
        var o = CompactJSONObject()
        describe(c, into: &o)
        return o.finish()
    }

    /// The case as stored in a library whose source row has `source`'s key and format
    /// (`StoredCaseForm`), as UTF-8 bytes.
    static func storedBytes(_ c: Case, source: StoredSourceFacts) -> [UInt8] {
        var o = CompactJSONObject()
        describe(c, stored: source, into: &o)
        return o.finishBytes()
    }

    /// The head of the stored form: no format tag, and of the source only what its rows lack.
    private static func describeStoredHead<S: JSONObjectSink>(_ c: Case, _ stored: StoredSourceFacts, into o: inout S) {
        if c.status != .final { o.set("status", c.status.rawValue) }
        let s = c.source
        let file = StoredCaseForm.field(s.file, rowValue: stored.key)
        let format = StoredCaseForm.field(s.format, rowValue: stored.format)
        guard s.citation != nil || s.doi != nil || file != .implied || format != .implied else { return }
        o.object("source") { b in
            b.set("citation", s.citation)
            b.set("doi", s.doi)
            StoredCaseForm.write(file, "file", into: &b)
            StoredCaseForm.write(format, "format", into: &b)
        }
    }

    public static func text(_ cases: [Case]) -> String {
        cases.count == 1 ? text(cases[0]) : JSONWriter.write(.array(cases.map(json)))
    }
}
