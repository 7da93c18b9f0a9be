import Foundation
@testable import OnsetCore

/// Paths and helpers shared by the core tests.
enum TestSupport {
    static let repoRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var dataDir: URL { repoRoot.appendingPathComponent("Data") }
    static var lexicon: Lexicon { (try? Lexicon.load(directory: dataDir.appendingPathComponent("lexicon"))) ?? .builtIn }

    static func tempPath(_ name: String = "lib.sqlite") -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("onset-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    static func date(_ s: String) -> PartialDate { PartialDate(parsing: s)! }

    static func minimalCase(id: String = "t1", drug: String = "natalizumab", event: String = "Purpura") -> Case {
        var c = Case(id: id, source: CaseSource(kind: .literature))
        c.drugs = [Drug(id: "d1", name: drug, generic: drug.lowercased(), role: .suspect)]
        c.events = [Event(id: "e1", term: event, preferred: event)]
        return c
    }
}
