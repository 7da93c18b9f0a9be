import GRDB

/// Re-folds the drug keys a library stored with an earlier `TermKey.drug`, so that they meet
/// the keys queries fold now (migration v6: combinations written with `\` or `/`).
enum DrugKeyRefold {
    /// Rewrites every stored drug key that holds `/` or `\` to what the library's lexicon folds
    /// it to now, in `case_drugs`, then rebuilds the key sets if there are any. Returns how many
    /// distinct keys changed. (The interval rows of that time also held drug keys; migration v8,
    /// which always follows, replaces them with rows that hold places instead of keys.)
    ///
    /// A stored key is already folded, and folding is idempotent, so folding it again gives what
    /// a fresh import would store for the same drug, and the rows are those it would write.
    /// The case JSON keeps the generic name it was imported with; only keys change. A key
    /// without `/` or `\` is left alone, even where an earlier version had cut a combination's
    /// name down to its first ingredient (`LOSARTAN POTASSIUM/HCTZ` keyed as losartan): the
    /// name it came from is only in the case JSON, and re-importing the source re-keys it.
    @discardableResult
    static func run(_ db: Database, lexicon: Lexicon) throws -> Int {
        let stored = try String.fetchAll(db, sql: """
            SELECT key FROM case_drugs WHERE instr(key, '/') > 0 OR instr(key, char(92)) > 0 GROUP BY key
            """)
        let changes = stored.compactMap { old -> (old: String, new: String)? in
            let new = lexicon.drugKey(old)
            return new == old ? nil : (old, new)
        }
        guard !changes.isEmpty else { return 0 }
        try db.execute(sql: "CREATE TEMP TABLE drug_key_refold (old TEXT PRIMARY KEY, new TEXT NOT NULL)")
        defer { try? db.execute(sql: "DROP TABLE temp.drug_key_refold") }
        let insert = try db.makeStatement(sql: "INSERT INTO temp.drug_key_refold (old, new) VALUES (?, ?)")
        for c in changes { try insert.execute(arguments: [c.old, c.new]) }
        // A drug whose generic and verbatim names had different keys got a row for each, one
        // right after the other; where both keys now fold to one, the second row goes, as a
        // fresh import would not write it. (Two drugs of one case listed one after the other
        // under the same name and role, whose keys differed only in how a combination was
        // spelt, would be taken for such a pair; the cases every filter counts stay the same.)
        try db.execute(sql: """
            WITH m AS (SELECT old, new FROM temp.drug_key_refold),
                 cand AS (SELECT rowid AS id FROM case_drugs WHERE key IN (SELECT old FROM m)),
                 pairs AS (SELECT id AS s, id + 1 AS r FROM cand UNION SELECT id - 1, id FROM cand)
            DELETE FROM case_drugs WHERE rowid IN (
                SELECT p.r FROM pairs p
                JOIN case_drugs s ON s.rowid = p.s JOIN case_drugs r ON r.rowid = p.r
                WHERE s.case_n = r.case_n AND s.name = r.name AND s.role = r.role AND s.key <> r.key
                  AND coalesce((SELECT new FROM m WHERE old = s.key), s.key)
                    = coalesce((SELECT new FROM m WHERE old = r.key), r.key));
            UPDATE case_drugs SET key = (SELECT new FROM temp.drug_key_refold WHERE old = key)
                WHERE key IN (SELECT old FROM temp.drug_key_refold);
            """)
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM key_sets LIMIT 1)") == 1 {
            try KeySets.rebuild(db)
        }
        return changes.count
    }
}
