import OnsetCore

/// The start screen: one row per case of the filtered list, with a header and the filter prompt.
enum CaseListView {
    static func render(_ s: BrowserState, into grid: inout Grid) {
        let columns = CaseListColumns.layout(width: grid.width - 2, ellipsis: grid.glyphs.ellipsis)
        put(columns.columns.map(\.title), columns, row: 0, style: .header, marker: " ", into: &grid, fill: true)
        let height = s.listHeight
        for line in 0..<height {
            let index = s.top + line
            guard index < (s.matchCount ?? (s.rows.isEmpty ? 0 : Int.max)) else { break }
            let selected = index == s.selected
            let style: Style = selected ? .selected : .normal
            if let r = s.rows[index] {
                put(columns.cells(r), columns, row: 1 + line, style: style, marker: selected ? grid.glyphs.selection : " ", into: &grid, fill: selected)
            } else {
                if selected { grid.fill(row: 1 + line, style: .selected) }
                grid.put("…", row: 1 + line, col: 2, style: Style(foreground: .dim, background: selected ? .selected : .normal))
            }
        }
        if s.matchCount == 0 {
            grid.put(s.filterText.isEmpty ? "The library is empty: onset import PATH adds cases." : "No case matches this filter. / edits it; an empty filter clears it.",
                     row: 2, col: 2, style: .dim, maxWidth: grid.width - 4)
        }
        if let p = s.prompt { FilterPromptView.render(p, into: &grid) }
        if let e = s.prompt?.error {
            let row = grid.height - 1
            grid.fill(row: row, style: .status)
            grid.put("\(e.message)", row: row, col: 1, style: Style(foreground: .error, background: .status), maxWidth: grid.width - 2)
        } else {
            StatusLine.render(s, left: StatusLine.counts(s), into: &grid)
        }
    }

    static func put(_ values: [String], _ columns: CaseListColumns, row: Int, style: Style, marker: String, into grid: inout Grid, fill: Bool) {
        if fill { grid.fill(row: row, style: style) }
        grid.put(marker, row: row, col: 0, style: style)
        var col = 2
        let roles: [StyleRole] = [.normal, .normal, .drug, .event, .interval, .normal]
        for (k, (c, v)) in zip(columns.columns, values).enumerated() {
            let cellStyle = style == .normal && k < roles.count ? Style(roles[k]) : style == .header ? style : Style(foreground: roles[min(k, roles.count - 1)] == .normal ? .selected : roles[k], background: .selected)
            grid.put(v, row: row, col: col, style: style == .selected ? cellStyle : (style == .header ? .header : cellStyle), maxWidth: c.width)
            col += c.width + 1
        }
    }
}
