import Foundation
import Testing
@testable import OnsetCore

/// A FAERS report's drugs come out in drug_seq order whatever order the DRUG file lists them in
/// (the builder sorts only when the numbers do not already rise).
@Suite struct FAERSDrugOrderTests {
    typealias S = ImportTestSupport

    func importedDrugs(swappingSeqs: Bool) throws -> [String] {
        let q = try S.tempDir().appendingPathComponent("faers_ascii_2015q3")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: S.fixture("faers/faers_ascii_2015q3")), to: q)
        if swappingSeqs {
            let file = q.appendingPathComponent("ASCII/DRUG15Q3.txt")
            var text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            for (a, b) in [("1000011$100001$1$PS$TYSABRI", "1000011$100001$2$PS$TYSABRI"),
                           ("1000011$100001$2$C$ASPIRIN", "1000011$100001$1$C$ASPIRIN")] {
                #expect(text.contains(a))
                text = text.replacingOccurrences(of: a, with: b)
            }
            try Data(text.utf8).write(to: file)
        }
        let lib = try S.library()
        _ = try S.importing([q.path], into: lib)
        let c = try #require(try lib.loadCase(id: "faers-100001"))
        return c.drugs.map { "\($0.id) \($0.name)" }
    }

    @Test func drugsFollowDrugSeqNotFileOrder() throws {
        #expect(try importedDrugs(swappingSeqs: false) == ["d1 TYSABRI", "d2 ASPIRIN"])
        #expect(try importedDrugs(swappingSeqs: true) == ["d1 ASPIRIN", "d2 TYSABRI"])
    }

    @Test func rowsAlreadyInOrderAreKeptAndOthersSortedStably() throws {
        let columns = try Self.columns()
        func row(_ seq: String?, _ name: String) -> FAERSDrugRow {
            var fields = ["1", "1", seq ?? "", "PS", name]
            fields += Array(repeating: "", count: 15)
            return FAERSDrugRow(FAERSStoredRow(bytes: Array(fields.joined(separator: "$").utf8)), columns)
        }
        func names(_ rows: [FAERSDrugRow]) -> [String] { FAERSCaseBuilder.inSeqOrder(rows).map { $0.name ?? "" } }
        #expect(names([row("1", "a"), row("2", "b"), row("10", "c")]) == ["a", "b", "c"])
        #expect(names([row("10", "c"), row("2", "b"), row("1", "a")]) == ["a", "b", "c"])
        // Equal numbers keep their file order.
        #expect(names([row("2", "x"), row("02", "y"), row("1", "z")]) == ["z", "x", "y"])
    }

    /// The DRUG header's columns, as the importer finds them.
    static func columns() throws -> FAERSDrugColumns {
        let header = "primaryid$caseid$drug_seq$role_cod$drugname$prod_ai$val_vbm$route$dose_vbm$cum_dose_chr$cum_dose_unit$dechal$rechal$lot_num$exp_dt$nda_num$dose_amt$dose_unit$dose_form$dose_freq\n"
        let table = try FAERSTable(source: DataChunkSource(Data(header.utf8)), file: "DRUG.txt",
                                   quarantine: QuarantineLog(), keyNames: ["primaryid"])
        return FAERSDrugColumns(table)
    }
}
