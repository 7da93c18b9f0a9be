import CNcursesw
import Foundation

/// How many terminal columns text occupies, and what a grapheme becomes on the terminal.
///
/// Widths come from libc `wcwidth`, because ncurses uses the same function to advance its cursor:
/// if the grid and ncurses disagreed about a width, every later column on the line would shift.
/// `wcwidth` depends on the locale's LC_CTYPE. Under a non-UTF-8 locale (C, POSIX) it returns -1
/// for everything outside ASCII, and then a built-in table takes over (zero for combining marks and
/// other zero-width characters, two for East Asian wide ranges and emoji, one otherwise). The table
/// also covers code points that the UTF-8 locale's tables do not know.
///
/// Controls are measured as the escape `SafeText.visible` shows for them, so
/// `DisplayWidth.of("\u{1b}[2J") == 5` (`^[` + `[2J`).
public enum DisplayWidth {
    /// Columns used by `s` once it is made visible and drawn cell by cell.
    public static func of(_ s: String) -> Int {
        var total = 0
        for character in SafeText.visible(s) { total += of(character) }
        return total
    }

    /// Columns used by one grapheme as the grid draws it (see `terminalForm(of:)`).
    /// A control scalar is measured as its visible escape.
    public static func of(_ character: Character) -> Int {
        if character.unicodeScalars.contains(where: SafeText.needsEscape) {
            return of(String(character))
        }
        return terminalForm(of: character).width
    }

    /// Columns used by one scalar on its own: 0, 1 or 2 (controls: the width of their escape).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        if let escape = SafeText.escape(for: scalar) { return escape.unicodeScalars.count }
        if scalar.value < 0x7F { return 1 }
        let w = onset_wcwidth(scalar.value)
        if w >= 0 { return Int(w) }
        return fallbackWidth(scalar)
    }

    /// What the terminal is given for a grapheme, and its width.
    ///
    /// A terminal cell (`cchar_t`) holds one spacing character plus a few zero-width ones
    /// (`CCHARW_MAX` = 5), and terminals disagree about how wide multi-character emoji are.
    /// To keep the grid and the screen in step, a grapheme is reduced to its first scalar plus the
    /// zero-width scalars that follow it (combining accents, Hangul vowel jamo), at most four.
    /// Reading stops at a zero-width joiner or at a second spacing scalar, so a family emoji shows
    /// as its first person and a flag as its first letter; variation selectors are dropped because
    /// terminals do not agree on whether U+FE0F widens the character before it.
    /// The width is the first scalar's width; a grapheme of width 0 (a stray accent, a zero-width
    /// space) cannot occupy a cell, and `Grid.put` drops it.
    public static func terminalForm(of character: Character) -> (text: String, width: Int) {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return ("", 0) }
        if scalars.count == 1 { return (String(character), of(first)) }
        var kept = String.UnicodeScalarView()
        kept.append(first)
        var extras = 0
        for scalar in scalars.dropFirst() {
            if scalar.value == 0x200D { break }                          // zero-width joiner
            if (0xFE00...0xFE0F).contains(scalar.value) { continue }     // variation selectors
            if of(scalar) != 0 { break }
            if extras == 4 { break }
            kept.append(scalar)
            extras += 1
        }
        return (String(kept), of(first))
    }

    /// The ASCII stand-in for a grapheme, for locales that cannot show anything else: accents are
    /// stripped (é → e), common punctuation and the glyphs the UI uses get a look-alike, and
    /// anything else becomes `?`. Always one character, so ASCII text is never wider than the
    /// Unicode text it replaces and layouts computed for Unicode still fit.
    public static func asciiForm(of character: Character) -> String {
        if character.isASCII {
            return String(character)
        }
        guard let first = character.unicodeScalars.first else { return "?" }
        if let mapped = asciiLookalikes[first.value] { return mapped }
        if first.properties.generalCategory == .spaceSeparator { return " " }
        // Canonical decomposition puts the base letter first: "é" → "e" + U+0301.
        let decomposed = String(character).decomposedStringWithCanonicalMapping
        if let base = decomposed.unicodeScalars.first, base.isASCII, base.value >= 0x20, base.value < 0x7F {
            return String(base)
        }
        return "?"
    }

    /// Width from the built-in table, used when `wcwidth` gives up (non-UTF-8 locale, unknown code point).
    static func fallbackWidth(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            // U+00AD SOFT HYPHEN is "format" but terminals and glibc draw it.
            return v == 0xAD ? 1 : 0
        default: break
        }
        if (0x1160...0x11FF).contains(v) { return 0 }   // Hangul medial vowels and final consonants
        if scalar.properties.isEmojiPresentation { return 2 }
        for range in wideRanges where range.contains(v) { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth blocks (Unicode EastAsianWidth W/F), coarsened to whole blocks.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,    // Hangul Jamo initial consonants
        0x2329...0x232A,    // angle brackets
        0x2E80...0x303E,    // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
        0x3041...0x33FF,    // Hiragana, Katakana, Bopomofo, Hangul compatibility jamo, Kanbun, CJK compatibility
        0x3400...0x4DBF,    // CJK extension A
        0x4E00...0x9FFF,    // CJK unified ideographs
        0xA000...0xA4CF,    // Yi
        0xA960...0xA97F,    // Hangul Jamo extended A
        0xAC00...0xD7A3,    // Hangul syllables
        0xF900...0xFAFF,    // CJK compatibility ideographs
        0xFE10...0xFE19,    // vertical forms
        0xFE30...0xFE6F,    // CJK compatibility forms, small form variants
        0xFF00...0xFF60,    // fullwidth forms
        0xFFE0...0xFFE6,    // fullwidth signs
        0x16FE0...0x16FE4,  // ideographic symbols
        0x17000...0x18CFF,  // Tangut
        0x1B000...0x1B2FF,  // Kana supplement and extensions, Nushu
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x1F300...0x1F64F,  // pictographs and emoticons
        0x1F900...0x1F9FF,  // supplemental symbols and pictographs
        0x20000...0x2FFFD,  // CJK extensions B-F
        0x30000...0x3FFFD,  // CJK extensions G-H
    ]

    /// ASCII look-alikes for punctuation seen in data and for the glyphs of `GlyphSet.unicode`.
    static let asciiLookalikes: [UInt32: String] = [
        0x2018: "'", 0x2019: "'", 0x201A: "'", 0x201B: "'", 0x2032: "'",
        0x201C: "\"", 0x201D: "\"", 0x201E: "\"", 0x2033: "\"", 0x00AB: "\"", 0x00BB: "\"",
        0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2014: "-", 0x2015: "-", 0x2212: "-",
        0x2026: "~", 0x22EF: "~", 0x2022: "*", 0x00B7: ".", 0x00D7: "x", 0x00B5: "u", 0x03BC: "u",
        0x00B0: "o", 0x00DF: "s", 0x00E6: "a", 0x00C6: "A", 0x00F8: "o", 0x00D8: "O",
        0x0141: "L", 0x0142: "l", 0x0110: "D", 0x0111: "d", 0x0131: "i", 0x00AD: "-",
        0x2500: "-", 0x2501: "=", 0x2502: "|", 0x250C: "+", 0x2510: "+", 0x2514: "+", 0x2518: "+",
        0x251C: "+", 0x2524: "+", 0x252C: "+", 0x2534: "+", 0x253C: "+",
        0x25B2: "^", 0x25CF: "*", 0x25B6: ">", 0x2192: ">", 0x2190: "<",
        0x258F: "#", 0x258E: "#", 0x258D: "#", 0x258C: "#", 0x258B: "#", 0x258A: "#", 0x2589: "#", 0x2588: "#",
        0xFFFD: "?",
    ]
}
