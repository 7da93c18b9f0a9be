import OnsetCore

/// The screens of the browser, stacked: `q` pops one.
public enum Screen: Equatable, Sendable {
    case list, detail, timeline, help
    /// Onset, signals and frequency tables for the applied filter (`s`).
    case statistics
}

/// Everything the browser shows; changed only by `BrowserApp.update`.
public struct BrowserState: Sendable {
    public var libraryName: String
    public var readOnly: Bool
    public var size: Size
    public var stack: [Screen] = [.list]

    /// All cases in the library, and the applied filter with its match count (nil while counting).
    public var totalCases: Int?
    public var filterText = ""
    public var query = Query.all
    public var matchCount: Int?
    /// Loaded rows of the filtered list by position; missing ones are being fetched.
    public var rows: [Int: CaseSummary] = [:]
    public var requestedChunks: Set<Int> = []
    public var listGeneration = 0
    public var selected = 0
    public var top = 0

    public var prompt: PromptState?
    public var history: [String] = []

    /// The case shown in detail and timeline views.
    public var openCase: OpenCase?
    public var detailScroll = 0
    public var timelineZoom = TimelineZoom()
    public var helpScroll = 0

    /// The statistics view's tabs, reports and cursors (nil until `s` is first pressed).
    public var statistics: StatisticsState?

    /// A one-line message for the status bar (errors from background work, notes).
    public var note: String?

    public var screen: Screen { stack.last ?? .list }

    public init(libraryName: String, readOnly: Bool, size: Size) {
        self.libraryName = libraryName
        self.readOnly = readOnly
        self.size = size
        if readOnly { note = "read-only library: changes cannot be saved" }
    }

    /// Rows available for the list body (header and status line excluded, and the prompt when open).
    public var listHeight: Int { Swift.max(1, size.height - 2 - (prompt != nil ? 1 : 0)) }

    /// Whether the open case can be reviewed here (a draft, in a writable library).
    public var canReview: Bool { !readOnly && openCase?.value?.status == .draft }
}

/// What a prompt's line is for.
public enum PromptPurpose: Sendable, Equatable {
    /// The filter of the case list, counted live as it is typed.
    case filter
    /// A reviewer's correction of one field of the open case (`field=value`).
    case correct(caseID: String)
}

/// The filter prompt (or the correction prompt) being edited.
public struct PromptState: Sendable, Equatable {
    public var purpose: PromptPurpose = .filter
    public var text: String
    /// Cursor position in characters.
    public var cursor: Int
    public var error: QueryError?
    public var liveCount: Int?
    public var generation = 0
    /// Position in the history while recalling with Up/Down (nil: editing a new line).
    public var historyIndex: Int?
    public var candidates: [String] = []

    public init(text: String, purpose: PromptPurpose = .filter) {
        self.text = text
        self.cursor = text.count
        self.purpose = purpose
    }
}

/// The case that detail and timeline show, and where it sits in the filtered list.
public struct OpenCase: Sendable {
    public var index: Int
    public var id: String
    public var value: Case?
    public var intervals: [DoseOnset] = []
}

/// How far the timeline is zoomed and panned, as a fraction of the case's extent.
public struct TimelineZoom: Sendable, Equatable {
    public var scale = 1.0
    public var center: Double?
}
