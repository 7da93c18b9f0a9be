import Testing
@testable import OnsetTUI

@Suite struct TextWrapTests {
    @Test func wrapsAtWordBoundaries() {
        let text = "Patient developed a rash three days after starting amoxicillin."
        #expect(TextWrap.wrap(text, width: 20) == [
            "Patient developed a",
            "rash three days",
            "after starting",
            "amoxicillin.",
        ])
    }

    @Test func everyLineFitsTheWidth() {
        let text = "Le patient a présenté une urticaire généralisée 2 jours après la prise d'ibuprofène 400 mg. 患者は発疹を呈した。"
        for width in 1...30 {
            for line in TextWrap.wrap(text, width: width) {
                let lineWidth = DisplayWidth.of(line)
                // Only a lone wide character may exceed a width of 1.
                #expect(lineWidth <= max(width, 2), "width \(width): \(line)")
                if width >= 2 { #expect(lineWidth <= width, "width \(width): \(line)") }
            }
        }
    }

    @Test func keepsParagraphsAndEmptyLines() {
        #expect(TextWrap.wrap("first para\n\nsecond", width: 20) == ["first para", "", "second"])
        #expect(TextWrap.wrap("a\r\nb", width: 5) == ["a", "b"])
        #expect(TextWrap.wrap("", width: 5) == [""])
    }

    @Test func breaksOverlongWords() {
        #expect(TextWrap.wrap("hydroxychloroquine", width: 6) == ["hydrox", "ychlor", "oquine"])
        #expect(TextWrap.wrap("a hydroxychloroquine b", width: 8) == ["a", "hydroxyc", "hloroqui", "ne b"])
    }

    @Test func neverSplitsWideCharacters() {
        #expect(TextWrap.wrap("日本語テキスト", width: 5) == ["日本", "語テ", "キス", "ト"])
        #expect(TextWrap.wrap("日本", width: 1) == ["日", "本"])
    }

    @Test func collapsesSpacesAndKeepsIndent() {
        #expect(TextWrap.wrap("a    b", width: 10) == ["a b"])
        #expect(TextWrap.wrap("  indented text here", width: 12) == ["  indented", "text here"])
        #expect(TextWrap.wrap("   ", width: 10) == [""])
    }

    @Test func outputIsSafe() {
        let lines = TextWrap.wrap("bell\u{07} and \u{1b}[2J clear", width: 10)
        #expect(lines == ["bell\\x07", "and ^[[2J", "clear"])
    }

    @Test func widthBelowOneIsTreatedAsOne() {
        #expect(TextWrap.wrap("ab", width: 0) == ["a", "b"])
    }
}
