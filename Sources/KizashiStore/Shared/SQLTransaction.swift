import KizashiCore
import Logging

/// A backend's write transaction, with what the shared writes need of it. The writes that are
/// the same on both backends (settings, goals, merges, events, IP ranges, the plain entity
/// upserts) are written once, in extensions of this protocol; each backend keeps only what must
/// differ (how rows travel, the first load, locators, the roll-up bookkeeping's timing).
protocol SQLTransaction: Actor, StoreSession, WorkspaceTransaction {
    var logger: Logger { get }
    /// The workspace's time zone, read once per transaction (`workspaceTimeZone()`).
    var timeZone: WorkspaceTimeZone? { get set }
    /// Writes rows of a table that has nothing derived from it: the backend's fastest way
    /// (prepared and bound per row on SQLite, a multi-row statement or COPY on PostgreSQL).
    func upsertRows<E: Sendable>(_ rows: [E], _ spec: UpsertSpec, _ binds: @Sendable (E) -> [StoredValue])
        async throws
    /// Forgets the cached time zone (the setting changed).
    func timeZoneChanged() async
    /// Before tracked events are written: PostgreSQL makes their months' partitions and takes
    /// their messageIds in `event_ids` (migration 17); SQLite's `events` needs nothing.
    func willInsert(events: [StoredEvent]) async throws
}

extension SQLTransaction {
    /// The time zone activity days are counted in, read once per transaction.
    func workspaceTimeZone() async throws -> WorkspaceTimeZone {
        if let timeZone { return timeZone }
        let tz = try await storedTimeZone(logger: logger)
        timeZone = tz
        return tz
    }

    func timeZoneChanged() { timeZone = nil }

    func upsert(targets: [TargetMembership]) async throws {
        try await upsertRows(targets, EntityMapping.targets, EntityMapping.binds)
    }
    func upsert(leadStages: [LeadStageTransition]) async throws {
        try await upsertRows(leadStages, EntityMapping.leadStages, EntityMapping.binds)
    }
    func upsert(meetings: [Meeting]) async throws {
        try await upsertRows(meetings, EntityMapping.meetings, EntityMapping.binds)
    }
    func upsert(opportunities: [Opportunity]) async throws {
        try await upsertRows(opportunities, EntityMapping.opportunities, EntityMapping.binds)
    }
    func upsert(contracts: [Contract]) async throws {
        try await upsertRows(contracts, EntityMapping.contracts, EntityMapping.binds)
    }
    func upsert(campaigns: [Campaign]) async throws {
        try await upsertRows(campaigns, EntityMapping.campaigns, EntityMapping.binds)
    }

    // MARK: Settings, ICP and KPI goals

    func setSetting(_ key: String, to value: String?) async throws {
        if let value {
            try await run(
                "INSERT INTO settings (key, value) VALUES (\(key), \(value)) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            )
        } else {
            try await run("DELETE FROM settings WHERE key = \(key)")
        }
        if key == "time_zone" {
            // Every activity's local day may have moved.
            await timeZoneChanged()
            try await rebuildActivityRollups()
        }
    }

    func setICP(_ icp: IdealCustomerProfile?) async throws {
        try await setSetting("icp", to: icp.map { ICPDocument.encode($0) })
    }

    func setGoal(_ goal: KPIGoal) async throws {
        try await run(
            """
            INSERT INTO kpi_goals (kpi, period_start, period_end, tier, value)
            VALUES (\(goal.kpi), \(goal.period.start), \(goal.period.end), \(goal.tier?.rawValue ?? 0), \(StoredValue.float(goal.value)))
            ON CONFLICT (kpi, period_start, period_end, tier) DO UPDATE SET value = excluded.value
            """)
    }

    func removeGoal(kpi: String, period: KPIPeriod, tier: Tier?) async throws {
        try await run(
            """
            DELETE FROM kpi_goals
            WHERE kpi = \(kpi) AND period_start = \(period.start) AND period_end = \(period.end) AND tier = \(tier?.rawValue ?? 0)
            """)
    }

    // MARK: Merges

    func deleteTarget(companyId: String, addedOn: Day) async throws {
        try await run("DELETE FROM targets WHERE company_id = \(companyId) AND added_on = \(addedOn)")
    }

    func appendMerge(record: String, at: Instant) async throws -> Int64 {
        guard
            let id = try await rows(
                "INSERT INTO merge_log (merged_at, record) VALUES (\(at), \(record)) RETURNING merge_id"
            )
            .first?.int64("merge_id")
        else { throw StoreError("the merge was not logged") }
        return id
    }

    func removeMerge(id: Int64) async throws {
        try await run("DELETE FROM merge_log WHERE merge_id = \(id)")
    }

    func crmRecordLinks(companyId: String) async throws -> [CRMRecordLink] {
        try await rows(
            """
            SELECT provider, object_type, record_id FROM crm_record_links WHERE company_id = \(companyId)
            ORDER BY provider, object_type, record_id
            """
        ).map { r in
            guard let provider = r.text("provider"), let object = r.text("object_type"), let id = r.text("record_id")
            else { throw StoreError("a matched CRM record is unreadable (table crm_record_links)") }
            return CRMRecordLink(provider: provider, objectType: object, recordId: id)
        }
    }

    func setCRMRecordLinks(_ links: [CRMRecordLink], to companyId: String?, at: Instant) async throws {
        for l in links {
            if let companyId {
                try await run(
                    """
                    INSERT INTO crm_record_links (provider, object_type, record_id, company_id, linked_at)
                    VALUES (\(l.provider), \(l.objectType), \(l.recordId), \(companyId), \(at))
                    ON CONFLICT (provider, object_type, record_id)
                    DO UPDATE SET company_id = excluded.company_id, linked_at = excluded.linked_at
                    """)
            } else {
                try await run(
                    """
                    DELETE FROM crm_record_links
                    WHERE provider = \(l.provider) AND object_type = \(l.objectType) AND record_id = \(l.recordId)
                    """)
            }
        }
    }

    // MARK: IP ranges

    /// Replaces the whole IP-range table; the last range of a (start, end) pair wins.
    func replaceIPRanges(_ ranges: [(range: IPAddressRange, cidr: String, companyId: String)]) async throws {
        try await run("DELETE FROM ip_ranges")
        var byKey: [[UInt8]: Int] = [:]
        var rows: [(range: IPAddressRange, cidr: String, companyId: String)] = []
        for r in ranges {
            let key = r.range.first.bytes + r.range.last.bytes
            if let i = byKey[key] {
                rows[i] = r
            } else {
                byKey[key] = rows.count
                rows.append(r)
            }
        }
        for chunk in rows.chunked(500) {
            let values: [[StoredValue]] = chunk.map {
                [.blob($0.range.first.bytes), .blob($0.range.last.bytes), .text($0.cidr), .text($0.companyId)]
            }
            try await run("INSERT INTO ip_ranges (range_start, range_end, cidr, company_id) VALUES \(rows: values)")
        }
    }
}
