import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// The hand-worked package (Fixtures/q3-handworked, arithmetic in its README) plus one open deal
/// whose amount is not known yet (data-format.md: counted in every count, adds 0 to every sum).
@Suite("Hand-worked KPIs with an open deal without amount")
struct HandWorkedOpenDealTests {
    @Test("O10 (open, no amount, C1, created 2026-08-15) adds 1 to the counts and 0 to the sums")
    func openDealWithoutAmount() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let package = (dir as NSString).appendingPathComponent("package")
        try FileManager.default.copyItem(atPath: Fixture.path("q3-handworked"), toPath: package)
        let opportunities = (package as NSString).appendingPathComponent("opportunities.csv")
        var csv = try String(contentsOfFile: opportunities, encoding: .utf8)
        if !csv.hasSuffix("\n") { csv += "\n" }
        csv += "O10,C1,追加見積,2026-08-15,,,open,,Proposal,\n"
        try csv.write(toFile: opportunities, atomically: true, encoding: .utf8)

        let report = try await PackageImporter(store: store).importPackage(
            at: package, options: .init(rejectedPath: (dir as NSString).appendingPathComponent("rejected.csv")))
        #expect(report.rejectedTotal == 0, "rejected: \(report.firstRejected)")
        #expect(try await store.opportunities().first { $0.id == "O10" }?.amount == nil)

        let kpis = try await KPIService(store: store).report(period: KPIPeriod(label: "2026Q3")!)
        let actual = try PlainJSON.parse(kpis.json().serialized())
        guard var expected = try PlainJSON.parse(file: Fixture.path("q3-handworked/expected.json")) as? [String: Any],
            var top = expected["kpis"] as? [String: Any], var byTier = expected["by_tier"] as? [String: Any],
            var tier1 = byTier["1"] as? [String: Any]
        else {
            Issue.record("expected.json has no kpis / by_tier.1")
            return
        }
        // README: opportunities_created of T = O1, O2, O3 → 3; with O10 (C1, a tier-1 target, created
        // 2026-08-15 in Q3) → 4. pipeline_created = 10M + 3M + 5M + 0 = 18,000,000 (unchanged), so
        // pipeline_per_cost = 18,000,000 / 3,300,000 stays 5.4545…. Tier 1 (C1): 1 → 2 deals,
        // pipeline 10,000,000 + 0. O10 is open, so win_rate, closed_won_revenue and acv do not move;
        // C1 already had an opportunity, so the funnel does not move either.
        #expect(top["opportunities_created"] as? Int == 3)
        top["opportunities_created"] = 4
        #expect(top["pipeline_created"] as? Int == 18_000_000)
        tier1["opportunities_created"] = 2
        #expect(tier1["pipeline_created"] as? Int == 10_000_000)
        byTier["1"] = tier1
        expected["kpis"] = top
        expected["by_tier"] = byTier
        let diffs = PlainJSON.differences(expected: expected, actual: actual)
        #expect(diffs.isEmpty, "\(diffs.joined(separator: "\n"))")
    }
}
