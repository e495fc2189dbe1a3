import KizashiCore

/// The KPI dataset of an SQLite workspace: the largest read of a report at scale, so its big
/// tables are read on both raw readers at once and decoded in place by position.
extension SQLiteWorkspaceStore {
    public func kpiDataset(_ req: KPIDataRequirements) async throws -> KPIDataset {
        // Decoded in place by position (the largest read of a report at scale).
        // The four large reads run two at a time, one per raw reader; each decodes in place by position.
        async let companyScan = readers.scan(
            """
            SELECT company_key, company_id, name, corporate_number, domain, industry, employees, annual_revenue,
                   country, region, updated_on, verified_on FROM companies ORDER BY company_key
            """
        ) { r, strings in
            (
                key: r.int(0) ?? -1,
                company: Company(
                    id: try r.requiredText(1, "company_id"), name: try r.requiredText(2, "name"),
                    corporateNumber: r.text(3), domain: r.text(4),
                    industry: r.isNull(5) ? nil : strings.string(r.bytes(5)), employees: r.text(6),
                    annualRevenue: r.text(7), country: r.isNull(8) ? nil : strings.string(r.bytes(8)),
                    region: r.isNull(9) ? nil : strings.string(r.bytes(9)), updatedOn: r.day(10), verifiedOn: r.day(11))
            )
        }
        let days = req.activityDays
        // Each day's packed cells into one array per day; accounts stay company_keys until the
        // companies are read (then mapped to their positions below).
        let (firstDay, lastDay) = (Int(days.lowerBound.daysSinceEpoch), Int(days.upperBound.daysSinceEpoch))
        async let dayScan = readers.scan(
            "SELECT day, entries FROM activity_days WHERE day BETWEEN \(firstDay) AND \(lastDay) ORDER BY day"
        ) { r, _ -> [ActivityRollup.Entry] in
            guard let d = r.int(0) else { return [] }
            let day = Day(daysSinceEpoch: Int32(d))
            let blob = r.blob(1)
            var out: [ActivityRollup.Entry] = []
            out.reserveCapacity(blob.count / 9)
            try ActivityDayRollup.forEachCell(in: blob) { account, type, n in
                guard let t = ActivityType(index: Int(type)) else { return }
                out.append(.init(day: day, account: account, type: t, count: n))
            }
            return out
        }
        let intentDays = req.intentDays
        // No row (`0 AND …`, answered without reading) when intent is not asked for.
        let skipIntent = req.readsIntentAndDuplicates ? "" : "0 AND "
        async let intentScan = readers.scan(
            // Only indexed columns (intent_kpi covers them); `source` is not read by the KPIs.
            """
            SELECT signal_id, company_id, observed_on, topic, kind, score FROM intent
            WHERE \(raw: skipIntent)observed_on BETWEEN \(intentDays.lowerBound) AND \(intentDays.upperBound)
            """
        ) { r, strings in
            guard let kind = IntentKind(rawValue: strings.string(r.bytes(4))) else {
                throw StoreError("stored row has an unknown kind")
            }
            return IntentSignal(
                id: try r.requiredText(0, "signal_id"), companyId: try r.requiredText(1, "company_id"),
                observedOn: try r.requiredDay(2, "observed_on"), topic: strings.string(r.bytes(3)), kind: kind,
                score: r.int(5) ?? 0)
        }
        // Contacts of every company that was ever a target: data quality and sql_count only
        // look at contacts of T (kpis.md §data_quality, §Phase 3).
        async let contactScan = readers.scan(
            """
            SELECT contact_id, company_id, name, email, department, title, role, phone, updated_on FROM contacts
            WHERE company_id IN (SELECT company_id FROM targets) ORDER BY contact_id
            """
        ) { r, strings in
            Contact(
                id: try r.requiredText(0, "contact_id"), companyId: try r.requiredText(1, "company_id"),
                name: r.text(2), email: r.text(3), department: r.isNull(4) ? nil : strings.string(r.bytes(4)),
                title: r.isNull(5) ? nil : strings.string(r.bytes(5)),
                role: r.text(6).flatMap(ContactRole.init(rawValue:)), phone: r.text(7), updatedOn: r.day(8))
        }

        let companyRows = try await companyScan
        var companies: [Company] = []
        companies.reserveCapacity(companyRows.count)
        // company_key is the rowid: dense enough to index an array (−1 = no such company).
        var accountIndex: [Int32] = []
        for (key, company) in companyRows {
            if key >= 0 {
                if key >= accountIndex.count {
                    accountIndex += Array(repeating: -1, count: key + 1 - accountIndex.count)
                }
                accountIndex[key] = Int32(companies.count)
            }
            companies.append(company)
        }
        let targets = try await targets()
        let contacts = try await contactScan
        let perDay = try await dayScan
        var entries: [ActivityRollup.Entry] = []
        entries.reserveCapacity(perDay.reduce(0) { $0 + $1.count })
        for day in perDay { entries += day }
        for i in entries.indices {
            let key = Int(entries[i].account)
            entries[i].account = key < 0 || key >= accountIndex.count ? -1 : accountIndex[key]
        }
        let rollup = ActivityRollup(accountIds: companies.map(\.id), entries: entries)

        let intent = try await intentScan
        let (from, to) = req.instantRange
        let leadStages = try await readers.query(
            "SELECT * FROM lead_stages WHERE stage = 'sql' AND reached_at BETWEEN \(from) AND \(to)"
        ).map(EntityMapping.leadStage)
        let meetings = try await readers.query(
            "SELECT * FROM meetings WHERE held_at BETWEEN \(from) AND \(to)"
        ).map(EntityMapping.meeting)
        let (start, end) = (req.earliestStart, req.latestLastDay)
        let opportunities = try await readers.query(
            """
            SELECT * FROM opportunities
            WHERE created_on BETWEEN \(start) AND \(end) OR closed_on BETWEEN \(start) AND \(end)
            """
        ).map(EntityMapping.opportunity)
        // kpis.md §duplicate_rate from the stored match keys: companies sharing a key with another.
        var duplicates = Set<String>()
        for r in req.readsIntentAndDuplicates
            ? try await readers.query(
                """
                SELECT company_key AS k FROM company_match_keys WHERE (kind, key) IN (
                    SELECT kind, key FROM company_match_keys GROUP BY kind, key HAVING count(*) > 1)
                """) : []
        {
            if let k = r.int("k"), k >= 0, k < accountIndex.count, accountIndex[k] >= 0 {
                duplicates.insert(companies[Int(accountIndex[k])].id)
            }
        }
        return KPIDataset(
            companies: companies, targets: targets, icp: try await icp(), contacts: contacts, activities: rollup,
            intent: intent, leadStages: leadStages, meetings: meetings, opportunities: opportunities,
            contracts: try await contracts(), campaigns: try await campaigns(),
            duplicateCompanyIds: duplicates)
    }
}
