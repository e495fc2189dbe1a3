import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// `recentActivities(since:of:)`: the rows `recentActivities(since:)` gives, of the named
/// accounts only (the read model re-reads the accounts an event batch touched). Worked by hand
/// from the rows below.
@Suite("Store contract: recent activities of some accounts")
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

    @Test("the named accounts' rows, in the whole read's order; none of a non-target", arguments: StoreBackend.allCases)
    func someAccounts(backend: StoreBackend) async throws {
        let store = try await seeded(backend)
        defer { Task { try? await store.close() } }
        let since = Build.day("2026-09-03")
        let c1 = [
            "C1 2026-09-03 email_click P1 山田 営業部 decision_maker",
            "C1 2026-09-04 web_visit P1 山田 営業部 decision_maker",
        ]
        let c2 = ["C2 2026-09-05 web_visit - - - -"]
        #expect(shown(try await store.recentActivities(since: since, of: ["C1"])) == c1)
        #expect(shown(try await store.recentActivities(since: since, of: ["C2", "C9"])) == c2)
        #expect(try await store.recentActivities(since: since, of: ["C3"]).isEmpty)
        #expect(try await store.recentActivities(since: since, of: []).isEmpty)
        // Every target named: the whole read, row for row.
        let whole = try await store.recentActivities(since: since)
        #expect(Set(shown(whole)) == Set(c1 + c2))
        #expect(try await store.recentActivities(since: since, of: ["C2", "C1"]).count == whole.count)
        // More accounts than one statement binds (PostgreSQL: 500 a statement): C1 first of 700, C2
        // last, so they are read by different statements; each account's rows keep their order.
        let many = ["C1"] + (0..<698).map { "X\($0)" } + ["C2"]
        #expect(shown(try await store.recentActivities(since: since, of: many)) == c1 + c2)
    }
}
