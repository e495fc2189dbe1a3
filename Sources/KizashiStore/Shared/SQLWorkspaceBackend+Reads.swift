import KizashiCore

/// Settings, entity pages and the merge log: the same statements on both backends.
extension SQLWorkspaceBackend {
    public func settings() async throws -> [String: String] {
        var out: [String: String] = [:]
        for r in try await read("SELECT key, value FROM settings WHERE key <> 'icp'") {
            if let k = r.text("key"), let v = r.text("value") { out[k] = v }
        }
        return out
    }

    public func icp() async throws -> IdealCustomerProfile? {
        guard let text = try await read("SELECT value FROM settings WHERE key = 'icp'").first?.text("value")
        else { return nil }
        return try ICPDocument.decode(Array(text.utf8))
    }

    public func goals() async throws -> [KPIGoal] {
        try await read(
            "SELECT kpi, period_start, period_end, tier, value FROM kpi_goals ORDER BY kpi, period_start, tier"
        ).map { r in
            KPIGoal(
                kpi: try r.requiredText("kpi"),
                period: KPIPeriod(start: try r.requiredDay("period_start"), end: try r.requiredDay("period_end")),
                tier: r.int("tier").flatMap(Tier.init(rawValue:)), value: r.double("value") ?? 0)
        }
    }

    public func companyIds() async throws -> Set<String> {
        Set(try await read("SELECT company_id FROM companies").compactMap { $0.text("company_id") })
    }

    public func contactCompanies() async throws -> [String: String] {
        var out: [String: String] = [:]
        for r in try await read("SELECT contact_id, company_id FROM contacts") {
            if let c = r.text("contact_id"), let co = r.text("company_id") { out[c] = co }
        }
        return out
    }

    public func counts() async throws -> [StoredEntity: Int] { try await counts(of: StoredEntity.allCases) }

    public func counts(of entities: [StoredEntity]) async throws -> [StoredEntity: Int] {
        var out: [StoredEntity: Int] = [:]
        // One bare `SELECT count(*)` per table: SQLite answers that shape from the b-tree's pages
        // (its count optimisation), while the UNION ALL of before, with the entity's name beside
        // each count, stepped through every row: the 2M activities were 0.2 s of CPU of a `now`
        // at medium (perf).
        for e in entities {
            out[e] =
                try await read(StoredSQL(stringLiteral: "SELECT count(*) AS n FROM \(e.rawValue)")).first?.int("n") ?? 0
        }
        return out
    }

    public func companies(after: String?, limit: Int) async throws -> [Company] {
        try await page("companies", key: "company_id", after: after, limit: limit).map(EntityMapping.company)
    }
    public func targets() async throws -> [TargetMembership] {
        try await read(Self.targetsSQL).map(EntityMapping.target)
    }
    public func contacts(after: String?, limit: Int) async throws -> [Contact] {
        try await page("contacts", key: "contact_id", after: after, limit: limit).map(EntityMapping.contact)
    }
    public func activities(after: String?, limit: Int) async throws -> [Activity] {
        try await page("activities", key: "activity_id", after: after, limit: limit).map(EntityMapping.activity)
    }
    public func intent(after: String?, limit: Int) async throws -> [IntentSignal] {
        try await page("intent", key: "signal_id", after: after, limit: limit).map(EntityMapping.intentSignal)
    }
    public func leadStages() async throws -> [LeadStageTransition] {
        try await read("SELECT * FROM lead_stages ORDER BY contact_id, stage, reached_at").map(EntityMapping.leadStage)
    }
    public func meetings() async throws -> [Meeting] {
        try await read("SELECT * FROM meetings ORDER BY meeting_id").map(EntityMapping.meeting)
    }
    public func opportunities() async throws -> [Opportunity] {
        try await read("SELECT * FROM opportunities ORDER BY opportunity_id").map(EntityMapping.opportunity)
    }
    public func contracts() async throws -> [Contract] {
        try await read(Self.contractsSQL).map(EntityMapping.contract)
    }
    public func campaigns() async throws -> [Campaign] {
        try await read(Self.campaignsSQL).map(EntityMapping.campaign)
    }

    /// The statements of the lists the KPI dataset also reads (through `reportRead` on PostgreSQL).
    static var targetsSQL: StoredSQL { "SELECT * FROM targets ORDER BY company_id, added_on" }
    static var contractsSQL: StoredSQL { "SELECT * FROM contracts ORDER BY contract_id" }
    static var campaignsSQL: StoredSQL { "SELECT * FROM campaigns ORDER BY campaign_id" }

    public func merges() async throws -> [MergeLogEntry] {
        try await read("SELECT * FROM merge_log ORDER BY merge_id DESC").map { r in
            guard let id = r.int64("merge_id"), let at = r.instant("merged_at") else {
                throw StoreError("stored merge log entry is unreadable")
            }
            return MergeLogEntry(id: id, mergedAt: at, record: try r.requiredText("record"))
        }
    }

    /// One page of a table in key order (keyset pagination: `after` is the last key of the page before).
    private func page(_ table: String, key: String, after: String?, limit: Int) async throws -> [StoredRecord] {
        if let after {
            return try await read(
                "SELECT * FROM \(raw: table) WHERE \(raw: key) > \(after) ORDER BY \(raw: key) LIMIT \(limit)")
        }
        return try await read("SELECT * FROM \(raw: table) ORDER BY \(raw: key) LIMIT \(limit)")
    }

    // MARK: Account reads both backends answer alike

    public func company(id: String) async throws -> Company? {
        try await read("SELECT * FROM companies WHERE company_id = \(id)").first.map(EntityMapping.company)
    }

    public func contacts(companyId: String) async throws -> [Contact] {
        try await read("SELECT * FROM contacts WHERE company_id = \(companyId) ORDER BY contact_id").map(
            EntityMapping.contact)
    }

    /// Company IDs bound in one statement of the reads by many companies (both dialects take
    /// far more; this keeps a statement small).
    static var companiesPerRead: Int { 500 }

    public func contacts(companyIds: [String]) async throws -> [String: [Contact]] {
        var out: [String: [Contact]] = [:]
        for part in companyIds.chunked(Self.companiesPerRead).map({ $0.map { StoredValue.text($0) } }) {
            for c in try await read(
                "SELECT * FROM contacts WHERE company_id IN (\(list: part)) ORDER BY company_id, contact_id"
            ).map(EntityMapping.contact) {
                out[c.companyId, default: []].append(c)
            }
        }
        return out
    }

    public func meetings(companyId: String) async throws -> [Meeting] {
        try await read("SELECT * FROM meetings WHERE company_id = \(companyId) ORDER BY held_at DESC, meeting_id").map(
            EntityMapping.meeting)
    }

    public func opportunities(companyId: String) async throws -> [Opportunity] {
        try await read(
            "SELECT * FROM opportunities WHERE company_id = \(companyId) ORDER BY created_on DESC, opportunity_id"
        ).map(EntityMapping.opportunity)
    }

    public func intent(companyId: String) async throws -> [IntentSignal] {
        try await read(
            "SELECT * FROM intent WHERE company_id = \(companyId) ORDER BY observed_on DESC, topic, signal_id"
        ).map(EntityMapping.intentSignal)
    }

    public func openOpportunities() async throws -> [Opportunity] {
        try await read("SELECT * FROM opportunities WHERE status = 'open' ORDER BY opportunity_id").map(
            EntityMapping.opportunity)
    }

    // MARK: `kizashi copy`

    public func portableRows(_ table: PortableTable, after: [StoredValue]?, limit: Int) async throws -> [PortableRow] {
        try await read(table.pageSQL(after: after, limit: limit)).map {
            PortableRow(columns: $0.columns.names, values: $0.values)
        }
    }
}
