import OnsetCore

/// Results of background work, posted back to the browser's update.
public enum BrowserMessage: Sendable {
    case counted(generation: Int, matches: Int, total: Int)
    case chunk(generation: Int, start: Int, rows: [CaseSummary])
    case caseLoaded(id: String, value: Case?)
    case liveCount(generation: Int, matches: Int)
    case completions(generation: Int, tokenStart: Int, tokenEnd: Int, prefix: String, names: [String])
    /// A review action saved the case (accepted or corrected).
    case reviewed(id: String, value: Case, note: String)
    case failed(String)
    /// A statistics report computed for the statistics view (see `StatisticsResult`).
    case statistics(generation: Int, result: StatisticsResult)
}
