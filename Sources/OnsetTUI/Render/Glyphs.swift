import Glibc

/// The drawing characters the UI uses, in a Unicode and an ASCII variant.
///
/// Line drawing is done with these characters rather than the terminal's ACS alternate character
/// set, because PuTTY and some tmux setups draw ACS as letters (`x`, `q`) in UTF-8 mode.
/// Every glyph is a `String` because some ASCII stand-ins take more than one column (`->`).
public struct GlyphSet: Hashable, Sendable {
    /// True for the Unicode set.
    public var isUnicode: Bool
    /// Marks text cut short to fit (`…` / `~`); always one column.
    public var ellipsis: String
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    /// Left end of a horizontal separator inside a box (`├`).
    public var teeRight: String
    /// Right end of a horizontal separator inside a box (`┤`).
    public var teeLeft: String
    /// Timeline: when a dose was given.
    public var doseMarker: String
    /// Timeline: when the reaction started.
    public var onsetMarker: String
    /// Timeline: a span of days (e.g. an uncertain interval).
    public var rangeSpan: String
    /// Timeline: a tick on the day axis.
    public var axisTick: String
    /// Partial histogram blocks from 1/8 to 8/8 of a column; the ASCII set has one full block, `#`.
    public var histogramBlocks: [String]
    /// Marks the selected row.
    public var selection: String
    /// Points from one thing to another (drug → reaction).
    public var arrow: String

    /// Box drawing, eighth blocks and geometric shapes.
    public static let unicode = GlyphSet(
        isUnicode: true, ellipsis: "…",
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeRight: "├", teeLeft: "┤",
        doseMarker: "▲", onsetMarker: "●", rangeSpan: "━", axisTick: "┬",
        histogramBlocks: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        selection: "▶", arrow: "→")

    /// Plain ASCII, for non-UTF-8 locales and `--ascii`.
    public static let ascii = GlyphSet(
        isUnicode: false, ellipsis: "~",
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeRight: "+", teeLeft: "+",
        doseMarker: "^", onsetMarker: "*", rangeSpan: "=", axisTick: "+",
        histogramBlocks: ["#"],
        selection: ">", arrow: "->")

    /// The set for the current locale: Unicode when `nl_langinfo(CODESET)` is UTF-8 and ASCII is
    /// not forced. Call after `setlocale(LC_ALL, "")`, otherwise the codeset is always the C one.
    public static func forCurrentLocale(forceASCII: Bool = false) -> GlyphSet {
        if forceASCII { return .ascii }
        return localeIsUTF8() ? .unicode : .ascii
    }

    /// True when the process's LC_CTYPE codeset is UTF-8 (glibc spells it "UTF-8"; others "utf8").
    public static func localeIsUTF8() -> Bool {
        guard let raw = nl_langinfo(nl_item(CODESET)) else { return false }
        return isUTF8Codeset(String(cString: raw))
    }

    /// True for the spellings of UTF-8 that `nl_langinfo` returns on the platforms we know.
    public static func isUTF8Codeset(_ codeset: String) -> Bool {
        let folded = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
        return folded == "utf8"
    }

    /// A horizontal bar `length` columns long (fractional), e.g. for a histogram.
    /// Unicode draws the fraction with eighth blocks; ASCII rounds to whole `#`s.
    /// Any positive length draws at least the smallest block, so a non-zero count never looks
    /// like zero. The result is never wider than `length` rounded up.
    public func bar(length: Double) -> String {
        guard length.isFinite, length > 0 else { return "" }
        let full = histogramBlocks[histogramBlocks.count - 1]
        if histogramBlocks.count == 1 {
            return String(repeating: full, count: max(1, Int(length.rounded())))
        }
        let eighths = max(1, Int((length * 8).rounded()))
        var s = String(repeating: full, count: eighths / 8)
        if eighths % 8 > 0 { s += histogramBlocks[eighths % 8 - 1] }
        return s
    }
}
