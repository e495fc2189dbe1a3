import KizashiCore
import Testing

/// Issue 24 §3: initiatives are drawn on the monthly trends at their day.
@Suite("Initiative markers on the monthly trends")
struct InitiativeMarkerTests {
    @Test("a fractional month index by day; outside the months or of another tier: not drawn")
    func positions() {
        let months = [
            KPIPeriod.month(year: 2026, month: 7), .month(year: 2026, month: 8), .month(year: 2026, month: 9),
        ]
        let at = Instant(millisecondsSinceEpoch: 0)
        func day(_ s: String) -> Day { Day(iso: s)! }
        let log = [
            Initiative(on: day("2026-08-16"), title: "展示会", createdAt: at),  // month 1, 15 of 31 days in: 1 + 15/31
            Initiative(on: day("2026-07-01"), title: "Start", tier: .one, createdAt: at),  // 0
            Initiative(on: day("2026-09-30"), title: "Tier 2 play", tier: .two, createdAt: at),  // 2 + 29/30
            Initiative(on: day("2026-10-01"), title: "Later", createdAt: at),  // outside
        ]
        let all = InitiativeMarkers.markers(log, months: months, tier: nil)
        #expect(all.map(\.label) == ["2026-08-16 展示会", "2026-07-01 Start", "2026-09-30 Tier 2 play"])
        #expect(abs(all[0].position - (1 + 15.0 / 31)) < 1e-12)
        #expect(all[1].position == 0)
        #expect(abs(all[2].position - (2 + 29.0 / 30)) < 1e-12)
        // Tier 1's trends: the untiered one and tier 1's.
        #expect(
            InitiativeMarkers.markers(log, months: months, tier: .one).map(\.label) == [
                "2026-08-16 展示会", "2026-07-01 Start",
            ])
    }
}
