extension SQLiteMigrations {
    /// Migrations 13 on, appended to `all` (never edit one that has shipped: add the next number).
    static let fromThirteen: [(version: Int, name: String, sql: [String])] = [
        (
            // Why (issue 20 §4): `now` retrained the ranking on every call (10 s at medium). The
            // trained ranking is kept here, one row, and reused until the data or settings change.
            13, "the trained approach-now ranking",
            [
                """
                CREATE TABLE ranking_model (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    trained_at INTEGER NOT NULL,
                    as_of TEXT NOT NULL,       -- the day whose earlier days validated it
                    fingerprint TEXT NOT NULL, -- what it was trained on (TrainingFingerprint)
                    body TEXT NOT NULL         -- TrainedRanking as JSON
                )
                """
            ]
        ),
        (
            // Why (issue 29): data-format.md now lets an open deal's amount be empty (not known yet);
            // won and lost deals keep theirs. SQLite cannot drop NOT NULL in place, so the table is
            // rebuilt (nothing references opportunities, and it has no index of its own).
            14, "opportunities: amount may be NULL for open deals",
            [
                """
                CREATE TABLE opportunities_amount_optional (
                    opportunity_id TEXT PRIMARY KEY,
                    company_id TEXT NOT NULL REFERENCES companies(company_id),
                    name TEXT, created_on TEXT NOT NULL,
                    amount REAL CHECK (amount >= 0) CHECK (amount IS NOT NULL OR status = 'open'),
                    term_months INTEGER, status TEXT NOT NULL, closed_on TEXT, stage TEXT, source TEXT
                ) WITHOUT ROWID
                """,
                """
                INSERT INTO opportunities_amount_optional (opportunity_id, company_id, name, created_on, amount,
                    term_months, status, closed_on, stage, source)
                SELECT opportunity_id, company_id, name, created_on, amount, term_months, status, closed_on, stage,
                    source
                FROM opportunities
                """,
                "DROP TABLE opportunities",
                "ALTER TABLE opportunities_amount_optional RENAME TO opportunities",
            ]
        ),
    ]
}
