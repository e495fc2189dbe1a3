extension PostgresMigrations {
    /// Migrations from 17 on.
    static let fromSeventeen: [(version: Int, name: String, sql: [String])] = [
        (
            // Why (issue 23): `events` partitioned by the UTC month of `received_at`, as
            // `activities` by month (migration 15), so old months can be detached and archived
            // (`kizashi archive`) and a busy collector's table does not grow without end. The key
            // takes `received_at` (PostgreSQL requires the partition key in it), so `message_id`
            // alone is no longer unique there: `event_ids` keeps every messageId ever stored,
            // written in the same transaction as the event (SQLTransaction+Events.swift), and
            // stays when a month is archived, so a resend is a duplicate whatever its month.
            // No DEFAULT partition, as for activities; `ensureEventMonths` makes months as they come.
            17, "events partitioned by month of arrival; their ids kept apart; the event archive",
            [
                "ALTER TABLE events RENAME TO events_unpartitioned",
                "ALTER INDEX events_pkey RENAME TO events_unpartitioned_pkey",
                "ALTER INDEX events_user RENAME TO events_unpartitioned_user",
                "ALTER INDEX events_anonymous RENAME TO events_unpartitioned_anonymous",
                """
                CREATE TABLE events (
                    message_id TEXT COLLATE "C" NOT NULL,
                    received_at BIGINT NOT NULL,
                    occurred_at BIGINT NOT NULL,
                    type TEXT COLLATE "C" NOT NULL, event TEXT COLLATE "C", user_id TEXT COLLATE "C", anonymous_id TEXT COLLATE "C",
                    activity_type TEXT COLLATE "C",
                    path TEXT COLLATE "C", topic TEXT COLLATE "C",
                    company_id TEXT COLLATE "C", contact_id TEXT COLLATE "C",
                    activity_id TEXT COLLATE "C",
                    payload TEXT COLLATE "C" NOT NULL,
                    PRIMARY KEY (message_id, received_at)
                ) PARTITION BY RANGE (received_at)
                """,
                "CREATE INDEX events_user ON events(user_id) WHERE activity_id IS NULL AND activity_type IS NOT NULL",
                "CREATE INDEX events_anonymous ON events(anonymous_id) WHERE activity_id IS NULL AND activity_type IS NOT NULL",
                // The idempotency key: a repeated messageId is a duplicate, in any month.
                #"CREATE TABLE event_ids (message_id TEXT COLLATE "C" PRIMARY KEY)"#,
                // One partition per month present: [its first instant, the next month's), in
                // milliseconds since 1970-01-01 UTC, named as `ActivityMonth.partitionName`.
                """
                DO $$
                DECLARE m date;
                BEGIN
                    FOR m IN SELECT DISTINCT date_trunc('month', date '1970-01-01' + floor(received_at / 86400000.0)::integer)::date
                             FROM events_unpartitioned ORDER BY 1 LOOP
                        EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%s) TO (%s)',
                            CASE WHEN m BETWEEN date '0001-01-01' AND date '9999-12-01'
                                 THEN 'events_m' || to_char(m, 'YYYY_MM')
                                 ELSE 'events_d' || replace((m - date '1970-01-01')::text, '-', 'n') END,
                            (m - date '1970-01-01')::bigint * 86400000,
                            ((m + interval '1 month')::date - date '1970-01-01')::bigint * 86400000);
                    END LOOP;
                END $$
                """,
                """
                INSERT INTO events (message_id, received_at, occurred_at, type, event, user_id, anonymous_id, activity_type, path, topic, company_id, contact_id, activity_id, payload)
                SELECT message_id, received_at, occurred_at, type, event, user_id, anonymous_id, activity_type, path, topic, company_id, contact_id, activity_id, payload FROM events_unpartitioned
                """,
                "INSERT INTO event_ids (message_id) SELECT message_id FROM events_unpartitioned",
                "DROP TABLE events_unpartitioned",
                """
                CREATE TABLE event_archive (
                    first_day INTEGER PRIMARY KEY,  -- the month's first day (days since 1970-01-01, UTC)
                    next_day INTEGER NOT NULL,      -- the next month's first day
                    table_name TEXT COLLATE "C" NOT NULL, -- in schema kizashi_archive
                    row_count BIGINT NOT NULL,
                    archived_at BIGINT NOT NULL
                )
                """,
            ]
        )
    ]
}
