import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Issue 28 §11: the overview's first-hour checklist, as the service computes it from the store.
@Suite("Setup checklist")
struct SetupChecklistTests {
    @Test("steps tick as the workspace gets companies, an ICP, targets, KPI targets and a site key")
    func steps() async throws {
        let (store, _) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let empty = try await SetupChecklist.load(store: store)
        #expect(SetupChecklist.Step.allCases.allSatisfy { empty.done[$0] == false } && !empty.isComplete)

        // The hand-worked package brings companies, targets and an ICP (not KPI targets, not a tag).
        _ = try await PackageImporter(store: store).importPackage(
            at: Fixture.path("q3-handworked"), options: .init(rejectedPath: nil))
        let imported = try await SetupChecklist.load(store: store)
        #expect(imported.done[.importCompanies] == true && imported.done[.setICP] == true)
        #expect(imported.done[.importTargets] == true)
        #expect(imported.done[.setKPITargets] == false && imported.done[.addTag] == false)

        try await store.transaction { tx in
            try await tx.setGoal(KPIGoal(kpi: "engaged_rate", period: KPIPeriod(label: "2026Q4")!, value: 0.4))
        }
        try await store.createSiteKey(name: "www", key: "pk_checklist", now: Instant(millisecondsSinceEpoch: 0))
        #expect(try await SetupChecklist.load(store: store).isComplete)
    }

    @Test("each step links to the page that does it")
    func links() {
        #expect(SetupChecklist.Step.importCompanies.link == "/import")
        #expect(SetupChecklist.Step.setICP.link == "/settings#icp")
        #expect(SetupChecklist.Step.importTargets.link == "/import")
        #expect(SetupChecklist.Step.setKPITargets.link == "/settings#goals")
        #expect(SetupChecklist.Step.addTag.link == "/settings#site-keys")
    }
}
