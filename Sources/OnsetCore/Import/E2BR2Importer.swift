import Foundation

/// Reads E2B(R2) `ichicsr`/`safetyreport` XML and its AERS SGML form into cases.
///
/// The R2 element names are the ones openFDA's JSON keeps, so each `safetyreport` is turned into
/// that JSON shape (child elements → keys, repeated elements → arrays, text → strings) and mapped
/// by `E2BReportMapper`. Time-to-onset comes from `drugstartperiod`/`druglastperiod` with their
/// unit codes (801 year … 806 minute) and from `reactionstartdate` with its format code.
struct E2BR2Reader {
    let lexicon: Lexicon
    let file: String
    let sgml: Bool
    /// Where dates and ages the mapper could not use are counted.
    var issues = ValueIssues()

    /// Reads every report of the stream, one at a time: each is pre-cleaned and parsed alone, so
    /// memory is one report whatever the file's size.
    func read(_ source: ChunkSource, _ body: (E2BReportMapper.Result) throws -> Void) throws {
        let mapper = E2BReportMapper(lexicon: lexicon, kind: .e2b, format: sgml ? "aers-sgml" : "e2b-r2", prefix: "e2b", file: file, issues: issues)
        let splitter = E2BRecordSplitter(source: source, file: file)
        var n = 0
        while let record = try splitter.next() {
            n += 1
            let reader = XMLRecordReader(data: Data(E2BPreclean.clean(record)), records: ["safetyreport"], file: file,
                                         firstLine: splitter.recordLine, placePrefix: "/ichicsr", index: n)
            try reader.read { node, place in
                try body(try mapper.map(E2BR2Reader.json(node), place: place))
            }
        }
        if n == 0 {
            throw ImportError(file: file, place: "/ichicsr", message: "no <safetyreport> element: not an E2B(R2) file")
        }
    }

    /// An element as openFDA-style JSON: leaves are strings, repeated children become arrays.
    static func json(_ node: XMLNode) -> JSONValue {
        guard !node.children.isEmpty else { return .string(node.text) }
        var keys: [String] = []
        var values: [String: [JSONValue]] = [:]
        for c in node.children {
            if values[c.name] == nil { keys.append(c.name) }
            values[c.name, default: []].append(json(c))
        }
        return .object(keys.map { k in
            let v = values[k] ?? []
            return (k, v.count == 1 ? v[0] : .array(v))
        })
    }
}
