/// Characters a timeline is drawn with: Unicode where the terminal can show it, ASCII otherwise.
public struct TimelineGlyphs: Sendable {
    public var dose, onset, span, axis, tick, barLeft, barRight, bar: String
    public static let unicode = TimelineGlyphs(dose: "▲", onset: "●", span: "━", axis: "─", tick: "┬", barLeft: "├", barRight: "┤", bar: "─")
    public static let ascii = TimelineGlyphs(dose: "^", onset: "*", span: "=", axis: "-", tick: "+", barLeft: "|", barRight: "|", bar: "-")
}

/// One drawn line of a timeline and what it shows, so a view can colour it.
public struct TimelineRow: Sendable {
    public enum Kind: Sendable { case drug, event, interval, axis, labels, note }
    public var kind: Kind
    public var text: String
}

/// Draws a `TimelineModel` as fixed-width text rows for `onset timeline` and the timeline view.
public enum TimelineText {
    /// - Parameters:
    ///   - window: the days to show (defaults to the case's extent with a margin); zooming narrows it.
    public static func render(_ m: TimelineModel, width: Int, glyphs: TimelineGlyphs, window: DayRange? = nil) -> [TimelineRow] {
        let labelWidth = Swift.min(18, Swift.max(8, (m.lanes.map { $0.title.count }.max() ?? 8) + 1))
        let plot = Swift.max(10, width - labelWidth - 1)
        let pad = Swift.max(m.extent.width * 0.05, 0.5)
        let win = window ?? DayRange(min: m.extent.min - pad, max: m.extent.max + pad)
        func x(_ day: Double) -> Int? {
            let f = (day - win.min) / win.width
            guard f >= 0, f <= 1 else { return nil }
            return Swift.min(plot - 1, Int((f * Double(plot - 1)).rounded()))
        }
        func clampX(_ day: Double) -> Int { Swift.min(plot - 1, Swift.max(0, Int(((day - win.min) / win.width * Double(plot - 1)).rounded()))) }
        func label(_ s: String) -> String {
            let t = s.count > labelWidth - 1 ? String(s.prefix(labelWidth - 2)) + "…" : s
            return t + String(repeating: " ", count: labelWidth - t.count)
        }
        var rows: [TimelineRow] = []
        if let z = m.calendarZero { rows.append(TimelineRow(kind: .note, text: "day 0 = \(z)")) }
        if m.anchoredOnReportedDose { rows.append(TimelineRow(kind: .note, text: "no dates: day 0 = the dose the reported interval counts from")) }
        for (li, lane) in m.lanes.enumerated() {
            var cells = Array(repeating: " ", count: plot)
            for mark in lane.marks {
                switch mark.kind {
                case .dose(let n):
                    let a = clampX(mark.days.min), b = clampX(mark.days.max)
                    if b > a { for k in a...b { cells[k] = glyphs.span } }
                    guard x(mark.days.min) != nil || x(mark.days.max) != nil else { continue }
                    cells[a] = glyphs.dose
                    let num = n.map(String.init) ?? ""
                    for (k, ch) in num.enumerated() where a + 1 + k < plot && cells[a + 1 + k] == " " { cells[a + 1 + k] = String(ch) }
                case .course:
                    let a = clampX(mark.days.min), b = clampX(mark.days.max)
                    for k in a...Swift.max(a, b) { cells[k] = glyphs.span }
                    if x(mark.days.min) != nil { cells[a] = glyphs.dose }
                case .onset:
                    let a = clampX(mark.days.min), b = clampX(mark.days.max)
                    if b > a { for k in a...b { cells[k] = glyphs.span } }
                    if x(mark.days.min) != nil || x(mark.days.max) != nil { cells[a] = glyphs.onset }
                case .eventSpan:
                    break
                }
            }
            rows.append(TimelineRow(kind: lane.kind == .drug ? .drug : .event, text: label(lane.title) + " " + cells.joined()))
            for bar in m.bars where bar.eventLane == li {
                var line = Array(repeating: " ", count: plot)
                let a = clampX(bar.from.min), b = clampX(bar.to.max)
                if b > a + 1 {
                    line[a] = glyphs.barLeft; line[b] = glyphs.barRight
                    for k in (a + 1)..<b { line[k] = glyphs.bar }
                } else {
                    line[a] = glyphs.barLeft
                }
                // The label goes after the bar, else before it, else inside it (a bar across the
                // whole plot, as a reported interval with nothing else dated draws), else cut short before it.
                let text = Array(" " + bar.label).map(String.init)
                if b + 1 + text.count <= plot {
                    for (k, ch) in text.enumerated() { line[b + 1 + k] = ch }
                } else if a >= text.count || b - a - 1 < text.count + 1 {
                    let start = Swift.max(0, a - text.count)
                    for (k, ch) in text.enumerated() where start + k < a { line[start + k] = ch }
                } else {
                    let start = a + 1 + (b - a - 1 - (text.count + 1)) / 2
                    for (k, ch) in (text + [" "]).enumerated() { line[start + k] = ch }
                }
                rows.append(TimelineRow(kind: .interval, text: label("") + " " + line.joined()))
            }
        }
        // Axis with ticks at a step that keeps labels apart.
        let steps: [Double] = [1.0 / 24, 3.0 / 24, 6.0 / 24, 0.5, 1, 2, 7, 14, 30.4375, 91.3125, 182.625, 365.25, 730.5, 1826.25, 3652.5]
        let minGap = 9.0
        let step = steps.first { Double(plot) * $0 / win.width >= minGap } ?? steps.last!
        var axis = Array(repeating: glyphs.axis, count: plot)
        var labels = Array(repeating: " ", count: plot)
        var t = (win.min / step).rounded(.up) * step
        while t <= win.max {
            if let p = x(t) {
                axis[p] = glyphs.tick
                let s = tickLabel(t, step: step)
                if p + s.count <= plot, labels[p..<(p + s.count)].allSatisfy({ $0 == " " }), p == 0 || labels[p - 1] == " " {
                    for (k, ch) in s.enumerated() { labels[p + k] = String(ch) }
                }
            }
            t += step
        }
        rows.append(TimelineRow(kind: .axis, text: label("") + " " + axis.joined()))
        rows.append(TimelineRow(kind: .labels, text: label("") + " " + labels.joined()))
        return rows
    }

    static func tickLabel(_ day: Double, step: Double) -> String {
        if step < 1 {
            let h = Int((day * 24).rounded())
            return h % 24 == 0 ? "d\(h / 24)" : "\(h)h"
        }
        if step >= 365.25 { return "y\(DayRange.format((day / 365.25).rounded()))" }
        if step >= 30 { return "m\(DayRange.format((day / 30.4375).rounded()))" }
        return "d\(DayRange.format(day.rounded()))"
    }
}
