import Foundation
import KizashiCore
import KizashiStore
import Testing

/// Roll-ups: the per-day activity counts every KPI reads must equal a count of the raw rows, on
/// re-import, replacement, contact moves and first loads alike.
extension StoreContractTests {
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
        let expected: [String: Int32] = [
            "2026-09-30 C1 web_visit": 2,  // A1 and A3 (through contact P1)
            "2026-10-01 C1 web_visit": 1,  // A2
            "2026-09-30 - email_open": 1,  // A4 unresolved
        ]
        #expect(Build.rollupCells(try await store.kpiDataset(req)) == expected)

        // Re-importing the same rows changes nothing.
        try await store.transaction { tx in try await tx.upsert(activities: acts) }
        #expect(Build.rollupCells(try await store.kpiDataset(req)) == expected)
        #expect(try await store.counts()[.activities] == 4)

        // Replacing A1 with another type and day moves its count.
        try await store.transaction { tx in
            try await tx.upsert(activities: [
                Activity(id: "A1", occurredAt: Build.jst("2026-10-02", 10), type: .formSubmit, companyId: "C2")
            ])
        }
        #expect(
            Build.rollupCells(try await store.kpiDataset(req)) == [
                "2026-09-30 C1 web_visit": 1, "2026-10-01 C1 web_visit": 1, "2026-09-30 - email_open": 1,
                "2026-10-02 C2 form_submit": 1,
            ])

        // Contact P1 moves to C2: A3 (resolved through P1) moves with it.
        try await store.transaction { tx in try await tx.upsert(contacts: [Contact(id: "P1", companyId: "C2")]) }
        #expect(
            Build.rollupCells(try await store.kpiDataset(req)) == [
                "2026-09-30 C2 web_visit": 1, "2026-10-01 C1 web_visit": 1, "2026-09-30 - email_open": 1,
                "2026-10-02 C2 form_submit": 1,
            ])

        // Switching the workspace to UTC moves A2 (15:00Z) back to 09-30 and A3 (00:00Z on 09-30) stays.
        try await store.transaction { tx in try await tx.setSetting("time_zone", to: "UTC") }
        #expect(
            Build.rollupCells(try await store.kpiDataset(req)) == [
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
}
