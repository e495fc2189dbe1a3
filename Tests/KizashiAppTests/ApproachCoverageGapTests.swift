import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Buying-group gaps on the approach-now list (issue 26 §3), hand-worked on the Q3 fixture as of
/// 2026-09-30 with the default roles (decision maker, influencer, user) and the 90-day window
/// 07-03 … 09-30 (local days):
/// - C1 (tier 1): P1 decision maker active 09-25 and 09-28 (A10, A12; A02 falls on 10-01 JST),
///   P2 influencer active 09-25 (A11); no user contact → missing: user.
/// - C5 (tier 3 again from 08-01): P4 decision maker active 09-20 (A06) → missing: influencer, user.
/// - C3 (tier 2 until 10-01): P3 is a user but no activity of C3 names a contact → all three missing.
/// - C6 (tier 3 from 09-30): no contacts → all three missing.
@Suite("Approach now: buying-group gaps")
struct ApproachCoverageGapTests {
    @Test("each listed account's missing roles, in words, in the JSON and the CLI text")
    func gaps() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        let list = try await DashboardData(store: store).approachNowList(
            asOf: Day(iso: "2026-09-30")!, tier: nil, limit: 10)
        let entries = list.entries + list.inDeal
        let gaps = Dictionary(uniqueKeysWithValues: entries.map { ($0.account.companyId, $0.coverageGaps.map(\.text)) })
        let expected: [String: [String]] = [
            "C1": ["user"], "C5": ["influencer", "user"], "C3": ["decision_maker", "influencer", "user"],
            "C6": ["decision_maker", "influencer", "user"],
        ]
        #expect(!gaps.isEmpty)
        for (id, missing) in gaps {
            #expect(expected[id] == missing, "\(id): \(missing)")
        }
        let c1 = try #require(entries.first { $0.account.companyId == "C1" })
        #expect(c1.coverageGapText(.ja) == "まだエンゲージがありません: 利用者")
        #expect(c1.coverageGapText(.en) == "No one engaged yet: user")
        let json = c1.json(.en).serialized()
        #expect(json.contains("\"coverage_gaps\":[{\"role\":\"user\",\"department\":null,\"text\":\"user\"}]"))
        let text = ApproachNowRenderer.render([c1], weights: ApproachWeights(), language: .ja)
        #expect(text.contains("   まだエンゲージがありません: 利用者\n"))
    }

    /// The finished list is kept per day, tier and length (issue 20: `/now` ≤ 100 ms p95), and an
    /// event batch makes the next request build it again: P3 (a user at C3) is seen on 09-30, so
    /// C3 misses only the decision maker and the influencer afterwards.
    @Test("a kept list until an event batch, then C3's gaps without the user")
    func keptUntilEvents() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        let data = DashboardData(store: store)
        let day = Day(iso: "2026-09-30")!
        func c3() async throws -> [String]? { try await Self.gaps(of: "C3", data, day) }
        #expect(try await c3() == ["decision_maker", "influencer", "user"])
        let seen = Activity(
            id: "EV-P3", occurredAt: WorkspaceTimeZone.tokyo.instant(localDay: day, secondsOfDay: 10 * 3600),
            type: .webVisit, contactId: "P3")
        try await store.transaction { tx in try await tx.upsert(activities: [seen]) }
        // Written behind the read model's back: the kept list is answered.
        #expect(try await c3() == ["decision_maker", "influencer", "user"])
        await data.beginEventWrite()
        await data.eventsCommitted(activities: [seen])
        // C3's contacts were kept, and P3 (the row names only P3: C3 through its contact) added
        // to C3's engaged contacts: the same gaps as a fresh read model's, for every listed account.
        #expect(try await c3() == ["decision_maker", "influencer"])
        #expect(try await Self.allGaps(data, day) == Self.allGaps(DashboardData(store: store), day))
        // An event outside the score window (90 days before 09-30 is 07-03; 07-02 is out) adds no one.
        let old = Activity(
            id: "EV-P1-OLD", occurredAt: WorkspaceTimeZone.tokyo.instant(localDay: day - 90, secondsOfDay: 10 * 3600),
            type: .webVisit, companyId: "C3", contactId: "P1")
        try await store.transaction { tx in try await tx.upsert(activities: [old]) }
        await data.beginEventWrite()
        await data.eventsCommitted(activities: [old])
        #expect(try await c3() == ["decision_maker", "influencer"])
    }

    @Test("an import that only adds activities: the gaps follow, the same as a fresh read model's")
    func afterActivitiesImport() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        let data = DashboardData(store: store)
        let day = Day(iso: "2026-09-30")!
        func c3() async throws -> [String]? { try await Self.gaps(of: "C3", data, day) }
        #expect(try await c3() == ["decision_maker", "influencer", "user"])
        // A row of P3 (C3's user) on 09-29: C3 misses the decision maker and the influencer. Its
        // contacts were kept from the first list, not read again.
        let row = Activity(
            id: "IM-C3-P3", occurredAt: WorkspaceTimeZone.tokyo.instant(localDay: day - 1, secondsOfDay: 9 * 3600),
            type: .emailClick, companyId: "C3", contactId: "P3")
        let mark = await data.importBegan()
        try await store.transaction { tx in try await tx.upsert(activities: [row]) }
        await data.importCommitted(mark, activities: [row])
        #expect(try await c3() == ["decision_maker", "influencer"])
        #expect(try await Self.allGaps(data, day) == Self.allGaps(DashboardData(store: store), day))
    }

    /// One listed account's gaps on the first ten of `day`'s list, in words.
    static func gaps(of company: String, _ data: DashboardData, _ day: Day) async throws -> [String]? {
        let list = try await data.approachNowList(asOf: day, tier: nil, limit: 10)
        return (list.entries + list.inDeal).first { $0.account.companyId == company }?.coverageGaps.map(\.text)
    }

    /// Every listed account's gaps, in list order.
    static func allGaps(_ data: DashboardData, _ day: Day) async throws -> [[String]] {
        let list = try await data.approachNowList(asOf: day, tier: nil, limit: 10)
        return (list.entries + list.inDeal).map { $0.coverageGaps.map(\.text) }
    }
}
