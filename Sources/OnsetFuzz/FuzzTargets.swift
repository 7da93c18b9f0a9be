import Foundation
import OnsetCore

/// The inputs onset parses from untrusted bytes, each as a function the fuzzer (or the replayer) calls.
///
/// A target returns normally for any input: errors thrown for bad input are the intended outcome.
/// It traps (and so reports a crash) only when onset would lose data: a case that an importer
/// built but that does not read back, a JSON case that changes on the way through the library's
/// format, or a parsed filter whose SQL SQLite rejects.
enum FuzzTargets {
    static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "json": { bytes in
            guard let cases = try? CaseReader.read(bytes, file: "fuzz") else { return }
            for c in cases { mustRoundTrip { try ParserEntryPoints.roundTrip(c) } }
        },
        "query": { bytes in
            guard let q = try? QueryParser.parse(String(decoding: bytes, as: UTF8.self)) else { return }
            do { _ = try ScratchLibrary.shared.library.count(q) } catch {
                fatalError("the parsed filter \(String(reflecting: String(decoding: bytes, as: UTF8.self))) fails in SQLite: \(error)")
            }
        },
        "timepoint": { bytes in
            let s = String(decoding: bytes.prefix(64), as: UTF8.self)
            if let t = TimePoint(parsing: s), let u = TimePoint(parsing: "2015-07") { _ = TimePoint.onsetDays(from: t, to: u) }
        },
        // Byte-level: each importer's parser and case builder, without files or SQLite.
        "faers": { bytes in mustRoundTrip { _ = try ParserEntryPoints.faers(bytes) } },
        "vaers": { bytes in mustRoundTrip { _ = try ParserEntryPoints.vaersData(bytes) } },
        "e2b": { bytes in mustRoundTrip { _ = try ParserEntryPoints.e2b(bytes) } },
        "openfda": { bytes in mustRoundTrip { _ = try ParserEntryPoints.openFDA(bytes) } },
        "narrative": { bytes in mustRoundTrip { _ = try ParserEntryPoints.narrative(bytes) } },
    ]

    /// Runs a parse; a thrown round-trip failure is a crash, any other error is bad input handled.
    static func mustRoundTrip(_ body: () throws -> Void) {
        do { try body() } catch let e as ParserEntryPoints.RoundTripFailure { fatalError("\(e)") } catch {}
    }

    /// The whole import path (`import-faers` …): the bytes as files, imported into a scratch
    /// library inside a transaction that is then rolled back, so the library stays small. FAERS
    /// and VAERS inputs hold their tables one after the other, cut at lines `%%`.
    static func importer(_ format: SourceFormat) -> @Sendable ([UInt8]) -> Void {
        { bytes in
            let scratch = ScratchLibrary.shared
            let fm = FileManager.default
            let folder = scratch.dir.appendingPathComponent("input")
            try? fm.removeItem(at: folder)
            try? fm.createDirectory(at: folder, withIntermediateDirectories: true)
            let names: [String]
            switch format {
            case .faers: names = ["DEMO15Q3.txt", "DRUG15Q3.txt", "REAC15Q3.txt", "OUTC15Q3.txt", "RPSR15Q3.txt", "THER15Q3.txt", "INDI15Q3.txt"]
            case .vaers: names = ["2021VAERSDATA.csv", "2021VAERSVAX.csv", "2021VAERSSYMPTOMS.csv"]
            case .e2b: names = [bytes.starts(with: Array("<?xml".utf8)) ? "input.xml" : "input.sgm"]
            case .narrative: names = ["input.txt"]
            default: names = ["input.json"]
            }
            let parts = names.count == 1 ? [bytes] : ParserEntryPoints.sections(bytes, max: names.count)
            for (name, part) in zip(names, parts) { try? Data(part).write(to: folder.appendingPathComponent(name)) }
            let url = names.count == 1 ? folder.appendingPathComponent(names[0]) : folder
            guard let importer = ImportRunner.standardImporters[format] else { return }
            struct RollBack: Error {}
            _ = try? scratch.library.write { w -> Void in
                _ = try? importer.run(url: url, writer: w, progress: ImportProgress())
                throw RollBack()
            }
        }
    }

    static func target(named name: String) -> (@Sendable ([UInt8]) -> Void)? {
        if let t = all[name] { return t }
        if name.hasPrefix("import-"), let f = SourceFormat(rawValue: String(name.dropFirst(7))) { return importer(f) }
        return nil
    }

    static var names: [String] { (Array(all.keys) + SourceFormat.allCases.map { "import-\($0.rawValue)" }).sorted() }
}

/// One library in a temporary folder per process, for the targets that need SQLite.
final class ScratchLibrary: Sendable {
    static let shared = ScratchLibrary()
    let dir: URL
    let library: Library
    private init() {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("onset-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        do { library = try Library(path: dir.appendingPathComponent("lib.sqlite").path, lexicon: .builtIn) }
        catch { fatalError("cannot create the scratch library in \(dir.path): \(error)") }
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
            print("usage: onset-fuzz TARGET FILE|DIR...   targets: \(FuzzTargets.names.joined(separator: ", "))")
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
