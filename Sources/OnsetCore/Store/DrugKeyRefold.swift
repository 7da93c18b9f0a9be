import GRDB

/// Re-folds the drug keys a library stored with an earlier `TermKey.drug`, so that they meet
/// the keys queries fold now (migration v6: combinations written with `\` or `/`).
enum DrugKeyRefold {
    /// Rewrites every stored drug key that holds `/` or `\` to what the library's lexicon folds
    /// it to now, in `case_drugs` and `case_intervals`, then rebuilds the key sets if there are
    /// any. Returns how many distinct keys changed.
    ///
    /// A stored key is already folded, and folding is idempotent, so folding it again gives what
    /// a fresh import would store for the same drug. Rows of a re-keyed case that become the
    /// same (a drug's generic and verbatim names, whose keys now fold to one) are kept once, as
    /// a fresh import writes them; filters and statistics count cases, so nothing else moves.
    /// The case JSON keeps the generic name it was imported with; only keys change.
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
        try db.execute(sql: """
            CREATE TEMP TABLE drug_key_refold_cases AS
                SELECT DISTINCT case_n FROM case_drugs WHERE key IN (SELECT old FROM temp.drug_key_refold);
            UPDATE case_drugs SET key = (SELECT new FROM temp.drug_key_refold WHERE old = key)
                WHERE key IN (SELECT old FROM temp.drug_key_refold);
            UPDATE case_intervals SET drug_key = (SELECT new FROM temp.drug_key_refold WHERE old = drug_key)
                WHERE drug_key IN (SELECT old FROM temp.drug_key_refold);
            DELETE FROM case_drugs WHERE case_n IN (SELECT case_n FROM temp.drug_key_refold_cases)
                AND rowid NOT IN (
                    SELECT min(rowid) FROM case_drugs WHERE case_n IN (SELECT case_n FROM temp.drug_key_refold_cases)
                    GROUP BY case_n, key, name, role);
            DROP TABLE temp.drug_key_refold_cases;
            """)
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM key_sets LIMIT 1)") == 1 {
            try KeySets.rebuild(db)
        }
        return changes.count
    }
}
