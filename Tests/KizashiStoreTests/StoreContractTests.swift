import Foundation
import KizashiCore
import KizashiStore
import Testing

/// The store contract: what every backend must do, run against each of them.
@Suite("Store contract")
struct StoreContractTests {
    @Test("companies round-trip and an upsert replaces the row", arguments: StoreBackend.allCases)
    func companiesUpsert(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let original = Company(
            id: "C1", name: "株式会社サンプル", corporateNumber: "1000011000005", domain: "example.co.jp",
            industry: "IT", employees: "約500", annualRevenue: "5000000000", country: "JP", region: "東京都",
            updatedOn: Build.day("2026-01-02"), verifiedOn: Build.day("2026-03-04"))
        try await store.transaction { tx in try await tx.upsert(companies: [original, Build.company("C2")]) }
        #expect(try await store.companies(after: nil, limit: 10) == [original, Build.company("C2")])

        var changed = original
        changed.name = "Sample KK"
        changed.domain = nil
        let replacement = changed
        try await store.transaction { tx in try await tx.upsert(companies: [replacement]) }
        #expect(try await store.companies(after: nil, limit: 10) == [changed, Build.company("C2")])
        #expect(try await store.counts()[.companies] == 2)
        #expect(try await store.companies(after: "C1", limit: 10) == [Build.company("C2")])
    }

    @Test("a transaction that throws leaves nothing behind", arguments: StoreBackend.allCases)
    func rollback(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await store.transaction { tx in
                try await tx.upsert(companies: [Build.company("C1")])
                try await tx.setSetting("currency", to: "USD")
                throw Boom()
            }
        }
        #expect(try await store.counts()[.companies] == 0)
        #expect(try await store.settings()["currency"] == nil)
    }

    @Test("every entity round-trips", arguments: StoreBackend.allCases)
    func allEntities(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let target = TargetMembership(
            companyId: "C1", tier: .two, addedOn: Build.day("2026-01-01"), removedOn: Build.day("2026-02-01"),
            owner: "佐藤")
        let contact = Contact(
            id: "P1", companyId: "C1", name: "山田 太郎", email: "taro@example.co.jp", department: "情報システム部",
            title: "部長", role: .decisionMaker, phone: "03-0000-0000", updatedOn: Build.day("2026-05-05"))
        let activity = Activity(
            id: "A1", occurredAt: Build.jst("2026-09-30", 23, 59), type: .formSubmit, companyId: nil, contactId: "P1",
            campaignId: "CMP1", url: "/pricing", topic: "SFA")
        let signal = IntentSignal(
            id: "I1", companyId: "C1", observedOn: Build.day("2026-09-29"), topic: "SFA", kind: .competitorVisit,
            score: 77, source: "bombora")
        let stage = LeadStageTransition(contactId: "P1", stage: .sql, reachedAt: Build.jst("2026-09-01", 10))
        let meeting = Meeting(
            id: "M1", companyId: "C1", contactId: "P1", heldAt: Build.jst("2026-09-02", 11), kind: .demo)
        let opp = Opportunity(
            id: "O1", companyId: "C1", name: "基幹刷新", createdOn: Build.day("2026-09-03"), amount: 12_345_678.5,
            termMonths: 24, status: .won, closedOn: Build.day("2026-09-20"), stage: "Closed Won", source: "web")
        let contract = Contract(
            id: "K1", companyId: "C1", startOn: Build.day("2026-10-01"), endOn: nil, annualValue: 6_000_000)
        let campaign = Campaign(
            id: "CMP1", name: "ABM Q3", channel: "ads", startOn: Build.day("2026-07-01"),
            endOn: Build.day("2026-09-30"), cost: 3_000_000, abm: true)
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(targets: [target])
            try await tx.upsert(contacts: [contact])
            try await tx.upsert(activities: [activity])
            try await tx.upsert(intent: [signal])
            try await tx.upsert(leadStages: [stage])
            try await tx.upsert(meetings: [meeting])
            try await tx.upsert(opportunities: [opp])
            try await tx.upsert(contracts: [contract])
            try await tx.upsert(campaigns: [campaign])
        }
        #expect(try await store.targets() == [target])
        #expect(try await store.contacts(after: nil, limit: 5) == [contact])
        #expect(try await store.activities(after: nil, limit: 5) == [activity])
        #expect(try await store.intent(after: nil, limit: 5) == [signal])
        #expect(try await store.leadStages() == [stage])
        #expect(try await store.meetings() == [meeting])
        #expect(try await store.opportunities() == [opp])
        #expect(try await store.contracts() == [contract])
        #expect(try await store.campaigns() == [campaign])
        #expect(try await store.contactCompanies() == ["P1": "C1"])
        #expect(try await store.companyIds() == ["C1"])
        // One row of each of the ten entities, and only those asked for when named.
        #expect(try await store.counts() == Dictionary(uniqueKeysWithValues: StoredEntity.allCases.map { ($0, 1) }))
        #expect(try await store.counts(of: [.companies, .activities]) == [.companies: 1, .activities: 1])
    }

    @Test("settings, ICP and KPI goals persist", arguments: StoreBackend.allCases)
    func settingsAndGoals(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let icp = IdealCustomerProfile(industries: ["IT"], employees: .init(min: 300, max: 5000), countries: ["JP"])
        let q3 = KPIPeriod(label: "2026Q3")!
        try await store.transaction { tx in
            try await tx.setSetting("gross_margin", to: "0.6")
            try await tx.setICP(icp)
            try await tx.setGoal(KPIGoal(kpi: "sql_count", period: q3, tier: nil, value: 40))
            try await tx.setGoal(KPIGoal(kpi: "sql_count", period: q3, tier: .one, value: 10))
        }
        #expect(try await store.settings() == ["gross_margin": "0.6"])
        #expect(try await store.icp() == icp)
        #expect(
            try await store.goals() == [
                KPIGoal(kpi: "sql_count", period: q3, tier: nil, value: 40),
                KPIGoal(kpi: "sql_count", period: q3, tier: .one, value: 10),
            ])
        try await store.transaction { tx in
            try await tx.removeGoal(kpi: "sql_count", period: q3, tier: nil)
            try await tx.setGoal(KPIGoal(kpi: "sql_count", period: q3, tier: .one, value: 12))
            try await tx.setSetting("gross_margin", to: nil)
            try await tx.setICP(nil)
        }
        #expect(try await store.goals() == [KPIGoal(kpi: "sql_count", period: q3, tier: .one, value: 12)])
        #expect(try await store.settings().isEmpty)
        #expect(try await store.icp() == nil)
    }

    @Test("the KPI dataset holds the rows its windows need", arguments: StoreBackend.allCases)
    func datasetWindows(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let q3 = KPIPeriod(label: "2026Q3")!  // L = 2026-09-30; surge baseline from L − 62 = 2026-07-30
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(intent: [
                IntentSignal(
                    id: "I-in", companyId: "C1", observedOn: Build.day("2026-07-01"), topic: "SFA",
                    kind: .keywordSearch, score: 10),
                IntentSignal(
                    id: "I-old", companyId: "C1", observedOn: Build.day("2025-01-01"), topic: "SFA",
                    kind: .keywordSearch, score: 10),
            ])
        }
        let ds = try await store.kpiDataset(
            KPIDataRequirements(periods: [q3], parameters: ScoringParameters(), includePrevious: false))
        #expect(ds.intent.map(\.id) == ["I-in"])
    }
}
