import KizashiCore
import PostgresNIO

/// The KPI dataset of a PostgreSQL workspace: the same reads, in the same row order, as the
/// SQLite store's, so the KPI engine gets identical input from either. With a read replica every row
/// comes from the replica (`reportRead`); only the ICP, a setting, is read from the primary.
extension PostgresWorkspaceStore {
    public func kpiDataset(_ req: KPIDataRequirements) async throws -> KPIDataset {
        // The roll-ups still count archived months, but a report over them is refused like
        // the raw reads it goes with (attribution, the journey): issue 23, never part of a window.
        try await refuseArchivedActivities(from: req.activityDays.lowerBound)
        // The five large reads run at once (each on its own pooled connection, so both cores
        // work: PostgreSQL answering one while this process decodes another), each decoded by
        // position (`reportScan`, `PostgresCells`). Accounts in the roll-ups stay company_keys
        // until the companies are read (then mapped to their positions below).
        // Companies and intent as arrays (`PostgresColumnarReads`): the two largest reads.
        async let companyScan = reportCompanies()
        let days = req.activityDays
        let (firstDay, lastDay) = (Int(days.lowerBound.daysSinceEpoch), Int(days.upperBound.daysSinceEpoch))
        async let dayScan = reportScan(
            "SELECT day, entries FROM activity_days WHERE day BETWEEN \(firstDay) AND \(lastDay) ORDER BY day"
        ) { row -> [ActivityRollup.Entry] in
            var c = PostgresCells(row)
            let (d, blob) = (try c.next(Int32.self), try c.next(ByteBuffer.self))
            let day = Day(daysSinceEpoch: d)
            var out: [ActivityRollup.Entry] = []
            out.reserveCapacity(blob.readableBytes / 9)
            try blob.withUnsafeReadableBytes { bytes in
                try ActivityDayRollup.forEachCell(in: bytes) { account, type, n in
                    guard let t = ActivityType(index: Int(type)) else { return }
                    out.append(.init(day: day, account: account, type: t, count: n))
                }
            }
            return out
        }
        async let intentScan: [IntentSignal] = req.readsIntentAndDuplicates ? reportIntent(days: req.intentDays) : []
        // Contacts of every company that was ever a target (kpis.md §data_quality, §Phase 3).
        async let contactScan = reportTargetContacts()

        // kpis.md §duplicate_rate from the stored match keys: companies sharing a key with another.
        async let duplicateScan = req.readsIntentAndDuplicates ? reportDuplicateCompanyKeys() : []
        // The small reads one after another on one more connection, while the large ones run.
        async let smallReads = reportSmallReads(req)

        let companyRows = try await companyScan
        let companies = companyRows.companies
        let accountIndex = AccountPositions(companyRows.keys)
        let contacts = try await contactScan
        let perDay = try await dayScan
        var entries: [ActivityRollup.Entry] = []
        entries.reserveCapacity(perDay.reduce(0) { $0 + $1.count })
        for day in perDay { entries += day }
        for i in entries.indices { entries[i].account = accountIndex[Int64(entries[i].account)] }
        let rollup = ActivityRollup(accountIds: companies.map(\.id), entries: entries)

        let intent = try await intentScan
        let small = try await smallReads
        var duplicates = Set<String>()
        for k in try await duplicateScan {
            if case let i = accountIndex[k], i >= 0 { duplicates.insert(companies[Int(i)].id) }
        }
        return KPIDataset(
            companies: companies, targets: small.targets, icp: small.icp, contacts: contacts, activities: rollup,
            intent: intent, leadStages: small.leadStages, meetings: small.meetings, opportunities: small.opportunities,
            contracts: small.contracts, campaigns: small.campaigns, duplicateCompanyIds: duplicates)
    }

    /// kpis.md §duplicate_rate from the stored match keys: the companies sharing a key with
    /// another, one array per shared key (one pass over the key index; the join it replaces
    /// grouped the keys twice, once in each parallel worker).
    private func reportDuplicateCompanyKeys() async throws -> [Int64] {
        let groups = try await reportScan(
            "SELECT array_agg(company_key) FROM company_match_keys GROUP BY kind, key HAVING count(*) > 1"
        ) { row -> [Int64] in
            var cells = PostgresCells(row)
            let keys = try cells.column()
            return (0..<keys.count).compactMap { keys.integer($0) }
        }
        return groups.flatMap { $0 }
    }

    /// The dataset's small tables, in the same row order as the SQLite store's.
    private func reportSmallReads(_ req: KPIDataRequirements) async throws -> KPIDatasetSmallReads {
        let (from, to) = req.instantRange
        let (start, end) = (req.earliestStart, req.latestLastDay)
        return KPIDatasetSmallReads(
            targets: try await reportRead(Self.targetsSQL).map(EntityMapping.target),
            icp: try await icp(),
            leadStages: try await reportRead(
                """
                SELECT * FROM lead_stages WHERE stage = 'sql' AND reached_at BETWEEN \(from) AND \(to)
                ORDER BY contact_id, stage, reached_at
                """
            ).map(EntityMapping.leadStage),
            meetings: try await reportRead(
                "SELECT * FROM meetings WHERE held_at BETWEEN \(from) AND \(to) ORDER BY meeting_id"
            ).map(EntityMapping.meeting),
            opportunities: try await reportRead(
                """
                SELECT * FROM opportunities WHERE created_on BETWEEN \(start) AND \(end) OR closed_on BETWEEN \(start) AND \(end)
                ORDER BY opportunity_id
                """
            ).map(EntityMapping.opportunity),
            contracts: try await reportRead(Self.contractsSQL).map(EntityMapping.contract),
            campaigns: try await reportRead(Self.campaignsSQL).map(EntityMapping.campaign))
    }
}

/// The KPI dataset's tables other than the five large reads.
private struct KPIDatasetSmallReads: Sendable {
    var targets: [TargetMembership]
    var icp: IdealCustomerProfile?
    var leadStages: [LeadStageTransition]
    var meetings: [Meeting]
    var opportunities: [Opportunity]
    var contracts: [Contract]
    var campaigns: [Campaign]
}

extension PostgresWorkspaceStore {
    /// Attribution's touches, page by page in activity_id order (`pagedTouchActivities`).
    public func touchActivities(days: [ClosedRange<Day>], types: [ActivityType]) async throws -> TouchActivities {
        try await pagedTouchActivities(days: days, types: types)
    }
}

/// company_key → the company's position in the dataset (−1: no such company). The keys are an
/// identity, dense in practice, so an array answers the million roll-up cells of a quarter; a
/// key far past the row count (set by hand, or after many deletions) falls back to a dictionary
/// rather than sizing the array by an outside value.
struct AccountPositions {
    private var dense: [Int32] = []
    private var sparse: [Int64: Int32] = [:]

    init(_ keys: [Int64]) {
        // At most twice the row count (+1024): no outside key sizes the array, and no overflow.
        let top = min(keys.max() ?? -1, Int64(keys.count) * 2 + 1024)
        dense = Array(repeating: -1, count: Int(max(top + 1, 0)))
        for (position, key) in keys.enumerated() where key >= 0 {
            if key < dense.count { dense[Int(key)] = Int32(position) } else { sparse[key] = Int32(position) }
        }
    }

    subscript(key: Int64) -> Int32 {
        if key >= 0 && key < dense.count { return dense[Int(key)] }
        return key < 0 ? -1 : sparse[key] ?? -1
    }
}
