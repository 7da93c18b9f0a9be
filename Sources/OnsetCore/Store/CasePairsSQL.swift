/// How readers list cases' suspect drug × event pairs (`Library.intervals`, `onsetStatistics`).
///
/// A case's pairs come from its own drug and event rows (those with a place, `pos`), in report
/// order; each takes the figures of its `case_intervals` row, or NULLs when it has none (most
/// pairs have none, and get no row: `PreparedCase.IntervalRow`).
enum CasePairsSQL {
    /// A FROM clause over `cases c` giving, per pair, `d` (the suspect drug's row), `e` (the
    /// event's row) and `i` (the figures, all NULL for a pair without).
    static let from = """
        cases c
        JOIN case_drugs d ON d.case_n = c.n AND d.pos IS NOT NULL AND d.role IN (\(suspectRoles))
        JOIN case_events e ON e.case_n = c.n AND e.pos IS NOT NULL
        LEFT JOIN case_intervals i ON i.case_n = c.n AND i.drug_pos = d.pos AND i.event_pos = e.pos
        """
    /// Library order, then each case's pairs drug by drug and event by event, as reported. SQLite
    /// still sorts each case's few pairs (the `(case_n, pos)` indexes are not UNIQUE; see
    /// `PairRowsMigration`), never the whole result.
    static let order = "c.n, d.pos, e.pos"

    /// The roles a pair's drug may have, as SQL literals (from `DrugRole`, not from data).
    static let suspectRoles = DrugRole.allCases.filter(\.isSuspect).map { "'\($0.rawValue)'" }.joined(separator: ", ")
}
