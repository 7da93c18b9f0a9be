import Foundation
import OnsetCore

/// The case browser: list, detail, timeline, filter prompt and help over one library.
/// State changes only here; every database read runs as background work and comes back as a message.
public struct BrowserApp: TerminalApp {
    public typealias Message = BrowserMessage

    // internal(set): the statistics extension (StatisticsBrowser.swift) updates state from its own file.
    public internal(set) var state: BrowserState
    let library: Library
    static let chunkSize = 100

    public init(library: Library, name: String, size: Size) {
        self.library = library
        self.state = BrowserState(libraryName: name, readOnly: library.isReadOnly, size: size)
    }

    public mutating func start() -> [Command<BrowserMessage>] { applyFilter(state.filterText) }

    public mutating func update(_ message: AppMessage<BrowserMessage>) -> [Command<BrowserMessage>] {
        switch message {
        case .key(let key):
            if state.prompt != nil { return promptKey(key) }
            if case .resize = key { return [] }
            guard let action = KeyTable.action(for: key, on: state.screen) else { return [] }
            return perform(action)
        case .resize(let size):
            state.size = size
            keepSelectionVisible()
            return loadVisibleRows()
        case .tick:
            return []
        case .background(let result):
            return receive(result)
        }
    }

    // MARK: actions

    mutating func perform(_ action: BrowserAction) -> [Command<BrowserMessage>] {
        switch (state.screen, action) {
        case (_, .redraw): return [.redraw]
        case (.help, .back): state.stack.removeLast(); return []
        case (.help, .down): state.helpScroll += 1; return []
        case (.help, .up): state.helpScroll = max(0, state.helpScroll - 1); return []
        case (_, .help): state.helpScroll = 0; state.stack.append(.help); return []
        case (.list, .back): return [.quit]
        case (_, .back):
            state.stack.removeLast()
            return []
        case (.list, .down): return moveSelection(by: 1)
        case (.list, .up): return moveSelection(by: -1)
        case (.list, .pageDown): return moveSelection(by: state.listHeight)
        case (.list, .pageUp): return moveSelection(by: -state.listHeight)
        case (.list, .first): return moveSelection(to: 0)
        case (.list, .last): return moveSelection(to: (state.matchCount ?? 1) - 1)
        case (.list, .open), (.list, .timeline):
            guard state.matchCount != 0 else { return [] }
            state.stack.append(action == .open ? .detail : .timeline)
            guard let row = state.rows[state.selected] else {
                // Enter pressed before the page's rows arrived (a fast typist over SSH): the
                // view opens at once and shows the case when its row comes in.
                state.openCase = nil
                return loadVisibleRows()
            }
            return openCase(index: state.selected, id: row.id)
        case (.list, .refresh): return refresh()
        case (.list, .filter):
            state.prompt = PromptState(text: state.filterText)
            return liveCount()
        case (.detail, .down): state.detailScroll += 1; return []
        case (.detail, .up): state.detailScroll = max(0, state.detailScroll - 1); return []
        case (.detail, .pageDown): state.detailScroll += max(1, state.size.height - 3); return []
        case (.detail, .pageUp): state.detailScroll = max(0, state.detailScroll - max(1, state.size.height - 3)); return []
        case (.detail, .first): state.detailScroll = 0; return []
        case (.detail, .last): state.detailScroll = Int.max / 2; return []
        // The timeline opened from a case's detail goes on top of it, so `q` comes back to the
        // detail ("back one view"); Enter there returns to that detail rather than stacking another.
        case (.detail, .timeline): state.stack.append(.timeline); return []
        case (.detail, .acceptDraft): return acceptDraft()
        case (.detail, .correctField):
            guard let id = state.openCase?.id else { return [] }
            guard state.canReview else { state.note = reviewRefusal(); return [] }
            state.prompt = PromptState(text: "", purpose: .correct(caseID: id))
            return []
        case (.timeline, .open):
            if state.stack.count >= 2, state.stack[state.stack.count - 2] == .detail { state.stack.removeLast() }
            else { state.stack[state.stack.count - 1] = .detail }
            return []
        case (.detail, .previousCase), (.timeline, .previousCase): return stepCase(by: -1)
        case (.detail, .nextCase), (.timeline, .nextCase): return stepCase(by: 1)
        case (.timeline, .zoomIn): state.timelineZoom.scale = min(64, state.timelineZoom.scale * 2); return []
        case (.timeline, .zoomOut): state.timelineZoom.scale = max(1, state.timelineZoom.scale / 2); return []
        case (.timeline, .panLeft): pan(-0.25); return []
        case (.timeline, .panRight): pan(0.25); return []
        case (.timeline, .resetZoom): state.timelineZoom = TimelineZoom(); return []
        case (.list, .statistics), (.detail, .statistics): return openStatistics()
        case (.statistics, _): return performStatistics(action)
        default: return []
        }
    }

    mutating func pan(_ fraction: Double) {
        let current = state.timelineZoom.center ?? 0.5
        let step = fraction / state.timelineZoom.scale
        state.timelineZoom.center = min(1, max(0, current + step))
    }

    mutating func moveSelection(by delta: Int) -> [Command<BrowserMessage>] {
        moveSelection(to: state.selected + delta)
    }

    mutating func moveSelection(to index: Int) -> [Command<BrowserMessage>] {
        let count = state.matchCount ?? 0
        state.selected = max(0, min(index, count - 1))
        keepSelectionVisible()
        return loadVisibleRows()
    }

    mutating func keepSelectionVisible() {
        let h = state.listHeight
        if state.selected < state.top { state.top = state.selected }
        if state.selected >= state.top + h { state.top = state.selected - h + 1 }
        let count = state.matchCount ?? 0
        state.top = max(0, min(state.top, max(0, count - h)))
    }

    mutating func stepCase(by delta: Int) -> [Command<BrowserMessage>] {
        guard let current = state.openCase else { return [] }
        let target = current.index + delta
        guard target >= 0, target < (state.matchCount ?? 0) else {
            state.note = delta < 0 ? "first case of the list" : "last case of the list"
            return []
        }
        state.selected = target
        keepSelectionVisible()
        var commands = loadVisibleRows()
        if let row = state.rows[target] {
            commands += openCase(index: target, id: row.id)
        } else {
            state.note = "loading…"
        }
        return commands
    }

    mutating func openCase(index: Int, id: String) -> [Command<BrowserMessage>] {
        state.openCase = OpenCase(index: index, id: id, value: state.openCase?.id == id ? state.openCase?.value : nil)
        state.detailScroll = 0
        state.timelineZoom = TimelineZoom()
        state.note = nil
        let library = self.library
        return [.run {
            do { return .caseLoaded(id: id, value: try library.loadCase(id: id)) }
            catch { return .failed("case \(id): \(error)") }
        }]
    }

    // MARK: review of drafts

    func reviewRefusal() -> String {
        if state.readOnly { return "read-only library: changes cannot be saved" }
        return "only drafts are reviewed here; this case is final"
    }

    mutating func acceptDraft() -> [Command<BrowserMessage>] {
        guard let id = state.openCase?.id else { return [] }
        guard state.canReview else { state.note = reviewRefusal(); return [] }
        let library = self.library
        return [.run {
            do { return .reviewed(id: id, value: try library.accept(id: id), note: "accepted \(id): it is no longer a draft") }
            catch { return .failed("\(error)") }
        }]
    }

    mutating func correct(id: String, text: String) -> [Command<BrowserMessage>] {
        guard let eq = text.firstIndex(of: "=") else {
            state.note = "write field=value, e.g. age=52 or d1.role=prior"
            return []
        }
        let field = text[..<eq].trimmingCharacters(in: .whitespaces)
        let value = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        let library = self.library
        return [.run {
            do { return .reviewed(id: id, value: try library.correct(id: id, field: field, value: value), note: "saved \(field) = \(value)") }
            catch { return .failed("\(error)") }
        }]
    }

    // MARK: list loading

    mutating func applyFilter(_ text: String) -> [Command<BrowserMessage>] {
        let query: Query
        do { query = try QueryParser.parse(text) } catch {
            state.note = "\(error)"
            return []
        }
        state.filterText = text
        state.query = query
        state.listGeneration += 1
        state.rows = [:]
        state.requestedChunks = []
        state.matchCount = nil
        state.selected = 0
        state.top = 0
        let generation = state.listGeneration, library = self.library
        var commands: [Command<BrowserMessage>] = [.run {
            do {
                // No filter: the match count is the total, so the library is counted once, not twice.
                let total = try library.totalCases()
                return .counted(generation: generation, matches: query.isEmpty ? total : try library.count(query), total: total)
            }
            catch { return .failed("\(error)") }
        }]
        commands += requestChunk(0)
        return commands
    }

    /// The current filter run again; the selection stays where it was (within the new count),
    /// so a refresh while reading does not jump back to the top.
    mutating func refresh() -> [Command<BrowserMessage>] {
        let selected = state.selected, top = state.top
        let commands = applyFilter(state.filterText)
        state.selected = selected
        state.top = top
        state.note = nil
        return commands
    }

    mutating func requestChunk(_ chunk: Int) -> [Command<BrowserMessage>] {
        guard !state.requestedChunks.contains(chunk) else { return [] }
        state.requestedChunks.insert(chunk)
        let generation = state.listGeneration, query = state.query, library = self.library
        let start = chunk * Self.chunkSize, size = Self.chunkSize
        return [.run {
            do { return .chunk(generation: generation, start: start, rows: try library.page(query, offset: start, limit: size)) }
            catch { return .failed("\(error)") }
        }]
    }

    /// Fetches the chunks that the visible rows (and the selection) fall in.
    mutating func loadVisibleRows() -> [Command<BrowserMessage>] {
        let first = state.top / Self.chunkSize
        let last = (state.top + state.listHeight) / Self.chunkSize
        var commands: [Command<BrowserMessage>] = []
        for chunk in Set([first, last, state.selected / Self.chunkSize]) where (state.matchCount.map { chunk * Self.chunkSize < $0 } ?? (chunk == 0)) {
            commands += requestChunk(chunk)
        }
        return commands
    }

    mutating func receive(_ message: BrowserMessage) -> [Command<BrowserMessage>] {
        switch message {
        case .counted(let generation, let matches, let total):
            guard generation == state.listGeneration else { return [] }
            state.matchCount = matches
            state.totalCases = total
            state.selected = max(0, min(state.selected, matches - 1))
            keepSelectionVisible()
            return loadVisibleRows()
        case .chunk(let generation, let start, let rows):
            guard generation == state.listGeneration else { return [] }
            for (k, r) in rows.enumerated() { state.rows[start + k] = r }
            // Detail/timeline stepping may be waiting for this row.
            if state.openCase.map({ $0.index != state.selected }) ?? true, state.screen == .detail || state.screen == .timeline,
               let row = state.rows[state.selected] {
                return openCase(index: state.selected, id: row.id)
            }
            return []
        case .caseLoaded(let id, let value):
            guard state.openCase?.id == id else { return [] }
            state.openCase?.value = value
            state.openCase?.intervals = value.map(DoseOnsetCalculator.intervals(for:)) ?? []
            if value == nil { state.note = "case \(id) is no longer in the library" }
            return []
        case .liveCount(let generation, let matches):
            guard state.prompt?.generation == generation else { return [] }
            state.prompt?.liveCount = matches
            return []
        case .completions(let generation, let start, let end, let prefix, let names):
            guard var p = state.prompt, p.generation == generation else { return [] }
            p.candidates = names
            if let completed = FilterCompletion.commonPrefix(names, typed: prefix) {
                p.text = FilterCompletion.replace(in: p.text, start: start, end: end, with: completed, closing: names.count == 1)
                p.cursor = start + completed.count + (names.count == 1 && completed.contains(" ") ? 2 : 0)
                p.cursor = min(p.cursor, p.text.count)
            }
            state.prompt = p
            return liveCount()
        case .reviewed(let id, let value, let note):
            if state.openCase?.id == id {
                state.openCase?.value = value
                state.openCase?.intervals = DoseOnsetCalculator.intervals(for: value)
            }
            state.note = note
            // The list shows status and derived columns: reload it, keeping the selection.
            let keep = state.selected
            var commands = applyFilter(state.filterText)
            state.selected = keep
            keepSelectionVisible()
            commands += loadVisibleRows()
            return commands
        case .failed(let text):
            state.note = text
            return []
        case .statistics(let generation, let result):
            return receiveStatistics(generation: generation, result)
        }
    }

    // MARK: filter prompt

    mutating func promptKey(_ key: Key) -> [Command<BrowserMessage>] {
        guard var p = state.prompt else { return [] }
        var text = Array(p.text)
        switch key {
        case .escape:
            state.prompt = nil
            keepSelectionVisible()
            return []
        case .enter:
            if case .correct(let id) = p.purpose {
                state.prompt = nil
                return correct(id: id, text: p.text)
            }
            guard p.error == nil else { return [] }
            let typed = p.text.trimmingCharacters(in: .whitespaces)
            state.prompt = nil
            if !typed.isEmpty, state.history.last != typed { state.history.append(typed) }
            return applyFilter(typed)
        case .char(let c):
            text.insert(c, at: p.cursor); p.cursor += 1
        case .backspace:
            guard p.cursor > 0 else { return [] }
            text.remove(at: p.cursor - 1); p.cursor -= 1
        case .delete:
            guard p.cursor < text.count else { return [] }
            text.remove(at: p.cursor)
        case .left: p.cursor = max(0, p.cursor - 1); state.prompt = p; return []
        case .right: p.cursor = min(text.count, p.cursor + 1); state.prompt = p; return []
        case .home, .ctrl("a"): p.cursor = 0; state.prompt = p; return []
        case .end, .ctrl("e"): p.cursor = text.count; state.prompt = p; return []
        case .ctrl("u"): text = []; p.cursor = 0
        case .up, .down:
            guard !state.history.isEmpty, p.purpose == .filter else { return [] }
            var i = p.historyIndex ?? state.history.count
            i += key == .up ? -1 : 1
            if i >= state.history.count { p.historyIndex = nil; text = [] }
            else { i = max(0, i); p.historyIndex = i; text = Array(state.history[i]) }
            p.cursor = text.count
        case .tab:
            state.prompt = p
            return p.purpose == .filter ? complete() : []
        default:
            return []
        }
        p.text = String(text)
        p.candidates = []
        state.prompt = p
        return liveCount()
    }

    /// Parses the prompt as typed and counts its matches in the background; a newer keystroke's
    /// count supersedes an older one still running (its generation no longer matches).
    mutating func liveCount() -> [Command<BrowserMessage>] {
        guard var p = state.prompt, p.purpose == .filter else { return [] }
        p.generation += 1
        p.liveCount = nil
        do {
            let query = try QueryParser.parse(p.text)
            p.error = nil
            state.prompt = p
            let generation = p.generation, library = self.library
            return [.run {
                do { return .liveCount(generation: generation, matches: try library.count(query)) }
                catch { return .failed("\(error)") }
            }]
        } catch let e as QueryError {
            p.error = e
            state.prompt = p
            return []
        } catch {
            state.prompt = p
            return []
        }
    }

    mutating func complete() -> [Command<BrowserMessage>] {
        guard let p = state.prompt, let token = FilterCompletion.token(in: p.text, cursor: p.cursor) else { return [] }
        let generation = p.generation, library = self.library
        return [.run {
            let names = (try? library.completions(field: token.field, prefix: token.prefix)) ?? []
            return .completions(generation: generation, tokenStart: token.start, tokenEnd: token.end, prefix: token.prefix, names: names)
        }]
    }

    // MARK: rendering

    public func render(into grid: inout Grid) {
        switch state.screen {
        case .list: CaseListView.render(state, into: &grid)
        case .detail: CaseDetailView.render(state, into: &grid)
        case .timeline: TimelineView.render(state, into: &grid)
        case .help: HelpView.render(state, into: &grid)
        case .statistics: StatisticsView.render(state, into: &grid)
        }
    }
}
