import Foundation
import OnsetCore

/// Opens the terminal browser (until it lands: prints the case list).
enum Browser {
    static func open(_ lib: Library, options: DisplayOptions, paths: [String]) throws {
        let columns = CaseListColumns.layout(width: terminalWidth())
        out(columns.header)
        for r in try lib.page(.all, limit: 1000) { out(columns.row(r)) }
    }
}
