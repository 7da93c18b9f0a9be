import ArgumentParser
import Foundation
import OnsetCore

/// Output formats of `show`.
enum ShowFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// `onset show ID`
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Every field of one case.")

    @OptionGroup var library: LibraryOptions
    @Option(help: "text, or json (onset's case format: importing it gives back the same case).") var format: ShowFormat = .text
    @Argument(help: "The case id.") var id: String

    func run() throws {
        let lib = try library.open(readOnly: true)
        guard let c = try lib.loadCase(id: id) else { throw CLIError("no case with id \"\(VisibleText.escape(id))\" in \(lib.path)") }
        switch format {
        case .json: out(CaseWriter.text(c))
        case .text: out(Self.text(CaseDetail(c), width: terminalWidth()))
        }
    }

    static func text(_ d: CaseDetail, width: Int) -> String {
        var lines = [VisibleText.escape(d.title)]
        for s in d.sections {
            lines.append("")
            lines.append(s.title)
            for l in s.lines {
                let prefix = l.label.map { "  \($0): " } ?? "  "
                let text = VisibleText.escape(l.text, keepNewlines: true)
                for para in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    lines += wrap(String(para), width: width - 2, first: prefix, rest: "    ")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func wrap(_ text: String, width: Int, first: String, rest: String) -> [String] {
        var out: [String] = [], current = first
        for word in text.split(separator: " ") {
            if current.count + word.count + 1 > width, current.trimmingCharacters(in: .whitespaces).count > 0, current != first {
                out.append(current); current = rest
            }
            current += (current == first || current == rest ? "" : " ") + word
        }
        out.append(current)
        return out
    }
}
