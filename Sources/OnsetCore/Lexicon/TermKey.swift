/// Match keys for drug names and reaction terms: case, spacing and British/American spelling folded.
public enum TermKey {
    /// Lower case, trimmed, inner whitespace collapsed, trailing punctuation dropped.
    public static func basic(_ s: String) -> String {
        if let fast = asciiBasic(s) { return fast }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for ch in s.lowercased() {
            if ch.isWhitespace { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(ch)
        }
        while let last = out.last, ".,;:".contains(last) { out.removeLast() }
        return out
    }

    /// `basic` for pure ASCII text, byte by byte: the same result as the Unicode path (ASCII
    /// whitespace is exactly TAB…CR and space there too), without `lowercased()` and grapheme
    /// iteration, which a profile of a 40,000-case FAERS import showed at ~11% of all time.
    /// Returns nil for non-ASCII text.
    static func asciiBasic(_ s: String) -> String? {
        var s = s
        return s.withUTF8 { src -> String? in
            if src.contains(where: { $0 >= 0x80 }) { return nil }
            return String(unsafeUninitializedCapacity: src.count) { dst in
                var n = 0
                var pendingSpace = false
                for b in src {
                    if b == 0x20 || (b >= 0x09 && b <= 0x0D) { pendingSpace = n > 0; continue }
                    if pendingSpace { dst[n] = 0x20; n += 1; pendingSpace = false }
                    dst[n] = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                    n += 1
                }
                while n > 0, dst[n - 1] == 0x2E || dst[n - 1] == 0x2C || dst[n - 1] == 0x3B || dst[n - 1] == 0x3A { n -= 1 }
                return n
            }
        }
    }

    /// A drug's key: `basic`, `sulph` spelt `sulf` as in US names, and a combination's parts in
    /// one spelling (`combination`).
    public static func drug(_ s: String) -> String {
        combination(basic(s).replacingAll("sulph", with: "sulf"))
    }

    /// A fixed combination written with `/` or `\` between its parts, as one key: the parts
    /// without surrounding spaces, joined by `/`, in alphabetical order. FAERS writes a product's
    /// active ingredients joined by `\` (`SACUBITRIL\VALSARTAN`), reporters and labels use `/` in
    /// either order (`trimethoprim/sulfamethoxazole`); all of them must meet one key. When a part
    /// holds a digit the name carries a strength (`sacubitril/valsartan 24/26 mg`), whose order
    /// matters, so only the separators are folded. Text without either character is returned as is.
    static func combination(_ key: String, sorted: Bool = true) -> String {
        guard key.utf8.contains(where: { $0 == 0x2F || $0 == 0x5C }) else { return key }
        // Each part loses what `basic` strips from the end of a whole name, so that folding a
        // key again gives the same key (`b./a` is `a/b`, not `a/b.`).
        var parts = key.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map { part -> Substring in
            var p = part[...]
            while p.first == " " { p.removeFirst() }
            while let last = p.last, last == " " || ".,;:".contains(last) { p.removeLast() }
            return p
        }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { return key }
        if sorted, !parts.contains(where: { $0.contains(where: \.isNumber) }) { parts.sort() }
        return parts.joined(separator: "/")
    }

    /// `drug` for text a user is still typing or a wildcard pattern: separators folded as in
    /// `combination`, but the parts kept in the order written (sorting `valsartan/s` would give
    /// `s/valsartan`). Stored keys hold a combination's parts in alphabetical order.
    public static func drugPattern(_ s: String) -> String {
        combination(basic(s).replacingAll("sulph", with: "sulf"), sorted: false)
    }

    /// A reaction term's key: `basic`, then the British digraphs folded the American way
    /// (haemorrhage → hemorrhage, oedema → edema, thrombocytopaenia → thrombocytopenia).
    /// Both the stored terms and the query go through the same fold, so they always meet.
    public static func event(_ s: String) -> String {
        basic(s).replacingAll("ae", with: "e").replacingAll("oe", with: "e")
    }
}

extension String {
    /// Every occurrence of `target` replaced, left to right, matching Unicode scalars rather than
    /// Characters: a quote or `%` followed by a combining mark is one Character, and a
    /// Character-wise search missed it (an unescaped quote in a full-text query, found by fuzzing).
    func replacingAll(_ target: String, with replacement: String) -> String {
        if let fast = asciiReplacingAll(target, with: replacement) { return fast }
        let t = Array(target.unicodeScalars), src = Array(unicodeScalars)
        guard let t0 = t.first else { return self }
        var out = String.UnicodeScalarView()
        var i = 0, replaced = false
        while i < src.count {
            if src[i] == t0, i + t.count <= src.count, src[i..<(i + t.count)].elementsEqual(t) {
                out.append(contentsOf: replacement.unicodeScalars); i += t.count; replaced = true
            } else {
                out.append(src[i]); i += 1
            }
        }
        return replaced ? String(out) : self
    }

    /// Left-to-right, non-overlapping replacement over bytes when all three strings are ASCII (the
    /// same result as `components(separatedBy:)`, whose Foundation search dominated key folding).
    private func asciiReplacingAll(_ target: String, with replacement: String) -> String? {
        let t = Array(target.utf8), r = Array(replacement.utf8)
        guard let t0 = t.first, t.allSatisfy({ $0 < 0x80 }), r.allSatisfy({ $0 < 0x80 }) else { return nil }
        var s = self
        return s.withUTF8 { src -> String? in
            if src.contains(where: { $0 >= 0x80 }) { return nil }
            var i = 0, found = false
            while i + t.count <= src.count {
                if src[i] == t0, t.indices.allSatisfy({ src[i + $0] == t[$0] }) { found = true; break }
                i += 1
            }
            if !found { return self }
            var out: [UInt8] = []
            out.reserveCapacity(src.count)
            i = 0
            while i < src.count {
                if i + t.count <= src.count, src[i] == t0, t.indices.allSatisfy({ src[i + $0] == t[$0] }) {
                    out += r; i += t.count
                } else {
                    out.append(src[i]); i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
