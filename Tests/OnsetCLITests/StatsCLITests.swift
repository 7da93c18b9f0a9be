import Foundation
import Testing
import OnsetCore

/// `onset stats onset|signals|freq` run as a process over `Data/`, in every format.
@Suite(.serialized) struct StatsCLITests {
    let cli = CLIRunner()

    init() throws {
        let r = try cli.run(["import", CLIRunner.repoRoot.appendingPathComponent("Data").path])
        #expect(r.status == 0, "import failed: \(r.stderr)")
    }

    func ok(_ args: [String], env: [String: String] = [:]) throws -> String {
        let r = try cli.run(args, env: env)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        #expect(!r.stdout.contains("\u{1B}"), "\(args) printed an escape character")
        return r.stdout
    }

    func json(_ args: [String]) throws -> JSONValue { try JSONParser.parse(try ok(args + ["--format", "json"])) }

    func keys(_ v: JSONValue?) -> [String] {
        if case .object(let pairs)? = v { return pairs.map(\.0) }
        return []
    }

    func array(_ v: JSONValue?) -> [JSONValue] {
        if case .array(let a)? = v { return a }
        return []
    }

    // MARK: onset

    @Test func onsetTableShowsTheGroupsTheDetailAndTheHistogram() throws {
        let out = try ok(["stats", "onset", "drug:alemtuzumab", "event:epistaxis"], env: ["COLUMNS": "120", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"])
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Time to onset · drug:alemtuzumab event:epistaxis · 1 matching case")
        #expect(lines.contains { $0.hasPrefix("pair") && $0.contains("median [IQR] d") && $0.contains("β [95% CI]") })
        #expect(lines.contains { $0.hasPrefix("all ") })
        #expect(lines.contains { $0.hasPrefix("alemtuzumab → Epistaxis") })
        #expect(out.contains("From first dose:") && out.contains("From last dose:"))
        #expect(lines.contains { $0.hasPrefix("  1 d ") && $0.contains("█") } || lines.contains { $0.hasPrefix("  2–3 d") && $0.contains("█") })
        let ascii = try ok(["stats", "onset", "drug:alemtuzumab", "--ascii"])
        #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(ascii.contains("#") && ascii.contains("->"))
    }

    @Test func onsetJSONHasTheDocumentedShape() throws {
        let j = try json(["stats", "onset"])
        #expect(keys(j) == ["query", "grouping", "max_range_days", "matching_cases", "cases_without_pair", "omitted_groups", "groups"])
        let groups = array(j["groups"])
        #expect(groups.first?["group"] == .string("all"))
        #expect(keys(groups.first) == ["group", "drug", "event", "cases", "first_dose", "last_dose"])
        let first = groups.first?["first_dose"]
        #expect(keys(first) == ["used", "excluded", "exact", "ranges", "median", "exact_median", "weibull", "weibull_exact", "histogram"])
        #expect(keys(first?["excluded"]) == ["no_dates", "negative", "too_wide"])
        #expect(keys(first?["median"]) == ["median", "q1", "q3", "iqr"])
        #expect(keys(first?["weibull"]) == ["shape", "shape_lower", "shape_upper", "scale", "scale_lower", "scale_upper", "n", "exact", "ranges", "hazard"])
        #expect(array(first?["histogram"]?["bins"]).count == 10)
        // Every group accounts for each of its cases: used or excluded.
        for g in groups {
            guard case .number(let cases)? = g["cases"], case .number(let used)? = g["first_dose"]?["used"] else { continue }
            var excluded = 0.0
            if case .object(let reasons)? = g["first_dose"]?["excluded"] {
                for (_, v) in reasons { if case .number(let n) = v { excluded += n } }
            }
            #expect(used + excluded == cases)
        }
        // --intervals adds the per-case rows; --by all keeps only the "all" group.
        let withRows = try json(["stats", "onset", "drug:natalizumab", "--by", "all", "--intervals"])
        let only = array(withRows["groups"])
        #expect(only.count == 1)
        let rows = array(only.first?["intervals"])
        #expect(rows.contains { $0["case"] == .string("lit-bcr-2013-203313") })
        #expect(keys(rows.first) == ["case", "drug", "event", "dose", "first", "first_fate", "last", "last_fate", "basis"])
    }

    @Test func onsetTSVHasOneLinePerGroupAndAnchor() throws {
        let out = try ok(["stats", "onset", "--format", "tsv", "--min-cases", "2"])
        let lines = out.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: "\t").map(String.init)
        #expect(header.prefix(6) == ["group", "drug", "event", "anchor", "cases", "used"])
        #expect(header.last == "spread" && header.contains("bin_same_day") && header.contains("weibull_shape_lower"))
        #expect((lines.count - 1) % 2 == 0)
        for l in lines.dropFirst() { #expect(l.split(separator: "\t", omittingEmptySubsequences: false).count == header.count) }
        #expect(lines[1].hasPrefix("all\t\t\tfirst\t") && lines[2].hasPrefix("all\t\t\tlast\t"))
        let intervals = try ok(["stats", "onset", "drug:alemtuzumab", "--format", "tsv", "--intervals"])
        #expect(intervals.hasPrefix("group\tdrug\tevent\tcase\tpair_drug\tpair_event\tdose\tfirst_min"))
    }

    // MARK: signals

    @Test func signalsInEveryFormatAgreeWithTheFilterCounts() throws {
        let j = try json(["stats", "signals", "drug:piperacillin/tazobactam"])
        #expect(keys(j) == ["query", "drug_terms", "event_terms", "ignored_terms", "total_cases", "drug_cases", "min_a", "sort", "descending", "rows"])
        let rows = array(j["rows"])
        #expect(!rows.isEmpty)
        #expect(keys(rows.first) == ["event", "event_key", "a", "b", "c", "d", "expected", "prr", "prr_lower", "prr_upper", "chi2", "chi2_p",
                                     "ror", "ror_lower", "ror_upper", "ic", "ic025", "ic975", "evans", "ror_signal", "ic_signal"])
        // a = cases the filter "drug AND event" finds; a + c = cases with the event.
        for r in rows {
            guard case .string(let event)? = r["event"], case .number(let a)? = r["a"], case .number(let c)? = r["c"] else { continue }
            let both = try ok(["list", "drug:piperacillin/tazobactam", "event:\"\(event)\"", "--format", "json"])
            #expect(Double(array(try JSONParser.parse(both)).count) == a, "\(event)")
            let any = try ok(["list", "event:\"\(event)\"", "--format", "json"])
            #expect(Double(array(try JSONParser.parse(any)).count) == a + c, "\(event)")
        }
        let tsv = try ok(["stats", "signals", "drug:piperacillin/tazobactam", "--format", "tsv", "--sort", "ic025"])
        let tsvLines = tsv.split(separator: "\n")
        #expect(tsvLines[0].hasPrefix("event\tevent_key\ta\tb\tc\td\texpected\tprr"))
        #expect(tsvLines.count == rows.count + 1)
        let table = try ok(["stats", "signals", "drug:piperacillin/tazobactam", "--sort", "event", "--reverse"], env: ["COLUMNS": "120", "LC_ALL": "C.UTF-8"])
        #expect(table.contains("Disproportionality · drug:piperacillin/tazobactam"))
        #expect(table.contains("event▲") || table.contains("event▼"))
        #expect(table.contains("flags"))
    }

    @Test func signalsExplainWhatTheyNeedAndRejectUnknownColumns() throws {
        let r = try cli.run(["stats", "signals", "sex:f"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("signals need a drug: filter"))
        let bad = try cli.run(["stats", "signals", "drug:natalizumab", "--sort", "nonsense"])
        #expect(bad.status != 0 && bad.stderr.contains("--sort: expected one of"))
        let noted = try ok(["stats", "signals", "drug:natalizumab", "age:>40", "--min-a", "1"])
        #expect(noted.contains("not applied (background is the whole library): age:>40"))
        let j = try json(["stats", "signals", "drug:natalizumab", "--min-a", "99"])
        #expect(array(j["rows"]).isEmpty && j["min_a"] == .number(99))
    }

    // MARK: freq

    @Test func freqInEveryFormatAndItsFilterColumnNarrowsExactly() throws {
        for field in FrequencyField.allCases {
            let j = try json(["stats", "freq", field.rawValue, "sex:female"])
            #expect(keys(j) == ["field", "query", "matching_cases", "rows"])
            for row in array(j["rows"]) {
                #expect(keys(row) == ["value", "cases", "percent", "filter"])
                guard case .string(let term)? = row["filter"], case .number(let count)? = row["cases"] else { continue }
                let listed = try ok(["list", "sex:female \(term)", "--format", "json", "--limit", "0"])
                #expect(Double(array(try JSONParser.parse(listed)).count) == count, "\(field) \(term)")
            }
            let tsv = try ok(["stats", "freq", field.rawValue, "--format", "tsv"])
            #expect(tsv.hasPrefix("value\tcases\tpercent\tfilter\n"))
            let table = try ok(["stats", "freq", field.rawValue], env: ["LC_ALL": "C.UTF-8"])
            #expect(table.hasPrefix("Frequencies of \(field.rawValue) · "))
        }
        let limited = try ok(["stats", "freq", "event", "--limit", "2"])
        #expect(limited.contains("2 of ") && limited.contains("values shown"))
        let bad = try cli.run(["stats", "freq", "colour"])
        #expect(bad.status != 0)
    }
}
