import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// Issue 24 §4 and §3: experiments (with every account and its group) and the initiative log
/// are stored the same way on both backends.
@Suite("Store contract: holdout experiments and the initiative log")
struct ExperimentContractTests {
    static func day(_ s: String) -> Day { Day(iso: s)! }

    static func experiment(_ name: String, accounts n: Int) -> Experiment {
        Experiment(
            name: name, population: .icp, share: HoldoutShare(basisPoints: 2000)!, seed: UInt64.max,
            start: day("2026-07-01"),
            createdAt: Instant(millisecondsSinceEpoch: 1_790_000_000_123),
            accounts: (0..<n).map { i in
                ExperimentAccount(
                    companyId: String(format: "C%04d", i), group: i % 5 == 0 ? .holdout : .treated,
                    stratum: "tier \(i % 3 == 0 ? "none" : "1") · 製造")
            })
    }

    @Test(
        "created, read back exactly (UInt64.max seed, 600 accounts over several statements), ended",
        arguments: StoreBackend.allCases)
    func roundTrip(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        #expect(try await store.experiments().isEmpty)
        #expect(try await store.experiment(named: "FY26 H2") == nil)
        let e = Self.experiment("FY26 H2", accounts: 600)
        try await store.createExperiment(e)
        #expect(try await store.experiment(named: "FY26 H2") == e)
        let second = Self.experiment("下期 検証", accounts: 3)
        try await store.createExperiment(second)
        #expect(try await store.experiments() == [e, second])
        // A name taken: refused, nothing of the second attempt stored.
        await #expect(throws: ExperimentNameTaken(name: "FY26 H2")) {
            try await store.createExperiment(Self.experiment("FY26 H2", accounts: 2))
        }
        #expect(try await store.experiment(named: "FY26 H2")?.accounts.count == 600)
        // Holdout memberships: C0000 is in both holdouts (i % 5 == 0); C0001 in none.
        let m = try await store.holdoutMemberships(of: "C0000")
        #expect(m.map(\.experiment) == ["FY26 H2", "下期 検証"])
        #expect(m.allSatisfy { $0.endedOn == nil })
        #expect(try await store.holdoutMemberships(of: "C0001").isEmpty)
        #expect(try await store.endExperiment(named: "FY26 H2", on: Self.day("2026-12-31")))
        #expect(!(try await store.endExperiment(named: "nope", on: Self.day("2026-12-31"))))
        #expect(try await store.holdoutMemberships(of: "C0000").first?.endedOn == Self.day("2026-12-31"))
        #expect(try await store.experiment(named: "FY26 H2")?.endedOn == Self.day("2026-12-31"))
        // Copied by `kizashi copy` like the other user-made tables.
        #expect(PortableTable.all.map(\.name).contains("experiments"))
        #expect(PortableTable.all.map(\.name).contains("experiment_accounts"))
    }

    @Test("initiatives: added with a number, listed by day, removed", arguments: StoreBackend.allCases)
    func initiatives(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        #expect(try await store.initiatives().isEmpty)
        let at = Instant(millisecondsSinceEpoch: 1_790_000_000_000)
        let late = try await store.addInitiative(
            Initiative(on: Self.day("2026-08-01"), title: "展示会 \"ABM\" 出展", campaignId: "C1", tier: .one, createdAt: at)
        )
        let early = try await store.addInitiative(
            Initiative(on: Self.day("2026-07-15"), title: "Webinar", createdAt: at))
        #expect(late.id != nil && early.id != nil && late.id != early.id)
        #expect(try await store.initiatives() == [early, late])
        #expect(try await store.removeInitiative(id: early.id!))
        #expect(!(try await store.removeInitiative(id: early.id!)))
        #expect(try await store.initiatives() == [late])
        #expect(PortableTable.all.map(\.name).contains("initiatives"))
    }

    @Test("review notes: one per period and tier, replaced, removed by an empty note", arguments: StoreBackend.allCases)
    func reviews(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let q3 = KPIPeriod.quarter(year: 2026, quarter: 3)
        let at = Instant(millisecondsSinceEpoch: 1_790_000_000_000)
        #expect(try await store.periodReview(q3, tier: nil) == nil)
        let all = PeriodReview(period: q3, tier: nil, note: "SQL 化が遅れた。\nQ4 は架電を増やす", updatedAt: at)
        let tier1 = PeriodReview(period: q3, tier: .one, note: "Tier 1: 展示会が効いた", updatedAt: at)
        try await store.setPeriodReview(all)
        try await store.setPeriodReview(tier1)
        #expect(try await store.periodReview(q3, tier: nil) == all)
        #expect(try await store.periodReview(q3, tier: .one) == tier1)
        #expect(try await store.periodReview(q3, tier: .two) == nil)
        #expect(try await store.periodReview(KPIPeriod.month(year: 2026, month: 7), tier: nil) == nil)
        var changed = all
        changed.note = "書き直し"
        try await store.setPeriodReview(changed)
        #expect(try await store.periodReview(q3, tier: nil) == changed)
        changed.note = ""
        try await store.setPeriodReview(changed)
        #expect(try await store.periodReview(q3, tier: nil) == nil)
        #expect(try await store.periodReview(q3, tier: .one) == tier1)
    }
}
