import Foundation
import GRDB
import Testing
@testable import OnsetCore

/// Fixed combinations written with `\` (FAERS active ingredients) or `/` (reporters, labels), in
/// any order, meet one drug key, and libraries keyed before that are re-keyed when opened.
@Suite struct CombinationKeyTests {
    typealias S = ImportTestSupport

    @Test func separatorsSpacesAndOrderFoldToOneKey() {
        for name in ["SACUBITRIL\\VALSARTAN", "sacubitril/valsartan", "Valsartan / Sacubitril", "valsartan\\ sacubitril."] {
            #expect(TermKey.drug(name) == "sacubitril/valsartan", "\(name)")
        }
        #expect(TermKey.drug("CARBIDOPA\\ENTACAPONE\\LEVODOPA") == "carbidopa/entacapone/levodopa")
        #expect(TermKey.drug("levodopa/carbidopa/entacapone") == "carbidopa/entacapone/levodopa")
    }

    @Test func aStrengthKeepsTheOrderAndNamesWithoutSeparatorsAreUntouched() {
        #expect(TermKey.drug("SACUBITRIL\\VALSARTAN 24/26 MG") == "sacubitril/valsartan 24/26 mg")
        #expect(TermKey.drug("ABC/DTG/3TC") == "abc/dtg/3tc")
        #expect(TermKey.drug("Tysabri 300 mg") == "tysabri 300 mg")
        #expect(TermKey.drug("/") == "/")
        #expect(TermKey.drug("co-trimoxazole") == "co-trimoxazole")
        // A key folds to itself, which is what re-keying an older library relies on.
        for name in ["SACUBITRIL\\VALSARTAN", "b\\a 5 mg", "Tysabri", "x / y / z", "b./a", "b:/a", "N/A."] {
            #expect(TermKey.drug(TermKey.drug(name)) == TermKey.drug(name))
        }
    }

    @Test func faersIngredientSpellingsResolveToTheLexiconsCombination() {
        let lexicon = TestSupport.lexicon
        #expect(lexicon.drugKey("SACUBITRIL\\VALSARTAN") == lexicon.drugKey("Entresto"))
        #expect(lexicon.drugKey("Entresto") == "sacubitril-valsartan")
        // Listed in the lexicon only under its brand: the hyphenated generic gives the slash spelling.
        #expect(lexicon.drugKey("AMLODIPINE\\VALSARTAN") == "amlodipine-valsartan")
        #expect(lexicon.drugKey("Trimethoprim/sulfamethoxazole") == "sulfamethoxazole-trimethoprim")
        #expect(lexicon.drugKey("SULFAMETHOXAZOLE\\TRIMETHOPRIM") == "sulfamethoxazole-trimethoprim")
        #expect(lexicon.drugKey("SACUBITRIL\\VALSARTAN 97/103 MG") == "sacubitril-valsartan")
        // Unknown combinations still meet each other.
        #expect(lexicon.drugKey("ZETAMAB\\ALPHAMAB") == lexicon.drugKey("alphamab / zetamab"))
        // Single ingredients are not combinations.
        #expect(lexicon.drugKey("valsartan") == "valsartan")
        // Leading words may drop a strength or form, never part of a combination: an unknown
        // product is not credited to the ingredient that happens to come first.
        #expect(lexicon.drugKey("LOSARTAN POTASSIUM/HCTZ") == "losartan-hydrochlorothiazide")
        let unknown = lexicon.drugKey("OLMESARTAN MEDOXOMIL\\AMLODIPINE BESYLATE")
        #expect(unknown == "amlodipine besylate/olmesartan medoxomil")
        #expect(lexicon.drugKey("TYSABRI 300 MG") == "natalizumab")
    }

    /// A FAERS quarter naming one combination three ways: by brand, by its `\`-joined
    /// ingredients only, and by a reporter's `/` spelling in the other order; a fourth case has a
    /// combination the lexicon does not know.
    static func quarter() throws -> URL {
        let q = try S.tempDir().appendingPathComponent("faers_ascii_2099q2")
        let ascii = q.appendingPathComponent("ASCII")
        try FileManager.default.createDirectory(at: ascii, withIntermediateDirectories: true)
        let demo = ["primaryid$caseid$caseversion$i_f_code$event_dt$mfr_dt$init_fda_dt$fda_dt$rept_cod$auth_num$mfr_num$mfr_sndr$lit_ref$age$age_cod$age_grp$sex$e_sub$wt$wt_cod$rept_dt$to_mfr$occp_cod$reporter_country$occr_country"]
            + (1...4).map { "\(700 + $0)1$\(700 + $0)$1$I$20990110$$20990111$20990112$EXP$$X-\($0)$ACME$$60$YR$$F$Y$$$20990112$$MD$US$US" }
        let drug = ["primaryid$caseid$drug_seq$role_cod$drugname$prod_ai$val_vbm$route$dose_vbm$cum_dose_chr$cum_dose_unit$dechal$rechal$lot_num$exp_dt$nda_num$dose_amt$dose_unit$dose_form$dose_freq",
                    "7011$701$1$PS$ENTRESTO$SACUBITRIL\\VALSARTAN$1$Oral$$$$$$$$$$$$",
                    "7021$702$1$PS$SACUBITRIL\\VALSARTAN$SACUBITRIL\\VALSARTAN$1$Oral$$$$$$$$$$$$",
                    "7031$703$1$PS$Valsartan/sacubitril$$1$Oral$$$$$$$$$$$$",
                    "7041$704$1$PS$ZETAMAX\\ZETAMAB$ZETAMAX\\ZETAMAB$1$Oral$$$$$$$$$$$$"]
        let reac = ["primaryid$caseid$pt$drug_rec_act"] + (1...4).map { "\(700 + $0)1$\(700 + $0)$Hypotension$" }
        for (name, lines) in [("DEMO99Q2.txt", demo), ("DRUG99Q2.txt", drug), ("REAC99Q2.txt", reac)] {
            try (lines.joined(separator: "\r\n") + "\r\n").write(to: ascii.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return q
    }

    @Test(arguments: ["drug:entresto", "drug:\"SACUBITRIL\\VALSARTAN\"", "drug:\"valsartan / sacubitril\"", "drug:sacubitril-valsartan"])
    func everySpellingFindsEveryCase(_ filter: String) throws {
        let path = try S.tempDir().appendingPathComponent("lib.sqlite").path
        _ = try ImportRunner().run([try Self.quarter().path], intoLibraryAt: path, lexicon: TestSupport.lexicon)
        let library = try Library(path: path, lexicon: TestSupport.lexicon)
        #expect(try library.count(QueryParser.parse(filter)) == 3)
        #expect(try library.count(QueryParser.parse(filter + " event:hypotension")) == 3)
        #expect(try library.count(QueryParser.parse("drug:valsartan")) == 0)
    }

    /// Tab completion and wildcards take the parts in the order written, with either separator;
    /// stored keys hold them in alphabetical order.
    @Test func completionAndWildcardsReachCombinations() throws {
        let path = try S.tempDir().appendingPathComponent("lib.sqlite").path
        _ = try ImportRunner().run([try Self.quarter().path], intoLibraryAt: path, lexicon: TestSupport.lexicon)
        let library = try Library(path: path, lexicon: TestSupport.lexicon)
        #expect(try library.completions(field: .drug, prefix: "zetamab/zet").count == 1)
        #expect(try library.completions(field: .drug, prefix: "ZETAMAB\\ZET").count == 1)
        #expect(try library.count(QueryParser.parse("drug:ZETAMAB\\ZETA*")) == 1)
        #expect(try library.count(QueryParser.parse("drug:zetamab/*")) == 1)
        #expect(try library.count(QueryParser.parse("drug:\"zetamax / zetamab\"")) == 1)
        // Onset statistics pick the pairs of the drug the wildcard found, not only the case.
        let stats = try library.onsetStatistics(QueryParser.parse("drug:zetamab/*"))
        #expect(stats.matchingCases == 1)
        #expect(stats.casesWithoutPair == 0)
        #expect(stats.groups.dropFirst().map(\.drugKey) == ["zetamab/zetamax"])
    }

    /// A library keyed the old way (the combination's keys as FAERS and the reporter wrote them)
    /// is re-keyed when opened for writing, and then answers like a fresh import.
    @Test func anOlderLibraryIsReKeyedWhenOpened() throws {
        let path = try S.tempDir().appendingPathComponent("lib.sqlite").path
        _ = try ImportRunner().run([try Self.quarter().path], intoLibraryAt: path, lexicon: TestSupport.lexicon)
        func dump() throws -> [String] {
            try DatabaseQueue(path: path).read { db in
                try String.fetchAll(db, sql: "SELECT case_n || ' ' || key || ' ' || name || ' ' || role || ' ' || coalesce(pos, '-') FROM case_drugs ORDER BY rowid")
            }
        }
        let fresh = try dump()
        #expect(fresh.filter { $0.contains("sacubitril-valsartan") }.count >= 3)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                UPDATE case_drugs SET key = 'sacubitril\\valsartan' WHERE case_n = 2;
                UPDATE case_drugs SET key = 'valsartan/sacubitril' WHERE case_n = 3;
                UPDATE case_drugs SET key = 'zetamax\\zetamab' WHERE case_n = 4;
                INSERT INTO case_drugs (case_n, key, name, role) SELECT case_n, 'zetamax/zetamab', name, role FROM case_drugs WHERE case_n = 4;
                DELETE FROM grdb_migrations WHERE identifier = 'v6-combination-drug-keys';
                """)
        }
        let old = try Library(path: path, lexicon: TestSupport.lexicon, readOnly: true)
        #expect(try old.count(QueryParser.parse("drug:entresto")) == 1)

        let reopened = try Library(path: path, lexicon: TestSupport.lexicon)
        #expect(try dump() == fresh)
        #expect(try reopened.count(QueryParser.parse("drug:entresto")) == 3)
        let stats = try reopened.onsetStatistics(QueryParser.parse("drug:entresto"))
        #expect(stats.groups.first { !$0.isAll }?.cases == 3)
        let check = try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        #expect(check == "ok")
    }

    @Test func reKeyingRebuildsKeySets() throws {
        let path = try S.tempDir().appendingPathComponent("lib.sqlite").path
        _ = try ImportRunner().run([try Self.quarter().path], intoLibraryAt: path, lexicon: TestSupport.lexicon)
        let library = try Library(path: path, lexicon: TestSupport.lexicon)
        #expect(try library.rebuildKeySets(minimumRows: 1) > 0)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                UPDATE key_sets SET key = 'sacubitril\\valsartan' WHERE key = 'sacubitril-valsartan';
                UPDATE case_drugs SET key = 'sacubitril\\valsartan' WHERE key = 'sacubitril-valsartan';
                DELETE FROM key_set_stale;
                DELETE FROM grdb_migrations WHERE identifier = 'v6-combination-drug-keys';
                """)
        }
        _ = try Library(path: path, lexicon: TestSupport.lexicon)
        let keys = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT key FROM key_sets WHERE tbl = 'case_drugs'") }
        #expect(!keys.contains("sacubitril\\valsartan"))
        #expect(try Library(path: path, lexicon: TestSupport.lexicon).count(QueryParser.parse("drug:entresto")) == 3)
    }
}
