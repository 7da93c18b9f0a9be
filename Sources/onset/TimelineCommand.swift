import ArgumentParser
import Foundation
import OnsetCore

/// `onset timeline ID`
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "timeline", abstract: "A case's doses, onsets and intervals drawn as text.")

    @OptionGroup var library: LibraryOptions
    @Option(help: "Width in columns.") var width: Int?
    @Flag(help: "Use only ASCII characters.") var ascii = false
    @Argument(help: "The case id.") var id: String

    /// Narrower than this, lane titles leave no room to draw in.
    static let minimumWidth = 30

    func validate() throws {
        if let width, width < Self.minimumWidth {
            throw ValidationError("--width must be at least \(Self.minimumWidth) columns, found \(width)")
        }
    }

    func run() throws {
        let lib = try library.open(readOnly: true)
        guard let c = try lib.loadCase(id: id) else { throw CLIError("no case with id \"\(VisibleText.escape(id))\" in \(lib.path)") }
        let intervals = DoseOnsetCalculator.intervals(for: c)
        let model = TimelineModel(c, intervals: intervals)
        let glyphs = ascii || !utf8Locale() ? TimelineGlyphs.ascii : TimelineGlyphs.unicode
        out(VisibleText.escape(c.id))
        for row in TimelineText.render(model, width: max(Self.minimumWidth, width ?? terminalWidth()), glyphs: glyphs) {
            out(VisibleText.escape(row.text))
        }
        for i in intervals where i.first != nil || i.last != nil {
            var s = "  \(i.drug) \(glyphs.dose == "^" ? "->" : "→") \(i.event): "
            if let l = i.last { s += DoseOnset.relative(l, i.dose.map { "dose \($0)" } ?? "last dose") }
            if let f = i.first { s += (i.last != nil ? ", " : "") + DoseOnset.relative(f, "first dose") }
            s += " [\(i.basis?.rawValue ?? "")]"
            out(VisibleText.escape(s))
        }
    }
}

/// Whether the locale's character set is UTF-8 (otherwise draw in ASCII).
func utf8Locale() -> Bool {
    setlocale(LC_ALL, "")
    guard let cs = nl_langinfo(nl_item(CODESET)) else { return false }
    return String(cString: cs).uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
}
