import Testing
@testable import OnsetTUI

@Suite struct SafeTextTests {
    @Test func plainTextIsUnchanged() {
        #expect(SafeText.visible("aspirin 100 mg – naïve 日本 😀") == "aspirin 100 mg – naïve 日本 😀")
    }

    @Test func escapeIsCaretBracket() {
        #expect(SafeText.visible("\u{1b}") == "^[")
        #expect(SafeText.visible("\u{1b}[2J") == "^[[2J")
        #expect(SafeText.visible("a\u{1b}[31mred\u{1b}[0m") == "a^[[31mred^[[0m")
    }

    @Test func osc52ClipboardSequenceIsDefused() {
        let hostile = "\u{1b}]52;c;SGVsbG8=\u{07}"
        let shown = SafeText.visible(hostile)
        #expect(shown == "^[]52;c;SGVsbG8=\\x07")
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test(arguments: [
        (UInt32(0x00), "\\x00"), (0x07, "\\x07"), (0x08, "\\x08"), (0x0A, "\\x0a"), (0x0B, "\\x0b"),
        (0x0C, "\\x0c"), (0x0D, "\\x0d"), (0x0E, "\\x0e"), (0x1A, "\\x1a"), (0x1C, "\\x1c"), (0x1F, "\\x1f"),
    ])
    func c0ControlsBecomeHexEscapes(value: UInt32, expected: String) {
        #expect(SafeText.visible(String(Unicode.Scalar(value)!)) == expected)
    }

    @Test func everyC0ControlIsEscaped() {
        for value in UInt32(0)..<0x20 {
            let shown = SafeText.visible("x" + String(Unicode.Scalar(value)!) + "y")
            #expect(!shown.unicodeScalars.contains { $0.value < 0x20 }, "U+\(value) leaked")
        }
    }

    @Test func tabIsOneSpace() {
        #expect(SafeText.visible("a\tb") == "a b")
    }

    @Test func deleteIsHex() {
        #expect(SafeText.visible("a\u{7f}b") == "a\\x7fb")
    }

    @Test func c1ControlsAreHex() {
        #expect(SafeText.visible("\u{9b}2J") == "\\x9b2J")      // one-byte CSI
        #expect(SafeText.visible("\u{80}") == "\\x80")
        #expect(SafeText.visible("\u{85}") == "\\x85")
        #expect(SafeText.visible("\u{9d}0;title\u{9c}") == "\\x9d0;title\\x9c")   // OSC ... ST
        #expect(SafeText.visible("\u{9f}") == "\\x9f")
        for value in UInt32(0x80)...0x9F {
            #expect(SafeText.visible(String(Unicode.Scalar(value)!)).hasPrefix("\\x"))
        }
    }

    @Test func bidiControlsAreNamed() {
        #expect(SafeText.visible("abc\u{202e}def") == "abc<U+202E>def")
        for value: UInt32 in [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069] {
            let hex = String(value, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: 4 - hex.count) + hex
            #expect(SafeText.visible(String(Unicode.Scalar(value)!)) == "<U+\(padded)>")
        }
    }

    @Test func lineSeparatorsAreNamed() {
        #expect(SafeText.visible("a\u{2028}b\u{2029}") == "a<U+2028>b<U+2029>")
    }

    @Test func combiningMarksAndZeroWidthJoinersStay() {
        #expect(SafeText.visible("e\u{301}") == "e\u{301}")
        #expect(SafeText.visible("👨\u{200d}👩") == "👨\u{200d}👩")
    }

    @Test func visibleIsIdempotent() {
        let once = SafeText.visible("\u{1b}[2J\u{07}\u{9b}\u{202e}\t")
        #expect(SafeText.visible(once) == once)
    }

    @Test func linesSplitOnEveryKindOfBreak() {
        #expect(SafeText.lines("a\nb\r\nc\rd\u{85}e\u{2028}f\u{2029}g") == ["a", "b", "c", "d", "e", "f", "g"])
        #expect(SafeText.lines("") == [""])
        #expect(SafeText.lines("a\n\nb\n") == ["a", "", "b", ""])
    }

    @Test func linesAreMadeVisible() {
        #expect(SafeText.lines("x\u{1b}[2J\ny\u{07}") == ["x^[[2J", "y\\x07"])
    }

    @Test func singleLineJoinsWithSpaces() {
        #expect(SafeText.singleLine("first line\r\nsecond\u{1b}") == "first line second^[")
    }
}
