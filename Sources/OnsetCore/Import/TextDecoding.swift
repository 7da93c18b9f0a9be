/// Turns regulator bytes into text: UTF-8 when the bytes are valid UTF-8, otherwise Windows-1252
/// (a superset of Latin-1 for printable text), so decoding never fails and never guesses a
/// replacement character.
enum TextDecoding {
    /// Decodes `bytes` as UTF-8, or as Windows-1252 when they are not valid UTF-8.
    static func string<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var allASCII = true
        for b in bytes where b >= 0x80 { allASCII = false; break }
        if allASCII { return String(decoding: bytes, as: UTF8.self) }
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        var scalars = String.UnicodeScalarView()
        for b in bytes { scalars.append(cp1252(b)) }
        return String(scalars)
    }

    /// The Windows-1252 character for a byte; the five unassigned bytes fall back to Latin-1.
    static func cp1252(_ b: UInt8) -> Unicode.Scalar {
        guard (0x80...0x9F).contains(b) else { return Unicode.Scalar(b) }
        let table: [UInt32] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                               0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
                               0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                               0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178]
        return Unicode.Scalar(table[Int(b - 0x80)]) ?? Unicode.Scalar(b)
    }

    /// UTF-8 where the bytes are UTF-8, and each stray byte that is not as Windows-1252: text pasted
    /// together from several sources keeps both its UTF-8 characters and its Latin-1 ones, and no
    /// byte turns into U+FFFD.
    static func lenient(_ bytes: [UInt8]) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let n = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
            if n == 1 { scalars.append(Unicode.Scalar(b)); i += 1; continue }
            if n > 1, i + n <= bytes.count, let s = String(validating: bytes[i..<(i + n)], as: UTF8.self) {
                scalars.append(contentsOf: s.unicodeScalars)
                i += n
                continue
            }
            scalars.append(cp1252(b))
            i += 1
        }
        return String(scalars)
    }

    /// Whether the bytes are valid UTF-8 (used to decide whether a whole file needs transcoding).
    static func isValidUTF8<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        String(validating: bytes, as: UTF8.self) != nil
    }

    /// Re-encodes Windows-1252 bytes as UTF-8.
    static func utf8FromCP1252(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 { out.append(b); continue }
            out.append(contentsOf: Array(String(Character(cp1252(b))).utf8))
        }
        return out
    }
}
