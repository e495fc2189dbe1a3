import Foundation
import KizashiCore
import KizashiStore
import Testing

@testable import KizashiApp

/// The approach ranking's recent rows across event batches (issue 23: `/now` after a batch):
/// kept, the batch's own rows read and added, the rest untouched. The narrow read itself is worked
/// by hand in the store contract (`RecentActivitiesContractTests`); this is the wiring.
@Suite("Read model: recent rows across event batches")
struct RecentRowsPatchTests {
    /// The Q3 fixture (docs in ApproachCoverageGapTests), as of 09-30: the week is 09-24 … 09-30.
    /// P3 (C3, 営業部, a user, no name) is seen on 09-30 10:00 through an event. C1 gets a row on
    /// 09-29 written behind the read model's back and never announced, so it shows only after a
    /// reload: proof that only the batch's rows were read.
    @Test("a batch's rows added, the others kept; equal to a fresh read after a reload")
    func patched() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        let data = DashboardData(store: store)
        let day = Day(iso: "2026-09-30")!
        let since = day - 6
        let before = try await data.recentActivities(since: since)
        #expect(before == (try await store.recentActivities(since: since)))
        #expect(!before.contains { $0.companyId == "C3" && $0.contactId == "P3" && $0.day == day })

        let at = { (d: Day, h: Int) in WorkspaceTimeZone.tokyo.instant(localDay: d, secondsOfDay: h * 3600) }
        let hidden = Activity(id: "X-C1", occurredAt: at(day - 1, 11), type: .emailClick, companyId: "C1")
        let seen = Activity(id: "EV-P3", occurredAt: at(day, 10), type: .webVisit, companyId: "C3", contactId: "P3")
        try await store.transaction { tx in try await tx.upsert(activities: [hidden]) }
        try await store.transaction { tx in try await tx.upsert(activities: [seen]) }
        await data.beginEventWrite()
        await data.eventsCommitted(activities: [seen])

        let after = try await data.recentActivities(since: since)
        let p3 = after.filter { $0.contactId == "P3" && $0.day == day }
        #expect(p3.count == 1)
        #expect(p3.first?.companyId == "C3")
        #expect(p3.first?.department == "営業部")
        #expect(p3.first?.role == .user)
        #expect(p3.first?.contactName == nil)
        // C3's rows are the store's now, in its order; every other account's are as before (X-C1
        // not read).
        #expect(
            after.filter { $0.companyId == "C3" }
                == (try await store.recentActivities(since: since)).filter {
                    $0.companyId == "C3"
                })
        #expect(after.filter { $0.companyId != "C3" } == before.filter { $0.companyId != "C3" })

        await data.invalidate()
        let reread = try await data.recentActivities(since: since)
        #expect(reread == (try await store.recentActivities(since: since)))
        #expect(reread.count == after.count + 1)
    }

    /// Through the ranking: the list after a batch is the list a fresh read model gives.
    @Test("the approach-now list after a batch equals a fresh read model's")
    func rankingAfterBatch() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        let data = DashboardData(store: store)
        let day = Day(iso: "2026-09-30")!
        _ = try await data.approachNowList(asOf: day, tier: nil, limit: 10)
        let seen = Activity(
            id: "EV-P3", occurredAt: WorkspaceTimeZone.tokyo.instant(localDay: day, secondsOfDay: 10 * 3600),
            type: .formSubmit, companyId: "C3", contactId: "P3")
        try await store.transaction { tx in try await tx.upsert(activities: [seen]) }
        await data.beginEventWrite()
        await data.eventsCommitted(activities: [seen])
        let patched = try await data.approachNow(asOf: day)
        let fresh = try await DashboardData(store: store).approachNow(asOf: day)
        #expect(patched.map(\.account.companyId) == fresh.map(\.account.companyId))
        #expect(patched.map(\.reasons) == fresh.map(\.reasons))
        #expect(patched.first { $0.account.companyId == "C3" }?.reasons.isEmpty == false)
    }
}
