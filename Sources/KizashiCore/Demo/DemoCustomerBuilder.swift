/// Plants the vendor's installed base: contracts signed before the data window, some of which ended
/// in the last year. Without them, LTV's churn (contracts active a year ago and not today) would be
/// empty for the first year of any demo.
struct DemoCustomerBuilder {
    let calendar: DemoCalendar

    /// A contract before it gets its ID.
    struct Draft {
        var account: Int
        var start: Day
        var end: Day?
        var annualValue: Double
    }

    func build(accounts: inout [DemoAccount], _ rng: inout DemoRandom) -> [Draft] {
        var drafts: [Draft] = []
        let last = calendar.last
        for i in accounts.indices where accounts[i].duplicateOf < 0 {
            let p = accounts[i].matchesICP ? 0.06 : accounts[i].employees >= 100 ? 0.025 : 0.008
            guard rng.chance(p) else { continue }
            accounts[i].isCustomer = true
            let start = calendar.first - (30 + rng.below(1400))
            let value = DemoMath.money(
                rng.logNormal(median: 4_000_000, sigma: 0.7), 10_000, min: 1_200_000, max: 20_000_000)
            var end: Day?
            let u = rng.unit()
            if u < 0.16 {
                // Churned within the last year.
                let e = last - rng.below(365)
                end = e > start ? e : start + 30
            } else if u < 0.24 {
                // Churned long ago.
                let e = calendar.first - rng.below(200)
                end = e > start ? e : start + 30
            }
            drafts.append(Draft(account: i, start: start, end: end, annualValue: value))
            if end == nil && rng.chance(0.2) {
                // An upsell contract alongside the first one.
                let upsell = start + 60 + rng.below(max(last - start - 60, 1))
                let v = DemoMath.money(value * (0.2 + 0.5 * rng.unit()), 10_000, min: 500_000, max: 20_000_000)
                drafts.append(Draft(account: i, start: upsell, end: nil, annualValue: v))
            }
        }
        return drafts
    }
}
