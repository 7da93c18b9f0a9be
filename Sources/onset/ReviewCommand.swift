import ArgumentParser
import Foundation
import OnsetCore

/// `onset accept ID`: a reviewed draft becomes a final case.
struct AcceptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "accept", abstract: "Accept a reviewed draft case (status becomes final).")

    @OptionGroup var library: LibraryOptions
    @Argument(help: "The case id (narrative drafts are draft-<file name>).") var id: String

    func run() throws {
        let lib = try library.open()
        do {
            let c = try lib.accept(id: id)
            out("accepted \(VisibleText.escape(c.id)): status final")
        } catch let e as ReviewError {
            throw CLIError(VisibleText.escape(e.description))
        }
    }
}

/// `onset set ID FIELD VALUE`: corrects one field of a case and saves it.
struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Correct one field of a case: \(CaseCorrection.fieldHelp).",
        discussion: "Examples: onset set draft-report age 52; onset set draft-report sex female; onset set draft-report d2.role prior; onset set draft-report e1.preferred Purpura. The value none clears age, sex or outcome.")

    @OptionGroup var library: LibraryOptions
    @Argument(help: "The case id.") var id: String
    @Argument(help: "The field: \(CaseCorrection.fieldHelp).") var field: String
    @Argument(help: "The new value (several words are joined).") var value: [String]

    func run() throws {
        let lib = try library.open()
        do {
            let c = try lib.correct(id: id, field: field, value: value.joined(separator: " "))
            out("\(VisibleText.escape(c.id)): \(VisibleText.escape(field)) set (status \(c.status.rawValue))")
        } catch let e as ReviewError {
            throw CLIError(VisibleText.escape(e.description))
        }
    }
}
