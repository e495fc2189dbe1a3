import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// Attribution's read (`touchActivities`): the database filters by stored local day and type and
/// names each row's account; pages resume after the last ID. Worked by hand from the rows.
@Suite("Store contract: attribution touches")
struct TouchActivitiesContractTests {
    @Test(
        "only the asked days and types, with the account's company; paged by ID",
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
        let all = try await store.touchActivities(days: days, types: types, after: nil, limit: 100)
        #expect(all.map(\.id) == ["T1", "T2", "T6"])
        #expect(all.map(\.account) == ["C1", "C2", "C2"])
        #expect(all.map(\.campaignId) == [nil, "CMP1", nil])
        #expect(all.first?.occurredAt == Build.jst("2026-09-01", 0, 30))
        #expect(all.map(\.type) == [.webVisit, .emailClick, .formSubmit])

        var paged: [String] = []
        var after: String?
        while true {
            let page = try await store.touchActivities(days: days, types: types, after: after, limit: 1)
            paged += page.map(\.id)
            guard let last = page.last else { break }
            after = last.id
        }
        #expect(paged == ["T1", "T2", "T6"])
        #expect(try await store.touchActivities(days: [], types: types, after: nil, limit: 10).isEmpty)
        #expect(try await store.touchActivities(days: days, types: [], after: nil, limit: 10).isEmpty)
    }
}
