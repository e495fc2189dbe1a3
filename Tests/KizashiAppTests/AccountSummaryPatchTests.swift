import Foundation
import KizashiCore
import KizashiStore
import Testing

@testable import KizashiApp

/// The read model's account engagement across event batches (issue 23: the first page after a
/// batch): kept, patched with each batch, the same as a fresh read. The patch itself is worked by
/// hand in the store contract (`AccountActivityContractTests.activityAccounts`); this is the wiring.
@Suite("Read model: account summaries across event batches")
struct AccountSummaryPatchTests {
    /// The Q3 fixture (docs in ApproachCoverageGapTests): at C3, P3 is a user and no activity of
    /// C3 names a contact, so C3 has 0 engaged contacts in the 90-day window 07-03 … 09-30; after
    /// P3 is seen on 09-30 (a row naming only P3: C3 through its contact) it has {P3}.
    @Test("patched with an event batch, equal to a fresh read; an import drops them")
    func patched() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        let data = DashboardData(store: store)
        let day = Day(iso: "2026-09-30")!
        let window = Day(iso: "2026-07-03")!...day
        let before = try await data.accountEngagement(engagedDays: window, timeZone: .tokyo)
        #expect((before["C3"]?.contacts ?? []) == [])

        let seen = Activity(
            id: "EV-P3", occurredAt: WorkspaceTimeZone.tokyo.instant(localDay: day, secondsOfDay: 10 * 3600),
            type: .webVisit, contactId: "P3")
        try await store.transaction { tx in try await tx.upsert(activities: [seen]) }
        await data.beginEventWrite()
        await data.eventsCommitted(activities: [seen])
        let after = try await data.accountEngagement(engagedDays: window, timeZone: .tokyo)
        #expect(after["C3"] == AccountEngagement(contacts: ["P3"], lastActivity: seen.occurredAt))
        // Only targets are patched; every account here that the fresh read has and the patch
        // touched is a target, so the whole maps are equal.
        let fresh = try await store.accountEngagement(engagedDays: window)
        #expect(after == fresh)

        // Written behind the read model's back, then announced as a change other than events: the
        // summaries are read whole again (C1's latest is now this row of 10-05, after every
        // fixture row).
        let other = Activity(
            id: "X-C1", occurredAt: WorkspaceTimeZone.tokyo.instant(localDay: day + 5, secondsOfDay: 11 * 3600),
            type: .emailClick, companyId: "C1")
        try await store.transaction { tx in try await tx.upsert(activities: [other]) }
        await data.invalidate()
        let reread = try await data.accountEngagement(engagedDays: window, timeZone: .tokyo)
        #expect(reread["C1"]?.lastActivity == other.occurredAt)
        #expect(reread == (try await store.accountEngagement(engagedDays: window)))
    }
}
