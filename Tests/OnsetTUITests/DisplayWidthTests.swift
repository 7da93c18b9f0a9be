import Testing
@testable import OnsetTUI

@Suite struct DisplayWidthTests {
    @Test(arguments: testLocales)
    func asciiIsOneColumn(locale: String) {
        withLocale(locale) {
            #expect(DisplayWidth.of("aspirin") == 7)
            #expect(DisplayWidth.of("") == 0)
        }
    }

    @Test(arguments: testLocales)
    func cjkAndEmojiAreTwoColumns(locale: String) {
        withLocale(locale) {
            #expect(DisplayWidth.of("日本") == 4)
            #expect(DisplayWidth.of("한국") == 4)
            #expect(DisplayWidth.of("ＡＢ") == 4)          // fullwidth forms
            #expect(DisplayWidth.of("😀") == 2)
            #expect(DisplayWidth.of(Character("薬")) == 2)
        }
    }

    @Test(arguments: testLocales)
    func combiningMarksAreZero(locale: String) {
        withLocale(locale) {
            #expect(DisplayWidth.of(Unicode.Scalar(0x301)!) == 0)
            #expect(DisplayWidth.of("e\u{301}") == 1)
            #expect(DisplayWidth.of("naïve") == 5)
            #expect(DisplayWidth.of("ne\u{301}e\u{301}") == 3)
        }
    }

    @Test(arguments: testLocales)
    func accentedLatinIsOne(locale: String) {
        withLocale(locale) {
            #expect(DisplayWidth.of("é") == 1)
            #expect(DisplayWidth.of("Ærø") == 3)
            #expect(DisplayWidth.of("–…") == 2)
        }
    }

    @Test(arguments: testLocales)
    func controlsMeasureAsTheirEscapes(locale: String) {
        withLocale(locale) {
            #expect(DisplayWidth.of("\u{1b}") == 2)              // ^[
            #expect(DisplayWidth.of("\u{1b}[2J") == 5)           // ^[[2J
            #expect(DisplayWidth.of("\u{07}") == 4)              // \x07
            #expect(DisplayWidth.of("\u{9b}") == 4)              // \x9b
            #expect(DisplayWidth.of("\u{202e}") == 8)            // <U+202E>
            #expect(DisplayWidth.of("\t") == 1)
            #expect(DisplayWidth.of(Unicode.Scalar(0x1B)) == 2)
            #expect(DisplayWidth.of(Character("\r\n")) == 8)     // \x0d\x0a
        }
    }

    @Test func utf8LocaleUsesWcwidth() {
        withLocale("C.UTF-8") {
            #expect(GlyphSet.localeIsUTF8())
        }
        withLocale("C") {
            #expect(!GlyphSet.localeIsUTF8())
        }
    }

    @Test(arguments: testLocales)
    func terminalFormKeepsCombiningMarks(locale: String) {
        withLocale(locale) {
            let form = DisplayWidth.terminalForm(of: "e\u{301}")
            #expect(form.text == "e\u{301}")
            #expect(form.width == 1)
        }
    }

    @Test(arguments: testLocales)
    func terminalFormCutsZWJSequencesAndVariationSelectors(locale: String) {
        withLocale(locale) {
            let family = DisplayWidth.terminalForm(of: "👨\u{200d}👩\u{200d}👧")
            #expect(family.text == "👨")
            #expect(family.width == 2)
            let heart = DisplayWidth.terminalForm(of: "❤\u{fe0f}")
            #expect(heart.text == "❤")
            #expect(heart.width == 1)
        }
    }

    @Test(arguments: testLocales)
    func zeroWidthGraphemesMeasureZero(locale: String) {
        withLocale(locale) {
            #expect(DisplayWidth.terminalForm(of: "\u{200b}").width == 0)
            #expect(DisplayWidth.terminalForm(of: "\u{301}").width == 0)
        }
    }

    @Test func asciiFormStripsAccentsAndMapsPunctuation() {
        #expect(DisplayWidth.asciiForm(of: "é") == "e")
        #expect(DisplayWidth.asciiForm(of: "Å") == "A")
        #expect(DisplayWidth.asciiForm(of: "e\u{301}") == "e")
        #expect(DisplayWidth.asciiForm(of: "“") == "\"")
        #expect(DisplayWidth.asciiForm(of: "–") == "-")
        #expect(DisplayWidth.asciiForm(of: "…") == "~")
        #expect(DisplayWidth.asciiForm(of: "µ") == "u")
        #expect(DisplayWidth.asciiForm(of: "日") == "?")
        #expect(DisplayWidth.asciiForm(of: "😀") == "?")
        #expect(DisplayWidth.asciiForm(of: "\u{a0}") == " ")
        #expect(DisplayWidth.asciiForm(of: "a") == "a")
    }
}
