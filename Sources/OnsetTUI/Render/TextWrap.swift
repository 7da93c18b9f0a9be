/// Word wrapping by display width, for case narratives and help text.
public enum TextWrap {
    /// `text` broken into lines at most `width` columns wide.
    ///
    /// Each line of the input (see `SafeText.lines`) is a paragraph: paragraphs always start a new
    /// line and empty ones are kept as empty lines. Inside a paragraph lines break at spaces;
    /// runs of spaces between words collapse to one, the paragraph's leading indentation is kept
    /// on its first line, and trailing spaces are dropped. A word longer than `width` is broken
    /// between graphemes, never inside a wide character (a wide character in a width of 1 gets a
    /// line of its own). The output is already `SafeText.visible`.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var out: [String] = []
        for paragraph in SafeText.lines(text) {
            wrapParagraph(paragraph, width: width, into: &out)
        }
        return out
    }

    private static func wrapParagraph(_ paragraph: String, width: Int, into out: inout [String]) {
        let indent = String(paragraph.prefix { $0 == " " })
        let words = paragraph.split(separator: " ", omittingEmptySubsequences: true)
        if words.isEmpty {
            out.append("")
            return
        }
        var line = indent.count < width ? indent : ""
        var lineWidth = line.count
        var lineHasWord = false

        func flush() {
            out.append(line)
            line = ""
            lineWidth = 0
            lineHasWord = false
        }

        for word in words {
            let wordWidth = DisplayWidth.of(String(word))
            let gap = lineHasWord ? 1 : 0
            if lineWidth + gap + wordWidth <= width {
                if lineHasWord { line += " " }
                line += word
                lineWidth += gap + wordWidth
                lineHasWord = true
                continue
            }
            if lineHasWord { flush() }
            if wordWidth <= width && wordWidth > width - lineWidth {
                // Only the indentation is on the line and the word fits without it: drop the indent.
                line = ""
                lineWidth = 0
            }
            if wordWidth <= width - lineWidth {
                line += word
                lineWidth += wordWidth
                lineHasWord = true
                continue
            }
            // Too long for any line: break it between graphemes.
            for character in word {
                let w = DisplayWidth.of(character)
                if lineWidth + w > width && lineWidth > 0 { flush() }
                line.append(character)
                lineWidth += w
                lineHasWord = true
            }
        }
        if lineHasWord || !line.isEmpty { flush() }
    }
}
