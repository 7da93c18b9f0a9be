import OnsetCore

/// The statistics of the filtered cases in three tabs: time to onset (table, summary and histogram
/// of the selected row, or its per-case intervals), signals (sortable disproportionality table) and
/// frequencies (a field's values; Enter narrows the filter).
enum StatisticsView {
    /// Where things go for a screen size; shared by rendering and by cursor movement in `update`.
    struct Layout {
        /// Rows 0 (tabs) and 1 (heading or field bar) and the status line are fixed.
        static let top = 2
        var width: Int
        var height: Int
        /// Rows of the onset summary pane below the table (0 on short screens or with the interval list).
        var detailRows: Int
        /// Data rows of the shown table (header excluded).
        var tableRows: Int

        init(size: Size, state: StatisticsState) {
            width = size.width
            height = size.height
            let body = Swift.max(0, size.height - Layout.top - 1)
            switch state.tab {
            case .onset where state.showIntervals:
                detailRows = 0
                tableRows = Swift.max(1, body - 2)   // a title row and the header
            case .onset:
                detailRows = body >= 12 ? Swift.min(13, body - 5) : 0
                tableRows = Swift.max(1, body - 1 - detailRows)
            case .signals, .frequencies:
                detailRows = 0
                tableRows = Swift.max(1, body - 1)
            }
        }
    }

    static func render(_ s: BrowserState, into grid: inout Grid) {
        guard let st = s.statistics else { StatusLine.render(s, left: "statistics", into: &grid); return }
        let glyphs: StatGlyphs = grid.glyphs.isUnicode && !grid.asciiOnly ? .unicode : .ascii
        let layout = Layout(size: grid.size, state: st)
        tabBar(st, into: &grid)
        let status: String
        switch st.tab {
        case .onset: status = onset(st, layout, glyphs, into: &grid)
        case .signals: status = signals(st, layout, glyphs, into: &grid)
        case .frequencies: status = frequencies(st, layout, glyphs, into: &grid)
        }
        StatusLine.render(s, left: status, into: &grid)
    }

    static func tabBar(_ st: StatisticsState, into grid: inout Grid) {
        grid.fill(row: 0, style: .header)
        var col = 1
        for tab in StatisticsTab.allCases {
            // Brackets mark the active tab where colour cannot (monochrome, NO_COLOR, text dumps).
            let label = tab == st.tab ? "[\(tab.rawValue + 1) \(tab.title)]" : " \(tab.rawValue + 1) \(tab.title) "
            let style = tab == st.tab ? Style(foreground: .selected, background: .selected, attributes: .bold) : .header
            col += grid.put(label, row: 0, col: col, style: style) + 1
        }
        let filter = st.filterText.isEmpty ? "all cases" : st.filterText
        let room = grid.width - col - 2
        if room > 8 {
            grid.put(filter, row: 0, col: grid.width - 1 - min(room, DisplayWidth.of(filter)), style: Style(foreground: .dim, background: .header), maxWidth: room)
        }
    }

    static func message(_ text: String, row: Int, style: Style = .dim, into grid: inout Grid) {
        for (k, line) in TextWrap.wrap(text, width: max(10, grid.width - 4)).prefix(max(1, grid.height - row - 1)).enumerated() {
            grid.put(line, row: row + k, col: 2, style: style, maxWidth: grid.width - 4)
        }
    }

    // MARK: tables

    /// Draws a header and the visible rows of `table` from `top`, highlighting `selected`.
    static func drawTable(_ table: TextTable, row: Int, rows: Int, top: Int, selected: Int?,
                          style: (Int, Int) -> Style = { _, _ in .normal }, into grid: inout Grid) {
        let layout = table.layout(width: grid.width - 2)
        grid.fill(row: row, style: .header)
        var col = 2
        for (index, w) in layout {
            let c = table.columns[index]
            grid.put(c.title, row: row, col: col, style: .header, maxWidth: w, align: c.alignment == .left ? .left : .right)
            col += w + 1
        }
        for line in 0..<rows {
            let k = top + line
            guard k < table.rows.count else { break }
            let isSelected = k == selected
            let r = row + 1 + line
            if isSelected {
                grid.fill(row: r, style: .selected)
                grid.put(grid.glyphs.selection, row: r, col: 0, style: .selected)
            }
            col = 2
            for (index, w) in layout {
                let c = table.columns[index]
                var cellStyle = style(k, index)
                if isSelected { cellStyle = cellStyle.foreground == .normal ? .selected : cellStyle.on(.selected) }
                let text = index < table.rows[k].count ? table.rows[k][index] : ""
                grid.put(text, row: r, col: col, style: cellStyle, maxWidth: w, align: c.alignment == .left ? .left : .right)
                col += w + 1
            }
        }
    }

    // MARK: onset

    static func onset(_ st: StatisticsState, _ layout: Layout, _ glyphs: StatGlyphs, into grid: inout Grid) -> String {
        guard let report = st.onset else {
            grid.put("Time to onset", row: 1, col: 1, style: .dim)
            message(st.onsetError ?? "computing…", row: 3, style: st.onsetError == nil ? .dim : .error, into: &grid)
            return "onset"
        }
        grid.put(glyphs.text(OnsetReportText.heading(report)), row: 1, col: 1, style: Style(.accent), maxWidth: grid.width - 2)
        if st.showIntervals, let group = st.selectedGroup {
            grid.put(glyphs.text("Intervals · \(group.label(ascii: glyphs.asciiBars)) · \(group.cases) case\(group.cases == 1 ? "" : "s") (i: back to the summary)"),
                     row: Layout.top, col: 1, style: Style(.accent, .bold), maxWidth: grid.width - 2)
            let table = OnsetReportText.intervalTable(group, glyphs: glyphs)
            drawTable(table, row: Layout.top + 1, rows: layout.tableRows, top: st.intervalScroll, selected: nil, style: { k, column in
                let used = group.first.fate(of: group.intervals[k].first).key == "used"
                return table.columns[column].title == "used" && !used ? .warning : column == 0 ? .normal : .normal
            }, into: &grid)
            return "onset · intervals \(min(group.intervals.count, st.intervalScroll + 1))–\(min(group.intervals.count, st.intervalScroll + layout.tableRows)) of \(group.intervals.count)"
        }
        let table = OnsetReportText.table(report, glyphs: glyphs)
        drawTable(table, row: Layout.top, rows: layout.tableRows, top: st.onsetCursor.top, selected: st.onsetCursor.selected,
                  style: { k, column in column == 0 ? (k == 0 ? Style(.accent, .bold) : Style(.drug)) : .normal }, into: &grid)
        if layout.detailRows > 0, let group = st.selectedGroup {
            detail(group, st, row: Layout.top + 1 + layout.tableRows, rows: layout.detailRows, glyphs, into: &grid)
        }
        return "onset · i intervals · a first/last dose · Tab next tab"
    }

    /// The selected group's histogram (left) and figures (right) under a rule naming it.
    static func detail(_ g: OnsetGroup, _ st: StatisticsState, row: Int, rows: Int, _ glyphs: StatGlyphs, into grid: inout Grid) {
        grid.hline(row: row, col: 0, length: grid.width, style: .dim)
        grid.put(" \(glyphs.text(g.label(ascii: glyphs.asciiBars))) · \(g.cases) case\(g.cases == 1 ? "" : "s") ", row: row, col: 2,
                 style: Style(.accent, .bold), maxWidth: grid.width - 4)
        let leftWidth = min(40, (grid.width - 3) * 2 / 5)
        let summary = st.lastDoseHistogram ? g.last : g.first
        var left = ["Days from \(st.lastDoseHistogram ? "last" : "first") dose"]
        left += HistogramText.lines(summary.histogram, width: leftWidth, glyphs: glyphs)
        for (k, line) in left.prefix(rows - 1).enumerated() {
            grid.put(line, row: row + 1 + k, col: 1, style: k == 0 ? Style(.accent) : .normal, maxWidth: leftWidth)
        }
        let rightCol = leftWidth + 3
        let rightWidth = grid.width - rightCol - 1
        guard rightWidth >= 20 else { return }
        var right: [(String, Style)] = []
        for (name, s) in [("First dose", g.first), ("Last dose", g.last)] {
            right.append(("\(name): \(s.used) used, \(s.exactCount) exact, \(s.rangeCount) range\(s.rangeCount == 1 ? "" : "s")", Style(.accent)))
            let reasons = OnsetExclusionReason.allCases.filter { s.excludedCount($0) > 0 }.map { "\($0.label) \(s.excludedCount($0))" }
            let excluded = reasons.isEmpty ? "none excluded" : "excluded: " + reasons.joined(separator: ", ")
            for line in TextWrap.wrap(excluded, width: rightWidth - 2) { right.append(("  " + line, s.excluded.isEmpty ? .dim : .warning)) }
            right.append(("  median \(StatFormat.quartiles(s.censoredQuantiles, glyphs: glyphs)) d", .normal))
            right.append(("  exact only \(StatFormat.quartiles(s.exactQuantiles, glyphs: glyphs)) d", .dim))
            right.append(("  \(glyphs.beta) \(StatFormat.shapeAndHazard(s.weibull, glyphs: glyphs))", .normal))
            right.append(("  exact only \(glyphs.beta) \(StatFormat.shapeAndHazard(s.weibullExact, glyphs: glyphs))", .dim))
        }
        for (k, line) in right.prefix(rows - 1).enumerated() {
            grid.put(line.0, row: row + 1 + k, col: rightCol, style: line.1, maxWidth: rightWidth)
        }
    }

    // MARK: signals

    static func signals(_ st: StatisticsState, _ layout: Layout, _ glyphs: StatGlyphs, into grid: inout Grid) -> String {
        guard let report = st.signals else {
            if let error = st.signalsError {
                message("\(error). Press q, then / to add one to the filter.", row: 3, style: .warning, into: &grid)
            } else {
                message("computing…", row: 3, into: &grid)
            }
            return "signals"
        }
        grid.put(glyphs.text(SignalReportText.heading(report).joined(separator: " · ")), row: 1, col: 1, style: Style(.accent), maxWidth: grid.width - 2)
        let rows = st.sortedSignals
        let table = SignalReportText.table(rows, sort: st.sortColumn, reversed: st.sortReversed, glyphs: glyphs)
        drawTable(table, row: Layout.top, rows: layout.tableRows, top: st.signalsCursor.top, selected: st.signalsCursor.selected,
                  style: { k, column in
                      if column == 0 { return Style(.event) }
                      if column == table.columns.count - 1, rows[k].flagCount > 0 { return Style(.warning, .bold) }
                      return .normal
                  }, into: &grid)
        if rows.isEmpty { message("No event is reported with this drug set.", row: Layout.top + 2, into: &grid) }
        let direction = st.sortColumn.descendingByDefault != st.sortReversed ? glyphs.sortDown : glyphs.sortUp
        return "sort \(st.sortColumn.rawValue)\(direction.trimmingCharacters(in: .whitespaces).isEmpty ? "" : " " + direction.trimmingCharacters(in: .whitespaces)) · o/O · E Evans R ROR025>1 I IC025>0"
    }

    // MARK: frequencies

    static func frequencies(_ st: StatisticsState, _ layout: Layout, _ glyphs: StatGlyphs, into grid: inout Grid) -> String {
        var col = 1
        for field in FrequencyField.allCases {
            let style = field == st.field ? Style(foreground: .selected, background: .selected, attributes: .bold) : Style(.dim)
            col += grid.put(field == st.field ? "[\(field.rawValue)]" : " \(field.rawValue) ", row: 1, col: col, style: style) + 1
            if col >= grid.width - 2 { break }
        }
        guard let report = st.frequencies[st.field] else {
            message(st.frequencyErrors[st.field] ?? "computing…", row: 3, style: st.frequencyErrors[st.field] == nil ? .dim : .error, into: &grid)
            return "frequencies"
        }
        let barWidth = max(0, min(30, (grid.width - 2) / 3))
        let table = FrequencyReportText.table(report, barWidth: barWidth, glyphs: glyphs)
        drawTable(table, row: Layout.top, rows: layout.tableRows, top: st.frequencyCursor.top, selected: st.frequencyCursor.selected,
                  style: { k, column in
                      if column == 3 { return Style(.interval) }
                      if column == 0 {
                          if report.rows[k].raw == nil { return .dim }
                          return [.drug, .suspect].contains(report.field) ? Style(.drug) : report.field == .event ? Style(.event) : .normal
                      }
                      return .normal
                  }, into: &grid)
        if report.rows.isEmpty { message("No case matches this filter.", row: Layout.top + 2, into: &grid) }
        return "\(report.matchingCases) case\(report.matchingCases == 1 ? "" : "s") · Enter narrows the filter · ← → field"
    }
}
