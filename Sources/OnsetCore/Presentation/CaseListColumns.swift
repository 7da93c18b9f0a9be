/// The case list's columns fitted to a width, shared by `onset list` and the browser's list view.
public struct CaseListColumns: Sendable {
    public struct Column: Sendable {
        public var title: String
        public var width: Int
    }
    public var columns: [Column]
    public var ellipsis: String

    /// Fixed columns keep their width; suspects and events share what is left, shrinking to fit 60 columns.
    public static func layout(width: Int, ellipsis: String = "…") -> CaseListColumns {
        let idW = width >= 100 ? 22 : width >= 76 ? 14 : 12
        let ageW = 5
        let onsetW = width >= 100 ? 20 : width >= 76 ? 19 : 16
        let outcomeW = width >= 100 ? 13 : width >= 76 ? 10 : 0
        let fixed = idW + ageW + onsetW + outcomeW + (outcomeW > 0 ? 5 : 4)
        let rest = Swift.max(10, width - fixed)
        let suspectsW = Swift.max(6, rest * 2 / 5)
        var cols = [Column(title: "id", width: idW), Column(title: "age", width: ageW),
                    Column(title: "suspect", width: suspectsW), Column(title: "events", width: rest - suspectsW),
                    Column(title: "onset", width: onsetW)]
        if outcomeW > 0 { cols.append(Column(title: "outcome", width: outcomeW)) }
        return CaseListColumns(columns: cols, ellipsis: ellipsis)
    }

    public func cells(_ r: CaseSummary) -> [String] {
        var v = [r.id, r.ageSex, r.suspects, r.events, r.onsetLabel ?? "–"]
        if columns.count > 5 { v.append(r.outcome?.rawValue ?? "") }
        return v
    }

    public var header: String { join(columns.map(\.title)) }
    public func row(_ r: CaseSummary) -> String { join(cells(r).map { VisibleText.escape($0) }) }

    func join(_ values: [String]) -> String {
        zip(columns, values).map { fit($1, $0.width) }.joined(separator: " ").trimmingTrailingSpaces()
    }

    /// Pads or cuts to `width` characters, marking a cut with the ellipsis.
    public func fit(_ s: String, _ width: Int) -> String {
        if s.count <= width { return s + String(repeating: " ", count: width - s.count) }
        return String(s.prefix(Swift.max(0, width - 1))) + ellipsis
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
