extension PostgresMigrations {
    /// Migrations from 13 on.
    static let fromThirteen: [(version: Int, name: String, sql: [String])] = [
        (
            // Why (issue 27 §3): see SQLite migration 20.
            13, "owner routes: per-owner webhook and e-mail; the owner a delivery was routed for",
            [
                """
                CREATE TABLE owner_routes (
                    owner_key TEXT COLLATE "C" PRIMARY KEY,
                    owner_name TEXT COLLATE "C" NOT NULL,
                    webhook_id BIGINT REFERENCES webhooks(webhook_id),
                    emails TEXT COLLATE "C" NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "ALTER TABLE alert_deliveries ADD COLUMN route_owner TEXT COLLATE \"C\"",
            ]
        ),
        (
            // Why (issue 26 §4): see SQLite migration 21.
            14, "segments that feed the target list",
            [
                "ALTER TABLE segments ADD COLUMN feed_tier INTEGER",
                "ALTER TABLE segments ADD COLUMN feed_owner TEXT COLLATE \"C\"",
                "ALTER TABLE segment_members ADD COLUMN fed INTEGER NOT NULL DEFAULT 0",
            ]
        ),
    ]
}
