import ArgumentParser
import Foundation
import OnsetCore

/// `onset import PATH...`
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import case files or folders into the library (one transaction).")

    @OptionGroup var library: LibraryOptions
    @Option(help: "Read every input as this format: \(SourceFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String?
    @Argument(help: "Files or folders to import.") var paths: [String]

    func run() throws {
        var forced: SourceFormat?
        if let format {
            guard let f = SourceFormat(rawValue: format.lowercased()) else {
                throw ValidationError("--format: expected one of \(SourceFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            forced = f
        }
        let path = library.path
        let tty = isatty(STDERR_FILENO) == 1
        let progress = ImportProgress(sink: tty ? { FileHandle.standardError.write(Data("\r\u{1B}[K\($0)".utf8)) } : nil)
        let summary: ImportSummary
        do {
            summary = try ImportRunner(forcedFormat: forced, progress: progress).run(paths, intoLibraryAt: path)
        } catch let e as ImportError {
            if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            throw CLIError("\(VisibleText.escape(e.description))\nnothing was imported; the library is unchanged")
        } catch where Library.isDiskFull(error) {
            if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            throw CLIError("\(path): the disk is full; nothing was imported, the library is unchanged (a new one was not created): free some space and import again")
        } catch where Library.isBusy(error) {
            if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            throw CLIError("\(path): another process kept the library busy for 30 seconds (an import still running?); nothing was imported, the library is unchanged: try again when it has finished")
        }
        if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        for s in summary.sources {
            var line = "imported \(s.imported) case\(s.imported == 1 ? "" : "s") from \(VisibleText.escape(s.file)) (\(s.format.rawValue))"
            var extras: [String] = []
            if s.replaced > 0 { extras.append("\(s.replaced) replaced") }
            if s.superseded > 0 { extras.append("\(s.superseded) older versions superseded") }
            if s.deleted > 0 { extras.append("\(s.deleted) deleted") }
            if s.quarantined > 0 { extras.append("\(s.quarantined) rows quarantined: \(s.quarantineSamples.prefix(5).joined(separator: ", "))") }
            if !extras.isEmpty { line += "; " + extras.joined(separator: "; ") }
            out(line)
            for w in s.warnings.prefix(20) { out("  warning: \(VisibleText.escape(w))") }
        }
        for s in summary.skipped { out("skipped \(VisibleText.escape(s.path)): \(s.reason)") }
        out("\(summary.imported) cases imported into \(path)")
    }
}

/// A failure to report on stderr with exit status 1, without a usage message.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
