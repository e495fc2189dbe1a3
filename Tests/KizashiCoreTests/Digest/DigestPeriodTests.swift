import KizashiCore
import Testing

@Suite("Digest period readings")
struct DigestPeriodTests {
    func day(_ s: String) -> Day { Day(iso: s)! }

    @Test("last-week: the 7 days ending yesterday; its previous period the 7 before")
    func lastWeek() {
        // As of Thursday 2026-10-01: 09-24 … 09-30 (end exclusive 10-01); before it 09-17 … 09-23.
        let p = DigestPeriod.resolve("last-week", asOf: day("2026-10-01"))
        #expect(p == KPIPeriod(start: day("2026-09-24"), end: day("2026-10-01")))
        #expect(p?.previous == KPIPeriod(start: day("2026-09-17"), end: day("2026-09-24")))
        #expect(DigestPeriod.resolve(nil, asOf: day("2026-10-01")) == p)
        // Across a year's end: as of 2026-01-03 → 2025-12-27 … 2026-01-02.
        #expect(
            DigestPeriod.resolve("last-week", asOf: day("2026-01-03"))
                == KPIPeriod(start: day("2025-12-27"), end: day("2026-01-03")))
    }

    @Test("last-month: the calendar month before the as-of day's; labels as `kpi` reads them")
    func lastMonthAndLabels() {
        #expect(DigestPeriod.resolve("last-month", asOf: day("2026-01-15")) == KPIPeriod(label: "2025-12"))
        #expect(DigestPeriod.resolve("last-month", asOf: day("2026-03-01")) == KPIPeriod(label: "2026-02"))
        #expect(DigestPeriod.resolve("2026Q3", asOf: day("2026-12-06")) == KPIPeriod.quarter(year: 2026, quarter: 3))
        #expect(DigestPeriod.resolve("2026-10", asOf: day("2026-12-06")) == KPIPeriod.month(year: 2026, month: 10))
        for bad in ["last-year", "", "2026Q5", "next-week"] {
            #expect(DigestPeriod.resolve(bad, asOf: day("2026-12-06")) == nil, "\(bad)")
        }
    }
}
