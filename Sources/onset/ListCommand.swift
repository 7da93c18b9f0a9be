import ArgumentParser
import Foundation
import OnsetCore

/// Output formats of `list`.
enum ListFormat: String, ExpressibleByArgument, CaseIterable { case table, tsv, json }

/// `onset list [QUERY...]`
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "One row per matching case.")

    @OptionGroup var library: LibraryOptions
    @Option(help: "At most this many rows (0: all).") var limit = 1000
    @Option(help: "table, tsv or json.") var format: ListFormat = .table
    @Argument(help: "A filter, e.g. drug:natalizumab event:thrombocytopenia age:>40.") var query: [String] = []

    func run() throws {
        let q = try parseQuery(query)
        let lib = try library.open(readOnly: true)
        let rows = try lib.page(q, limit: limit == 0 ? -1 : limit)
        switch format {
        case .tsv:
            out(["id", "age", "sex", "suspects", "events", "onset", "outcome", "source"].joined(separator: "\t"))
            for r in rows {
                out([r.id, r.ageYears.map { DayRange.format(($0 * 100).rounded() / 100) } ?? "", r.sex?.rawValue ?? "", r.suspects, r.events,
                     r.onsetLabel ?? "", r.outcome?.rawValue ?? "", r.kind.rawValue].map(VisibleText.tsvField).joined(separator: "\t"))
            }
        case .json:
            out(JSONWriter.write(.array(rows.map { r in
                var o = JSONObjectBuilder()
                o.set("id", r.id); o.set("age", r.ageYears); o.set("sex", r.sex?.rawValue)
                o.set("suspects", r.suspects); o.set("events", r.events); o.set("onset", r.onsetLabel)
                o.set("outcome", r.outcome?.rawValue); o.set("source", r.kind.rawValue); o.set("status", r.status.rawValue)
                return o.value
            })))
        case .table:
            let total = try lib.count(q)
            let columns = CaseListColumns.layout(width: terminalWidth())
            out(columns.header)
            for r in rows { out(columns.row(r)) }
            out("\(rows.count < total ? "\(rows.count) shown, " : "")\(total) of \(try lib.totalCases()) cases")
        }
    }
}

/// The terminal's width for table output, or 100 when not a terminal.
func terminalWidth() -> Int {
    var ws = winsize()
    if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 20 { return Int(ws.ws_col) }
    if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 20 { return c }
    return 100
}
