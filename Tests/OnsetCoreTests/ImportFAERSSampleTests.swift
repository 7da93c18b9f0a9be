import Foundation
import Testing
@testable import OnsetCore

/// Conformance against the real 2017Q2 sample (100 primaryids) and a synthetic-quarter benchmark.
@Suite struct ImportFAERSSampleTests {
    typealias S = ImportTestSupport

    /// With onset's full lexicon, a coded preferred term stays itself: the sample's Lung infection
    /// and White blood cell count decreased are not counted as Pneumonia and Leukopenia.
    @Test func codedLaboratoryAndInfectionTermsStayThemselves() throws {
        guard let dir = S.samples("faers") else { return }
        let lib = try Library(path: try S.tempDir().appendingPathComponent("library.sqlite").path, lexicon: TestSupport.lexicon)
        try S.importing([dir.appendingPathComponent("faers_2017q2_sample.zip").path], into: lib)
        let a = try #require(try lib.loadCase(id: "faers-11563062"))
        #expect(a.events[0].term == "Lung infection" && a.events[0].preferred == "Lung infection")
        for (term, disorder) in [("lung infection", "pneumonia"), ("white blood cell count decreased", "leukopenia")] {
            let found = try lib.ids(QueryParser.parse("event:\"\(term)\""))
            #expect(!found.isEmpty, "\(term)")
            for id in found {
                #expect(try lib.loadCase(id: id)?.events.contains { $0.term.lowercased() == term } == true, "\(id) has no \(term)")
            }
            #expect(Set(found).isDisjoint(with: try lib.ids(QueryParser.parse("event:\(disorder)")).filter { id in
                try lib.loadCase(id: id)?.events.contains { $0.term.lowercased() == disorder } == false
            }), "\(term) cases counted as \(disorder)")
        }
    }

    @Test func realSample2017Q2() throws {
        guard let dir = S.samples("faers") else { return }
        let zip = dir.appendingPathComponent("faers_2017q2_sample.zip").path
        let lib = try S.library()
        let s = try S.importing([zip], into: lib)
        let r = try #require(s.sources.first)
        // 100 primaryids, 100 distinct caseids (checked with cut/sort/uniq on the raw DEMO file).
        #expect(r.imported == 100)
        #expect(r.quarantined == 0)
        #expect(try lib.totalCases() == 100)

        let a = try #require(try lib.loadCase(id: "faers-11563062"))
        #expect(a.source.record == "115630624")
        #expect(a.source.version == 4)
        #expect(a.patient.age == Quantity(55, .year))
        #expect(a.patient.sex == .female)
        #expect(a.suspectDrugs.map(\.name) == ["XELJANZ"])
        #expect(a.suspectDrugs.first?.generic == "tofacitinib citrate")
        #expect(a.suspectDrugs.first?.indication == "Rheumatoid arthritis")
        #expect(a.events.map(\.term) == ["Lung infection", "Skin cancer"])
        #expect(a.seriousness == [.other])
        // THER 20150327…201507 and event_dt 201507: 96…126 days from the first dose.
        let iv = try lib.intervals(try QueryParser.parse("drug:\"tofacitinib citrate\"")).filter { $0.caseID == "faers-11563062" }
        #expect(iv.count == 2)
        #expect(iv.allSatisfy { $0.first == DayRange(min: 96, max: 126) })

        let b = try #require(try lib.loadCase(id: "faers-11144077"))
        #expect(b.patient.age == Quantity(40, .year))
        #expect(b.patient.sex == .male)
        #expect(b.drugs.count == 12)
        #expect(b.suspectDrugs.count == 8)
        #expect(b.drugs[3].name == "Bortezomib")
        #expect(b.drugs[3].route == "subcutaneous")
        #expect(b.drugs[11].generic == "sulfamethoxazole\\trimethoprim")
        #expect(b.source.citation?.hasPrefix("CASTILLO JJ, REAGAN JL") == true)
        #expect(b.events.map(\.term) == ["Herpes simplex", "Thrombocytopenia", "Treatment noncompliance"])

        // Sexes across the sample: 53 F, 40 M, 7 blank (awk over DEMO's sex column).
        #expect(try lib.count(try QueryParser.parse("sex:f")) == 53)
        #expect(try lib.count(try QueryParser.parse("sex:m")) == 40)
        try S.expectRoundTrip(lib)
    }

    /// Writes a synthetic current-layout quarter of `cases` reports (4 drugs, 3 reactions, 1.5
    /// therapy rows, 2 indications, 1 outcome each), sorted by primaryid like FDA's files.
    static func writeSyntheticQuarter(cases: Int, to root: URL) throws -> Int {
        let ascii = root.appendingPathComponent("ASCII")
        try FileManager.default.createDirectory(at: ascii, withIntermediateDirectories: true)
        func open(_ name: String, _ header: String) -> FileHandle {
            let u = ascii.appendingPathComponent(name)
            _ = FileManager.default.createFile(atPath: u.path, contents: Data((header + "\r\n").utf8))
            let h = FileHandle(forWritingAtPath: u.path)!
            h.seekToEndOfFile()
            return h
        }
        let demo = open("DEMO99Q1.txt", "primaryid$caseid$caseversion$i_f_code$event_dt$mfr_dt$init_fda_dt$fda_dt$rept_cod$auth_num$mfr_num$mfr_sndr$lit_ref$age$age_cod$age_grp$sex$e_sub$wt$wt_cod$rept_dt$to_mfr$occp_cod$reporter_country$occr_country")
        let drug = open("DRUG99Q1.txt", "primaryid$caseid$drug_seq$role_cod$drugname$prod_ai$val_vbm$route$dose_vbm$cum_dose_chr$cum_dose_unit$dechal$rechal$lot_num$exp_dt$nda_num$dose_amt$dose_unit$dose_form$dose_freq")
        let reac = open("REAC99Q1.txt", "primaryid$caseid$pt$drug_rec_act")
        let outc = open("OUTC99Q1.txt", "primaryid$caseid$outc_cod")
        let rpsr = open("RPSR99Q1.txt", "primaryid$caseid$rpsr_cod")
        let ther = open("THER99Q1.txt", "primaryid$caseid$dsg_drug_seq$start_dt$end_dt$dur$dur_cod")
        let indi = open("INDI99Q1.txt", "primaryid$caseid$indi_drug_seq$indi_pt")
        let drugs = ["TYSABRI$NATALIZUMAB", "HUMIRA$ADALIMUMAB", "XELJANZ$TOFACITINIB CITRATE", "ASPIRIN$ASPIRIN", "LIPITOR$ATORVASTATIN CALCIUM"]
        let pts = ["Headache", "Nausea", "Drug ineffective", "Fatigue", "Rash", "Thrombocytopenia", "Pyrexia"]
        var bufs = Array(repeating: "", count: 7)
        var bytes = 0
        func flush(force: Bool) {
            for (k, h) in [demo, drug, reac, outc, rpsr, ther, indi].enumerated() where force || bufs[k].utf8.count > 1 << 20 {
                let d = Data(bufs[k].utf8); bytes += d.count
                h.write(d); bufs[k] = ""
            }
        }
        for n in 0..<cases {
            let caseid = 10_000_000 + n, version = 1 + n % 3
            let pid = "\(caseid)\(version)"
            let sex = n % 3 == 0 ? "F" : n % 3 == 1 ? "M" : ""
            bufs[0] += "\(pid)$\(caseid)$\(version)$F$2016\(String(format: "%02d", 1 + n % 12))$20170101$20160301$20170105$EXP$$US-X-\(n)$X$$\(20 + n % 60)$YR$A$\(sex)$Y$\(50 + n % 40)$KG$20170105$$MD$US$US\r\n"
            for s in 1...4 {
                bufs[1] += "\(pid)$\(caseid)$\(s)$\(s == 1 ? "PS" : s == 2 ? "SS" : "C")$\(drugs[(n + s) % drugs.count])$1$Oral$10 MG, QD$$$U$U$$$$10$MG$TABLET$QD\r\n"
            }
            for s in 0..<3 { bufs[2] += "\(pid)$\(caseid)$\(pts[(n + s) % pts.count])$\r\n" }
            bufs[3] += "\(pid)$\(caseid)$\(n % 2 == 0 ? "HO" : "OT")\r\n"
            if n % 10 == 0 { bufs[4] += "\(pid)$\(caseid)$HP\r\n" }
            bufs[5] += "\(pid)$\(caseid)$1$2015\(String(format: "%02d", 1 + n % 12))15$$$\r\n"
            if n % 2 == 0 { bufs[5] += "\(pid)$\(caseid)$2$2015$$$\r\n" }
            for s in 1...2 { bufs[6] += "\(pid)$\(caseid)$\(s)$Rheumatoid arthritis\r\n" }
            if n % 5000 == 0 { flush(force: false) }
        }
        flush(force: true)
        for h in [demo, drug, reac, outc, rpsr, ther, indi] { h.closeFile() }
        return bytes
    }

    static func peakRSSMiB() -> Double? {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kb / 1024
    }

    @Test func syntheticQuarter() throws {
        // ONSET_FAERS_BENCH=400000 for a full-size quarter; a small one by default.
        let n = Int(ProcessInfo.processInfo.environment["ONSET_FAERS_BENCH"] ?? "") ?? 3000
        let root = try S.tempDir().appendingPathComponent("faers_ascii_2099q1")
        let bytes = try Self.writeSyntheticQuarter(cases: n, to: root)
        let lib = try S.library()
        let t0 = Date()
        let s = try S.importing([root.path], into: lib)
        let dt = Date().timeIntervalSince(t0)
        #expect(s.sources.first?.imported == n)
        #expect(s.sources.first?.warnings.isEmpty == true)
        #expect(try lib.totalCases() == n)
        print(String(format: "FAERS synthetic quarter: %d cases, %.1f MB in %.2f s (%.0f cases/s), peak RSS %.0f MiB",
                     n, Double(bytes) / 1e6, dt, Double(n) / dt, Self.peakRSSMiB() ?? -1))
        // ONSET_FAERS_BENCH_KEEP=1 keeps the quarter (e.g. to time `sqlite3 .import` on the same files).
        if ProcessInfo.processInfo.environment["ONSET_FAERS_BENCH_KEEP"] == nil {
            try? FileManager.default.removeItem(at: root.deletingLastPathComponent())
        } else {
            print("kept \(root.path)")
        }
    }
}
