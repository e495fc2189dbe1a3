extension SQLiteMigrations {
    /// Migration 16 (issue 24, the PDCA loop), appended to `all` after `fromThirteen`; never edit
    /// it once shipped.
    static let sixteen: [(version: Int, name: String, sql: [String])] = [
        (
            // Why (issue 24 §4): holdout experiments keep the accounts they drew, so a report
            // compares the same accounts however the list changes and the target list can refuse a
            // holdout account. §3: the initiative log (施策ログ), read against the KPI trends, and the
            // review note of each period.
            16, "holdout experiments, the initiative log and period review notes",
            [
                """
                CREATE TABLE experiments (
                    experiment_id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    population TEXT NOT NULL,
                    holdout_basis_points INTEGER NOT NULL
                        CHECK (holdout_basis_points > 0 AND holdout_basis_points < 10000),
                    seed TEXT NOT NULL,     -- UInt64 in decimal
                    start_on TEXT NOT NULL,
                    ended_on TEXT,          -- exclusive; NULL while it runs
                    created_at INTEGER NOT NULL
                )
                """,
                """
                CREATE TABLE experiment_accounts (
                    experiment_id INTEGER NOT NULL REFERENCES experiments(experiment_id),
                    company_id TEXT NOT NULL, -- no foreign key: a merged company leaves the experiment, reported
                    assigned_group TEXT NOT NULL CHECK (assigned_group IN ('treated', 'holdout')),
                    stratum TEXT NOT NULL,
                    PRIMARY KEY (experiment_id, company_id)
                ) WITHOUT ROWID
                """,
                "CREATE INDEX experiment_accounts_company ON experiment_accounts(company_id)",
                """
                CREATE TABLE initiatives (
                    initiative_id INTEGER PRIMARY KEY,
                    on_day TEXT NOT NULL,
                    title TEXT NOT NULL,
                    campaign_id TEXT,
                    tier INTEGER CHECK (tier IN (1, 2, 3)),
                    created_at INTEGER NOT NULL
                )
                """,
                "CREATE INDEX initiatives_day ON initiatives(on_day)",
                """
                CREATE TABLE period_reviews (
                    period_start TEXT NOT NULL,
                    period_end TEXT NOT NULL,
                    tier INTEGER NOT NULL CHECK (tier IN (0, 1, 2, 3)), -- 0 = all tiers
                    note TEXT NOT NULL,
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY (period_start, period_end, tier)
                ) WITHOUT ROWID
                """,
            ]
        )
    ]
}
