import ArgumentParser
import Foundation
import OnsetCore

/// `onset bench-queries QUERIES.json`: the benchmark's drug and drug + event questions answered in
/// process (count and first page of 50, as the browser asks them), timed, as JSON on stdout.
/// Hidden: a tool for `scripts/bench.sh` and its tests, not for users.
struct BenchQueriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-queries", abstract: "Time the benchmark's queries (internal).",
                                                    shouldDisplay: false)

    @OptionGroup var library: LibraryOptions
    @Option(help: "Timed runs per query (the median is reported).") var runs = 3
    @Argument(help: "queries.json written by scripts/bench_peers.py.") var file: String

    struct QueryFile: Decodable {
        struct Q: Decodable { var id: String; var kind: String; var drug: String; var event: String? }
        var queries: [Q]
    }

    func run() throws {
        let spec = try JSONDecoder().decode(QueryFile.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
        let lib = try library.open(readOnly: true)
        var items: [JSONValue] = []
        for q in spec.queries {
            var terms = [QueryTerm(negated: false, condition: .drug([q.drug], suspectOnly: false), start: 0, end: 0)]
            if let e = q.event { terms.append(QueryTerm(negated: false, condition: .event([e]), start: 0, end: 0)) }
            let query = Query(terms: terms, text: "")
            var pageMs: [Double] = [], countMs: [Double] = []
            var count = 0
            var page: [CaseSummary] = []
            for _ in 0..<max(1, runs) {
                let t0 = DispatchTime.now().uptimeNanoseconds
                page = try lib.page(query, limit: 50)
                let t1 = DispatchTime.now().uptimeNanoseconds
                count = try lib.count(query)
                let t2 = DispatchTime.now().uptimeNanoseconds
                pageMs.append(Double(t1 - t0) / 1e6)
                countMs.append(Double(t2 - t1) / 1e6)
            }
            let totals = zip(pageMs, countMs).map { $0 + $1 }
            var o = JSONObjectBuilder()
            o.set("id", q.id)
            o.set("count", count)
            o.set("first_page", JSONValue.array(page.map { .string($0.id) }))
            o.set("ms", median(totals))
            o.set("first_ms", totals[0])
            o.set("page_ms", median(pageMs))
            o.set("count_ms", median(countMs))
            items.append(o.value)
        }
        out(JSONWriter.write(.object([("schema", .string("onset-bench/onset-queries/1")), ("db", .string(lib.path)),
                                      ("runs", .number(Double(runs))), ("queries", .array(items))]), pretty: false))
    }

    private func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
