import OnsetCore

/// The bottom line every screen shares: counts, the active filter, the library, and `? help`.
enum StatusLine {
    static func render(_ s: BrowserState, left: String, into grid: inout Grid) {
        let row = grid.height - 1
        grid.fill(row: row, style: .status)
        if let note = s.note {
            grid.put(note, row: row, col: 1, style: Style(foreground: .warning, background: .status), maxWidth: grid.width - 10)
        } else {
            var parts = [left]
            if !s.filterText.isEmpty { parts.append(s.filterText) }
            parts.append(s.libraryName + (s.readOnly ? " [read-only]" : ""))
            grid.put(parts.joined(separator: "  \(grid.glyphs.vertical)  "), row: row, col: 1, style: .status, maxWidth: grid.width - 9)
        }
        grid.put("? help", row: row, col: max(0, grid.width - 7), style: .status)
    }

    static func counts(_ s: BrowserState) -> String {
        let total = s.totalCases.map(String.init) ?? "…"
        guard let m = s.matchCount else { return "… of \(total) cases" }
        return "\(m) of \(total) cases"
    }
}
