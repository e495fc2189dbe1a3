import KizashiCore
import Testing

@testable import KizashiStore

/// The committee features' own read (`committeeActivity(since:)`), worked out by hand: it must
/// hold what `CommitteeActivity(recentActivities(since:))` holds, on both backends.
@Suite("Store contract: committee activity")
struct CommitteeActivityContractTests {
    /// C1 is a target, C2 is not. P1 (decision maker, 営業部) and P2 (influencer, 情報システム部)
    /// work at C1, P3 at C2. Rows, JST, read since 2 Sep:
    /// - X1 1 Sep, a pricing visit of C1: before the window, not read.
    /// - X2 2 Sep, P1 visits …/Pricing/plan (no company on the row: C1 through P1): a touch of P1
    ///   and a pricing visit (the match ignores ASCII case).
    /// - X3 3 Sep, P2 clicks an e-mail: a touch of P2.
    /// - X4 3 Sep, C1 visits /料金 with no person: a pricing visit, no touch.
    /// - X5 4 Sep, C1 views content at /pricing: not a web visit, nothing.
    /// - X6 4 Sep, P3 visits /pricing at C2: not a target, nothing.
    func seeded(_ backend: StoreBackend) async throws -> any WorkspaceStore {
        let store = try await backend.makeStore()
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1"), Build.company("C2")])
            try await tx.upsert(contacts: [
                Contact(id: "P1", companyId: "C1", department: "営業部", role: .decisionMaker),
                Contact(id: "P2", companyId: "C1", department: "情報システム部", role: .influencer),
                Contact(id: "P3", companyId: "C2", department: "営業部", role: .decisionMaker),
            ])
            try await tx.upsert(targets: [
                TargetMembership(companyId: "C1", tier: .one, addedOn: Build.day("2026-01-01"))
            ])
            try await tx.upsert(activities: [
                Activity(
                    id: "X1", occurredAt: Build.jst("2026-09-01", 10), type: .webVisit, companyId: "C1",
                    url: "https://example.jp/pricing"),
                Activity(
                    id: "X2", occurredAt: Build.jst("2026-09-02", 10), type: .webVisit, contactId: "P1",
                    url: "https://example.jp/Pricing/plan"),
                Activity(id: "X3", occurredAt: Build.jst("2026-09-03", 11), type: .emailClick, contactId: "P2"),
                Activity(
                    id: "X4", occurredAt: Build.jst("2026-09-03", 12), type: .webVisit, companyId: "C1",
                    url: "https://example.jp/料金"),
                Activity(
                    id: "X5", occurredAt: Build.jst("2026-09-04", 10), type: .contentView, companyId: "C1",
                    url: "https://example.jp/pricing"),
                Activity(
                    id: "X6", occurredAt: Build.jst("2026-09-04", 10), type: .webVisit, contactId: "P3",
                    url: "https://example.jp/pricing"),
            ])
        }
        return store
    }

    @Test("people, roles, departments and pricing visits of the targets", arguments: StoreBackend.allCases)
    func handWorked(backend: StoreBackend) async throws {
        let store = try await seeded(backend)
        defer { Task { try? await store.close() } }
        let since = Build.day("2026-09-02")
        let committee = try await store.committeeActivity(since: since)
        let reference = CommitteeActivity(try await store.recentActivities(since: since))
        for c in [committee, reference] {
            // 5 Sep, the 7 days from 30 Aug: P1 (decision maker) and P2 (influencer), so
            // min(1, (1 + ½ · 1) / 2) = 0.75, two people, two departments.
            #expect(c.breadth(companyId: "C1", on: Build.day("2026-09-05")) == (committee: 0.75, contacts: 2))
            #expect(c.departments(companyId: "C1", on: Build.day("2026-09-05")) == 2)
            // Pricing visits on 2 and 3 Sep (X2, X4); X1 is before the window, X5 not a web visit.
            let fifth = c.pricingVisits(companyId: "C1", on: Build.day("2026-09-05"))
            #expect(fifth.count == 2 && fifth.last == Build.day("2026-09-03"))
            let second = c.pricingVisits(companyId: "C1", on: Build.day("2026-09-02"))
            #expect(second.count == 1 && second.last == Build.day("2026-09-02"))
            // 2 Sep alone: P1 only, min(1, 1/2) = 0.5.
            #expect(c.breadth(companyId: "C1", on: Build.day("2026-09-02"), days: 1) == (committee: 0.5, contacts: 1))
            // C2 is not a target: nothing of X6.
            #expect(c.breadth(companyId: "C2", on: Build.day("2026-09-05")) == (committee: 0, contacts: 0))
            #expect(c.pricingVisits(companyId: "C2", on: Build.day("2026-09-05")).count == 0)
        }
    }
}
