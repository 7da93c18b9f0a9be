import Foundation

/// Runs the built `onset` executable as a separate process, as a script would.
struct CLIRunner {
    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `onset` binary beside the test bundle (swift build puts products together).
    static let binary: URL = {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDir.appendingPathComponent("onset"), repoRoot.appendingPathComponent(".build/debug/onset")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return repoRoot.appendingPathComponent(".build/debug/onset")
    }()

    let db: String

    init() {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("onset-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        db = dir.appendingPathComponent("lib.sqlite").path
    }

    var dir: URL { URL(fileURLWithPath: db).deletingLastPathComponent() }

    @discardableResult
    func run(_ args: [String], env: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = args + ["--db", db]
        var environment = ProcessInfo.processInfo.environment
        environment["ONSET_LEXICON"] = Self.repoRoot.appendingPathComponent("Data/lexicon").path
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
