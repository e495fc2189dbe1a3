import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// The buying-group KPI over 2026Q3 on the hand-worked fixture (issue 26 §3), with tier 1
/// needing a decision maker and an influencer, tier 3 a decision maker, tier 2 the default three.
/// Points: 06-30 (the day before), 07-31, 08-31, 09-30; window 90 days.
/// - Targets: 06-30 and 07-31 {C1 t1, C2 t2, C3 t2}; 08-31 adds C5 t3 (re-added 08-01);
///   09-30 {C1, C3, C5, C6 t3} (C2 removed on 09-30).
/// - C1 is full only on 09-30: P1 (decision maker) is active 09-25 and 09-28, P2 (influencer)
///   09-25; on 08-31 only P2 (08-31) is. C5 is full on 09-30 (P4 on 09-20), not on 08-31.
///   C2, C3 (no engaged user or decision maker) and C6 (no contacts) never are.
@Suite("Journey: the buying-group coverage trend")
struct CoverageTrendTests {
    @Test("full-coverage share per tier at each point, hand-counted")
    func trend() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.setSetting("buying_group.tier1", to: "decision_maker,influencer")
            try await tx.setSetting("buying_group.tier3", to: "decision_maker")
        }
        let q3 = KPIPeriod(label: "2026Q3")!
        #expect(
            JourneyService.coverageDays(q3).map(\.description) == [
                "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30",
            ])
        let trend = try await JourneyService(store: store).coverageTrend(period: q3)
        let csv = CoverageTrendRenderer.csv(trend)
        #expect(
            csv == """
                day,tier,targets,full_coverage,share
                2026-06-30,all,3,0,0
                2026-06-30,1,1,0,0
                2026-06-30,2,2,0,0
                2026-06-30,3,0,0,
                2026-07-31,all,3,0,0
                2026-07-31,1,1,0,0
                2026-07-31,2,2,0,0
                2026-07-31,3,0,0,
                2026-08-31,all,4,0,0
                2026-08-31,1,1,0,0
                2026-08-31,2,2,0,0
                2026-08-31,3,1,0,0
                2026-09-30,all,4,2,0.5
                2026-09-30,1,1,1,1
                2026-09-30,2,1,0,0
                2026-09-30,3,2,1,0.5

                """)
        let table = CoverageTrendRenderer.table(trend, period: q3, language: .ja)
        #expect(table.contains("2/4 (50.0%)") && table.hasPrefix("購買グループのフルカバー率（2026Q3）"))
    }

    @Test("a month: the day before it and its last day")
    func monthDays() {
        #expect(
            JourneyService.coverageDays(KPIPeriod(label: "2026-09")!).map(\.description) == [
                "2026-08-31", "2026-09-30",
            ])
        let custom = KPIPeriod(start: Day(iso: "2026-07-15")!, end: Day(iso: "2026-08-10")!)
        #expect(JourneyService.coverageDays(custom).map(\.description) == ["2026-07-14", "2026-07-31", "2026-08-09"])
    }
}
