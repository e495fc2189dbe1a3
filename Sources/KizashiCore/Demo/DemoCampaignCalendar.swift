/// Which campaigns are running on each day, by the kind of touch they produce, so that an e-mail
/// open, an ad click or an event attendance can name a campaign that was live at the time.
struct DemoCampaignCalendar: Sendable {
    /// [group][day index] → campaign indices active that day.
    private let active: [[[Int]]]
    /// [day index] → every campaign active that day.
    private let any: [[Int]]
    /// ABM programme flag and topic per campaign.
    let isABM: [Bool]
    let topicOf: [Int]

    init(_ result: DemoCampaignBuilder.Result, calendar: DemoCalendar) {
        let n = calendar.dayCount
        var active = Array(
            repeating: Array(repeating: [Int](), count: n), count: DemoCampaignBuilder.Group.allCases.count)
        var any = Array(repeating: [Int](), count: n)
        for (k, c) in result.campaigns.enumerated() {
            let from = max(calendar.index(of: c.startOn), 0)
            let to = min(calendar.index(of: c.endOn), n - 1)
            guard from <= to else { continue }
            let groups = DemoCampaignBuilder.groups(of: c.channel ?? "")
            for d in from...to {
                any[d].append(k)
                for g in groups { active[g.rawValue][d].append(k) }
            }
        }
        self.active = active
        self.any = any
        isABM = result.campaigns.map(\.abm)
        topicOf = result.themes.map { DemoWebVocabulary.campaignThemes[$0].topic }
    }

    /// A campaign of `group` live on day `d`, preferring ABM ones for target accounts; −1 if none.
    func pick(_ group: DemoCampaignBuilder.Group, day d: Int, target: Bool, _ rng: inout DemoRandom) -> Int {
        let list = active[group.rawValue][d]
        if list.isEmpty { return -1 }
        let k = list[rng.below(list.count)]
        if target && !isABM[k] && rng.chance(0.6) {
            for c in list where isABM[c] { return c }
        }
        return k
    }

    /// Any campaign live on day `d` (a UTM-tagged visit), −1 if none.
    func pickAny(day d: Int, _ rng: inout DemoRandom) -> Int {
        let list = any[d]
        return list.isEmpty ? -1 : list[rng.below(list.count)]
    }
}
