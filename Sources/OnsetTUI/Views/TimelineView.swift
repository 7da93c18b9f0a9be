import OnsetCore

/// The open case on a time axis: a lane per drug with numbered doses, a lane per event with its
/// onset (a span when the date is partial), and the dose-to-onset intervals between them.
enum TimelineView {
    static func render(_ s: BrowserState, into grid: inout Grid) {
        guard let open = s.openCase, let c = open.value else {
            grid.put("loading…", row: 0, col: 1, style: .dim)
            StatusLine.render(s, left: "timeline", into: &grid)
            return
        }
        let model = TimelineModel(c, intervals: open.intervals)
        let glyphs = grid.glyphs.isUnicode && !grid.asciiOnly ? TimelineGlyphs.unicode : TimelineGlyphs.ascii
        let window = zoomWindow(model, s.timelineZoom)
        grid.put(c.id, row: 0, col: 0, style: Style(.header, .bold), maxWidth: grid.width)
        let zoomText = s.timelineZoom.scale > 1 ? "zoom ×\(Int(s.timelineZoom.scale))" : ""
        grid.put(zoomText, row: 0, col: max(0, grid.width - zoomText.count - 1), style: .dim)
        var row = 2
        for line in TimelineText.render(model, width: grid.width - 1, glyphs: glyphs, window: window) where row < grid.height - 1 {
            let style: Style
            switch line.kind {
            case .drug: style = .drug
            case .event: style = .event
            case .interval: style = .interval
            case .axis, .labels, .note: style = .dim
            }
            grid.put(line.text, row: row, col: 0, style: style, maxWidth: grid.width)
            row += 1
        }
        row += 1
        for i in open.intervals where row < grid.height - 1 {
            guard i.first != nil || i.last != nil else { continue }
            var text = "\(i.drug) \(glyphs.dose == "^" ? "->" : "→") \(i.event): "
            if let l = i.last { text += "\(DoseOnset.days(l)) after \(i.dose.map { "dose \($0)" } ?? "last dose")" }
            if let f = i.first { text += (i.last != nil ? ", " : "") + "\(DoseOnset.days(f)) after first dose" }
            if let b = i.basis { text += " [\(b.rawValue)]" }
            grid.put(text, row: row, col: 1, style: .interval, maxWidth: grid.width - 2)
            row += 1
        }
        StatusLine.render(s, left: "timeline  case \(open.index + 1) of \(s.matchCount ?? 0)", into: &grid)
    }

    /// The days shown at the current zoom: the whole case at scale 1, narrower around the centre.
    static func zoomWindow(_ m: TimelineModel, _ z: TimelineZoom) -> DayRange? {
        guard z.scale > 1 || z.center != nil else { return nil }
        let pad = max(m.extent.width * 0.05, 0.5)
        let full = DayRange(min: m.extent.min - pad, max: m.extent.max + pad)
        let width = full.width / z.scale
        let center = full.min + full.width * (z.center ?? 0.5)
        let lo = min(max(full.min, center - width / 2), full.max - width)
        return DayRange(min: lo, max: lo + width)
    }
}
