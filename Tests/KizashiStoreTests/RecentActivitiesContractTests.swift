import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// `recentActivityRows(since:ids:)`: the rows `recentActivities(since:)` gives, with their order
/// keys, of some activities only (the read model adds an event batch's rows to the ones it
/// keeps). Worked by hand from the rows below.
@Suite("Store contract: recent activity rows by ID")
struct RecentActivitiesContractTests {
    /// Targets C1 and C2; C3 is not a target. P1 (C1) is 山田, a decision maker in 営業部.
    /// Since 3 Sep (JST):
    /// - C1: A2 email_click by P1 on 3 Sep 09:00, A1 web_visit by P1 on 4 Sep 10:00 (time order);
    ///   A5 on 1 Sep is before the window.
    /// - C2: A3 web_visit on 5 Sep 10:00, no contact.
    /// - C3: A4 on 4 Sep, never listed (not a target).
    func seeded(_ backend: StoreBackend) async throws -> any WorkspaceStore {
        let store = try await backend.makeStore()
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1"), Build.company("C2"), Build.company("C3")])
            try await tx.upsert(contacts: [
                Contact(id: "P1", companyId: "C1", name: "山田", department: "営業部", role: .decisionMaker)
            ])
            try await tx.upsert(targets: [
                TargetMembership(companyId: "C1", tier: .one, addedOn: Build.day("2026-01-01")),
                TargetMembership(companyId: "C2", tier: .two, addedOn: Build.day("2026-01-01")),
            ])
            try await tx.upsert(activities: [
                Activity(
                    id: "A1", occurredAt: Build.jst("2026-09-04", 10), type: .webVisit, companyId: "C1",
                    contactId: "P1"),
                Activity(
                    id: "A2", occurredAt: Build.jst("2026-09-03", 9), type: .emailClick, companyId: "C1",
                    contactId: "P1"),
                Activity(id: "A3", occurredAt: Build.jst("2026-09-05", 10), type: .webVisit, companyId: "C2"),
                Activity(id: "A4", occurredAt: Build.jst("2026-09-04", 10), type: .webVisit, companyId: "C3"),
                Activity(id: "A5", occurredAt: Build.jst("2026-09-01", 10), type: .webVisit, companyId: "C1"),
            ])
        }
        return store
    }

    func shown(_ rows: [RecentAccountActivity]) -> [String] {
        rows.map {
            "\($0.companyId) \($0.day) \($0.type.rawValue) \($0.contactId ?? "-") \($0.contactName ?? "-") "
                + "\($0.department ?? "-") \($0.role?.rawValue ?? "-")"
        }
    }

    @Test("an event's rows by ID, in the whole read's order, with their keys", arguments: StoreBackend.allCases)
    func byId(backend: StoreBackend) async throws {
        let store = try await seeded(backend)
        defer { Task { try? await store.close() } }
        let since = Build.day("2026-09-03")
        let c1 = [
            "C1 2026-09-03 email_click P1 山田 営業部 decision_maker",
            "C1 2026-09-04 web_visit P1 山田 営業部 decision_maker",
        ]
        let c2 = ["C2 2026-09-05 web_visit - - - -"]
        // A1 and A2 asked for in the wrong order come back in C1's order (A2 at 09:00 first).
        let twoOfC1 = try await store.recentActivityRows(since: since, ids: ["A1", "A2"])
        #expect(shown(twoOfC1.rows) == c1)
        #expect(twoOfC1.keys.map(\.activityId) == ["A2", "A1"])
        #expect(twoOfC1.keys.map(\.at) == [Build.jst("2026-09-03", 9), Build.jst("2026-09-04", 10)])
        // A4 (C3, not a target), A5 (before the window) and an unknown ID give nothing.
        #expect(shown(try await store.recentActivityRows(since: since, ids: ["A3", "A4", "A5", "Z"]).rows) == c2)
        #expect(try await store.recentActivityRows(since: since, ids: []).rows.isEmpty)
        // The whole read with keys: the same rows as `recentActivities(since:)`, row for row.
        let whole = try await store.recentActivityRows(since: since, ids: nil)
        #expect(whole.rows == (try await store.recentActivities(since: since)))
        #expect(Set(shown(whole.rows)) == Set(c1 + c2))
        #expect(whole.keys.count == 3)
        // More IDs than one statement binds (PostgreSQL 500, SQLite 256): A1 first of 700, A2
        // last, so different statements read them; C1's rows still come in order.
        let many = ["A1"] + (0..<698).map { "X\($0)" } + ["A2"]
        #expect(shown(try await store.recentActivityRows(since: since, ids: many).rows) == c1)
    }

    /// By hand: C1 has A (10:00) and B (11:00). Added: E2 of C2 (09:00), then E1 of C1 (10:30,
    /// between A and B), and B again. Expected: B not twice; C1 grouped A, E1, B; C2 E2. Only
    /// later rows (E3 of C1 at 12:00): appended as they are.
    @Test("rows added keep each account's order, none twice")
    func adding() {
        func row(_ company: String, _ id: String, _ hour: Int) -> (RecentAccountActivity, RecentActivityRows.Key) {
            (
                RecentAccountActivity(
                    companyId: company, day: Build.day("2026-09-04"), type: .webVisit, contactId: nil, department: nil,
                    role: nil, contactName: nil, url: id, topic: nil),
                .init(at: Build.jst("2026-09-04", hour), activityId: id)
            )
        }
        func rows(_ list: [(RecentAccountActivity, RecentActivityRows.Key)]) -> RecentActivityRows {
            RecentActivityRows(rows: list.map(\.0), keys: list.map(\.1))
        }
        var e1 = row("C1", "E1", 10)
        e1.1.at = Instant(millisecondsSinceEpoch: e1.1.at.millisecondsSinceEpoch + 30 * 60_000)
        let base = rows([row("C1", "A", 10), row("C1", "B", 11)])
        let merged = base.adding(rows([row("C2", "E2", 9), e1, row("C1", "B", 11)]))
        #expect(merged.keys.map(\.activityId) == ["A", "E1", "B", "E2"])
        #expect(merged.rows.map(\.url) == ["A", "E1", "B", "E2"])
        let appended = base.adding(rows([row("C2", "E2", 9), row("C1", "E3", 12)]))
        #expect(appended.keys.map(\.activityId) == ["A", "B", "E2", "E3"])
    }
}
