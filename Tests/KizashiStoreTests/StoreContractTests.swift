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
    }

    /// Hand-counted: the roll-up must equal a count of the raw activities per local day.
    @Test(
        "activity roll-ups stay exact under re-import, replacement and contact moves", arguments: StoreBackend.allCases)
    func rollups(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let acts = [
            // 23:59 JST on 09-30 is 09-30 locally; 15:00Z on 09-30 is 10-01 00:00 JST.
            Activity(id: "A1", occurredAt: Build.jst("2026-09-30", 23, 59), type: .webVisit, companyId: "C1"),
            Activity(
                id: "A2",
                occurredAt: Instant(
                    millisecondsSinceEpoch: Int64(Day(iso: "2026-09-30")!.daysSinceEpoch) * 86_400_000 + 15 * 3_600_000),
                type: .webVisit, companyId: "C1"),
            Activity(id: "A3", occurredAt: Build.jst("2026-09-30", 9), type: .webVisit, contactId: "P1"),
            Activity(id: "A4", occurredAt: Build.jst("2026-09-30", 9), type: .emailOpen),
        ]
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1"), Build.company("C2")])
            try await tx.upsert(contacts: [Contact(id: "P1", companyId: "C1")])
            try await tx.upsert(activities: acts)
        }
        let req = KPIDataRequirements(
            periods: [KPIPeriod(start: Build.day("2026-09-01"), end: Build.day("2026-11-01"))],
            parameters: ScoringParameters())
        func cells(_ ds: KPIDataset) -> [String: Int32] {
            var out: [String: Int32] = [:]
            for e in ds.activities.entries {
                let who = e.account < 0 ? "-" : ds.activities.accountIds[Int(e.account)]
                out["\(e.day) \(who) \(e.type.rawValue)", default: 0] += e.count
            }
            return out
        }
        let expected: [String: Int32] = [
            "2026-09-30 C1 web_visit": 2,  // A1 and A3 (through contact P1)
            "2026-10-01 C1 web_visit": 1,  // A2
            "2026-09-30 - email_open": 1,  // A4 unresolved
        ]
        #expect(cells(try await store.kpiDataset(req)) == expected)

        // Re-importing the same rows changes nothing.
        try await store.transaction { tx in try await tx.upsert(activities: acts) }
        #expect(cells(try await store.kpiDataset(req)) == expected)
        #expect(try await store.counts()[.activities] == 4)

        // Replacing A1 with another type and day moves its count.
        try await store.transaction { tx in
            try await tx.upsert(activities: [
                Activity(id: "A1", occurredAt: Build.jst("2026-10-02", 10), type: .formSubmit, companyId: "C2")
            ])
        }
        #expect(
            cells(try await store.kpiDataset(req)) == [
                "2026-09-30 C1 web_visit": 1, "2026-10-01 C1 web_visit": 1, "2026-09-30 - email_open": 1,
                "2026-10-02 C2 form_submit": 1,
            ])

        // Contact P1 moves to C2: A3 (resolved through P1) moves with it.
        try await store.transaction { tx in try await tx.upsert(contacts: [Contact(id: "P1", companyId: "C2")]) }
        #expect(
            cells(try await store.kpiDataset(req)) == [
                "2026-09-30 C2 web_visit": 1, "2026-10-01 C1 web_visit": 1, "2026-09-30 - email_open": 1,
                "2026-10-02 C2 form_submit": 1,
            ])

        // Switching the workspace to UTC moves A2 (15:00Z) back to 09-30 and A3 (00:00Z on 09-30) stays.
        try await store.transaction { tx in try await tx.setSetting("time_zone", to: "UTC") }
        #expect(
            cells(try await store.kpiDataset(req)) == [
                "2026-09-30 C2 web_visit": 1, "2026-09-30 C1 web_visit": 1, "2026-09-30 - email_open": 1,
                "2026-10-02 C2 form_submit": 1,
            ])
    }

    @Test("a repeated ID across batches of a first load still gives exact roll-ups", arguments: StoreBackend.allCases)
    func repeatedIdInFirstLoad(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(activities: [
                Activity(id: "A1", occurredAt: Build.jst("2026-09-01", 9), type: .webVisit, companyId: "C1")
            ])
            // Same ID again in a later batch: last row wins, so one email_open on 09-02 remains.
            try await tx.upsert(activities: [
                Activity(id: "A1", occurredAt: Build.jst("2026-09-02", 9), type: .emailOpen, companyId: "C1")
            ])
        }
        let ds = try await store.kpiDataset(
            KPIDataRequirements(periods: [KPIPeriod.month(year: 2026, month: 9)], parameters: ScoringParameters()))
        #expect(
            ds.activities.entries.map { "\($0.day) \($0.type.rawValue) \($0.count)" } == ["2026-09-02 email_open 1"])
    }

    /// Hand-counted. A first load counts a day's rows as a run; these batches break the runs
    /// (a day comes back after another day, and again in a later batch) and repeat an ID within
    /// a batch, so every path of that bookkeeping is taken.
    @Test("a first load whose days come back out of order still gives exact roll-ups", arguments: StoreBackend.allCases)
    func firstLoadDaysOutOfOrder(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        @Sendable func visit(_ id: String, _ day: String, _ company: String?, _ type: ActivityType = .webVisit)
            -> Activity
        {
            Activity(id: id, occurredAt: Build.jst(day, 9), type: type, companyId: company, url: "", topic: "")
        }
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1"), Build.company("C2")])
            try await tx.upsert(activities: [
                visit("A1", "2026-09-01", "C1"), visit("A2", "2026-09-02", "C1"), visit("A3", "2026-09-01", "C2"),
                visit("A4", "2026-09-01", "C1"),
                // A2 again in the same batch, now an email open on 09-03 at C2: it replaces the first A2.
                visit("A2", "2026-09-03", "C2", .emailOpen), visit("A5", "2026-09-01", nil),
            ])
            try await tx.upsert(activities: [visit("A6", "2026-09-01", "C1"), visit("A7", "2026-09-02", "C2")])
        }
        let ds = try await store.kpiDataset(
            KPIDataRequirements(periods: [KPIPeriod.month(year: 2026, month: 9)], parameters: ScoringParameters()))
        var cells: [String: Int32] = [:]
        for e in ds.activities.entries {
            let who = e.account < 0 ? "-" : ds.activities.accountIds[Int(e.account)]
            cells["\(e.day) \(who) \(e.type.rawValue)", default: 0] += e.count
        }
        #expect(
            cells == [
                "2026-09-01 C1 web_visit": 3,  // A1, A4, A6
                "2026-09-01 C2 web_visit": 1,  // A3
                "2026-09-01 - web_visit": 1,  // A5, unresolved
                "2026-09-02 C2 web_visit": 1,  // A7 (the first A2 was replaced)
                "2026-09-03 C2 email_open": 1,  // the second A2
            ])
        #expect(try await store.counts()[.activities] == 7)
        // Empty texts stay empty, not NULL.
        let a1 = try await store.activities(after: nil, limit: 1).first
        #expect(a1?.url == "" && a1?.topic == "")
        // The account timeline follows the replaced row.
        let reading = store
        #expect(try await reading.activities(accountOf: "C2", limit: 10).map(\.id).sorted() == ["A2", "A3", "A7"])
        #expect(try await reading.activities(accountOf: "C1", limit: 10).map(\.id).sorted() == ["A1", "A4", "A6"])
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

extension StoreContractTests {
    @Test("duplicates follow company updates (match keys kept by the store)", arguments: StoreBackend.allCases)
    func duplicatesFollowUpdates(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let req = KPIDataRequirements(periods: [KPIPeriod(label: "2026Q3")!], parameters: ScoringParameters())
        try await store.transaction { tx in
            try await tx.upsert(companies: [
                Company(id: "C1", name: "株式会社アルファ", domain: "alpha.co.jp", region: "東京都"),
                Company(id: "C2", name: "Other", domain: "https://www.alpha.co.jp/about"),  // same domain as C1
                Company(id: "C3", name: "㈱アルファ", region: "大阪府"),  // same name, other prefecture: not a duplicate
                Company(id: "C4", name: "X", corporateNumber: "1000011000005"),
                Company(id: "C5", name: "Y", corporateNumber: " 1000011000005 "),  // same number, trimmed
            ])
        }
        #expect(try await store.kpiDataset(req).duplicateCompanyIds == ["C1", "C2", "C4", "C5"])
        // C2 changes its domain and C3 moves to Tokyo: C2 is no longer a duplicate, C3 now is (name + region).
        try await store.transaction { tx in
            try await tx.upsert(companies: [
                Company(id: "C2", name: "Other", domain: "other.jp"), Company(id: "C3", name: "㈱アルファ", region: "東京都"),
            ])
        }
        #expect(try await store.kpiDataset(req).duplicateCompanyIds == ["C1", "C3", "C4", "C5"])
    }
}

@Suite("SQLite store")
struct SQLiteStoreTests {
    @Test("reopening a workspace keeps its data and applies no migration twice")
    func reopen() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("w.sqlite").path
        let a = try await SQLiteWorkspaceStore.open(path: path)
        try await a.transaction { tx in try await tx.upsert(companies: [Build.company("C1")]) }
        try await a.close()
        let b = try await SQLiteWorkspaceStore.open(path: path)
        #expect(try await b.counts()[.companies] == 1)
        try await b.close()
    }

    @Test("a path that cannot be opened gives a clear error")
    func badPath() async throws {
        await #expect(throws: StoreError.self) {
            _ = try await SQLiteWorkspaceStore.open(path: "/nonexistent-dir/x/w.sqlite")
        }
    }

    @Test("activity roll-up blobs encode and decode")
    func blobRoundTrip() throws {
        let r = ActivityDayRollup(
            day: Day(iso: "2026-01-01")!, counts: [.init(account: 5, type: 2): 7, .init(account: -1, type: 0): 1])
        let decoded = try ActivityDayRollup(day: r.day, encoded: r.encoded())
        #expect(decoded == r)
        #expect(r.encoded().count == 18)
    }
}

@Suite("Store contract: large batches")
struct StoreLargeBatchTests {
    @Test(
        "a large batch round-trips awkward text, nulls and doubles, and replaces rows (the bulk path)",
        arguments: StoreBackend.allCases)
    func largeBatch(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let awkward = ["tab\there", "line\nbreak", "back\\slash", "cr\rlf", "株式会社\t兆し", "\\N", "", "quote\"s,comma"]
        let companies = (0..<1200).map { i in
            Company(
                id: String(format: "C%05d", i), name: awkward[i % awkward.count] + " \(i)",
                corporateNumber: i % 3 == 0 ? nil : "1000011000005", domain: i % 2 == 0 ? nil : "d\(i).example.jp",
                annualRevenue: i % 5 == 0 ? "\\x00" : nil)
        }
        // The same ID twice in one batch: the last row wins.
        let batch = companies + [Company(id: "C00007", name: "replaced\tname")]
        try await store.transaction { tx in try await tx.upsert(companies: batch) }
        var expected = companies
        expected[7] = Company(id: "C00007", name: "replaced\tname")
        #expect(try await store.companies(after: nil, limit: 5000) == expected)
        let campaigns = (0..<700).map { i in
            Campaign(
                id: "K\(i)", name: "c\(i)", channel: nil, startOn: Build.day("2026-01-01"),
                endOn: Build.day("2026-03-31"), cost: Double(i) * 1234.5678901234567 + 0.1, abm: i % 2 == 0)
        }
        try await store.transaction { tx in try await tx.upsert(campaigns: campaigns) }
        #expect(try await store.campaigns() == campaigns.sorted { $0.id < $1.id })
    }
}

extension StoreContractTests {
    /// The SQLite store writes intent many rows per statement (64): a repeated ID inside one
    /// statement, or in a later one, must still leave exactly one row, the last one given.
    @Test("intent in one large batch: a repeated ID keeps its last row", arguments: StoreBackend.allCases)
    func intentRepeatedInBatch(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        @Sendable func signal(_ n: Int, score: Int) -> IntentSignal {
            IntentSignal(
                id: String(format: "I%03d", n), companyId: "C1", observedOn: Build.day("2026-09-01"), topic: "SFA",
                kind: .keywordSearch, score: score)
        }
        // Rows 0…69 with score n, then I003 again (row 70: the second statement, rows 64…71,
        // while row 3 was in the first) and I065 again (row 71, the same statement as row 65).
        var batch = (0..<70).map { signal($0, score: $0) }
        batch.append(signal(3, score: 99))
        batch.append(signal(65, score: 98))
        let given = batch
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(intent: given)
        }
        var expected = (0..<70).map { signal($0, score: $0) }
        expected[3].score = 99
        expected[65].score = 98
        #expect(try await store.intent(after: nil, limit: 1000) == expected)
        #expect(try await store.counts()[.intent] == 70)

        // Again, in another transaction: an existing ID is replaced, not added.
        let replacement = signal(40, score: 7)
        try await store.transaction { tx in try await tx.upsert(intent: [replacement]) }
        expected[40].score = 7
        #expect(try await store.intent(after: nil, limit: 1000) == expected)
    }

    /// Match keys are written many rows per statement (64 in SQLite): 72 companies, one key
    /// each, so two statements, with a duplicate inside each and one across them.
    @Test("match keys over many companies find every duplicate pair", arguments: StoreBackend.allCases)
    func matchKeysManyCompanies(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        // C00/C01 share d0.example, C02/C03 d1.example, … C68/C69 d34.example; C70 is alone;
        // C71 (the second statement) shares d0.example with C00 and C01 (the first).
        var companies = (0..<70).map { n in
            Company(id: String(format: "C%02d", n), name: "Company \(n)", domain: "d\(n / 2).example")
        }
        companies.append(Company(id: "C70", name: "Alone", domain: "alone.example"))
        companies.append(Company(id: "C71", name: "Late", domain: "https://d0.example/"))
        let given = companies
        try await store.transaction { tx in try await tx.upsert(companies: given) }
        let req = KPIDataRequirements(periods: [KPIPeriod(label: "2026Q3")!], parameters: ScoringParameters())
        let expected = Set((0..<70).map { String(format: "C%02d", $0) } + ["C71"])
        #expect(try await store.kpiDataset(req).duplicateCompanyIds == expected)
    }
}
