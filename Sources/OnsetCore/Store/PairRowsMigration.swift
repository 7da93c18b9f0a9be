import GRDB

/// Migration v8: drug and event rows record their place in the case, and `case_intervals` keeps
/// only the pairs that have figures, tied to their drug and event by place.
///
/// Before, every suspect drug × event pair had a row with its names and keys, though 71% of them
/// held no figure (1.8 of 2.6 million rows in a 400k-case FAERS quarter). Readers now take a
/// case's pairs from its drug and event rows (`CasePairsSQL`).
///
/// The places are worked out from the rows a library already holds, in one pass: rebuilding
/// every case from its stored JSON instead took 142 s for 400k cases. A case whose old interval
/// rows do not line up with the pairs so found (which no onset wrote) has its rows written again
/// from its JSON, as an import would write them now.
enum PairRowsMigration {
    static let identifier = "v8-pairs-from-drug-and-event-rows"

    static func run(_ db: Database, lexicon: Lexicon) throws {
        try db.execute(sql: """
            ALTER TABLE case_drugs ADD COLUMN pos INTEGER;
            ALTER TABLE case_events ADD COLUMN pos INTEGER;
            ALTER TABLE case_intervals RENAME TO old_intervals;
            CREATE TABLE case_intervals (
                case_n INTEGER NOT NULL REFERENCES cases(n) ON DELETE CASCADE,
                drug_pos INTEGER NOT NULL,
                event_pos INTEGER NOT NULL,
                dose INTEGER,
                first_min REAL, first_max REAL,
                last_min REAL, last_max REAL,
                basis TEXT
            );
            """)
        let holdsCases = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM cases LIMIT 1)") == 1
        var rewritten: [Int64] = []
        if holdsCases {
            // Every row gets a place; noting each case as stale would only make the key sets useless.
            try KeySets.dropTriggers(db)
            try place(db, table: "case_drugs", label: "name", role: "role")
            try place(db, table: "case_events", label: "term", role: nil)
            rewritten = try carryFigures(db)
            try rewrite(db, cases: rewritten, lexicon: lexicon)
        }
        // A pair's figures are found by case and places in the index (reading every pair of a
        // 400k-case library in the sqlite3 shell: 5.4 s, against 6.3 s with an index on the case
        // alone). Only a UNIQUE index over NOT NULL places would spare SQLite sorting each case's
        // pairs (3.6 s), and it would add a uniqueness probe to every drug and event row an
        // import writes.
        try db.execute(sql: """
            DROP TABLE old_intervals;
            DROP INDEX case_drugs_case;
            DROP INDEX case_events_case;
            CREATE INDEX case_drugs_case ON case_drugs(case_n, pos);
            CREATE INDEX case_events_case ON case_events(case_n, pos);
            CREATE INDEX case_intervals_case ON case_intervals(case_n, drug_pos, event_pos);
            """)
        if holdsCases {
            // Rewritten cases have keys folded with this lexicon, which may differ from the old one.
            if !rewritten.isEmpty, try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM key_sets LIMIT 1)") == 1 {
                try KeySets.rebuild(db)
            }
            try KeySets.resumeNotes(db)
        }
    }

    /// Gives each case's own rows in `table` their places (0, 1, …, in the order written) and
    /// leaves NULL on the extra row `PreparedCase` wrote after a drug or event whose verbatim
    /// name has another key. Such a row follows its own row directly, with the same `label` (and
    /// `role`) and a different key; a later drug or event with the same label has the same key.
    private static func place(_ db: Database, table: String, label: String, role: String?) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT rowid, case_n, key, \(label) AS label\(role.map { ", \($0) AS role" } ?? "")
            FROM \(table) ORDER BY case_n, rowid
            """)
        let update = try db.makeStatement(sql: "UPDATE \(table) SET pos = ? WHERE rowid = ?")
        var caseN = Int64.min, next = 0
        var own: (key: String, label: String, role: String?)? = nil
        while let row = try rows.next() {
            let n: Int64 = row["case_n"], key: String = row["key"], name: String = row["label"]
            let r: String? = role == nil ? nil : row["role"]
            if n != caseN { caseN = n; next = 0; own = nil }
            if let o = own, o.label == name, o.role == r, o.key != key {
                own = nil   // a verbatim-name row; the next row is a drug's or event's own again
                continue
            }
            try update.execute(arguments: [next, row["rowid"]])
            next += 1
            own = (key, name, r)
        }
    }

    /// Moves the figures of the old interval rows to the new table, by place, and returns the
    /// cases whose old rows are not exactly their pairs (suspect drugs × events, in order, by name).
    private static func carryFigures(_ db: Database) throws -> [Int64] {
        try db.execute(sql: """
            CREATE TEMP TABLE old_numbered (case_n INTEGER, k INTEGER, drug TEXT, event TEXT, dose INTEGER,
                first_min REAL, first_max REAL, last_min REAL, last_max REAL, basis TEXT,
                PRIMARY KEY (case_n, k)) WITHOUT ROWID;
            INSERT INTO temp.old_numbered
                SELECT case_n, row_number() OVER (PARTITION BY case_n ORDER BY rowid), drug, event, dose,
                       first_min, first_max, last_min, last_max, basis
                FROM old_intervals;
            CREATE TEMP TABLE pairs_numbered (case_n INTEGER, k INTEGER, drug_pos INTEGER, event_pos INTEGER,
                drug TEXT, event TEXT, PRIMARY KEY (case_n, k)) WITHOUT ROWID;
            INSERT INTO temp.pairs_numbered
                SELECT d.case_n, row_number() OVER (PARTITION BY d.case_n ORDER BY d.pos, e.pos), d.pos, e.pos, d.name, e.term
                FROM case_drugs d JOIN case_events e ON e.case_n = d.case_n AND e.pos IS NOT NULL
                WHERE d.pos IS NOT NULL AND d.role IN (\(CasePairsSQL.suspectRoles));
            CREATE TEMP TABLE unmatched AS
                SELECT o.case_n FROM temp.old_numbered o
                WHERE NOT EXISTS (SELECT 1 FROM temp.pairs_numbered p
                                  WHERE p.case_n = o.case_n AND p.k = o.k AND p.drug = o.drug AND p.event = o.event)
                UNION
                SELECT p.case_n FROM temp.pairs_numbered p
                WHERE NOT EXISTS (SELECT 1 FROM temp.old_numbered o
                                  WHERE o.case_n = p.case_n AND o.k = p.k AND o.drug = p.drug AND o.event = p.event);
            INSERT INTO case_intervals (case_n, drug_pos, event_pos, dose, first_min, first_max, last_min, last_max, basis)
                SELECT o.case_n, p.drug_pos, p.event_pos, o.dose, o.first_min, o.first_max, o.last_min, o.last_max, o.basis
                FROM temp.old_numbered o JOIN temp.pairs_numbered p ON p.case_n = o.case_n AND p.k = o.k
                WHERE o.case_n NOT IN (SELECT case_n FROM temp.unmatched)
                  AND (o.dose IS NOT NULL OR o.first_min IS NOT NULL OR o.last_min IS NOT NULL OR o.basis IS NOT NULL)
                ORDER BY o.case_n, o.k;
            """)
        let unmatched = try Int64.fetchAll(db, sql: "SELECT case_n FROM temp.unmatched ORDER BY case_n")
        try db.execute(sql: "DROP TABLE temp.old_numbered; DROP TABLE temp.pairs_numbered; DROP TABLE temp.unmatched")
        return unmatched
    }

    /// Writes these cases' drug, event and interval rows again from their stored JSON.
    private static func rewrite(_ db: Database, cases: [Int64], lexicon: Lexicon) throws {
        guard !cases.isEmpty else { return }
        let statements = try CaseInsertStatements(db)
        let keys = KeyMemo(lexicon)
        for n in cases {
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Library.storedCaseColumns) WHERE c.n = ?", arguments: [n]) else { continue }
            let prepared = PreparedCase(try Library.storedCase(row), keys: keys)
            for table in ["case_drugs", "case_events", "case_intervals"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE case_n = ?", arguments: [n])
            }
            try statements.insertChildRows(of: prepared, row: n)
        }
    }
}
