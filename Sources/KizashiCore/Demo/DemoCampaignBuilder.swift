/// Builds the campaigns that carry spend (for ROI) and that activities point to: webinars, e-mail,
/// display and social ads, events; some part of the ABM programme. Their dates follow calendar
/// quarters but ads and nurtures run across quarter ends, so period proration has work to do.
struct DemoCampaignBuilder {
    private typealias W = DemoWebVocabulary
    let calendar: DemoCalendar
    let count: Int

    struct Result {
        var campaigns: [Campaign] = []
        /// Theme (index into `DemoWebVocabulary.campaignThemes`) of each campaign.
        var themes: [Int] = []
    }

    /// Which activity types a channel produces.
    enum Group: Int, CaseIterable { case email, ads, events }

    static func groups(of channel: String) -> [Group] {
        switch channel {
        case "email", "content_syndication": [.email]
        case "webinar": [.email, .events]
        case "event": [.events]
        case "display", "paid_social", "search": [.ads]
        default: []
        }
    }

    func build(_ rng: inout DemoRandom) -> Result {
        var drafts: [(start: Day, end: Day, theme: Int, cost: Int, abm: Bool, serial: Int)] = []
        let quarterStart = Day(year: calendar.first.year, month: (calendar.first.month - 1) / 3 * 3 + 1, day: 1)!
        var quarters: [Day] = []
        var q = quarterStart
        while q <= calendar.last {
            quarters.append(q)
            q = q.addingMonths(3)
        }
        for k in 0..<count {
            let theme = k < W.campaignThemes.count ? k : rng.below(W.campaignThemes.count)
            let t = W.campaignThemes[theme]
            let quarter = quarters[k % quarters.count]
            var start = quarter + rng.below(60)
            if start < calendar.first - 20 { start = calendar.first + rng.below(30) }
            if start > calendar.last { start = calendar.last - rng.below(30) }
            let length: Int
            let cost: Int
            switch t.channel {
            case "event": (length, cost) = (1 + rng.below(3), 2_000_000 + rng.below(100) * 100_000)
            case "webinar": (length, cost) = (21 + rng.below(25), 300_000 + rng.below(170) * 10_000)
            case "email": (length, cost) = (30 + rng.below(60), 100_000 + rng.below(50) * 10_000)
            case "display", "paid_social": (length, cost) = (60 + rng.below(61), 1_000_000 + rng.below(70) * 100_000)
            case "search": (length, cost) = (45 + rng.below(90), 500_000 + rng.below(45) * 100_000)
            default: (length, cost) = (30 + rng.below(60), 500_000 + rng.below(250) * 10_000)
            }
            let abm = k < W.campaignThemes.count ? t.abm : (t.abm ? rng.chance(0.9) : rng.chance(0.1))
            // Planned spend may run past the data's last day, but not by more than a month and a half.
            let end = min(start + (length - 1), calendar.last + 45)
            drafts.append((start, max(end, start), theme, cost, abm, k))
        }
        drafts.sort { $0.start != $1.start ? $0.start < $1.start : $0.serial < $1.serial }
        var r = Result()
        for (i, d) in drafts.enumerated() {
            let t = W.campaignThemes[d.theme]
            let c = d.start.components
            let name = String(c.year) + "Q" + String((c.month - 1) / 3 + 1) + " " + t.name
            r.campaigns.append(
                Campaign(
                    id: DemoID.make("CMP", i + 1, width: 3), name: name, channel: t.channel,
                    startOn: d.start, endOn: d.end, cost: Double(d.cost), abm: d.abm))
            r.themes.append(d.theme)
        }
        return r
    }
}
