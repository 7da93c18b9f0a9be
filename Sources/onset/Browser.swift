import Foundation
import OnsetCore
import OnsetTUI

/// Opens the terminal browser, or prints the case list when there is no terminal (scripts, pipes).
enum Browser {
    static func open(_ lib: Library, options: DisplayOptions, paths: [String]) throws {
        let name = paths.isEmpty ? lib.path : paths.joined(separator: " ")
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            let columns = CaseListColumns.layout(width: terminalWidth())
            out(columns.header)
            for r in try lib.page(.all, limit: 1000) { out(columns.row(r)) }
            return
        }
        let terminalOptions = TerminalOptions(forceASCII: options.ascii, noColor: options.noColor, mouse: options.mouse)
        try BrowserLauncher.run(library: lib, name: name, options: terminalOptions, tracePath: options.trace)
    }
}
