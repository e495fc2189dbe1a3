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
        (
            // Why (issue 24 §4): holdout experiments keep the accounts they drew, so a report
            // compares the same accounts however the list changes and the target list can refuse a
            // holdout account. §3: the initiative log (施策ログ), read against the KPI trends, and the
            // review note of each period.
            15, "holdout experiments, the initiative log and period review notes",
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
        ),
        (
            // Why (issue 24 §1): `kizashi serve` sends the review on a schedule, once per slot
            // whichever servers share the workspace (the slot is the key of its claim), and keeps a
            // log of each delivery for the Settings page.
            16, "scheduled review: slot claims and the delivery log",
            [
                """
                CREATE TABLE digest_slots (
                    slot TEXT PRIMARY KEY,
                    claimed_by TEXT NOT NULL,
                    claimed_at INTEGER NOT NULL
                ) WITHOUT ROWID
                """,
                """
                CREATE TABLE digest_deliveries (
                    delivery_id INTEGER PRIMARY KEY,
                    slot TEXT NOT NULL,
                    channel TEXT NOT NULL CHECK (channel IN ('webhook', 'email')),
                    destination TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('sent', 'failed')),
                    error TEXT,
                    at INTEGER NOT NULL
                )
                """,
            ]
        ),
        (
            // Why (issue 26 §4): saved segments (a name and a rule's text) and who entered and left
            // each one at each refresh, kept so a segment's history can be read back.
            17, "saved segments and their membership history",
            [
                """
                CREATE TABLE segments (
                    segment_id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    rule TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    refreshed_on TEXT          -- the last membership refresh
                )
                """,
                """
                CREATE TABLE segment_members (
                    segment_id INTEGER NOT NULL REFERENCES segments(segment_id),
                    company_id TEXT NOT NULL, -- no foreign key: history outlives a merged company
                    entered_on TEXT NOT NULL,
                    left_on TEXT,             -- exclusive; NULL while it matches
                    PRIMARY KEY (segment_id, company_id, entered_on)
                ) WITHOUT ROWID
                """,
            ]
        ),
        (
            // Why (issue 24 §1): a slot whose server died while sending is taken over once its
            // claim is stale, so the review is sent exactly once per slot; a finished slot is never
            // taken again.
            18, "scheduled review: when a slot was finished",
            ["ALTER TABLE digest_slots ADD COLUMN finished_at INTEGER"]
        ),
        (
            // Why (issue 27 §1): the CRM write-back sends only changed values, so it keeps the last
            // value each CRM record accepted; the provider's token, sealed by the App (AES-GCM,
            // KIZASHI_SECRET_KEY); a log of each run with the records the CRM refused; and the CRM
            // records 名寄せ matched to a workspace company at import (their IDs are otherwise lost).
            19, "CRM write-back: values sent, sealed credentials, the sync log and matched CRM records",
            [
                """
                CREATE TABLE crm_record_links (
                    provider TEXT NOT NULL,
                    object_type TEXT NOT NULL,
                    record_id TEXT NOT NULL,   -- the CRM's ID
                    company_id TEXT NOT NULL,  -- no foreign key: read against the companies at each sync
                    linked_at INTEGER NOT NULL,
                    PRIMARY KEY (provider, object_type, record_id)
                ) WITHOUT ROWID
                """,
                """
                CREATE TABLE crm_sent_values (
                    provider TEXT NOT NULL,
                    object_type TEXT NOT NULL,
                    record_id TEXT NOT NULL,   -- the CRM's ID (no foreign key: the CRM's record, not ours)
                    property TEXT NOT NULL,
                    value TEXT NOT NULL,
                    sent_at INTEGER NOT NULL,
                    PRIMARY KEY (provider, object_type, record_id, property)
                ) WITHOUT ROWID
                """,
                """
                CREATE TABLE crm_credentials (
                    provider TEXT PRIMARY KEY,
                    sealed TEXT NOT NULL,      -- AES-GCM combined box, base64; never the token itself
                    updated_at INTEGER NOT NULL
                ) WITHOUT ROWID
                """,
                """
                CREATE TABLE crm_sync_runs (
                    run_id INTEGER PRIMARY KEY,
                    provider TEXT NOT NULL,
                    started_at INTEGER NOT NULL,
                    finished_at INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('ok', 'partial', 'stopped', 'dry_run')),
                    records_changed INTEGER NOT NULL,
                    records_sent INTEGER NOT NULL,
                    records_failed INTEGER NOT NULL,
                    message TEXT
                )
                """,
                """
                CREATE TABLE crm_sync_failures (
                    run_id INTEGER NOT NULL REFERENCES crm_sync_runs(run_id),
                    object_type TEXT NOT NULL,
                    record_id TEXT NOT NULL,
                    error TEXT NOT NULL,
                    PRIMARY KEY (run_id, object_type, record_id)
                ) WITHOUT ROWID
                """,
            ]
        ),
    ]
}
