import ArgumentParser
import Foundation
import OnsetCore

/// `onset bench-key-sets --min-rows N`: rebuilds the library's key sets for every key with at
/// least N rows, so a small test library is answered through them as a large one would be.
/// Hidden: a tool for the benchmark's tests, not for users.
struct BenchKeySetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-key-sets", abstract: "Rebuild key sets with a lower threshold (internal).",
                                                    shouldDisplay: false)

    @OptionGroup var library: LibraryOptions
    @Option(help: "Store a set for every key with at least this many rows.") var minRows: Int

    func run() throws {
        let built = try library.open().rebuildKeySets(minimumRows: max(1, minRows))
        print("\(built) key sets built")
    }
}
