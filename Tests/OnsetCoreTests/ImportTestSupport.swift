import Foundation
import Testing
@testable import OnsetCore

/// Shared helpers for the importer tests: fixtures, the shared samples and throwaway libraries.
enum ImportTestSupport {
    /// `Tests/OnsetCoreTests/Fixtures`.
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    static func fixture(_ path: String) -> String { fixtures.appendingPathComponent(path).path }

    /// `<repo>/../shared/samples`, or nil (with the reason printed) when this checkout has none.
    static func samples(_ sub: String) -> URL? {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = repo.deletingLastPathComponent().appendingPathComponent("shared/samples").appendingPathComponent(sub)
        guard FileManager.default.fileExists(atPath: dir.path) else {
            print("SKIPPED: \(dir.path) is absent; the conformance checks against real samples did not run")
            return nil
        }
        return dir
    }

    static var samplesPresent: Bool {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return FileManager.default.fileExists(atPath: repo.deletingLastPathComponent().appendingPathComponent("shared/samples").path)
    }

    /// A fresh directory under the system temporary directory.
    static func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("onset-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    /// A new empty library in a temporary directory.
    static func library() throws -> Library {
        try Library(path: try tempDir().appendingPathComponent("library.sqlite").path, lexicon: .builtIn)
    }

    /// Imports `paths` into `library` with the standard importers.
    @discardableResult
    static func importing(_ paths: [String], into library: Library, format: SourceFormat? = nil) throws -> ImportSummary {
        try ImportRunner(forcedFormat: format).run(paths, into: library)
    }

    /// Every case of the library printed as JSON and read back must equal the stored case.
    static func expectRoundTrip(_ library: Library) throws {
        for id in try library.ids(Query.all) {
            guard let c = try library.loadCase(id: id) else { Issue.record("case \(id) not loadable"); continue }
            let back = try CaseReader.read(Array(CaseWriter.text(c).utf8), file: id)
            #expect(back == [c], "round trip of \(id)")
        }
    }
}
