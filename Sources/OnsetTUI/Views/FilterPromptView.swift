import OnsetCore

/// The filter line above the status bar: what is typed, the cursor, and the live match count.
enum FilterPromptView {
    static func render(_ p: PromptState, into grid: inout Grid) {
        let row = grid.height - 2
        grid.fill(row: row, style: .normal)
        let isFilter = p.purpose == .filter
        grid.put(isFilter ? "/" : "correct:", row: row, col: 0, style: .accent)
        let lead = isFilter ? 1 : 9
        let countText: String
        if !isFilter { countText = "field=value, Enter saves" }
        else if p.error != nil { countText = "error" }
        else if let n = p.liveCount { countText = "\(n) match\(n == 1 ? "" : "es")" }
        else { countText = "counting…" }
        let right = countText.count + 2
        let field = max(4, grid.width - lead - 1 - right)
        // Keep the cursor in view when the line is longer than the field.
        let chars = Array(p.text)
        let offset = max(0, p.cursor - field + 1)
        let shown = String(chars[min(offset, chars.count)..<min(chars.count, offset + field)])
        grid.put(shown, row: row, col: lead, style: p.error != nil ? .error : .normal, maxWidth: field)
        let cursorCol = lead + DisplayWidth.of(String(chars[min(offset, chars.count)..<min(p.cursor, chars.count)]))
        grid.cursor = Position(row: row, col: min(grid.width - 1, cursorCol))
        grid.put(countText, row: row, col: grid.width - countText.count - 1, style: p.error != nil ? .error : .dim)
        if !p.candidates.isEmpty, p.candidates.count > 1, row > 1 {
            grid.fill(row: row - 1, style: .dim)
            grid.put(p.candidates.prefix(12).joined(separator: "  "), row: row - 1, col: 1, style: .dim, maxWidth: grid.width - 2)
        }
    }
}
