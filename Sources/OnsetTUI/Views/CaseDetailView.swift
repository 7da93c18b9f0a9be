import OnsetCore

/// Every field of the open case in readable sections, wrapped at word boundaries and scrollable.
enum CaseDetailView {
    /// The detail as styled lines for a given width (pure, so tests and scrolling share it).
    static func lines(_ c: Case, intervals: [DoseOnset], width: Int) -> [(String, Style)] {
        let detail = CaseDetail(c, intervals: intervals)
        var out: [(String, Style)] = [(detail.title, Style(.header, .bold))]
        for section in detail.sections {
            out.append(("", .normal))
            out.append((section.title, Style(.accent, .bold)))
            for line in section.lines {
                let style: Style
                switch line.kind {
                case .drug: style = .drug
                case .event: style = .event
                case .interval: style = .interval
                case .warning: style = .warning
                case .plain, .narrative: style = .normal
                }
                let prefix = line.label.map { "  \($0): " } ?? "  "
                for (p, paragraph) in SafeText.lines(line.text).enumerated() {
                    let wrapped = TextWrap.wrap(paragraph, width: max(10, width - prefix.count))
                    for (k, w) in wrapped.enumerated() {
                        let lead = (p == 0 && k == 0) ? prefix : String(repeating: " ", count: prefix.count)
                        out.append((lead + w, style))
                    }
                    if wrapped.isEmpty { out.append(("", .normal)) }
                }
            }
        }
        return out
    }

    static func render(_ s: BrowserState, into grid: inout Grid) {
        let body = max(1, grid.height - 1)
        guard let open = s.openCase else { StatusLine.render(s, left: "", into: &grid); return }
        guard let c = open.value else {
            grid.put("loading \(open.id)…", row: 0, col: 1, style: .dim)
            StatusLine.render(s, left: "case \(open.index + 1) of \(s.matchCount ?? 0)", into: &grid)
            return
        }
        let all = lines(c, intervals: open.intervals, width: grid.width - 1)
        let scroll = min(s.detailScroll, max(0, all.count - body))
        for (row, line) in all.dropFirst(scroll).prefix(body).enumerated() {
            grid.put(line.0, row: row, col: 0, style: line.1, maxWidth: grid.width)
        }
        let position = all.count > body ? "  \(Int(Double(scroll + body) / Double(all.count) * 100))%" : ""
        StatusLine.render(s, left: "case \(open.index + 1) of \(s.matchCount ?? 0)\(position)", into: &grid)
    }
}
