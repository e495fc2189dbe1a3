/// Tables `kizashi copy` moves row for row between backends: they have the same columns on both
/// (same names, same neutral values), and nothing is derived from them, so a copy is exact.
///
/// The canonical entities are not here: they go through `WorkspaceTransaction.upsert`, so the
/// destination builds its own roll-ups, locators and match keys. `sessions` are not copied on
/// purpose (signing in again is cheap; a copied cookie would work on two databases). Every table
/// of a workspace is either here, an entity table, derived, or in `notCopied` — a contract test
/// checks it, so a new table cannot be forgotten.
public struct PortableTable: Sendable, Equatable {
    public var name: String
    /// The unique key the rows are paged by (keyset pagination; a row value when composite).
    public var key: [String]
    /// A PostgreSQL identity column whose sequence must move past the copied ids.
    public var identity: String?

    public static let all: [PortableTable] = [
        .init(name: "users", key: ["user_id"], identity: "user_id"),
        .init(name: "api_tokens", key: ["token_id"], identity: "token_id"),
        .init(name: "webhooks", key: ["webhook_id"], identity: "webhook_id"),
        .init(name: "site_keys", key: ["site_key"]),
        .init(name: "events", key: ["message_id"]),
        .init(name: "event_identities", key: ["kind", "id"]),
        .init(name: "alerts", key: ["alert_id"], identity: "alert_id"),
        .init(name: "alert_deliveries", key: ["delivery_id"], identity: "delivery_id"),
        .init(name: "alert_evaluations", key: ["evaluation_id"], identity: "evaluation_id"),
        .init(name: "ip_ranges", key: ["range_start", "range_end"]),
        .init(name: "merge_log", key: ["merge_id"], identity: "merge_id"),
        .init(name: "audit_log", key: ["audit_id"], identity: "audit_id"),
        .init(name: "experiments", key: ["experiment_id"], identity: "experiment_id"),
        .init(name: "experiment_accounts", key: ["experiment_id", "company_id"]),
        .init(name: "initiatives", key: ["initiative_id"], identity: "initiative_id"),
        .init(name: "period_reviews", key: ["period_start", "period_end", "tier"]),
        // A copy keeps the slots already sent, so the new backend does not send them again.
        .init(name: "digest_slots", key: ["slot"]),
        .init(name: "digest_deliveries", key: ["delivery_id"], identity: "delivery_id"),
        .init(name: "segments", key: ["segment_id"], identity: "segment_id"),
        .init(name: "segment_members", key: ["segment_id", "company_id", "entered_on"]),
        // A copy keeps what each CRM record last accepted (so it is not all sent again), the
        // sealed token (opened with the same KIZASHI_SECRET_KEY) and the sync log.
        .init(name: "crm_sent_values", key: ["provider", "object_type", "record_id", "property"]),
        .init(name: "crm_credentials", key: ["provider"]),
        .init(name: "crm_sync_runs", key: ["run_id"], identity: "run_id"),
        .init(name: "crm_sync_failures", key: ["run_id", "object_type", "record_id"]),
        .init(name: "crm_record_links", key: ["provider", "object_type", "record_id"]),
        // After webhooks: a route names one.
        .init(name: "owner_routes", key: ["owner_key"]),
    ]

    /// Copied through the entity protocol (with settings, ICP and KPI goals).
    public static let entityTables: Set<String> = [
        "companies", "targets", "contacts", "activities", "intent", "lead_stages", "meetings", "opportunities",
        "contracts", "campaigns", "settings", "icp", "kpi_goals",
    ]

    /// Rebuilt by the destination from what it receives, or bookkeeping of one database.
    public static let derivedOrLocal: Set<String> = [
        "activity_days", "activity_locators", "activity_locators_backfill", "company_match_keys",
        "schema_migrations", "workspace_version", "sessions",
        // The trained ranking: the destination retrains it (its fingerprint would still match,
        // but a copy is the moment to start from the data alone).
        "ranking_model",
        // Event batches waiting for an import to end; applied by the server that took them (on
        // SQLite the inbox is a file of its own and never in this list).
        "event_inbox",
        // Which months of activities and events this database keeps in schema kizashi_archive
        // (`kizashi archive`, PostgreSQL); a copy of an archived workspace is refused.
        "activity_archive", "event_archive",
        // Every messageId a PostgreSQL `events` holds (migration 17): made again as events are
        // copied in.
        "event_ids",
    ]
}

/// One row of a portable table: its column names and values, in the order read.
public struct PortableRow: Sendable, Equatable {
    public var columns: [String]
    public var values: [StoredValue]
    public init(columns: [String], values: [StoredValue]) {
        self.columns = columns
        self.values = values
    }
}

/// Reading a whole workspace as it was at one moment (`kizashi copy`).
public protocol WorkspaceSnapshotting: Sendable {
    /// Runs `body` with a store that reads the workspace as it was when the call began, however
    /// much is written meanwhile.
    func withSnapshot<T: Sendable>(_ body: @Sendable (any WorkspaceStore) async throws -> T)
        async throws -> T
    /// Up to `limit` rows of `table` whose key is greater than `after`, in key order.
    func portableRows(_ table: PortableTable, after: [StoredValue]?, limit: Int) async throws -> [PortableRow]
    /// Every table of the workspace's schema.
    func tableNames() async throws -> Set<String>
}

extension PortableTable {
    /// `SELECT * … WHERE (key) > (after) ORDER BY key LIMIT limit`.
    func pageSQL(after: [StoredValue]?, limit: Int) -> StoredSQL {
        let keyList = key.joined(separator: ", ")
        var sql: StoredSQL = "SELECT * FROM \(raw: name)"
        if let after {
            sql =
                sql + (key.count == 1 ? " WHERE \(raw: keyList) > " : " WHERE (\(raw: keyList)) > ")
                + "(\(list: after))"
        }
        return sql + " ORDER BY \(raw: keyList) LIMIT \(limit)"
    }

    /// The key values of a row, for the next page.
    public func keyValues(of row: PortableRow) -> [StoredValue] {
        key.map { k in row.columns.firstIndex(of: k).map { row.values[$0] } ?? .null }
    }
}
