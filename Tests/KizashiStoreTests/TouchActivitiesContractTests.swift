import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// Attribution's read (`touchActivities`): the database filters by stored local day and type and
/// names each row's account, each day's rows in activity_id order; the paged read resumes after
/// the last ID. Worked by hand from the rows.
@Suite("Store contract: attribution touches")
struct TouchActivitiesContractTests {
    @Test(
        "only the asked days and types, with the account's company and stored day",
        arguments: StoreBackend.allCases)
    func filtered(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1"), Build.company("C2")])
            try await tx.upsert(contacts: [Contact(id: "P1", companyId: "C2")])
            try await tx.upsert(activities: [
                // 1 Sep 00:30 JST is 31 Aug in UTC: the stored local day (Tokyo) decides.
                Activity(id: "T1", occurredAt: Build.jst("2026-09-01", 0, 30), type: .webVisit, companyId: "C1"),
                // Through the contact: the account is C2.
                Activity(
                    id: "T2", occurredAt: Build.jst("2026-09-02", 10), type: .emailClick, contactId: "P1",
                    campaignId: "CMP1"),
                // A type not asked for.
                Activity(id: "T3", occurredAt: Build.jst("2026-09-02", 11), type: .emailOpen, companyId: "C1"),
                // The day between the two ranges asked for.
                Activity(id: "T4", occurredAt: Build.jst("2026-09-03", 10), type: .webVisit, companyId: "C1"),
                Activity(id: "T6", occurredAt: Build.jst("2026-09-04", 12), type: .formSubmit, companyId: "C2"),
                // After the last range.
                Activity(id: "T7", occurredAt: Build.jst("2026-09-05", 0, 0), type: .webVisit, companyId: "C2"),
            ])
        }
        let days = [
            Build.day("2026-09-01")...Build.day("2026-09-02"), Build.day("2026-09-04")...Build.day("2026-09-04"),
        ]
        let types: [ActivityType] = [.webVisit, .emailClick, .formSubmit]
        let read = try await store.touchActivities(days: days, types: types)
        // In activity_id order, T1, T2, T6 (on SQLite from both halves of the days: 3 days asked,
        // the first half 1 Sep, the second 2 and 4 Sep); rows carry no ID, so each is known by
        // its instant.
        let all = read.rows
        #expect(
            all.map(\.occurredAt) == [
                Build.jst("2026-09-01", 0, 30), Build.jst("2026-09-02", 10), Build.jst("2026-09-04", 12),
            ])
        #expect(all.map { read.accounts[Int($0.account)] } == ["C1", "C2", "C2"])
        #expect(all.map { $0.campaign < 0 ? nil : read.campaignIds[Int($0.campaign)] } == [nil, "CMP1", nil])
        // The stored local day, not the UTC one.
        #expect(all.map(\.day) == [Build.day("2026-09-01"), Build.day("2026-09-02"), Build.day("2026-09-04")])
        #expect(all.map(\.type) == [.webVisit, .emailClick, .formSubmit])
        // Each account named once.
        #expect(read.accounts.sorted() == ["C1", "C2"])

        #expect(try await store.touchActivities(days: [], types: types).rows.isEmpty)
        #expect(try await store.touchActivities(days: days, types: []).rows.isEmpty)
    }

    /// Attribution breaks a tie of instants by the smallest activity_id (edge case 4) through the
    /// rows' order, so both backends give one day's rows in key order, byte by byte: stored out
    /// of order, "b10" < "b9" < "c1" < "c10" ('1' 0x31 < '9' 0x39), whatever the instants.
    @Test("one day's rows in activity_id byte order", arguments: StoreBackend.allCases)
    func keyOrder(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(
                activities: [("c10", 1), ("b9", 2), ("c1", 3), ("b10", 4)].map {
                    Activity(id: $0.0, occurredAt: Build.jst("2026-09-01", $0.1), type: .webVisit, companyId: "C1")
                })
        }
        let read = try await store.touchActivities(
            days: [Build.day("2026-09-01")...Build.day("2026-09-01")], types: [.webVisit])
        // b10 (04:00), b9 (02:00), c1 (03:00), c10 (01:00).
        #expect(read.rows.map(\.occurredAt) == [4, 2, 3, 1].map { Build.jst("2026-09-01", $0) })
    }

    @Test("the paged read (PostgreSQL's) resumes after the last ID and reads each row once")
    func paged() async throws {
        let store = try await StoreBackend.sqlite.makeStore()
        defer { Task { try? await store.close() } }
        let backend = try #require(store as? SQLiteWorkspaceStore)
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(
                activities: (1...5).map {
                    Activity(id: "A\($0)", occurredAt: Build.jst("2026-09-01", $0), type: .webVisit, companyId: "C1")
                })
        }
        let read = try await backend.pagedTouchActivities(
            days: [Build.day("2026-09-01")...Build.day("2026-09-01")], types: [.webVisit], pageSize: 2)
        // A1 … A5 at 01:00 … 05:00, in ID order.
        #expect(read.rows.map(\.occurredAt) == (1...5).map { Build.jst("2026-09-01", $0) })
        #expect(read.accounts == ["C1"])
    }

    /// The SQLite read splits the primary key at a pivot: after the common prefix, four bytes of
    /// each ID as a base-128 number, averaged. Worked by hand:
    /// - "T1"/"T7": (49,0,0,0) and (55,0,0,0) → (52,0,0,0) → "T4".
    /// - "A0000001"/"A1999608": x = 48·(128³+128²+128+1) = 101,455,920;
    ///   y = 49·128³ + 57·128² + 57·128 + 57 = 103,701,689; mean 102,578,804 = (48,116,116,116)
    ///   → "A0ttt", between A0999999 and A1000000.
    /// - "A1"/"A2": (49,0,0,0) and (50,0,0,0) → (49,64,0,0) → "A1@".
    @Test("the SQLite read's pivot: common prefix and the base-128 mean of the next four bytes")
    func pivot() {
        #expect(SQLiteWorkspaceStore.pivot(between: "T1", and: "T7") == "T4")
        #expect(SQLiteWorkspaceStore.pivot(between: "A0000001", and: "A1999608") == "A0ttt")
        #expect(SQLiteWorkspaceStore.pivot(between: "A1", and: "A2") == "A1@")
        // Equal IDs, or non-ASCII bytes: no split.
        #expect(SQLiteWorkspaceStore.pivot(between: "A1", and: "A1") == nil)
        #expect(SQLiteWorkspaceStore.pivot(between: "あ", and: "ん") == nil)
    }

    /// SQLite's read splits the days asked in two halves with about as many days each. By hand:
    /// - 1–2 Sep and 4 Sep: 3 days, the first half 3 / 2 = 1 day: 1 Sep | 2 Sep, 4 Sep.
    /// - 1–10 Sep: 10 days, 5 each: 1–5 | 6–10.
    /// - 1–2 Sep and 3–4 Sep: 4 days, 2 each: the cut falls between the ranges.
    /// - one day: not split.
    @Test("the SQLite read's halves of the days")
    func dayHalves() {
        let d = { (n: Int) in Build.day(String(format: "2026-09-%02d", n)) }
        #expect(
            SQLiteWorkspaceStore.dayHalves([d(1)...d(2), d(4)...d(4)]) == [[d(1)...d(1)], [d(2)...d(2), d(4)...d(4)]])
        #expect(SQLiteWorkspaceStore.dayHalves([d(1)...d(10)]) == [[d(1)...d(5)], [d(6)...d(10)]])
        #expect(SQLiteWorkspaceStore.dayHalves([d(1)...d(2), d(3)...d(4)]) == [[d(1)...d(2)], [d(3)...d(4)]])
        #expect(SQLiteWorkspaceStore.dayHalves([d(7)...d(7)]) == [[d(7)...d(7)]])
    }

    /// Why a plan test: a quarter's touches were a scan of the whole activity history until
    /// migration 23's index; without it the figures stay right but the large quarter takes twice
    /// as long, which no other test would notice. In the index's order, so nothing is sorted.
    @Test("on SQLite the window is read from the covering index by day (migration 23), unsorted, after a first load")
    func sqliteReadsTheIndex() async throws {
        let store = try await StoreBackend.sqlite.makeStore()
        defer { Task { try? await store.close() } }
        let backend = try #require(store as? SQLiteWorkspaceStore)
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(activities: [
                Activity(id: "A1", occurredAt: Build.jst("2026-09-01", 9), type: .webVisit, companyId: "C1")
            ])
        }
        let plan = try await backend.queryPlan(
            SQLiteWorkspaceStore.touchWindowSQL, [.integer(20_600), .integer(20_700)])
        #expect(plan.contains("COVERING INDEX activities_day"))
        #expect(!plan.contains("TEMP B-TREE"))
    }

    /// The recent-activity read sorts its large rows in place by a permutation. By hand:
    /// permutation [2, 0, 3, 1] puts old[2], old[0], old[3], old[1] = c, a, d, b.
    @Test("a permutation applied in place, cycle by cycle")
    func permute() {
        var values = ["a", "b", "c", "d"]
        SQLiteWorkspaceStore.permute(&values, by: [2, 0, 3, 1])
        #expect(values == ["c", "a", "d", "b"])
        // Two cycles and a fixed point: [1, 0, 2, 4, 3] swaps 0↔1 and 3↔4.
        var more = [10, 11, 12, 13, 14]
        SQLiteWorkspaceStore.permute(&more, by: [1, 0, 2, 4, 3])
        #expect(more == [11, 10, 12, 14, 13])
    }
}
