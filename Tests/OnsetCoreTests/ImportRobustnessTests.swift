import Foundation
import Testing
@testable import OnsetCore

/// Cut and damaged inputs must end in an ImportError or a clean import, never a crash, and a
/// failed import must leave the library as it was.
@Suite struct ImportRobustnessTests {
    typealias S = ImportTestSupport

    /// Imports `bytes` as `name` with `format`, cut at `cuts` places and with bytes flipped.
    func damage(_ source: String, name: String, format: SourceFormat) throws {
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: S.fixture(source))))
        let lib = try S.library()
        var variants: [[UInt8]] = []
        for k in stride(from: 1, to: original.count, by: max(1, original.count / 40)) { variants.append(Array(original.prefix(k))) }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            var v = original
            for _ in 0..<5 {
                let i = Int.random(in: 0..<v.count, using: &rng)
                v[i] = [0x22, 0x24, 0x3C, 0x3E, 0x2C, 0x0A, 0x0D, 0x00, 0xFF, 0x7B, 0x7D, 0x26].randomElement(using: &rng) ?? 0
            }
            variants.append(v)
        }
        let dir = try S.tempDir()
        for (k, v) in variants.enumerated() {
            let before = try lib.totalCases()
            let file = dir.appendingPathComponent("\(k)-\(name)")
            try Data(v).write(to: file)
            do {
                try S.importing([file.path], into: lib, format: format)
            } catch is ImportError {
                #expect(try lib.totalCases() == before)
            }
        }
        try S.expectRoundTrip(lib)
    }

    @Test func openFDA() throws { try damage("openfda/drug-event-0001-of-0001.json", name: "drug-event.json", format: .openfda) }
    @Test func e2bR2() throws { try damage("e2b/r2_periods.xml", name: "r2.xml", format: .e2b) }
    @Test func e2bR3() throws { try damage("e2b/r3_intervals.xml", name: "r3.xml", format: .e2b) }
    @Test func sgml() throws { try damage("e2b/aers_quirks.sgm", name: "a.sgm", format: .e2b) }

    @Test func faersAndVAERSTables() throws {
        // Damage each table of a copy of the quarter / year in turn.
        let lib = try S.library()
        for (fixture, files, format) in [("faers/faers_ascii_2015q3", ["ASCII/DEMO15Q3.txt", "ASCII/DRUG15Q3.txt", "ASCII/THER15Q3.txt"], SourceFormat.faers),
                                         ("vaers/2021", ["2021VAERSDATA.csv", "2021VAERSVAX.csv", "2021VAERSSYMPTOMS.csv"], .vaers)] {
            for f in files {
                let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: S.fixture("\(fixture)/\(f)"))))
                for cut in stride(from: 0, to: original.count, by: max(1, original.count / 15)) {
                    let dir = try S.tempDir().appendingPathComponent(URL(fileURLWithPath: fixture).lastPathComponent)
                    try FileManager.default.copyItem(at: URL(fileURLWithPath: S.fixture(fixture)), to: dir)
                    var v = Array(original.prefix(cut))
                    if cut % 2 == 0 { v += [0x22, 0x24, 0x0A, 0xFF] }
                    try Data(v).write(to: dir.appendingPathComponent(f))
                    let before = try lib.totalCases()
                    do { try S.importing([dir.path], into: lib, format: format) } catch is ImportError {
                        #expect(try lib.totalCases() == before)
                    }
                }
            }
        }
        try S.expectRoundTrip(lib)
    }
}
