import KizashiCore

/// The KPI dataset of a PostgreSQL workspace: the same reads, in the same order, as the SQLite
/// store's, so the KPI engine gets identical input from either. With a read replica every row
/// comes from the replica (`reportRead`); only the ICP, a setting, is read from the primary.
extension PostgresWorkspaceStore {
    public func kpiDataset(_ req: KPIDataRequirements) async throws -> KPIDataset {
        let companyRows = try await reportRead("SELECT * FROM companies ORDER BY company_key")
        var companies: [Company] = []
        companies.reserveCapacity(companyRows.count)
        var accountIndex: [Int64: Int32] = [:]
        accountIndex.reserveCapacity(companyRows.count)
        for r in companyRows {
            if let key = r.int("company_key") { accountIndex[Int64(key)] = Int32(companies.count) }
            companies.append(try EntityMapping.company(r))
        }
        let targets = try await reportRead(Self.targetsSQL).map(EntityMapping.target)
        let contacts = try await reportRead(
            "SELECT * FROM contacts WHERE company_id IN (SELECT company_id FROM targets) ORDER BY contact_id"
        ).map(EntityMapping.contact)

        let days = req.activityDays
        var entries: [ActivityRollup.Entry] = []
        let (firstDay, lastDay) = (Int(days.lowerBound.daysSinceEpoch), Int(days.upperBound.daysSinceEpoch))
        for r in try await reportRead(
            "SELECT day, entries FROM activity_days WHERE day BETWEEN \(firstDay) AND \(lastDay) ORDER BY day")
        {
            guard let d = r.int("day"), let blob = r.column("entries")?.bytes else {
                throw StoreError("a stored activity roll-up is unreadable")
            }
            let day = Day(daysSinceEpoch: Int32(d))
            try ActivityDayRollup.forEachCell(in: blob) { account, type, n in
                guard let t = ActivityType(index: Int(type)) else { return }
                let idx = account < 0 ? -1 : accountIndex[Int64(account)] ?? -1
                entries.append(.init(day: day, account: idx, type: t, count: n))
            }
        }
        let rollup = ActivityRollup(accountIds: companies.map(\.id), entries: entries)

        let intentDays = req.intentDays
        let intent =
            !req.readsIntentAndDuplicates
            ? []
            : try await reportRead(
                """
                SELECT signal_id, company_id, observed_on, topic, kind, score FROM intent
                WHERE observed_on BETWEEN \(intentDays.lowerBound) AND \(intentDays.upperBound)
                ORDER BY observed_on, company_id, topic, kind, score, signal_id
                """
            ).map(EntityMapping.intentSignal)
        let (from, to) = req.instantRange
        let leadStages = try await reportRead(
            """
            SELECT * FROM lead_stages WHERE stage = 'sql' AND reached_at BETWEEN \(from) AND \(to)
            ORDER BY contact_id, stage, reached_at
            """
        ).map(EntityMapping.leadStage)
        let meetings = try await reportRead(
            "SELECT * FROM meetings WHERE held_at BETWEEN \(from) AND \(to) ORDER BY meeting_id"
        ).map(EntityMapping.meeting)
        let (start, end) = (req.earliestStart, req.latestLastDay)
        let opportunities = try await reportRead(
            """
            SELECT * FROM opportunities WHERE created_on BETWEEN \(start) AND \(end) OR closed_on BETWEEN \(start) AND \(end)
            ORDER BY opportunity_id
            """
        ).map(EntityMapping.opportunity)
        var duplicates = Set<String>()
        for r in !req.readsIntentAndDuplicates
            ? []
            : try await reportRead(
                """
                SELECT company_key AS k FROM company_match_keys WHERE (kind, key) IN (
                    SELECT kind, key FROM company_match_keys GROUP BY kind, key HAVING count(*) > 1)
                """)
        {
            if let k = r.int("k"), let i = accountIndex[Int64(k)] { duplicates.insert(companies[Int(i)].id) }
        }
        return KPIDataset(
            companies: companies, targets: targets, icp: try await icp(), contacts: contacts, activities: rollup,
            intent: intent, leadStages: leadStages, meetings: meetings, opportunities: opportunities,
            contracts: try await reportRead(Self.contractsSQL).map(EntityMapping.contract),
            campaigns: try await reportRead(Self.campaignsSQL).map(EntityMapping.campaign),
            duplicateCompanyIds: duplicates)
    }
}

extension PostgresWorkspaceStore {
    /// Attribution's touches, page by page in activity_id order (`pagedTouchActivities`).
    public func touchActivities(days: [ClosedRange<Day>], types: [ActivityType]) async throws -> TouchActivities {
        try await pagedTouchActivities(days: days, types: types)
    }
}
