extension SQLiteMigrations {
    /// Migrations from 20 on.
    static let fromTwenty: [(version: Int, name: String, sql: [String])] = [
        (
            // Why (issue 27 §3): each rep gets the alerts and reviews of their own accounts. The
            // route is keyed by the owner's name as the target list writes it (trimmed, ASCII
            // lowercased); a delivery names the owner it was routed for, so the log says why a
            // webhook got it.
            20, "owner routes: per-owner webhook and e-mail; the owner a delivery was routed for",
            [
                """
                CREATE TABLE owner_routes (
                    owner_key TEXT PRIMARY KEY,   -- OwnerRoute.key(owner_name)
                    owner_name TEXT NOT NULL,
                    webhook_id INTEGER REFERENCES webhooks(webhook_id),
                    emails TEXT NOT NULL,         -- comma-separated plain addresses; '' for none
                    updated_at INTEGER NOT NULL
                ) WITHOUT ROWID
                """,
                "ALTER TABLE alert_deliveries ADD COLUMN route_owner TEXT",
            ]
        ),
        (
            // Why (issue 26 §4): a segment can feed the target list. The segment keeps the tier and
            // owner it adds accounts with; a stay keeps whether its entry added the account, so
            // leaving removes only what the feed added, never an account people put on the list.
            21, "segments that feed the target list",
            [
                "ALTER TABLE segments ADD COLUMN feed_tier INTEGER",  // 1–3; NULL: does not feed
                "ALTER TABLE segments ADD COLUMN feed_owner TEXT",
                "ALTER TABLE segment_members ADD COLUMN fed INTEGER NOT NULL DEFAULT 0",  // 1: the entry added a target
            ]
        ),
        (
            // Why (issue 26, speed): a journey stage on a day reads the decision makers' activity
            // days of the qualified window. Without an index that was a scan of the whole
            // history (0.125 s of CPU at medium for 169k of 2M rows); this partial index holds
            // only the rows with a contact, ordered by day, and covers the read (0.016 s).
            22, "decision makers' activity days: a partial index by day of the rows with a contact",
            // Kept row by row, also in a first load: dropping it there and sorting it before
            // COMMIT was slower (import A/B 1.21 against 1.08 wall, paired, BENCHMARKS.md).
            [
                "CREATE INDEX activities_contact_day ON activities(day, account_key, contact_id) WHERE contact_id IS NOT NULL"
            ]
        ),
        (
            // Why (issue 21, speed): a quarter's attribution reads the touches of its look-back
            // window. Without an index that was a scan of the whole history (10M rows at large,
            // each as wide as its URL and topic); this index holds each row's few columns that
            // attribution reads, by day and then ID (the tie order of attribution.md edge case
            // 4), so the window is one range of a narrow index. It leads with day so a read of
            // recent days can use it too. Not partial on types: `attribution.touch_types` is a
            // setting. Kept row by row, also in a first load (import cost: BENCHMARKS.md).
            23, "attribution's touches: a covering index by day and ID",
            [
                "CREATE INDEX activities_day ON activities(day, activity_id, account_key, type, occurred_at, campaign_id)"
            ]
        ),
    ]
}
