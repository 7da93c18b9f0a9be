/// Match keys for drug names and reaction terms: case, spacing and British/American spelling folded.
public enum TermKey {
    /// Lower case, trimmed, inner whitespace collapsed, trailing punctuation dropped.
    public static func basic(_ s: String) -> String {
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

    /// A drug's key: `basic`, and `sulph` spelt `sulf` as in US names.
    public static func drug(_ s: String) -> String {
        basic(s).replacingAll("sulph", with: "sulf")
    }

    /// A reaction term's key: `basic`, then the British digraphs folded the American way
    /// (haemorrhage → hemorrhage, oedema → edema, thrombocytopaenia → thrombocytopenia).
    /// Both the stored terms and the query go through the same fold, so they always meet.
    public static func event(_ s: String) -> String {
        basic(s).replacingAll("ae", with: "e").replacingAll("oe", with: "e")
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }
}
