/// Decides each account's behaviour before any row is written: how active it is on an ordinary
/// day, which intent topics the vendor sees for it, and when its buying episodes, noise bursts and
/// intent-only spikes happen. Everything later (activities, intent, the pipeline) reads this plan,
/// which is what ties engagement, intent and opportunities together.
struct DemoEpisodePlanner {
    let calendar: DemoCalendar

    func plan(
        accounts: inout [DemoAccount], contactRoles: [ContactRole], _ rng: inout DemoRandom
    ) -> [DemoBurst] {
        let n = calendar.dayCount
        let topicPick = DemoWeighted(DemoWebVocabulary.episodeTopicWeights)
        let topicCount = DemoWebVocabulary.topics.count
        var bursts: [DemoBurst] = []
        var liveWanted = max(2, accounts.reduce(0) { $0 + ($1.targetOnAsOf ? 1 : 0) } / 100)

        for i in accounts.indices {
            var a = accounts[i]
            // Ordinary activity level.
            if a.isTarget {
                a.baseIntensity =
                    rng.chance(0.1)
                    ? 0
                    : rng.logNormal(median: 1.0, sigma: 1.3) * [1.8, 1.3, 1.0][a.tier - 1]
            } else if a.duplicateOf >= 0 {
                a.baseIntensity = rng.chance(0.75) ? 0 : rng.logNormal(median: 0.1, sigma: 1.0)
            } else {
                let size = a.employees >= 1000 ? 1.5 : a.employees >= 300 ? 1.2 : 1.0
                a.baseIntensity = rng.chance(0.45) ? 0 : rng.logNormal(median: 0.25, sigma: 1.4) * size
            }
            if a.isCustomer { a.baseIntensity = a.baseIntensity * 1.5 + 0.2 }

            // Buying episodes: likelier for targets (the ABM programme works) and for strategic tiers.
            var episodes: [(start: Int, length: Int)] = []
            let (p1, p2): (Double, Double)
            if a.isTarget {
                (p1, p2) = ([0.6, 0.45, 0.3][a.tier - 1], [0.25, 0.12, 0.05][a.tier - 1])
            } else if a.duplicateOf < 0 && a.baseIntensity > 0 && a.contactCount >= 1 {
                (p1, p2) = (a.contactCount >= 2 ? 0.04 : 0.01, 0)
            } else {
                (p1, p2) = (0, 0)
            }
            if a.contactCount > 0 && rng.chance(p1) {
                let first = (start: 10 + rng.below(max(n - 14, 1)), length: 7 + rng.below(8))
                episodes.append(first)
                if rng.chance(p2) {
                    let second = 10 + rng.below(max(n - 14, 1))
                    if abs(second - first.start) > 120 { episodes.append((second, 7 + rng.below(8))) }
                }
            }
            // A few targets are in the middle of a buying episode on asOf (the ones to call now).
            let isLive =
                liveWanted > 0 && a.targetOnAsOf && a.contactCount >= 2 && rng.chance(0.05)
                && !episodes.contains { $0.start > n - 130 }
            if isLive {
                liveWanted -= 1
                episodes.append((n - 4 - rng.below(3), 7 + rng.below(8)))
            }
            episodes.sort { $0.start < $1.start }

            // Intent coverage: the vendor matches by domain and sees active buyers more often.
            let coverage = !episodes.isEmpty ? 0.85 : a.isTarget ? 0.65 : a.duplicateOf >= 0 ? 0.05 : 0.3
            if isLive || rng.chance(coverage) {
                let k = 1 + rng.below(3)
                for _ in 0..<k { a.intentTopics |= 1 << UInt16(rng.below(topicCount)) }
            }

            for (index, e) in episodes.enumerated() {
                let live = isLive && index == episodes.count - 1
                let committee = self.committee(a, contactRoles, &rng)
                let covered = a.intentTopics != 0
                let from = live ? e.start : max(e.start - 5, 0)
                let to = live ? n - 1 : min(e.start + e.length + 4, n - 1)
                let extra = (2.5 + 5.0 * rng.unit()) * (a.isTarget ? 1.0 : 0.7)
                bursts.append(
                    DemoBurst(
                        kind: .buying, account: i, start: e.start, length: e.length, extra: extra,
                        topic: topicPick.draw(&rng), committee: committee, intentFrom: covered ? from : 1,
                        intentTo: covered ? to : 0, live: live))
            }
            // Noise: one person reads a lot for a few days; nothing follows.
            if a.baseIntensity > 0 {
                var count = rng.chance(0.25) ? 1 : 0
                if count == 1 && rng.chance(0.3) { count = 2 }
                for _ in 0..<count {
                    let member: [Int] =
                        a.contactCount > 0 && rng.chance(0.6)
                        ? [a.contactStart + (a.contactCount > 1 ? 1 + rng.below(a.contactCount - 1) : 0)] : []
                    bursts.append(
                        DemoBurst(
                            kind: .noise, account: i, start: rng.below(n), length: 1 + rng.below(4),
                            extra: 1.5 + 2.5 * rng.unit(), topic: rng.below(topicCount), committee: member,
                            intentFrom: 1, intentTo: 0, live: false))
                }
            }
            // Vendor noise: a surge in intent with no engagement behind it.
            if a.intentTopics != 0 && !isLive && rng.chance(0.05) {
                let s = rng.below(max(n - 8, 1))
                bursts.append(
                    DemoBurst(
                        kind: .intentOnly, account: i, start: s, length: 5 + rng.below(6), extra: 0,
                        topic: topicPick.draw(&rng), committee: [], intentFrom: s, intentTo: min(s + 9, n - 1),
                        live: false))
            }
            accounts[i] = a
        }
        return bursts
    }

    /// The buying committee: the decision maker plus up to four colleagues.
    private func committee(_ a: DemoAccount, _ roles: [ContactRole], _ rng: inout DemoRandom) -> [Int] {
        let all = Array(a.contactStart..<(a.contactStart + a.contactCount))
        var members = all.filter { roles[$0] == .decisionMaker }.prefix(1).map { $0 }
        var others = all.filter { !members.contains($0) }
        let wanted = min(others.count, 1 + rng.below(4))
        for _ in 0..<wanted {
            let k = rng.below(others.count)
            members.append(others.remove(at: k))
        }
        return members
    }
}
