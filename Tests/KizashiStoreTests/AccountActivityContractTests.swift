import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// An account's activities (the account page, approach-now reasons) follow every row that moves:
/// a re-upsert to another company or another time, a contact moving company, many small event
/// transactions. Expectations are worked out by hand from the rows below.
@Suite("Store contract: account activities")
struct AccountActivityContractTests {
    /// C1 and C2; P1 works at C1. A1: C1 directly, 1 Sep 10:00 JST; A2: through P1, 2 Sep;
    /// A3: C2, 3 Sep.
    func seeded(_ backend: StoreBackend) async throws -> any WorkspaceStore {
        let store = try await backend.makeStore()
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1"), Build.company("C2")])
            try await tx.upsert(contacts: [Contact(id: "P1", companyId: "C1", department: "営業部")])
            try await tx.upsert(targets: [
                TargetMembership(companyId: "C2", tier: .one, addedOn: Build.day("2026-01-01"))
            ])
            try await tx.upsert(activities: [
                Activity(id: "A1", occurredAt: Build.jst("2026-09-01", 10), type: .webVisit, companyId: "C1"),
                Activity(id: "A2", occurredAt: Build.jst("2026-09-02", 10), type: .emailClick, contactId: "P1"),
                Activity(id: "A3", occurredAt: Build.jst("2026-09-03", 10), type: .webVisit, companyId: "C2"),
            ])
        }
        return store
    }

    func timeline(_ store: any WorkspaceStore, _ company: String, limit: Int = 50) async throws -> [String] {
        try await store.activities(accountOf: company, limit: limit).map(\.id)
    }

    @Test(
        "rows moved by a re-upsert and by a contact's move show under their new account",
        arguments: StoreBackend.allCases)
    func movedRows(backend: StoreBackend) async throws {
        let store = try await seeded(backend)
        defer { Task { try? await store.close() } }
        let reading = store
        #expect(try await timeline(store, "C1") == ["A2", "A1"])
        #expect(try await timeline(store, "C2") == ["A3"])

        // A1 moves to C2 and to 5 Sep.
        try await store.transaction { tx in
            try await tx.upsert(activities: [
                Activity(id: "A1", occurredAt: Build.jst("2026-09-05", 10), type: .webVisit, companyId: "C2")
            ])
        }
        #expect(try await timeline(store, "C1") == ["A2"])
        #expect(try await timeline(store, "C2") == ["A1", "A3"])

        // P1 moves to C2, and A2 (resolved through P1) with it.
        try await store.transaction { tx in
            try await tx.upsert(contacts: [Contact(id: "P1", companyId: "C2", department: "営業部")])
        }
        #expect(try await timeline(store, "C1") == [])
        #expect(try await timeline(store, "C2") == ["A1", "A3", "A2"])
        #expect(try await timeline(store, "C2", limit: 2) == ["A1", "A3"])

        let september = Build.day("2026-09-01")...Build.day("2026-09-30")
        #expect(try await reading.contactActivityCounts(companyId: "C2", days: september) == ["P1": 1])
        #expect(try await reading.contactActivityCounts(companyId: "C1", days: september) == [:])

        // Since 3 Sep, the target C2 has A3 (3 Sep) and A1 (5 Sep); A2 (2 Sep) is older.
        let recent = try await reading.recentActivities(since: Build.day("2026-09-03"))
        #expect(Set(recent.map { "\($0.companyId) \($0.day)" }) == ["C2 2026-09-03", "C2 2026-09-05"])

        let summaries = try await reading.accountActivitySummaries(engagedDays: september)
        #expect(summaries["C1"] == nil)
        #expect(summaries["C2"]?.engagedContacts == 1)
        #expect(summaries["C2"]?.lastActivity == Build.jst("2026-09-05", 10))
    }

    /// The target C2's rows since 3 Sep, in the order both backends give: account, time, then ID.
    /// B2, B10 and B1 share one instant (4 Sep 09:00 JST), so the ID decides, byte by byte: B1 <
    /// B10 < B2. A1 moved from C1 to C2 and from 1 Sep to 5 Sep;
    /// B0 is on 2 Sep 23:59 JST, the day before the window (its UTC day is 2 Sep too); A3 on 3 Sep.
    /// Expected: A3 (3 Sep 10:00), B1, B10, B2 (4 Sep 09:00), A1 (5 Sep 10:00).
    @Test("recent activities: account, time, then ID, byte by byte", arguments: StoreBackend.allCases)
    func recentOrder(backend: StoreBackend) async throws {
        let store = try await seeded(backend)
        defer { Task { try? await store.close() } }
        let nine = Build.jst("2026-09-04", 9)
        let lastMinute = Instant(
            millisecondsSinceEpoch: Build.jst("2026-09-02", 23).millisecondsSinceEpoch + 59 * 60_000)
        try await store.transaction { tx in
            try await tx.upsert(activities: [
                Activity(id: "A1", occurredAt: Build.jst("2026-09-05", 10), type: .webVisit, companyId: "C2"),
                Activity(id: "B2", occurredAt: nine, type: .webVisit, companyId: "C2"),
                Activity(id: "B10", occurredAt: nine, type: .formSubmit, companyId: "C2"),
                Activity(id: "B1", occurredAt: nine, type: .contentView, companyId: "C2"),
                Activity(id: "B0", occurredAt: lastMinute, type: .webVisit, companyId: "C2"),
            ])
        }
        let recent = try await store.recentActivities(since: Build.day("2026-09-03"))
        let expected = [
            "2026-09-03 web_visit", "2026-09-04 content_view", "2026-09-04 form_submit", "2026-09-04 web_visit",
            "2026-09-05 web_visit",
        ]
        #expect(recent.map { "\($0.day) \($0.type.rawValue)" } == expected)
    }

    /// An event batch's patch, by hand. P2 joins C2. E1: C2 with P2 on 4 Sep 10:00; E2: P1 alone
    /// (so C1) on 5 Sep 09:00; E3 names C9, which does not exist (given, not written).
    /// September's engaged contacts: C1 has P1 (A2 and E2: one person); C2 has P2 (E1; A3 has no
    /// contact). Latest of the batch: C1 E2's 5 Sep 09:00, C2 E1's 4 Sep 10:00. C9: nothing.
    /// The whole summaries agree for both.
    @Test(
        "summaries: the last activity of all time, engaged contacts of the window only",
        arguments: StoreBackend.allCases)
    func summaryWindow(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1"), Build.company("C2")])
            try await tx.upsert(contacts: [
                Contact(id: "P1", companyId: "C1"), Contact(id: "P2", companyId: "C1"),
                Contact(id: "P3", companyId: "C1"),
            ])
            try await tx.upsert(activities: [
                Activity(id: "X1", occurredAt: Build.jst("2026-08-20", 10), type: .webVisit, contactId: "P1"),
                Activity(id: "X2", occurredAt: Build.jst("2026-09-10", 10), type: .webVisit, contactId: "P2"),
                Activity(id: "X3", occurredAt: Build.jst("2026-09-12", 10), type: .emailClick, contactId: "P2"),
                Activity(id: "X4", occurredAt: Build.jst("2026-09-15", 10), type: .webVisit, companyId: "C1"),
                Activity(id: "X5", occurredAt: Build.jst("2026-10-02", 10), type: .webVisit, contactId: "P3"),
                Activity(id: "Y1", occurredAt: Build.jst("2026-08-01", 9), type: .webVisit, companyId: "C2"),
            ])
        }
        // September: C1's contacts with an activity in it are P2 only (P1 in August, P3 in
        // October, X4 has no contact) → 1; its last activity is X5 (2 Oct), after the window.
        // C2 has only Y1 (1 Aug): 0 engaged, last 1 Aug.
        let september = Build.day("2026-09-01")...Build.day("2026-09-30")
        #expect(
            try await store.accountActivitySummaries(engagedDays: september) == [
                "C1": AccountActivitySummary(engagedContacts: 1, lastActivity: Build.jst("2026-10-02", 10)),
                "C2": AccountActivitySummary(engagedContacts: 0, lastActivity: Build.jst("2026-08-01", 9)),
            ])
    }

    /// Seeded (C1 and C2, P1 at C1, C2 the only target), then P2 joins C2 and a change writes E1
    /// (C2 with P2, 4 Sep), E2 (through P1 only, 5 Sep) and E4 (C2 naming P1, 1 Oct 00:00 JST, on
    /// UTC's 30 Sep); E3 names C9, which does not exist, and is not written.
    /// - Accounts: E1 → C2, E2 → C1 through P1, E4 → C2 (the row names it), E3 → none; of the
    ///   targets only: C2's rows.
    /// - September before: C1 {P1} (A2 through P1; A1 names no contact), last A2 2 Sep 10:00;
    ///   C2 {} (A3 names no contact), last 3 Sep 10:00.
    /// - After: C1 {P1}, last E2 5 Sep 09:00; C2 {P2} (E4 is on local 1 Oct, outside), last E4.
    @Test(
        "a change's rows: their accounts, added to the engagement, the same as a whole read",
        arguments: StoreBackend.allCases)
    func activityAccounts(backend: StoreBackend) async throws {
        let store = try await seeded(backend)
        defer { Task { try? await store.close() } }
        let september = Build.day("2026-09-01")...Build.day("2026-09-30")
        var engagement = try await store.accountEngagement(engagedDays: september)
        #expect(
            engagement == [
                "C1": AccountEngagement(contacts: ["P1"], lastActivity: Build.jst("2026-09-02", 10)),
                "C2": AccountEngagement(contacts: [], lastActivity: Build.jst("2026-09-03", 10)),
            ])
        let e1 = Activity(
            id: "E1", occurredAt: Build.jst("2026-09-04", 10), type: .webVisit, companyId: "C2", contactId: "P2")
        let e2 = Activity(id: "E2", occurredAt: Build.jst("2026-09-05", 9), type: .emailClick, contactId: "P1")
        let e3 = Activity(id: "E3", occurredAt: Build.jst("2026-09-06", 9), type: .webVisit, companyId: "C9")
        let e4 = Activity(
            id: "E4", occurredAt: Build.jst("2026-10-01", 0), type: .webVisit, companyId: "C2", contactId: "P1")
        try await store.transaction { tx in
            try await tx.upsert(contacts: [Contact(id: "P2", companyId: "C2")])
            try await tx.upsert(activities: [e1, e2, e4])
        }
        let change = [e1, e2, e3, e4]
        let accounts = try await store.activityAccounts(of: change, targetsOnly: false)
        #expect(accounts == ActivityAccounts(companies: ["C2": "C2"], contacts: ["P1": "C1"]))
        #expect(change.map(accounts.account(of:)) == ["C2", "C1", nil, "C2"])
        #expect(
            try await store.activityAccounts(of: change, targetsOnly: true) == ActivityAccounts(companies: ["C2": "C2"])
        )

        AccountEngagement.add(change, under: accounts, window: september, timeZone: .tokyo, to: &engagement)
        let expected = [
            "C1": AccountEngagement(contacts: ["P1"], lastActivity: Build.jst("2026-09-05", 9)),
            "C2": AccountEngagement(contacts: ["P2"], lastActivity: Build.jst("2026-10-01", 0)),
        ]
        #expect(engagement == expected)
        #expect(try await store.accountEngagement(engagedDays: september) == expected)
        #expect(
            try await store.accountActivitySummaries(engagedDays: september) == [
                "C1": AccountActivitySummary(engagedContacts: 1, lastActivity: Build.jst("2026-09-05", 9)),
                "C2": AccountActivitySummary(engagedContacts: 1, lastActivity: Build.jst("2026-10-01", 0)),
            ])
    }

    /// More rows than one list holds on PostgreSQL (500): K0…K1199, each with contacts Q<i>a and
    /// Q<i>b at it. Every account gets a row of Q<i>a on 1 Sep; then the change's rows, through
    /// their contacts only: Q<i>b on 2 Sep for the even accounts, Q<i>a again on 3 Sep for the odd
    /// ones. So an even account has {Q<i>a, Q<i>b} and its latest row on 2 Sep, an odd one
    /// {Q<i>a} and its latest on 3 Sep.
    @Test(
        "the accounts of 1,200 rows: every one resolved, the engagement the same as a whole read",
        arguments: StoreBackend.allCases)
    func wideActivityAccounts(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let n = 1_200
        let companies = (0..<n).map { Build.company("K\($0)") }
        let contacts = (0..<n).flatMap { i in
            [Contact(id: "Q\(i)a", companyId: "K\(i)"), Contact(id: "Q\(i)b", companyId: "K\(i)")]
        }
        let first = (0..<n).map { i in
            Activity(id: "F\(i)", occurredAt: Build.jst("2026-09-01", 9), type: .webVisit, contactId: "Q\(i)a")
        }
        let batch = (0..<n).map { i in
            i % 2 == 0
                ? Activity(id: "B\(i)", occurredAt: Build.jst("2026-09-02", 9), type: .webVisit, contactId: "Q\(i)b")
                : Activity(id: "B\(i)", occurredAt: Build.jst("2026-09-03", 9), type: .webVisit, contactId: "Q\(i)a")
        }
        try await store.transaction { tx in
            try await tx.upsert(companies: companies)
            try await tx.upsert(contacts: contacts)
            try await tx.upsert(activities: first)
        }
        let september = Build.day("2026-09-01")...Build.day("2026-09-30")
        var engagement = try await store.accountEngagement(engagedDays: september)
        try await store.transaction { tx in try await tx.upsert(activities: batch) }
        let accounts = try await store.activityAccounts(of: batch, targetsOnly: false)
        #expect(accounts.contacts.count == n)
        AccountEngagement.add(batch, under: accounts, window: september, timeZone: .tokyo, to: &engagement)
        for i in [0, 1, 498, 499, 500, 501, 1_198, 1_199] {
            let expected =
                i % 2 == 0
                ? AccountEngagement(contacts: ["Q\(i)a", "Q\(i)b"], lastActivity: Build.jst("2026-09-02", 9))
                : AccountEngagement(contacts: ["Q\(i)a"], lastActivity: Build.jst("2026-09-03", 9))
            #expect(engagement["K\(i)"] == expected, "K\(i)")
        }
        #expect(engagement == (try await store.accountEngagement(engagedDays: september)))
    }

    @Test("forty small transactions on one account: the newest rows, in order", arguments: StoreBackend.allCases)
    func manySmallWrites(backend: StoreBackend) async throws {
        let store = try await seeded(backend)
        defer { Task { try? await store.close() } }
        // E01…E40 on 10 Sep at 00:01…00:40, one transaction each (as event batches write).
        for n in 1...40 {
            let id = String(format: "E%02d", n)
            let at = Instant(
                millisecondsSinceEpoch: Build.jst("2026-09-10", 0).millisecondsSinceEpoch + Int64(n) * 60_000)
            try await store.transaction { tx in
                try await tx.upsert(activities: [Activity(id: id, occurredAt: at, type: .webVisit, companyId: "C1")])
            }
        }
        // E05 moves to C2 afterwards.
        try await store.transaction { tx in
            try await tx.upsert(activities: [
                Activity(id: "E05", occurredAt: Build.jst("2026-09-11", 0), type: .webVisit, companyId: "C2")
            ])
        }
        #expect(try await timeline(store, "C1", limit: 3) == ["E40", "E39", "E38"])
        // E40…E01 without E05, then A2 (2 Sep) and A1 (1 Sep).
        let expected = (1...40).reversed().filter { $0 != 5 }.map { String(format: "E%02d", $0) } + ["A2", "A1"]
        #expect(try await timeline(store, "C1", limit: 100) == expected)
        #expect(try await timeline(store, "C2") == ["E05", "A3"])
    }
    /// The list's contacts for many accounts at once. P2 joins C2 (and is seen there on 10 Sep,
    /// B1); C9 does not exist. With 700 IDs (C1 first, C2 last) the read takes more than one
    /// statement on PostgreSQL (500).
    @Test("contacts of many accounts in one read", arguments: StoreBackend.allCases)
    func manyAccounts(backend: StoreBackend) async throws {
        let store = try await seeded(backend)
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(contacts: [Contact(id: "P2", companyId: "C2", department: "情報システム部")])
            try await tx.upsert(activities: [
                Activity(id: "B1", occurredAt: Build.jst("2026-09-10", 10), type: .webVisit, contactId: "P2")
            ])
        }
        let ids = ["C1"] + (0..<698).map { "X\($0)" } + ["C2"]
        let contacts = try await store.contacts(companyIds: ids)
        #expect(contacts.mapValues { $0.map { $0.id } } == ["C1": ["P1"], "C2": ["P2"]])
        #expect(contacts["C2"] == (try await store.contacts(companyId: "C2")))
        #expect(try await store.contacts(companyIds: []).isEmpty)
    }
}

@Suite("SQLite: migration 10 (account activity locators)")
struct SQLiteLocatorBackfillTests {
    @Test("activities written before the locators existed are found after the workspace is reopened")
    func backfill() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("w.sqlite").path
        do {
            let store = try await SQLiteWorkspaceStore.open(path: path)
            try await store.transaction { tx in
                try await tx.upsert(companies: [Build.company("C1")])
                try await tx.upsert(activities: [
                    Activity(id: "A1", occurredAt: Build.jst("2026-09-01", 10), type: .webVisit, companyId: "C1"),
                    Activity(id: "A2", occurredAt: Build.jst("2026-09-02", 10), type: .webVisit, companyId: "C1"),
                ])
            }
            try await store.close()
        }
        // As a workspace of schema 9 looks after migration 10 ran: rows, no locators, the marker.
        do {
            let db = try RawSQLiteConnection(path: path)
            defer { db.close() }
            try db.execute("DELETE FROM activity_locators")
            try db.execute("CREATE TABLE activity_locators_backfill (pending INTEGER)")
            try db.execute("INSERT INTO activity_locators_backfill VALUES (1)")
        }
        let store = try await SQLiteWorkspaceStore.open(path: path)
        defer { Task { try? await store.close() } }
        #expect(try await store.activities(accountOf: "C1", limit: 10).map(\.id) == ["A2", "A1"])
        let raw = try RawSQLiteConnection(path: path)
        defer { raw.close() }
        #expect(try raw.query("SELECT 1 AS x FROM sqlite_master WHERE name = 'activity_locators_backfill'").isEmpty)
    }

    @Test("a first load runs under a rollback journal and the workspace is back in WAL mode after it")
    func firstLoadJournal() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("w.sqlite").path
        let store = try await SQLiteWorkspaceStore.open(path: path)
        defer { Task { try? await store.close() } }
        let probe = try RawSQLiteConnection(path: path)
        #expect(try probe.query("PRAGMA journal_mode").first?.text("journal_mode") == "delete")
        probe.close()
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(activities: [
                Activity(id: "A1", occurredAt: Build.jst("2026-09-01", 10), type: .webVisit, companyId: "C1")
            ])
        }
        let after = try RawSQLiteConnection(path: path)
        defer { after.close() }
        #expect(try after.query("PRAGMA journal_mode").first?.text("journal_mode") == "wal")
    }

    @Test("a store that serves readers (the server) keeps WAL for its first load: readers read while it writes")
    func servingReadersKeepWAL() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("w.sqlite").path
        let store = try await SQLiteWorkspaceStore.open(path: path, servingReaders: true)
        defer { Task { try? await store.close() } }
        let probe = try RawSQLiteConnection(path: path)
        defer { probe.close() }
        #expect(try probe.query("PRAGMA journal_mode").first?.text("journal_mode") == "wal")
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            // Inside the load's open transaction another connection reads the state before it
            // at once (WAL), instead of waiting for the writer's lock.
            try probe.execute("PRAGMA busy_timeout=0")
            #expect(try probe.query("SELECT count(*) AS n FROM companies").first?.int("n") == 0)
        }
        #expect(try probe.query("SELECT count(*) AS n FROM companies").first?.int("n") == 1)
    }
}
