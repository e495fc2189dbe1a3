/// Numbered schema migrations of the SQLite store, applied in order on open.
///
/// Never edit a migration that has shipped: add the next number. Dates are stored as
/// `YYYY-MM-DD` text (readable, and ordered correctly as text); timestamps as integer
/// milliseconds since 1970-01-01 UTC (what range scans need); money as REAL.
enum SQLiteMigrations {
    /// Every migration in order: 1–12 below, 13 on in SQLiteMigrations+13.swift (one file was
    /// getting long; the statements are unchanged), 16 in SQLiteMigrations+16.swift.
    static var all: [(version: Int, name: String, sql: [String])] { toTwelve + fromThirteen + fromTwenty }

    static let toTwelve: [(version: Int, name: String, sql: [String])] = [
        (
            1, "canonical entities, activity roll-ups, settings, KPI goals",
            [
                """
                CREATE TABLE companies (
                    company_key INTEGER PRIMARY KEY, -- internal and stable: roll-ups refer to it
                    company_id TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    corporate_number TEXT, domain TEXT, industry TEXT,
                    employees TEXT, annual_revenue TEXT, -- text on purpose: KPIs judge their validity
                    country TEXT, region TEXT, updated_on TEXT, verified_on TEXT
                )
                """,
                """
                CREATE TABLE targets (
                    company_id TEXT NOT NULL REFERENCES companies(company_id),
                    added_on TEXT NOT NULL,
                    tier INTEGER NOT NULL CHECK (tier IN (1, 2, 3)),
                    removed_on TEXT, owner TEXT,
                    PRIMARY KEY (company_id, added_on)
                ) WITHOUT ROWID
                """,
                """
                CREATE TABLE contacts (
                    contact_id TEXT PRIMARY KEY,
                    company_id TEXT NOT NULL REFERENCES companies(company_id),
                    name TEXT, email TEXT, department TEXT, title TEXT, role TEXT, phone TEXT, updated_on TEXT
                ) WITHOUT ROWID
                """,
                "CREATE INDEX contacts_company ON contacts(company_id)",
                """
                CREATE TABLE activities (
                    activity_id TEXT PRIMARY KEY,
                    occurred_at INTEGER NOT NULL,
                    type TEXT NOT NULL,
                    company_id TEXT REFERENCES companies(company_id),
                    contact_id TEXT REFERENCES contacts(contact_id),
                    campaign_id TEXT, url TEXT, topic TEXT,
                    day INTEGER NOT NULL,         -- derived: local day in the workspace time zone
                    account_key INTEGER NOT NULL  -- derived: companies.company_key of the account, -1 unresolved
                ) WITHOUT ROWID
                """,
                "CREATE TABLE activity_days (day INTEGER PRIMARY KEY, entries BLOB NOT NULL)",
                """
                CREATE TABLE intent (
                    signal_id TEXT PRIMARY KEY,
                    company_id TEXT NOT NULL REFERENCES companies(company_id),
                    observed_on TEXT NOT NULL, topic TEXT NOT NULL, kind TEXT NOT NULL,
                    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100), source TEXT
                ) WITHOUT ROWID
                """,
                "CREATE INDEX intent_observed_on ON intent(observed_on)",
                """
                CREATE TABLE lead_stages (
                    contact_id TEXT NOT NULL REFERENCES contacts(contact_id),
                    stage TEXT NOT NULL, reached_at INTEGER NOT NULL,
                    PRIMARY KEY (contact_id, stage, reached_at)
                ) WITHOUT ROWID
                """,
                """
                CREATE TABLE meetings (
                    meeting_id TEXT PRIMARY KEY,
                    company_id TEXT NOT NULL REFERENCES companies(company_id),
                    contact_id TEXT REFERENCES contacts(contact_id),
                    held_at INTEGER NOT NULL, kind TEXT
                ) WITHOUT ROWID
                """,
                """
                CREATE TABLE opportunities (
                    opportunity_id TEXT PRIMARY KEY,
                    company_id TEXT NOT NULL REFERENCES companies(company_id),
                    name TEXT, created_on TEXT NOT NULL, amount REAL NOT NULL CHECK (amount >= 0),
                    term_months INTEGER, status TEXT NOT NULL, closed_on TEXT, stage TEXT, source TEXT
                ) WITHOUT ROWID
                """,
                """
                CREATE TABLE contracts (
                    contract_id TEXT PRIMARY KEY,
                    company_id TEXT NOT NULL REFERENCES companies(company_id),
                    start_on TEXT NOT NULL, end_on TEXT, annual_value REAL NOT NULL CHECK (annual_value >= 0)
                ) WITHOUT ROWID
                """,
                """
                CREATE TABLE campaigns (
                    campaign_id TEXT PRIMARY KEY, name TEXT NOT NULL, channel TEXT,
                    start_on TEXT NOT NULL, end_on TEXT NOT NULL, cost REAL NOT NULL CHECK (cost >= 0),
                    abm INTEGER NOT NULL
                ) WITHOUT ROWID
                """,
                "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
                """
                CREATE TABLE kpi_goals (
                    kpi TEXT NOT NULL, period_start TEXT NOT NULL, period_end TEXT NOT NULL,
                    tier INTEGER NOT NULL, -- 0 = the whole target set
                    value REAL NOT NULL,
                    PRIMARY KEY (kpi, period_start, period_end, tier)
                ) WITHOUT ROWID
                """,
            ]
        ),
        (
            2, "company match keys (duplicate detection without renormalising every company per report)",
            [
                """
                CREATE TABLE company_match_keys (
                    kind TEXT NOT NULL,  -- corporate_number | domain | name_region (CompanyMatchKeys.Kind)
                    key TEXT NOT NULL,
                    company_key INTEGER NOT NULL REFERENCES companies(company_key),
                    PRIMARY KEY (kind, key, company_key)
                ) WITHOUT ROWID
                """,
                "CREATE INDEX company_match_keys_company ON company_match_keys(company_key)",
            ]
        ),
        (
            3, "covering index for the KPI intent window (no table lookups per signal)",
            [
                // With the primary key (signal_id) every WITHOUT ROWID index carries, this index holds every
                // column the KPI engine reads, and it serves the same range scans as the one it replaces.
                "CREATE INDEX intent_kpi ON intent(observed_on, company_id, topic, kind, score)",
                "DROP INDEX intent_observed_on",
            ]
        ),
        (
            4, "users, browser sessions, API tokens; account timeline index (kizashi serve)",
            [
                """
                CREATE TABLE users (
                    user_id INTEGER PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
                    password_hash TEXT NOT NULL,
                    language TEXT,
                    created_at INTEGER NOT NULL
                )
                """,
                """
                CREATE TABLE sessions (
                    id_hash TEXT PRIMARY KEY, -- SHA-256 of the cookie value, never the value
                    user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL,
                    expires_at INTEGER NOT NULL
                ) WITHOUT ROWID
                """,
                """
                CREATE TABLE api_tokens (
                    token_id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
                    token_hash TEXT NOT NULL UNIQUE, -- SHA-256 of the token
                    prefix TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    revoked INTEGER NOT NULL DEFAULT 0
                )
                """,
                // The account page's timeline: one account's activities, newest first.
                "CREATE INDEX activities_account ON activities(account_key, occurred_at)",
            ]
        ),
        (
            5, "tracked events (Segment-compatible), visitor identities",
            [
                """
                CREATE TABLE events (
                    message_id TEXT PRIMARY KEY,      -- idempotency: a repeated messageId is a duplicate
                    received_at INTEGER NOT NULL,
                    occurred_at INTEGER NOT NULL,
                    type TEXT NOT NULL, event TEXT, user_id TEXT, anonymous_id TEXT,
                    activity_type TEXT,               -- NULL: kept, not scored
                    path TEXT, topic TEXT,
                    company_id TEXT, contact_id TEXT, -- the resolved account (NULL until known)
                    activity_id TEXT,                 -- the activity made once resolved
                    payload TEXT NOT NULL             -- the call as sent
                ) WITHOUT ROWID
                """,
                "CREATE INDEX events_user ON events(user_id) WHERE activity_id IS NULL AND activity_type IS NOT NULL",
                "CREATE INDEX events_anonymous ON events(anonymous_id) WHERE activity_id IS NULL AND activity_type IS NOT NULL",
                """
                CREATE TABLE event_identities (
                    kind TEXT NOT NULL CHECK (kind IN ('user', 'anonymous')),
                    id TEXT NOT NULL,
                    contact_id TEXT, company_id TEXT, email TEXT,
                    PRIMARY KEY (kind, id)
                ) WITHOUT ROWID
                """,
                "CREATE INDEX contacts_email ON contacts(email COLLATE NOCASE)",
            ]
        ),
        (
            6, "alerts: webhooks, alerts and their delivery outbox",
            [
                """
                CREATE TABLE webhooks (
                    webhook_id INTEGER PRIMARY KEY,
                    url TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('generic', 'slack')),
                    secret TEXT NOT NULL,           -- HMAC-SHA256 key of the signature header
                    active INTEGER NOT NULL DEFAULT 1,
                    created_at INTEGER NOT NULL
                )
                """,
                """
                CREATE TABLE alerts (
                    alert_id INTEGER PRIMARY KEY,
                    company_id TEXT NOT NULL,
                    rule TEXT NOT NULL, reason_key TEXT NOT NULL,
                    message_en TEXT NOT NULL, message_ja TEXT NOT NULL,
                    score REAL NOT NULL,
                    created_at INTEGER NOT NULL
                )
                """,
                "CREATE INDEX alerts_cooldown ON alerts(company_id, rule, reason_key, created_at)",
                """
                CREATE TABLE alert_deliveries (
                    delivery_id INTEGER PRIMARY KEY,
                    alert_id INTEGER NOT NULL REFERENCES alerts(alert_id),
                    webhook_id INTEGER NOT NULL REFERENCES webhooks(webhook_id),
                    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at INTEGER NOT NULL,
                    last_error TEXT, sent_at INTEGER
                )
                """,
                "CREATE INDEX alert_deliveries_due ON alert_deliveries(status, next_attempt_at)",
            ]
        ),
        (
            7, "IP ranges (anonymous visitor → company) and publishable site keys of the /t.js tag",
            [
                """
                CREATE TABLE ip_ranges (
                    range_start BLOB NOT NULL, -- 16 bytes, IPv4 mapped into ::ffff:0:0/96; compared as bytes
                    range_end BLOB NOT NULL,
                    cidr TEXT NOT NULL,
                    company_id TEXT NOT NULL REFERENCES companies(company_id),
                    PRIMARY KEY (range_start, range_end)
                ) WITHOUT ROWID
                """,
                """
                CREATE TABLE site_keys (
                    site_key TEXT PRIMARY KEY, -- publishable: it can only send page views
                    name TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    active INTEGER NOT NULL DEFAULT 1
                ) WITHOUT ROWID
                """,
            ]
        ),
        (
            8, "merge log (名寄せ: kizashi merge, reversible)",
            [
                """
                CREATE TABLE merge_log (
                    merge_id INTEGER PRIMARY KEY,
                    merged_at INTEGER NOT NULL,
                    record TEXT NOT NULL -- JSON: the dropped company and the IDs of every row moved
                )
                """
            ]
        ),
        (
            // Why: messageIds are random UUIDs. Keyed by them, every new event landed on a random
            // page of the whole table, so a batch of 500 dirtied ~500 pages that each commit then
            // wrote out (and a checkpoint again). Stored in arrival order (rowid), a batch fills a
            // few pages at the end; only the narrow unique index stays random. Event ingestion at
            // medium scale: about 1.8× with ordered keys (bench/events.py, BENCHMARKS.md).
            9, "events stored in arrival order (rowid), message_id unique",
            [
                """
                CREATE TABLE events_by_arrival (
                    message_id TEXT NOT NULL UNIQUE,  -- idempotency: a repeated messageId is a duplicate
                    received_at INTEGER NOT NULL,
                    occurred_at INTEGER NOT NULL,
                    type TEXT NOT NULL, event TEXT, user_id TEXT, anonymous_id TEXT,
                    activity_type TEXT,               -- NULL: kept, not scored
                    path TEXT, topic TEXT,
                    company_id TEXT, contact_id TEXT, -- the resolved account (NULL until known)
                    activity_id TEXT,                 -- the activity made once resolved
                    payload TEXT NOT NULL             -- the call as sent
                )
                """,
                """
                INSERT INTO events_by_arrival (message_id, received_at, occurred_at, type, event, user_id, anonymous_id,
                    activity_type, path, topic, company_id, contact_id, activity_id, payload)
                SELECT message_id, received_at, occurred_at, type, event, user_id, anonymous_id,
                    activity_type, path, topic, company_id, contact_id, activity_id, payload
                FROM events ORDER BY received_at, message_id
                """,
                "DROP TABLE events",
                "ALTER TABLE events_by_arrival RENAME TO events",
                "CREATE INDEX events_user ON events(user_id) WHERE activity_id IS NULL AND activity_type IS NOT NULL",
                "CREATE INDEX events_anonymous ON events(anonymous_id) WHERE activity_id IS NULL AND activity_type IS NOT NULL",
            ]
        ),
        (
            // Why: the (account_key, occurred_at) index of migration 4 had to be sorted and built
            // after every first load: 3.4 s of a 10.4 s medium import and 21 s of a 58 s large one,
            // on one core, after the parsing had ended (perf, BENCHMARKS.md). A locator chunk lists
            // (occurred_at, activity_id) of one account's rows written by one transaction; the
            // importer builds them in memory as rows stream by. Readers merge an account's chunks
            // (a later chunk wins for an ID) and check each row's account_key, so a row that moved
            // away leaves only a stale entry, never a wrong answer. Backfilled on open
            // (SQLiteWorkspaceStore.open) for activities written before this migration.
            10, "account activity locators replace the account timeline index",
            [
                "CREATE TABLE activity_locators (account_key INTEGER NOT NULL, entries BLOB NOT NULL)",
                "CREATE INDEX activity_locators_account ON activity_locators(account_key)",
                "DROP INDEX IF EXISTS activities_account",
                // Marks a workspace with activities from before this migration; dropped once the
                // locators are built.
                "CREATE TABLE activity_locators_backfill (pending INTEGER)",
                "INSERT INTO activity_locators_backfill SELECT 1 WHERE EXISTS (SELECT 1 FROM activities)",
            ]
        ),
        (
            // Why (issue 25, "people leave"): users can be disabled without losing who they were in
            // the audit log; tokens can expire and show when they were last used; security-relevant
            // actions are kept in the workspace, where every server of it writes them.
            11, "disabled users, token expiry and last use, the audit log",
            [
                "ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER",  // NULL: until revoked
                "ALTER TABLE api_tokens ADD COLUMN last_used_at INTEGER",  // written at most once a minute
                """
                CREATE TABLE audit_log (
                    audit_id INTEGER PRIMARY KEY, -- in order of writing: the log reads newest first by it
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL,          -- a user's e-mail, "token: NAME" or "cli"
                    action TEXT NOT NULL,         -- login, login.failed, user.disable, token.create, …
                    target TEXT, client_address TEXT, detail TEXT
                )
                """,
            ]
        ),
        (
            // Why: the alert rules ran on event batches held in server memory; a crash between an
            // event batch's commit and its evaluation lost the alerts. Each batch that touches
            // accounts now writes its evaluation here in the same transaction (an outbox, like
            // alert_deliveries); it is deleted in the transaction that stores the alerts.
            12, "alert evaluations waiting after an event batch (outbox)",
            [
                """
                CREATE TABLE alert_evaluations (
                    evaluation_id INTEGER PRIMARY KEY,
                    created_at INTEGER NOT NULL,
                    claimed_until INTEGER NOT NULL DEFAULT 0,
                    companies TEXT NOT NULL,
                    activities TEXT NOT NULL
                )
                """
            ]
        ),
    ]
}
