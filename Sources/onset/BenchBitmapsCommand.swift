import ArgumentParser
import Foundation
import OnsetCore

/// `onset bench-bitmaps --min-rows N`: rebuilds the library's key bitmaps for every key with at
/// least N rows, so a small test library is answered through them as a large one would be.
/// Hidden: a tool for the benchmark's tests, not for users.
struct BenchBitmapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-bitmaps", abstract: "Rebuild key bitmaps with a lower threshold (internal).",
                                                    shouldDisplay: false)

    @OptionGroup var library: LibraryOptions
    @Option(help: "Build a bitmap for every key with at least this many rows.") var minRows: Int

    func run() throws {
        let built = try library.open().rebuildKeyBitmaps(minimumRows: max(1, minRows))
        print("\(built) key bitmaps built")
    }
}
