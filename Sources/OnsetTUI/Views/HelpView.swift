import OnsetCore

/// Every key of the screen below, generated from the same table that dispatches the keys.
enum HelpView {
    static func lines(for screen: Screen) -> [(String, String)] {
        var out = KeyTable.bindings(for: screen).map { ($0.label, $0.help) }
        if screen == .list {
            out.append(("", ""))
            out.append(("Filter prompt", ""))
            out += KeyTable.prompt
            out.append(("", ""))
            out.append(("Filters", "drug: suspect: event: sex: age: outcome: source: tto: status: serious:"))
            out.append(("", "words search terms and narratives; ! negates; commas mean OR"))
            out.append(("", "e.g. drug:natalizumab,alemtuzumab event:thrombocytopenia age:>40 tto:<2w"))
        }
        return out
    }

    static func render(_ s: BrowserState, into grid: inout Grid) {
        let below = s.stack.dropLast().last ?? .list
        let title: String
        switch below {
        case .list: title = "Case list"
        case .detail: title = "Case detail"
        case .timeline: title = "Timeline"
        case .help: title = "Help"
        }
        grid.put("Help: \(title)", row: 0, col: 1, style: Style(.header, .bold))
        let all = lines(for: below)
        let keyWidth = min(20, (all.map { $0.0.count }.max() ?? 8) + 2)
        let body = grid.height - 3
        let scroll = min(s.helpScroll, max(0, all.count - body))
        for (k, (key, text)) in all.dropFirst(scroll).prefix(body).enumerated() {
            grid.put(key, row: 2 + k, col: 2, style: .accent, maxWidth: keyWidth)
            grid.put(text, row: 2 + k, col: 2 + keyWidth, style: .normal, maxWidth: grid.width - keyWidth - 3)
        }
        StatusLine.render(s, left: "help  (q closes)", into: &grid)
    }
}
