import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Issue 26 §4 on the hand-worked 2026Q3 package (Fixtures/q3-handworked). Its targets:
/// C1 t1 from 01-01; C2 t2 until 09-30 (exclusive); C3 t2 until 10-01; C5 t3 from 08-01; C6 t3
/// from 09-30; C7 t1 from 10-01. Employees: C1 1200, C2 500, C3 "約300" (not a number), C5 800,
/// C6 400, C7 3000. Regions: C1 東京都, C2 大阪府, C3 東京都, C5 CA (US), C6 大阪府, C7 愛知県.
@Suite("Segments on the hand-worked fixture")
struct SegmentServiceTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    static func service() async throws -> (SegmentService, any WorkspaceStore) {
        let (store, _) = try await Fixture.newStore()
        _ = try await PackageImporter(store: store).importPackage(
            at: Fixture.path("q3-handworked"), options: .init(rejectedPath: nil))
        let clock: @Sendable () -> Instant = { Instant(millisecondsSinceEpoch: 1_790_000_000_000) }
        return (SegmentService(store: store, data: DashboardData(store: store), now: clock), store)
    }

    @Test("created with its canonical rule, refused names and rules, listed, deleted")
    func createListDelete() async throws {
        let (s, store) = try await Self.service()
        defer { Task { try? await store.close() } }
        let a = try await s.create(name: "大手", rule: "employees>=500   tier:2,1")
        #expect(a.rule == "employees>=500 tier:1,2")
        await #expect(throws: SegmentService.Refusal.nameTaken("大手")) { _ = try await s.create(name: "大手", rule: "") }
        await #expect(throws: SegmentService.Refusal.self) { _ = try await s.create(name: "a b", rule: "") }
        await #expect(throws: SegmentRuleError.self) { _ = try await s.create(name: "x", rule: "tier:9") }
        #expect(try await s.list().map(\.name) == ["大手"])
        try await s.delete(name: "大手")
        await #expect(throws: SegmentService.Refusal.unknown("大手")) { try await s.delete(name: "大手") }
    }

    @Test("firmographic members on given days, worked from companies.csv and targets.csv")
    func firmographics() async throws {
        let (s, store) = try await Self.service()
        defer { Task { try? await store.close() } }
        _ = try await s.create(name: "big", rule: "employees>=500")
        _ = try await s.create(name: "tokyo_t1", rule: "country:JP prefecture:東京都 tier:1")
        // 09-29: targets C1, C2, C3, C5 → ≥ 500: C1 (1200), C2 (500), C5 (800); C3 is not a number.
        #expect(
            try await s.evaluate(name: "big", on: Self.d("2026-09-29")).members.map(\.companyId) == ["C1", "C2", "C5"])
        // 10-01: targets C1, C5, C6, C7 → C1, C5, C7 (3000); C6 has 400.
        let big = try await s.evaluate(name: "big", on: Self.d("2026-10-01"))
        #expect(big.members.map(\.companyId) == ["C1", "C5", "C7"])
        #expect(big.members.map(\.employees) == [1200, 800, 3000])
        // Tier 1 on 10-01: C1 (東京都) and C7 (愛知県) → C1.
        #expect(try await s.evaluate(name: "tokyo_t1", on: Self.d("2026-10-01")).members.map(\.companyId) == ["C1"])
    }

    @Test("refreshes keep who entered and who left, day by day")
    func history() async throws {
        let (s, store) = try await Self.service()
        defer { Task { try? await store.close() } }
        _ = try await s.create(name: "big", rule: "employees>=500")
        let r1 = try await s.refresh(name: "big", on: Self.d("2026-09-29"))
        #expect(r1.entered == ["C1", "C2", "C5"] && r1.left == [] && r1.members == 3)
        // 09-30: C2 leaves the target list, so the segment.
        let r2 = try await s.refresh(name: "big", on: Self.d("2026-09-30"))
        #expect(r2.entered == [] && r2.left == ["C2"] && r2.members == 2)
        // 10-01: C7 (3000) becomes a target.
        let r3 = try await s.refresh(name: "big", on: Self.d("2026-10-01"))
        #expect(r3.entered == ["C7"] && r3.left == [] && r3.members == 3)
        #expect(
            try await s.stays(of: "big") == [
                SegmentStay(companyId: "C1", enteredOn: Self.d("2026-09-29")),
                SegmentStay(companyId: "C2", enteredOn: Self.d("2026-09-29"), leftOn: Self.d("2026-09-30")),
                SegmentStay(companyId: "C5", enteredOn: Self.d("2026-09-29")),
                SegmentStay(companyId: "C7", enteredOn: Self.d("2026-10-01")),
            ])
        await #expect(throws: SegmentService.Refusal.refreshBefore(lastRefresh: Self.d("2026-10-01"))) {
            _ = try await s.refresh(name: "big", on: Self.d("2026-09-30"))
        }
        // Refreshing the same day again changes nothing.
        let again = try await s.refresh(name: "big", on: Self.d("2026-10-01"))
        #expect(again.entered == [] && again.left == [])
    }

    @Test("stage, coverage, score and intent conditions agree with the journey, coverage and accounts list")
    func agreesWithTheOtherViews() async throws {
        let (s, store) = try await Self.service()
        defer { Task { try? await store.close() } }
        let day = Self.d("2026-09-30")
        _ = try await s.create(name: "engaged", rule: "stage>=engaged")
        _ = try await s.create(name: "no_dm", rule: "missing:decision_maker")
        _ = try await s.create(name: "surging", rule: "surging")
        let journey = JourneyService(store: store)
        let stages = try await journey.stages(on: day)
        #expect(
            try await s.evaluate(name: "engaged", on: day).members.map(\.companyId)
                == stages.filter { $0.stage >= .engaged }.map(\.companyId))
        let coverage = try await journey.coverage(on: day)
        #expect(
            try await s.evaluate(name: "no_dm", on: day).members.map(\.companyId)
                == coverage.filter { c in c.missing.contains { $0.requirement.role == .decisionMaker } }.map(
                    \.companyId
                )
                .sorted())
        let list = try await DashboardData(store: store).accountList(asOf: day)
        #expect(
            try await s.evaluate(name: "surging", on: day).members.map(\.companyId)
                == list.rows.filter(\.surging).map(\.companyId).sorted())
    }

    @Test(
        "the alert path's facts (from the round's computation) give the hand-worked members and the same as the list's")
    func fromComputation() async throws {
        let (s, store) = try await Self.service()
        defer { Task { try? await store.close() } }
        let data = DashboardData(store: store)
        let rules = ["employees>=500", "country:JP prefecture:東京都 tier:1", "surging", "score>=10", "stage>=engaged"]
        for (i, rule) in rules.enumerated() { _ = try await s.create(name: "r\(i)", rule: rule) }
        for day in [Self.d("2026-09-29"), Self.d("2026-09-30"), Self.d("2026-10-01")] {
            let c = try await data.computation(for: [KPIPeriod(start: day - 7, end: day + 1)])
            for i in rules.indices {
                let viaList = try await s.evaluate(name: "r\(i)", on: day).members
                let viaComputation = try await s.evaluate(name: "r\(i)", on: day, computation: c).members
                #expect(viaComputation == viaList, "\(rules[i]) on \(day)")
            }
        }
        // Hand-worked (as in `firmographics`): ≥ 500 employees on 10-01 is C1, C5, C7.
        let c = try await data.computation(for: [KPIPeriod(start: Self.d("2026-09-24"), end: Self.d("2026-10-02"))])
        #expect(
            try await s.evaluate(name: "r0", on: Self.d("2026-10-01"), computation: c).members.map(\.companyId) == [
                "C1", "C5", "C7",
            ])
    }
}
