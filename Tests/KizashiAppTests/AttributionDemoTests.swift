import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// attribution.md §Figures, the check, on the small demo workspace (seed 42): for every model and
/// every tier, Σ over campaigns and direct keys + unattributed = the period's opportunities, for
/// pipeline, revenue and the (fractional) counts. The totals are summed here from the stored
/// opportunities and target rows, independently of the engine.
@Suite("Attribution on the demo workspace", .serialized)
struct AttributionDemoTests {
    static let asOf = Day(year: 2026, month: 10, day: 31)!

    static func demoStore() async throws -> any WorkspaceStore {
        let dir = Fixture.temporaryDirectory()
        try DemoPackage.write(scale: .small, seed: 42, asOf: asOf, to: dir + "/pkg")
        let store = try await SQLiteWorkspaceStore.open(path: dir + "/w.sqlite")
        let r = try await PackageImporter(store: store).importPackage(
            at: dir + "/pkg", options: .init(rejectedPath: dir + "/rejected.csv"))
        #expect(r.rejectedTotal == 0)
        return store
    }

    /// kpis.md's membership rule, written here again: the row active on `day`, latest added_on wins.
    static func tier(_ company: String, on day: Day, _ targets: [TargetMembership]) -> Tier? {
        targets.filter { $0.companyId == company && $0.addedOn <= day && ($0.removedOn.map { $0 > day } ?? true) }
            .max { $0.addedOn < $1.addedOn }?.tier
    }

    @Test("Σ keys + unattributed = the period's pipeline and revenue, every model, every tier, three periods")
    func invariant() async throws {
        let store = try await Self.demoStore()
        defer { Task { try? await store.close() } }
        let opportunities = try await store.opportunities()
        let targets = try await store.targets()
        let service = AttributionService(store: store)
        var sawCredit = false
        for period in ["2026Q3", "2026Q2", "2026-09"].map({ KPIPeriod(label: $0)! }) {
            for tier in [nil] + Tier.allCases.map(Optional.some) {
                let counts = { (o: Opportunity) in
                    tier == nil || Self.tier(o.companyId, on: o.createdOn, targets) == tier
                }
                let created = opportunities.filter { period.contains($0.createdOn) && counts($0) }
                let won = opportunities.filter {
                    $0.status == .won && $0.closedOn.map(period.contains) == true && counts($0)
                }
                let pipelineTotal = created.reduce(0) { $0 + $1.summedAmount }
                let revenueTotal = won.reduce(0) { $0 + $1.summedAmount }
                let r = try await service.report(period: period, tier: tier)
                let label = "\(period.label) tier \(tier.map { String($0.rawValue) } ?? "all")"
                #expect(r.totalOpportunities == created.count && r.totalWon == won.count, "\(label)")
                for m in AttributionModel.allCases {
                    let keys = r.campaigns + r.direct
                    let u = r.unattributed(m)
                    let pipeline = keys.reduce(0) { $0 + $1[m].pipeline } + u.pipeline
                    let revenue = keys.reduce(0) { $0 + $1[m].revenue } + u.revenue
                    let opps = keys.reduce(0) { $0 + $1[m].opportunities } + Double(u.opportunities)
                    let wonCount = keys.reduce(0) { $0 + $1[m].won } + Double(u.won)
                    #expect(abs(pipeline - pipelineTotal) <= 1e-9 * max(1, pipelineTotal), "\(label) \(m) pipeline")
                    #expect(abs(revenue - revenueTotal) <= 1e-9 * max(1, revenueTotal), "\(label) \(m) revenue")
                    #expect(abs(opps - Double(created.count)) < 1e-9, "\(label) \(m) opportunities")
                    #expect(abs(wonCount - Double(won.count)) < 1e-9, "\(label) \(m) won")
                    // Channels are sums over their keys.
                    let byChannel = r.channels.reduce(0) { $0 + $1[m].pipeline } + u.pipeline
                    #expect(abs(byChannel - pipelineTotal) <= 1e-9 * max(1, pipelineTotal), "\(label) \(m) channels")
                    if m == .markov && keys.contains(where: { $0[m].pipeline > 0 }) { sawCredit = true }
                }
            }
        }
        // The demo must exercise the models, not pass on empty reports.
        #expect(sawCredit)
        let q3 = try await service.report(period: KPIPeriod(label: "2026Q3")!)
        #expect(q3.totalOpportunities >= 5)
        #expect((q3.conversionProbability ?? 0) > 0)
        #expect(q3.campaigns.contains { $0[.linear].pipeline > 0 && $0.influencedOpportunities > 0 })
    }
}
