import GRDB

/// The library's tables, created and upgraded through GRDB's migrator.
enum Schema {
    /// The migrations; `lexicon` is the one the library is opened with, which re-folds stored
    /// drug keys when the folding changed (v6).
    static func migrator(lexicon: Lexicon) -> DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE sources (
                    id INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    format TEXT,
                    imported_at TEXT NOT NULL,
                    cases INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE cases (
                    n INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    record TEXT,
                    case_number TEXT,
                    version INTEGER,
                    status TEXT NOT NULL,
                    age_years REAL,
                    sex TEXT,
                    outcome TEXT,
                    serious INTEGER,
                    suspects TEXT NOT NULL,
                    events TEXT NOT NULL,
                    onset_label TEXT,
                    json TEXT NOT NULL
                );
                CREATE INDEX cases_source ON cases(source_id);
                CREATE INDEX cases_case_number ON cases(kind, case_number);
                CREATE TABLE case_drugs (
                    case_n INTEGER NOT NULL REFERENCES cases(n) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL
                );
                CREATE INDEX case_drugs_key ON case_drugs(key, case_n);
                CREATE INDEX case_drugs_case ON case_drugs(case_n);
                CREATE TABLE case_events (
                    case_n INTEGER NOT NULL REFERENCES cases(n) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    term TEXT NOT NULL
                );
                CREATE INDEX case_events_key ON case_events(key, case_n);
                CREATE INDEX case_events_case ON case_events(case_n);
                CREATE TABLE case_intervals (
                    case_n INTEGER NOT NULL REFERENCES cases(n) ON DELETE CASCADE,
                    drug TEXT NOT NULL,
                    drug_key TEXT NOT NULL,
                    event TEXT NOT NULL,
                    event_key TEXT NOT NULL,
                    dose INTEGER,
                    first_min REAL, first_max REAL,
                    last_min REAL, last_max REAL,
                    basis TEXT
                );
                CREATE INDEX case_intervals_case ON case_intervals(case_n);
                CREATE VIRTUAL TABLE case_text USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
                """)
        }
        m.registerMigration("v2-source-signature") { db in
            // Size and modification time of what a source was read from, so `onset PATH` can skip
            // re-importing files that have not changed since the cache library was filled.
            try db.execute(sql: "ALTER TABLE sources ADD COLUMN signature TEXT")
        }
        m.registerMigration("v3-key-sets") { db in
            try db.execute(sql: KeySets.schema)
            // A library filled by an earlier version gets its key sets now, once.
            try KeySets.refresh(db, bulk: false)
        }
        m.registerMigration("v4-stale-notes-upsert") { db in
            // The triggers v3 made note a case with INSERT OR IGNORE, which a case's multi-row
            // INSERT OR FAIL would turn into a failure (see `KeySets.triggers`).
            try KeySets.dropTriggers(db)
            try KeySets.resumeNotes(db)
        }
        m.registerMigration("v5-full-text-without-sizes") { db in
            // The full-text index only filters (MATCH) and never ranks, so the token counts FTS5
            // keeps per row for bm25 (its docsize table, a row per case) are not needed; writing
            // them was ~0.7 of the index's 3.4 s in a 400k-case import (scripts/bench_notes.md).
            // A library that already holds cases keeps its table: both answer every query alike,
            // and rebuilding a large index would cost more than it saves.
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM case_text LIMIT 1)") == 0 else { return }
            try db.execute(sql: """
                DROP TABLE case_text;
                CREATE VIRTUAL TABLE case_text USING fts5(body, tokenize = 'unicode61 remove_diacritics 2', columnsize = 0);
                """)
        }
        // `.immediate`: no foreign-key column changes, so GRDB's default full foreign-key check
        // after the migration (every row of every child table, ~60 million probes at 4M cases)
        // would be pure cost.
        m.registerMigration("v6-combination-drug-keys", foreignKeyChecks: .immediate) { db in
            // Keys stored before `TermKey.combination` kept a combination's `\` and `/` as
            // written, so `SACUBITRIL\VALSARTAN` and Entresto had different keys.
            try DrugKeyRefold.run(db, lexicon: lexicon)
        }
        m.registerMigration("v7-stored-case-form") { _ in
            // No table changes: cases written from here on keep their JSON in the stored form
            // (`StoredCaseForm`), which an onset without this migration cannot read. Recording it
            // lets such an onset refuse the library as newer than itself (`Library.init`) instead
            // of failing on every case it opens.
        }
        // `.immediate` for the reason given at v6.
        m.registerMigration(PairRowsMigration.identifier, foreignKeyChecks: .immediate) { db in
            try PairRowsMigration.run(db, lexicon: lexicon)
        }
        return m
    }
}
