import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Imports the hand-worked package (Fixtures/q3-handworked, arithmetic in its README) through the
/// real pipeline and compares every KPI with the hand-computed expected.json.
@Suite("Hand-worked KPIs, end to end")
struct HandWorkedKPITests {
    static let q3 = KPIPeriod(label: "2026Q3")!

    @Test("every KPI, by_tier, the funnel and top_topics match the hand-worked figures")
    func everyKPI() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let report = try await PackageImporter(store: store).importPackage(
            at: Fixture.path("q3-handworked"),
            options: .init(rejectedPath: (dir as NSString).appendingPathComponent("rejected.csv")))
        #expect(report.rejectedTotal == 0, "rejected: \(report.firstRejected)")
        #expect(report.icpSet)

        let kpis = try await KPIService(store: store).report(period: Self.q3)
        let actual = try PlainJSON.parse(kpis.json().serialized())
        let expected = try PlainJSON.parse(file: Fixture.path("q3-handworked/expected.json"))
        let diffs = PlainJSON.differences(expected: expected, actual: actual)
        #expect(diffs.isEmpty, "\(diffs.joined(separator: "\n"))")

        // by_tier omits the keys that are not about the target set (kpis.md §Output).
        let byTier = (actual as? [String: Any])?["by_tier"] as? [String: Any]
        for tier in ["1", "2", "3"] {
            let keys = Set(((byTier?[tier] as? [String: Any]) ?? [:]).keys)
            for omitted in [
                "icp_companies", "win_rate_non_target", "acv_non_target", "abm_cost", "roi", "pipeline_per_cost",
            ] {
                #expect(!keys.contains(omitted), "by_tier.\(tier) must omit \(omitted)")
            }
        }
        // kpis holds every key of kpis.md.
        let top = Set((((actual as? [String: Any])?["kpis"] as? [String: Any]) ?? [:]).keys)
        #expect(top == Set(KPICatalog.all.map(\.key)))
    }

    @Test("goals give attainment and the bottleneck is the phase of the lowest attainment")
    func goalsAndBottleneck() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            // sql_count 2 of 4 → 0.5; win_rate 0.75 of 0.5 → 1.5; duplicate_rate (lower is better) 0.4 / 0.5 → 0.8
            try await tx.setGoal(KPIGoal(kpi: "sql_count", period: Self.q3, value: 4))
            try await tx.setGoal(KPIGoal(kpi: "win_rate", period: Self.q3, value: 0.5))
            try await tx.setGoal(KPIGoal(kpi: "duplicate_rate", period: Self.q3, value: 0.4))
            // A goal of another period must not apply.
            try await tx.setGoal(KPIGoal(kpi: "meetings", period: KPIPeriod(label: "2026Q2")!, value: 100))
        }
        let report = try await KPIService(store: store).report(period: Self.q3)
        let att = Dictionary(
            uniqueKeysWithValues: report.goals.filter { $0.tier == nil }.map { ($0.kpi, $0.attainment.doubleValue) })
        #expect(att["sql_count"] == 0.5)
        #expect(att["win_rate"] == 1.5)
        #expect(abs((att["duplicate_rate"] ?? 0)! - 0.8) < 1e-12)
        #expect(att["meetings"] == nil)
        if case .byGoals(let phase, let kpi, let a) = report.bottleneck {
            #expect(phase == .pipeline)
            #expect(kpi == "sql_count")
            #expect(a == 0.5)
        } else {
            Issue.record("expected a goal-based bottleneck, got \(String(describing: report.bottleneck))")
        }
    }
}

@Suite("The intent page's competitor list is the KPI's accounts")
struct CompetitorResearchTests {
    @Test("per tier, the list names exactly the accounts competitor_research_accounts counts (README: C3, tier 2)")
    func listMatchesKPI() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        let q3 = HandWorkedKPITests.q3
        let p = try await KPIService(store: store).parameters()
        let c = KPIComputation(
            dataset: try await store.kpiDataset(KPIDataRequirements(periods: [q3], parameters: p)), parameters: p)
        // expected.json: 1 overall, by tier 0 / 1 / 0 — C3 is the one (README, phase 2).
        #expect(c.competitorResearch(in: q3, tier: nil).map(\.companyId) == ["C3"])
        #expect(c.competitorResearch(in: q3, tier: .one).isEmpty)
        #expect(c.competitorResearch(in: q3, tier: .two).map(\.companyId) == ["C3"])
        #expect(c.competitorResearch(in: q3, tier: .three).isEmpty)
    }
}
