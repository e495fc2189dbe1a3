import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// A segment feeding the target list (issue 26 §4) on the hand-worked package
/// (Fixtures/q3-handworked). Companies: C1 IT 1,200; C2 Manufacturing 500; C3 IT "約300" (not a
/// number); C4 IT 2,000; C5 IT 800; C6 Retail 400; C7 Manufacturing 3,000; C8 IT 100. Manual
/// targets: C1 from 01-01; C2 until 09-30; C3 until 10-01; C5 from 08-01; C6 from 09-30; C7
/// from 10-01. The feeding rule `industry:IT employees>=1000` is judged over every company.
@Suite("Segments feeding the target list", .serialized)
struct SegmentFeedTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }
    static let clock: @Sendable () -> Instant = { Instant(millisecondsSinceEpoch: 1_790_000_000_000) }

    /// A new service per step, as separate `kizashi` runs would have (no cached computation).
    static func service(_ store: any WorkspaceStore) -> SegmentService {
        SegmentService(store: store, data: DashboardData(store: store), now: clock)
    }

    static func setEmployees(_ store: any WorkspaceStore, _ changes: [String: String]) async throws {
        var companies: [Company] = []
        for (id, n) in changes {
            var c = try #require(try await store.company(id: id))
            c.employees = n
            companies.append(c)
        }
        let rows = companies
        try await store.transaction { tx in try await tx.upsert(companies: rows) }
    }

    @Test(
        "entered non-targets are added at the feed's tier; the ones it added leave with the rule; people's targets untouched"
    )
    func feedsTheList() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        let s = Self.service(store)
        _ = try await s.create(name: "IT大手", rule: "industry:IT employees>=1000")
        let fed = try await s.feed(name: "IT大手", tier: .three, owner: "フィード")
        #expect(fed.feed == SegmentFeed(tier: .three, owner: "フィード"))

        // 09-15: IT with ≥ 1,000 employees among every company: C1 (1,200) and C4 (2,000). C4 is
        // not a target that day (C1 is): C4 is added, judged with no tier before it.
        let before = try await s.evaluate(name: "IT大手", on: Self.d("2026-09-15"))
        #expect(before.members.map(\.companyId) == ["C1", "C4"])
        #expect(before.members.map(\.tier) == [.one, nil])
        let r1 = try await Self.service(store).refresh(name: "IT大手", on: Self.d("2026-09-15"))
        #expect(r1.entered == ["C1", "C4"] && r1.left == [] && r1.members == 2)
        #expect(r1.addedToTargets == ["C4"] && r1.removedFromTargets == [] && r1.heldOut == [])
        let c4 = TargetMembership(
            companyId: "C4", tier: .three, addedOn: Self.d("2026-09-15"), removedOn: nil, owner: "フィード")
        #expect(try await store.targets().filter { $0.companyId == "C4" } == [c4])
        // The same day again changes nothing.
        let again = try await Self.service(store).refresh(name: "IT大手", on: Self.d("2026-09-15"))
        #expect(again.entered == [] && again.addedToTargets == [] && again.removedFromTargets == [])

        // C4 shrinks to 100, C8 grows to 1,500: on 10-01 C8 enters (added), C4 leaves (its fed
        // membership ends on 10-01, exclusive: a target from 09-15 to 09-30).
        try await Self.setEmployees(store, ["C4": "100", "C8": "1500"])
        let r2 = try await Self.service(store).refresh(name: "IT大手", on: Self.d("2026-10-01"))
        #expect(r2.entered == ["C8"] && r2.left == ["C4"])
        #expect(r2.addedToTargets == ["C8"] && r2.removedFromTargets == ["C4"])
        var ended = c4
        ended.removedOn = Self.d("2026-10-01")
        #expect(try await store.targets().filter { $0.companyId == "C4" } == [ended])
        #expect(
            try await store.targets().filter { $0.companyId == "C8" } == [
                TargetMembership(
                    companyId: "C8", tier: .three, addedOn: Self.d("2026-10-01"), removedOn: nil, owner: "フィード")
            ])
        // The KPI view agrees: C4 counted as a target on 09-30, not on 10-01; C8 from 10-01.
        let list0930 = try await DashboardData(store: store).accountList(asOf: Self.d("2026-09-30"))
        let list1001 = try await DashboardData(store: store).accountList(asOf: Self.d("2026-10-01"))
        #expect(list0930.rows.contains { $0.companyId == "C4" && $0.tier == .three })
        #expect(!list1001.rows.contains { $0.companyId == "C4" })
        #expect(list1001.rows.contains { $0.companyId == "C8" && $0.tier == .three })

        // A person ends C8 on 10-05; C1 (a person's target) and C8 then leave the rule on 10-06:
        // neither membership is touched by the feed.
        _ = try await TargetListService(store: store).remove(companyId: "C8", today: Self.d("2026-10-05"))
        try await Self.setEmployees(store, ["C1": "500", "C8": "100"])
        let r3 = try await Self.service(store).refresh(name: "IT大手", on: Self.d("2026-10-06"))
        #expect(r3.left == ["C1", "C8"] && r3.removedFromTargets == [] && r3.addedToTargets == [])
        #expect(try await store.targets().first { $0.companyId == "C1" }?.removedOn == nil)
        #expect(try await store.targets().first { $0.companyId == "C8" }?.removedOn == Self.d("2026-10-05"))

        // Stopping keeps what was added; the history stays.
        #expect(try await s.stopFeed(name: "IT大手").feed == nil)
        #expect(try await s.stays(of: "IT大手").filter(\.fed).map(\.companyId) == ["C4", "C8"])
    }

    /// On 09-15 the rule's members are C1 (a target) and C4 (not). An experiment that started on
    /// 09-01 holds C4 out: C4 is listed as held out, not added. A second experiment that held C8
    /// out ended on 09-30 (exclusive): on 10-01, when C8 enters, it is added.
    @Test("a company a running experiment holds out is not added; once the experiment ended it is")
    func heldOut() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        func experiment(_ name: String, holding id: String, endedOn: Day?) -> Experiment {
            Experiment(
                name: name, population: .icp, share: HoldoutShare(basisPoints: 2_000)!, seed: 1,
                start: Self.d("2026-09-01"), endedOn: endedOn, createdAt: Self.clock(),
                accounts: [ExperimentAccount(companyId: id, group: .holdout, stratum: "all")])
        }
        try await store.createExperiment(experiment("running", holding: "C4", endedOn: nil))
        try await store.createExperiment(experiment("ended", holding: "C8", endedOn: Self.d("2026-09-30")))
        let s = Self.service(store)
        _ = try await s.create(name: "IT大手", rule: "industry:IT employees>=1000")
        _ = try await s.feed(name: "IT大手", tier: .three, owner: nil)
        let r1 = try await Self.service(store).refresh(name: "IT大手", on: Self.d("2026-09-15"))
        #expect(r1.entered == ["C1", "C4"] && r1.heldOut == ["C4"] && r1.addedToTargets == [])
        #expect(try await store.targets().filter { $0.companyId == "C4" }.isEmpty)
        try await Self.setEmployees(store, ["C8": "1500"])
        let r2 = try await Self.service(store).refresh(name: "IT大手", on: Self.d("2026-10-01"))
        #expect(r2.entered == ["C8"] && r2.heldOut == [] && r2.addedToTargets == ["C8"])
    }

    @Test("a rule on what only targets have cannot feed; a bad owner or unknown segment is refused")
    func refusals() async throws {
        let (store, _) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let s = Self.service(store)
        let rules = ["tier:1", "stage>=engaged", "coverage:full", "missing:decision_maker", "icp:yes stage:aware"]
        for (i, rule) in rules.enumerated() {
            let name = "r\(i)"
            _ = try await s.create(name: name, rule: rule)
            await #expect(throws: SegmentService.Refusal.self, "\(rule)") {
                _ = try await s.feed(name: name, tier: .two, owner: nil)
            }
            #expect(try await s.segment(named: name).feed == nil)
        }
        _ = try await s.create(name: "ok", rule: "icp:yes surging")
        await #expect(throws: SegmentService.Refusal.badOwner("the owner has 1 to 120 characters on one line")) {
            _ = try await s.feed(name: "ok", tier: .two, owner: "a\nb")
        }
        await #expect(throws: SegmentService.Refusal.unknown("nope")) {
            _ = try await s.feed(name: "nope", tier: .two, owner: nil)
        }
        #expect(try await s.feed(name: "ok", tier: .two, owner: nil).feed == SegmentFeed(tier: .two))
    }

    @Test("serve's daily refresh: feeding segments not refreshed today are, once; the server is told of the change")
    func scheduler() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        // 2026-09-15T03:00Z is 12:00 on 09-15 in Tokyo (the package's time zone).
        let noon: @Sendable () -> Instant = { Instant(millisecondsSinceEpoch: 1_789_441_200_000) }
        let s = SegmentService(store: store, data: DashboardData(store: store), now: noon)
        _ = try await s.create(name: "IT大手", rule: "industry:IT employees>=1000")
        _ = try await s.create(name: "not_feeding", rule: "employees>=1")
        _ = try await s.feed(name: "IT大手", tier: .three, owner: nil)
        let told = FeedChangeCounter()
        let scheduler = SegmentFeedScheduler(segments: s, changed: { await told.add() })
        let first = try await scheduler.refreshDue()
        #expect(first.map(\.name) == ["IT大手"] && first.first?.day == Self.d("2026-09-15"))
        #expect(first.first?.addedToTargets == ["C4"])
        #expect(await told.value == 1)
        #expect(try await scheduler.refreshDue().isEmpty)
        #expect(await told.value == 1)
        #expect(try await s.segment(named: "not_feeding").refreshedOn == nil)
    }
}

actor FeedChangeCounter {
    var value = 0
    func add() { value += 1 }
}
