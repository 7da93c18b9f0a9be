import OnsetCore

/// The tabs of the statistics view.
public enum StatisticsTab: Int, CaseIterable, Sendable {
    case onset, signals, frequencies

    /// The tab's name in the tab bar.
    public var title: String {
        switch self {
        case .onset: return "Onset"
        case .signals: return "Signals"
        case .frequencies: return "Frequencies"
        }
    }
}

/// A report computed in the background for the statistics view.
public enum StatisticsResult: Sendable {
    case onset(OnsetReport)
    case signals(SignalReport)
    case frequencies(FrequencyReport)
    /// The tab's report could not be computed (for frequencies, `field` says which).
    case failed(StatisticsTab, field: FrequencyField?, message: String)
}

/// Where a table's selection and first visible row are.
public struct TableCursor: Sendable, Equatable {
    public var selected = 0
    public var top = 0

    /// Moves the selection to `index` clamped to `count` rows and keeps it inside `height` visible rows.
    public mutating func move(to index: Int, count: Int, height: Int) {
        selected = Swift.max(0, Swift.min(index, count - 1))
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
        top = Swift.max(0, Swift.min(top, Swift.max(0, count - height)))
    }
}

/// The statistics view of one filter: the tab shown, each tab's report (nil while computing) and cursors.
public struct StatisticsState: Sendable {
    /// The filter the reports describe (the list's applied filter when `s` was pressed).
    public var filterText: String
    public var query: Query
    /// Identifies this view's background work; results for an older generation are dropped.
    public var generation: Int
    public var tab: StatisticsTab = .onset

    public var onset: OnsetReport?
    public var onsetError: String?
    public var onsetCursor = TableCursor()
    /// Showing the per-case intervals of the selected group instead of its summary.
    public var showIntervals = false
    public var intervalScroll = 0
    /// The histogram counts days from the last dose instead of the first.
    public var lastDoseHistogram = false

    public var signals: SignalReport?
    public var signalsError: String?
    public var signalsCursor = TableCursor()
    public var sortColumn: SignalColumn = .a
    public var sortReversed = false

    public var field: FrequencyField = .drug
    public var frequencies: [FrequencyField: FrequencyReport] = [:]
    public var frequencyErrors: [FrequencyField: String] = [:]
    public var frequencyCursor = TableCursor()

    /// The onset tab summarises at most this many drug × event groups (the largest): an unfiltered
    /// library of 400,000 cases has hundreds of thousands, mostly of one case.
    public static let maxOnsetGroups = 500

    /// Requested reports, so switching tabs does not start the same work twice.
    public var requested: Set<String> = []

    /// A view of `query` with nothing computed yet.
    public init(filterText: String, query: Query, generation: Int) {
        self.filterText = filterText
        self.query = query
        self.generation = generation
    }

    /// The signal rows in the chosen order.
    public var sortedSignals: [SignalRow] {
        sortColumn.sort(signals?.rows ?? [], reversed: sortReversed)
    }

    /// The onset group under the cursor.
    public var selectedGroup: OnsetGroup? {
        guard let groups = onset?.groups, groups.indices.contains(onsetCursor.selected) else { return nil }
        return groups[onsetCursor.selected]
    }
}

extension KeyTable {
    /// Keys of the statistics view.
    public static let statistics: [KeyBinding] = [
        KeyBinding(keys: [.tab], label: "Tab", help: "next tab", action: .nextTab),
        KeyBinding(keys: [.backTab], label: "Shift-Tab", help: "previous tab", action: .previousTab),
        KeyBinding(keys: [.char("1")], label: "1", help: "time-to-onset tab", action: .onsetTab),
        KeyBinding(keys: [.char("2")], label: "2", help: "signals (disproportionality) tab", action: .signalsTab),
        KeyBinding(keys: [.char("3")], label: "3", help: "frequencies tab", action: .frequenciesTab),
    ] + movement + [
        KeyBinding(keys: [.char("i")], label: "i", help: "onset: per-case intervals of the selected row (again: back)", action: .toggleIntervals),
        KeyBinding(keys: [.char("a")], label: "a", help: "onset: histogram from first dose / from last dose", action: .toggleAnchor),
        KeyBinding(keys: [.char("o")], label: "o", help: "signals: sort by the next column", action: .sortNext),
        KeyBinding(keys: [.char("O")], label: "O", help: "signals: reverse the sort", action: .sortReverse),
        KeyBinding(keys: [.char("h"), .left], label: "h ←", help: "frequencies: previous field", action: .previousField),
        KeyBinding(keys: [.char("l"), .right], label: "l →", help: "frequencies: next field", action: .nextField),
        KeyBinding(keys: [.enter], label: "Enter", help: "frequencies: narrow the filter to the row and show the list", action: .open),
        KeyBinding(keys: [.char("q"), .escape], label: "q Esc", help: "back", action: .back),
    ] + common
}

extension BrowserApp {
    /// Opens the statistics view of the applied filter, keeping the earlier view when the filter is the same.
    mutating func openStatistics() -> [Command<BrowserMessage>] {
        if state.statistics?.filterText != state.filterText {
            let generation = (state.statistics?.generation ?? 0) + 1
            state.statistics = StatisticsState(filterText: state.filterText, query: state.query, generation: generation)
        }
        state.stack.append(.statistics)
        return loadStatisticsTab()
    }

    /// Starts the work the shown tab needs, once.
    mutating func loadStatisticsTab() -> [Command<BrowserMessage>] {
        guard var s = state.statistics else { return [] }
        let key = s.tab == .frequencies ? "frequencies:\(s.field.rawValue)" : "\(s.tab)"
        guard !s.requested.contains(key) else { return [] }
        s.requested.insert(key)
        state.statistics = s
        let library = self.library, query = s.query, generation = s.generation, tab = s.tab, field = s.field
        return [.run {
            do {
                switch tab {
                case .onset:
                    let report = try library.onsetStatistics(query, maxGroups: StatisticsState.maxOnsetGroups)
                    return .statistics(generation: generation, result: .onset(report))
                case .signals: return .statistics(generation: generation, result: .signals(try library.signals(query)))
                case .frequencies: return .statistics(generation: generation, result: .frequencies(try library.frequencies(field, query)))
                }
            } catch let e as StatisticsError {
                return .statistics(generation: generation, result: .failed(tab, field: field, message: e.description))
            } catch {
                return .statistics(generation: generation, result: .failed(tab, field: field, message: "\(error)"))
            }
        }]
    }

    mutating func receiveStatistics(generation: Int, _ result: StatisticsResult) -> [Command<BrowserMessage>] {
        guard var s = state.statistics, s.generation == generation else { return [] }
        switch result {
        case .onset(let r): s.onset = r
        case .signals(let r): s.signals = r
        case .frequencies(let r): s.frequencies[r.field] = r
        case .failed(let tab, let field, let message):
            switch tab {
            case .onset: s.onsetError = message
            case .signals: s.signalsError = message
            case .frequencies: if let field { s.frequencyErrors[field] = message }
            }
        }
        state.statistics = s
        return []
    }

    mutating func performStatistics(_ action: BrowserAction) -> [Command<BrowserMessage>] {
        guard var s = state.statistics else { return [] }
        let tabs = StatisticsTab.allCases
        switch action {
        case .nextTab: s.tab = tabs[(s.tab.rawValue + 1) % tabs.count]
        case .previousTab: s.tab = tabs[(s.tab.rawValue + tabs.count - 1) % tabs.count]
        case .onsetTab: s.tab = .onset
        case .signalsTab: s.tab = .signals
        case .frequenciesTab: s.tab = .frequencies
        case .down, .up, .pageDown, .pageUp, .first, .last:
            moveStatistics(&s, action)
        case .toggleIntervals:
            guard s.tab == .onset else { return [] }
            s.showIntervals.toggle()
            s.intervalScroll = 0
        case .toggleAnchor:
            guard s.tab == .onset else { return [] }
            s.lastDoseHistogram.toggle()
        case .sortNext, .sortReverse:
            guard s.tab == .signals else { return [] }
            if action == .sortReverse {
                s.sortReversed.toggle()
            } else {
                let columns = SignalColumn.allCases
                s.sortColumn = columns[((columns.firstIndex(of: s.sortColumn) ?? 0) + 1) % columns.count]
                s.sortReversed = false
            }
            s.signalsCursor = TableCursor()
        case .previousField, .nextField:
            guard s.tab == .frequencies else { return [] }
            let fields = FrequencyField.allCases
            let k = fields.firstIndex(of: s.field) ?? 0
            s.field = fields[(k + (action == .nextField ? 1 : fields.count - 1)) % fields.count]
            s.frequencyCursor = TableCursor()
        case .open:
            guard s.tab == .frequencies else { return [] }
            return narrowToFrequencyRow(s)
        default:
            return []
        }
        state.statistics = s
        return loadStatisticsTab()
    }

    /// Moves the cursor of the shown table (or scrolls the interval list).
    func moveStatistics(_ s: inout StatisticsState, _ action: BrowserAction) {
        let layout = StatisticsView.Layout(size: state.size, state: s)
        let page = max(1, layout.tableRows)
        func target(_ current: Int, _ count: Int) -> Int {
            switch action {
            case .down: return current + 1
            case .up: return current - 1
            case .pageDown: return current + page
            case .pageUp: return current - page
            case .first: return 0
            default: return count - 1
            }
        }
        switch s.tab {
        case .onset where s.showIntervals:
            let count = s.selectedGroup?.intervals.count ?? 0
            s.intervalScroll = max(0, min(target(s.intervalScroll, count), count - layout.tableRows))
        case .onset:
            let count = s.onset?.groups.count ?? 0
            s.onsetCursor.move(to: target(s.onsetCursor.selected, count), count: count, height: layout.tableRows)
        case .signals:
            let count = s.signals?.rows.count ?? 0
            s.signalsCursor.move(to: target(s.signalsCursor.selected, count), count: count, height: layout.tableRows)
        case .frequencies:
            let count = s.frequencies[s.field]?.rows.count ?? 0
            s.frequencyCursor.move(to: target(s.frequencyCursor.selected, count), count: count, height: layout.tableRows)
        }
    }

    /// Enter on a frequency row: the list's filter AND the row's term, applied, back on the list.
    mutating func narrowToFrequencyRow(_ s: StatisticsState) -> [Command<BrowserMessage>] {
        guard let report = s.frequencies[s.field], report.rows.indices.contains(s.frequencyCursor.selected) else { return [] }
        let row = report.rows[s.frequencyCursor.selected]
        guard let term = row.filterTerm else {
            state.note = "the filter language cannot select \"\(row.value)\""
            return []
        }
        let text = FilterComposition.narrow(s.filterText, with: term)
        state.stack = [.list]
        if state.history.last != text { state.history.append(text) }
        return applyFilter(text)
    }
}
