import Foundation
import OnsetCore

/// The inputs onset parses from untrusted bytes, each as a function the fuzzer (or the replayer) calls.
enum FuzzTargets {
    static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "json": { bytes in _ = try? CaseReader.read(bytes, file: "fuzz") },
        "query": { bytes in _ = try? QueryParser.parse(String(decoding: bytes, as: UTF8.self)) },
        "timepoint": { bytes in
            let s = String(decoding: bytes.prefix(64), as: UTF8.self)
            if let t = TimePoint(parsing: s), let u = TimePoint(parsing: "2015-07") { _ = TimePoint.onsetDays(from: t, to: u) }
        },
    ]

    /// Names the importer formats a fuzz run may target through a temporary file and library.
    static func importer(_ format: SourceFormat) -> @Sendable ([UInt8]) -> Void {
        { bytes in
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("onset-fuzz-\(getpid())")
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let file = dir.appendingPathComponent("input.\(format.rawValue)")
            try? Data(bytes).write(to: file)
            let db = dir.appendingPathComponent("lib.sqlite").path
            guard let lib = try? Library(path: db, lexicon: .builtIn) else { return }
            _ = try? ImportRunner(forcedFormat: format).run([file.path], into: lib)
        }
    }

    static func target(named name: String) -> (@Sendable ([UInt8]) -> Void)? {
        if let t = all[name] { return t }
        if let f = SourceFormat(rawValue: name) { return importer(f) }
        return nil
    }
}

#if ONSET_FUZZ
/// libFuzzer's entry point; the target is chosen with ONSET_FUZZ_TARGET.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let name = ProcessInfo.processInfo.environment["ONSET_FUZZ_TARGET"] ?? "json"
    guard let target = FuzzTargets.target(named: name) else { fatalError("unknown ONSET_FUZZ_TARGET \(name)") }
    target(size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// SwiftPM links an executable's entry point under this name; in a fuzz build it hands over to libFuzzer.
@_cdecl("onset_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector) { data, size in fuzzOne(data, size) }
}
#else
/// Without the fuzzer: replays corpus files through a target, as the regression tests do.
@main
struct FuzzReplay {
    static func main() {
        let args = CommandLine.arguments.dropFirst()
        guard let name = args.first, let target = FuzzTargets.target(named: name) else {
            print("usage: onset-fuzz TARGET FILE|DIR...   targets: \((Array(FuzzTargets.all.keys) + SourceFormat.allCases.map(\.rawValue)).sorted().joined(separator: ", "))")
            exit(2)
        }
        var count = 0
        for path in args.dropFirst() {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            let files = isDir.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { "\(path)/\($0)" }
                : [path]
            for f in files {
                guard let data = FileManager.default.contents(atPath: f) else { continue }
                target([UInt8](data))
                count += 1
            }
        }
        print("onset-fuzz \(name): replayed \(count) inputs without a crash")
    }
}
#endif
