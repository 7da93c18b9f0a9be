import OnsetCore

/// Finds the drug or event name being typed under the cursor and splices a completion back in.
enum FilterCompletion {
    struct Token { var field: CompletionField; var prefix: String; var start: Int; var end: Int }

    static func token(in text: String, cursor: Int) -> Token? {
        let chars = Array(text)
        var start = cursor
        while start > 0, !chars[start - 1].isWhitespace { start -= 1 }
        var end = cursor
        while end < chars.count, !chars[end].isWhitespace { end += 1 }
        let word = String(chars[start..<cursor])
        let body = word.hasPrefix("!") ? String(word.dropFirst()) : word
        guard let colon = body.firstIndex(of: ":") else { return nil }
        let field: CompletionField
        switch body[..<colon].lowercased() {
        case "drug", "suspect": field = .drug
        case "event", "symptom", "reaction": field = .event
        default: return nil
        }
        let values = String(body[body.index(after: colon)...])
        let last = values.split(separator: ",", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let valueStart = cursor - last.count
        return Token(field: field, prefix: last.replacingOccurrences(of: "\"", with: ""), start: valueStart, end: cursor)
    }

    /// The longest completion all names share, if it adds to what was typed.
    static func commonPrefix(_ names: [String], typed: String) -> String? {
        guard var common = names.first else { return nil }
        for n in names.dropFirst() {
            while !n.lowercased().hasPrefix(common.lowercased()) { common.removeLast() }
        }
        return common.count > typed.count || names.count == 1 ? common : nil
    }

    /// Replaces `start..<end` with `value`, quoting it when it holds a space.
    static func replace(in text: String, start: Int, end: Int, with value: String, closing: Bool) -> String {
        var chars = Array(text)
        let quoted = value.contains(" ") ? "\"\(value)\(closing ? "\"" : "")" : value
        chars.replaceSubrange(start..<min(end, chars.count), with: Array(quoted))
        return String(chars)
    }
}
