import OnsetCore

/// Every field of the open case in readable sections, wrapped at word boundaries and scrollable.
/// For a draft, the narrative shows the text each extracted fact came from highlighted.
enum CaseDetailView {
    /// The detail as styled lines for a given width (pure, so tests and scrolling share it).
    static func lines(_ c: Case, intervals: [DoseOnset], width: Int) -> [[Span]] {
        let detail = CaseDetail(c, intervals: intervals)
        var out: [[Span]] = [[Span(detail.title, Style(.header, .bold))]]
        if c.status == .draft {
            out.append([Span("draft: extracted from the narrative; a accepts it, e corrects a field", .warning)])
        }
        for section in detail.sections {
            out.append([])
            let spanned = section.lines.contains { $0.kind == .narrative } && !c.spans.isEmpty
            out.append([Span(section.title, Style(.accent, .bold))] + (spanned ? [Span("  (highlighted: where each extracted fact was read)", .dim)] : []))
            for line in section.lines {
                if line.kind == .narrative && !c.spans.isEmpty {
                    out += highlighted(line.text, spans: c.spans, width: width)
                    continue
                }
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
                        out.append([Span(lead + w, style)])
                    }
                    if wrapped.isEmpty { out.append([]) }
                }
            }
        }
        return out
    }

    /// Wraps the narrative by words while keeping each character's offset, so the extraction spans
    /// (character offsets into the narrative) can be highlighted wherever the lines break.
    static func highlighted(_ text: String, spans: [TextSpan], width: Int) -> [[Span]] {
        let chars = Array(text)
        var marked = [Bool](repeating: false, count: chars.count)
        for s in spans where s.start < s.end {
            for k in max(0, s.start)..<min(chars.count, s.end) { marked[k] = true }
        }
        var lines: [[Span]] = []
        var current: [Span] = [Span("  ")]
        var used = 2
        func flush() { lines.append(current); current = [Span("  ")]; used = 2 }
        var k = 0
        while k < chars.count {
            if chars[k] == "\n" { flush(); k += 1; continue }
            if chars[k].isWhitespace { k += 1; continue }
            var end = k
            while end < chars.count, !chars[end].isWhitespace { end += 1 }
            let word = String(chars[k..<end])
            let w = DisplayWidth.of(SafeText.visible(word))
            if used > 2 && used + 1 + w > width { flush() }
            if used > 2 {
                // The space between two highlighted words of one span stays highlighted.
                let joined = k > 0 && marked[k - 1] && marked[k]
                current.append(Span(" ", joined ? .highlight : .normal)); used += 1
            }
            var run = "", runMarked = marked[k]
            for i in k..<end {
                if marked[i] != runMarked { current.append(Span(run, runMarked ? .highlight : .normal)); run = ""; runMarked = marked[i] }
                run.append(chars[i])
            }
            current.append(Span(run, runMarked ? .highlight : .normal))
            used += w
            k = end
        }
        if used > 2 || lines.isEmpty { lines.append(current) }
        return lines
    }

    static func render(_ s: BrowserState, into grid: inout Grid) {
        let body = max(1, grid.height - 1 - (s.prompt != nil ? 1 : 0))
        guard let open = s.openCase else {
            grid.put("loading…", row: 0, col: 1, style: .dim)
            StatusLine.render(s, left: "case \(s.selected + 1) of \(s.matchCount ?? 0)", into: &grid)
            return
        }
        guard let c = open.value else {
            grid.put("loading \(open.id)…", row: 0, col: 1, style: .dim)
            StatusLine.render(s, left: "case \(open.index + 1) of \(s.matchCount ?? 0)", into: &grid)
            return
        }
        let all = lines(c, intervals: open.intervals, width: grid.width - 1)
        let scroll = min(s.detailScroll, max(0, all.count - body))
        for (row, line) in all.dropFirst(scroll).prefix(body).enumerated() {
            grid.put(line, row: row, col: 0, maxWidth: grid.width)
        }
        if let p = s.prompt { FilterPromptView.render(p, into: &grid) }
        let position = all.count > body ? "  \(Int(Double(scroll + body) / Double(all.count) * 100))%" : ""
        StatusLine.render(s, left: "case \(open.index + 1) of \(s.matchCount ?? 0)\(position)", into: &grid)
    }
}
