extension PostgresMigrations {
    /// Migrations from 15 on.
    static let fromFifteen: [(version: Int, name: String, sql: [String])] = [
        (
            // Why (issue 23): `activities` partitioned by calendar month of its local day, so a
            // report's window reads only its months and old months can be detached and archived
            // (`kizashi archive`). The rows are copied: an existing workspace migrates. The key
            // takes `day` (PostgreSQL requires the partition key in it); `activity_id` stays
            // unique because the store deletes an ID's row on another day before inserting it
            // (PostgresTransaction+Activities.swift). No DEFAULT partition: a row of a month
            // with no partition is an error, never a row hidden where the month cannot be
            // created later. Months are created by `ensureActivityMonths` as data brings them.
            15, "activities partitioned by month of their local day; the activity archive",
            [
                "ALTER TABLE activities RENAME TO activities_unpartitioned",
                "ALTER INDEX activities_pkey RENAME TO activities_unpartitioned_pkey",
                "ALTER INDEX activities_account RENAME TO activities_unpartitioned_account",
                // Their names are taken in the schema: the new table's keys get the same names.
                "ALTER TABLE activities_unpartitioned DROP CONSTRAINT activities_company_id_fkey",
                "ALTER TABLE activities_unpartitioned DROP CONSTRAINT activities_contact_id_fkey",
                """
                CREATE TABLE activities (
                    activity_id TEXT COLLATE "C" NOT NULL,
                    occurred_at BIGINT NOT NULL,
                    type TEXT COLLATE "C" NOT NULL,
                    company_id TEXT COLLATE "C" REFERENCES companies(company_id),
                    contact_id TEXT COLLATE "C" REFERENCES contacts(contact_id),
                    campaign_id TEXT COLLATE "C", url TEXT COLLATE "C", topic TEXT COLLATE "C",
                    day INTEGER NOT NULL,         -- derived: local day in the workspace time zone
                    account_key BIGINT NOT NULL,  -- derived: companies.company_key of the account, -1 unresolved
                    PRIMARY KEY (activity_id, day)
                ) PARTITION BY RANGE (day)
                """,
                "CREATE INDEX activities_account ON activities(account_key, occurred_at)",
                // One partition per month present: [first day, first day of the next month), in
                // days since 1970-01-01 (KizashiCore's `Day`), named as `ActivityMonth.name`.
                """
                DO $$
                DECLARE m date;
                BEGIN
                    FOR m IN SELECT DISTINCT date_trunc('month', date '1970-01-01' + day)::date
                             FROM activities_unpartitioned ORDER BY 1 LOOP
                        EXECUTE format('CREATE TABLE %I PARTITION OF activities FOR VALUES FROM (%s) TO (%s)',
                            CASE WHEN m BETWEEN date '0001-01-01' AND date '9999-12-01'
                                 THEN 'activities_m' || to_char(m, 'YYYY_MM')
                                 ELSE 'activities_d' || replace((m - date '1970-01-01')::text, '-', 'n') END,
                            m - date '1970-01-01', (m + interval '1 month')::date - date '1970-01-01');
                    END LOOP;
                END $$
                """,
                """
                INSERT INTO activities (activity_id, occurred_at, type, company_id, contact_id, campaign_id, url, topic, day, account_key)
                SELECT activity_id, occurred_at, type, company_id, contact_id, campaign_id, url, topic, day, account_key
                FROM activities_unpartitioned
                """,
                "DROP TABLE activities_unpartitioned",
                // Detached months live here, whole and indexed, until `kizashi archive --restore`.
                "CREATE SCHEMA IF NOT EXISTS kizashi_archive",
                """
                CREATE TABLE activity_archive (
                    first_day INTEGER PRIMARY KEY,  -- the month's first day (days since 1970-01-01)
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
