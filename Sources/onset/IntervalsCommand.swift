import ArgumentParser
import Foundation
import OnsetCore

/// Output formats of `intervals`.
enum IntervalsFormat: String, ExpressibleByArgument, CaseIterable { case tsv, json }

/// `onset intervals [QUERY...]`
struct IntervalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intervals",
        abstract: "The dose-to-onset table: one row per case × suspect drug × event.",
        discussion: "Columns: case, drug, event, dose (last dose before onset), first_min/first_max (days from first dose), last_min/last_max (days from that dose), basis (reported, dates or mixed). Null/empty where unknown.")

    @OptionGroup var library: LibraryOptions
    @Option(help: "tsv or json.") var format: IntervalsFormat = .tsv
    @Argument(help: "A filter.") var query: [String] = []

    func run() throws {
        let q = try parseQuery(query)
        let lib = try library.open(readOnly: true)
        let rows = try lib.intervals(q)
        switch format {
        case .json:
            out(JSONWriter.write(.array(rows.map(Self.json)), pretty: true))
        case .tsv:
            out(["case", "drug", "event", "dose", "first_min", "first_max", "last_min", "last_max", "basis"].joined(separator: "\t"))
            for r in rows {
                func n(_ v: Double?) -> String { v.map(JSONWriter.number) ?? "" }
                out([r.caseID, r.drug, r.event, r.dose.map(String.init) ?? "", n(r.first?.min), n(r.first?.max),
                     n(r.last?.min), n(r.last?.max), r.basis?.rawValue ?? ""].map(VisibleText.tsvField).joined(separator: "\t"))
            }
        }
    }

    static func json(_ r: DoseOnset) -> JSONValue {
        func n(_ v: Double?) -> JSONValue { v.map(JSONValue.number) ?? .null }
        return .object([
            ("case", .string(r.caseID)), ("drug", .string(r.drug)), ("event", .string(r.event)),
            ("dose", r.dose.map { .number(Double($0)) } ?? .null),
            ("first_min", n(r.first?.min)), ("first_max", n(r.first?.max)),
            ("last_min", n(r.last?.min)), ("last_max", n(r.last?.max)),
            ("basis", r.basis.map { .string($0.rawValue) } ?? .null),
        ])
    }
}
