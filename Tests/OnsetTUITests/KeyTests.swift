import CNcursesw
import Testing
@testable import OnsetTUI

@Suite struct KeyTests {
    private func char(_ value: UInt32) -> Key? { Key.decode(.character(value)) }
    private func code(_ value: Int32) -> Key? { Key.decode(.keyCode(value)) }

    @Test func printableCharacters() {
        #expect(char(0x61) == .char("a"))
        #expect(char(0x4A) == .char("J"))
        #expect(char(0x2F) == .char("/"))
        #expect(char(0x20) == .char(" "))
        #expect(char(0xE9) == .char("é"))
        #expect(char(0x65E5) == .char("日"))
        #expect(char(0x1F600) == .char("😀"))
    }

    @Test func enterTabEscapeBackspace() {
        #expect(char(0x0D) == .enter)
        #expect(char(0x0A) == .enter)
        #expect(char(0x09) == .tab)
        #expect(char(0x1B) == .escape)
        #expect(char(0x7F) == .backspace)
        #expect(char(0x08) == .backspace)
    }

    @Test func controlCharacters() {
        #expect(char(0x0C) == .ctrl("l"))
        #expect(char(0x01) == .ctrl("a"))
        #expect(char(0x04) == .ctrl("d"))
        #expect(char(0x15) == .ctrl("u"))
        #expect(char(0x1A) == .ctrl("z"))
        #expect(char(0x00) == .ctrl("@"))
        #expect(char(0x1C) == .ctrl("\\"))
        #expect(char(0x1D) == .ctrl("]"))
        #expect(char(0x1F) == .ctrl("_"))
    }

    @Test func invalidInputIsNil() {
        #expect(char(0x9B) == nil)            // C1 CSI
        #expect(char(0xD800) == nil)          // surrogate
        #expect(char(0x110000) == nil)
        #expect(code(KEY_MOUSE) == nil)       // needs getmouse
        #expect(code(0x7FFF) == nil)
    }

    @Test func navigationKeyCodes() {
        #expect(code(KEY_UP) == .up)
        #expect(code(KEY_DOWN) == .down)
        #expect(code(KEY_LEFT) == .left)
        #expect(code(KEY_RIGHT) == .right)
        #expect(code(KEY_PPAGE) == .pageUp)
        #expect(code(KEY_NPAGE) == .pageDown)
        #expect(code(KEY_HOME) == .home)
        #expect(code(KEY_END) == .end)
        #expect(code(KEY_A1) == .home)
        #expect(code(KEY_C1) == .end)
        #expect(code(KEY_A3) == .pageUp)
        #expect(code(KEY_C3) == .pageDown)
    }

    @Test func editingKeyCodes() {
        #expect(code(KEY_ENTER) == .enter)
        #expect(code(KEY_BACKSPACE) == .backspace)
        #expect(code(KEY_DC) == .delete)
        #expect(code(KEY_IC) == .insert)
        #expect(code(KEY_BTAB) == .backTab)
        #expect(code(KEY_RESIZE) == .resize)
    }

    @Test func functionKeys() {
        #expect(code(onset_key_f(1)) == .function(1))
        #expect(code(onset_key_f(5)) == .function(5))
        #expect(code(onset_key_f(12)) == .function(12))
        #expect(code(KEY_F0) == nil)
    }

    @Test func altCombination() {
        #expect(Key.alt(escapeFollowedBy: .char("x")) == .alt("x"))
        #expect(Key.alt(escapeFollowedBy: .up) == nil)
        #expect(Key.alt(escapeFollowedBy: .escape) == nil)
    }

    @Test func unknownEscapeSequencesAreRecognised() {
        #expect(Key.startsEscapeSequence(.char("[")))
        #expect(Key.startsEscapeSequence(.char("O")))
        #expect(!Key.startsEscapeSequence(.char("x")))
        // ESC [ 1 ; 5 P: parameters continue the sequence, the final byte ends it.
        #expect(!Key.endsEscapeSequence(.char("1")))
        #expect(!Key.endsEscapeSequence(.char(";")))
        #expect(Key.endsEscapeSequence(.char("P")))
        #expect(Key.endsEscapeSequence(.char("~")))
        #expect(Key.endsEscapeSequence(.up))
    }

    @Test func fallbackSequencesAreWellFormed() {
        for (sequence, _) in Key.fallbackSequences {
            #expect(sequence.hasPrefix("\u{1b}[") || sequence.hasPrefix("\u{1b}O"))
            #expect(sequence.unicodeScalars.count >= 3)
        }
    }

    @Test func mouseDecoding() {
        #expect(MouseEvent.decode(row: 3, col: 7, buttonState: onset_button1_clicked())
                == MouseEvent(action: .leftClick, row: 3, col: 7))
        #expect(MouseEvent.decode(row: 0, col: 0, buttonState: onset_button4_pressed()).action == .scrollUp)
        #expect(MouseEvent.decode(row: 0, col: 0, buttonState: onset_button5_pressed()).action == .scrollDown)
        #expect(MouseEvent.decode(row: 0, col: 0, buttonState: onset_button3_clicked()).action == .rightClick)
        #expect(MouseEvent.decode(row: 0, col: 0, buttonState: 0).action == .other)
    }
}
