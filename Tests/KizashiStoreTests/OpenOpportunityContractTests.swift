import Foundation
import KizashiCore
import KizashiStore
import Testing

/// data-format.md, opportunities: an open deal's amount may be unknown. Every backend keeps it
/// unknown (not 0), counts the deal and adds 0 to the sums; a closed deal without an amount is
/// refused by the database as well as by the importer.
@Suite("Store contract: open opportunities without amount")
struct OpenOpportunityContractTests {
    @Test(
        "an open deal without amount round-trips as nil and counts in the KPI dataset", arguments: StoreBackend.allCases
    )
    func openWithoutAmount(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let unknown = Opportunity(
            id: "O-open", companyId: "C1", createdOn: Build.day("2026-08-01"), amount: nil, status: .open)
        let known = Opportunity(
            id: "O-won", companyId: "C1", createdOn: Build.day("2026-08-02"), amount: 3_000_000, status: .won,
            closedOn: Build.day("2026-09-01"))
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(targets: [
                TargetMembership(companyId: "C1", tier: .one, addedOn: Build.day("2026-01-01"))
            ])
            try await tx.upsert(opportunities: [unknown, known])
        }
        #expect(try await store.opportunities() == [unknown, known])
        #expect(try await store.opportunities(companyId: "C1").first { $0.id == "O-open" }?.amount == nil)

        // The KPI dataset carries the deal, and KPIEngine counts it and adds 0:
        // opportunities_created = 2 (O-open, O-won, both created in 2026Q3);
        // pipeline_created = nothing + 3,000,000 = 3,000,000.
        let q3 = KPIPeriod(label: "2026Q3")!
        let ds = try await store.kpiDataset(
            KPIDataRequirements(periods: [q3], parameters: ScoringParameters(), includePrevious: false))
        #expect(ds.opportunities.first { $0.id == "O-open" }?.amount == nil)
        let report = KPIEngine.report(dataset: ds, period: q3, parameters: ScoringParameters())
        #expect(report["opportunities_created"]?.doubleValue == 2)
        #expect(report["pipeline_created"]?.doubleValue == 3_000_000)
        // The open deal is not closed: win_rate = won / (won + lost) = 1 / (1 + 0) = 1;
        // closed_won_revenue = 3,000,000; acv = 3,000,000 × 12 / max(12, 12) = 3,000,000.
        #expect(report["win_rate"]?.doubleValue == 1)
        #expect(report["closed_won_revenue"]?.doubleValue == 3_000_000)
        #expect(report["acv"]?.doubleValue == 3_000_000)

        // Replacing the deal once its amount is known stores the amount.
        var priced = unknown
        priced.amount = 1_500_000
        let replacement = priced
        try await store.transaction { tx in try await tx.upsert(opportunities: [replacement]) }
        #expect(try await store.opportunities().first { $0.id == "O-open" }?.amount == 1_500_000)
    }

    @Test("the database refuses a won deal without amount", arguments: StoreBackend.allCases)
    func closedNeedsAmount(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in try await tx.upsert(companies: [Build.company("C1")]) }
        let bad = Opportunity(
            id: "O-bad", companyId: "C1", createdOn: Build.day("2026-08-01"), amount: nil, status: .won,
            closedOn: Build.day("2026-08-02"))
        await #expect(throws: (any Error).self) {
            try await store.transaction { tx in try await tx.upsert(opportunities: [bad]) }
        }
        #expect(try await store.opportunities().isEmpty)
    }
}
