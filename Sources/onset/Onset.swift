import ArgumentParser
import CMallocTuning
import Foundation
import OnsetCore

/// The process entry: the allocator is set up before any command runs.
@main
enum OnsetMain {
    static func main() {
        onset_keep_freed_memory()
        Onset.main()
    }
}

/// `onset`: opens the browser; its subcommands do the same work without a terminal.
struct Onset: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onset",
        abstract: "Browse adverse-drug-reaction case reports: timelines, dose-to-onset intervals, signals.",
        discussion: "With no subcommand, opens the terminal browser on the library (or on PATH, imported into a cache library first).",
        subcommands: [BrowseCommand.self, ImportCommand.self, ListCommand.self, ShowCommand.self, TimelineCommand.self, IntervalsCommand.self,
                      AcceptCommand.self, SetCommand.self, StatsCommand.self, BenchQueriesCommand.self, BenchKeySetsCommand.self],
        defaultSubcommand: BrowseCommand.self
    )
}

/// `onset [PATH...]` / `onset browse`: the terminal browser.
struct BrowseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "browse", abstract: "Open the terminal browser (the default).")

    @OptionGroup var library: LibraryOptions
    @OptionGroup var display: DisplayOptions

    @Argument(help: "A file or folder to open directly (imported into a cache library first).")
    var paths: [String] = []

    func run() throws {
        let lib = try library.open(paths: paths)
        try Browser.open(lib, options: display, paths: paths)
    }
}

/// Where the library is.
struct LibraryOptions: ParsableArguments {
    @Option(name: .long, help: "The library database (default: $ONSET_DB or $XDG_DATA_HOME/onset/library.sqlite).")
    var db: String?

    var path: String { db ?? Library.defaultPath() }

    func open(readOnly: Bool = false) throws -> Library {
        try Library(path: path, readOnly: readOnly)
    }

    /// For `onset PATH`: a cache library keyed by the paths, refreshed by importing them again,
    /// holding exactly what the paths hold. With `--db X PATH`, PATH is imported into X (files
    /// unchanged since their last import are skipped) and X is opened, whatever else it holds.
    func open(paths: [String]) throws -> Library {
        guard !paths.isEmpty else { return try open() }
        if let db {
            let summary = try ImportRunner().run(paths, intoLibraryAt: db, skipUnchanged: true)
            report(summary, paths)
            return try Library(path: db)
        }
        let absolute = paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }.joined(separator: "\n")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in absolute.utf8 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        let env = ProcessInfo.processInfo.environment
        let cacheBase = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (env["HOME"] ?? NSHomeDirectory()) + "/.cache"
        let path = "\(cacheBase)/onset/open-\(String(hash, radix: 16)).sqlite"
        let summary = try ImportRunner().run(paths, intoLibraryAt: path, skipUnchanged: true, mirror: true)
        report(summary, paths)
        return try Library(path: path)
    }

    private func report(_ summary: ImportSummary, _ paths: [String]) {
        if summary.imported > 0 {
            FileHandle.standardError.write(Data("onset: imported \(summary.imported) cases from \(paths.joined(separator: ", "))\n".utf8))
        }
        if summary.removedWithSources > 0 {
            FileHandle.standardError.write(Data("onset: removed \(summary.removedWithSources) cases whose files are gone\n".utf8))
        }
    }
}

/// How the browser draws.
struct DisplayOptions: ParsableArguments {
    @Flag(help: "Use only ASCII characters.") var ascii = false
    @Flag(name: .customLong("no-color"), help: "Draw without colours (also when NO_COLOR is set).") var noColor = false
    @Flag(help: "Enable the mouse.") var mouse = false
    @Option(help: "Write per-key timing lines to this file (emptied first).") var trace: String?
}

/// Parses the words after a subcommand as one filter, reporting errors with a caret.
func parseQuery(_ words: [String]) throws -> Query {
    let text = words.joined(separator: " ")
    do {
        return try QueryParser.parse(text)
    } catch let e as QueryError {
        throw CLIError("bad filter:\n\(e.pointing(into: text))")
    }
}

/// Writes a line to standard output.
func out(_ s: String) { print(s) }
