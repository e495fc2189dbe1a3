/// Builds the target account list: about 12.5% of the universe, mostly ICP matches but not all
/// (real lists carry strategic exceptions), tiers 1/2/3 at 10/30/60% by size, owners from a handful
/// of reps, and some accounts removed and re-added in non-overlapping stays.
struct DemoTargetBuilder {
    let calendar: DemoCalendar
    static let targetShare = 0.125
    static let icpShare = 0.72

    func build(accounts: inout [DemoAccount], _ rng: inout DemoRandom) -> [TargetMembership] {
        var icp: [Int] = []
        var other: [Int] = []
        for (i, a) in accounts.enumerated() where a.duplicateOf < 0 {
            if a.matchesICP { icp.append(i) } else if a.employees >= 50 { other.append(i) }
        }
        shuffle(&icp, &rng)
        shuffle(&other, &rng)
        let wanted = Int((Double(accounts.count) * DemoTargetBuilder.targetShare).rounded())
        let fromICP = min(icp.count, Int(Double(wanted) * DemoTargetBuilder.icpShare))
        var chosen = Array(icp.prefix(fromICP)) + Array(other.prefix(max(wanted - fromICP, 0)))

        // Tiers by size with noise: the biggest tenth is tier 1, the next 30% tier 2.
        let scored = chosen.map { (i: $0, score: Double(accounts[$0].employees) * (0.3 + 1.4 * rng.unit())) }
        let ranked = scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.i < $1.i }
        for (rank, entry) in ranked.enumerated() {
            let f = Double(rank) / Double(max(ranked.count, 1))
            accounts[entry.i].tier = f < 0.1 ? 1 : f < 0.4 ? 2 : 3
        }
        chosen.sort()

        let ownerPick = DemoWeighted([20, 18, 16, 14, 12, 10, 6])
        let n = calendar.dayCount
        var rows: [TargetMembership] = []
        rows.reserveCapacity(chosen.count + chosen.count / 10)
        for i in chosen {
            let tier = Tier(rawValue: accounts[i].tier)!
            let owner: String? = rng.chance(0.05) ? nil : DemoPeopleVocabulary.owners[ownerPick.draw(&rng)]
            // Most of the list was built when the programme started; the rest was added along the way.
            let added = rng.chance(0.75) ? rng.below(21) : 21 + rng.below(max(n - 60, 1))
            let addedOn = calendar.day(added)
            if rng.chance(0.1) && n - added > 60 {
                let removed = added + 30 + rng.below(n - added - 30)
                rows.append(
                    TargetMembership(
                        companyId: accounts[i].id, tier: tier, addedOn: addedOn,
                        removedOn: calendar.day(removed), owner: owner))
                let back = removed + 7 + rng.below(110)
                if rng.chance(0.45) && back < n {
                    // Re-added, possibly re-tiered; a new stay starting after the previous one ended.
                    let newTier = rng.chance(0.7) ? tier : Tier(rawValue: 1 + rng.below(3))!
                    accounts[i].tier = newTier.rawValue
                    rows.append(
                        TargetMembership(
                            companyId: accounts[i].id, tier: newTier,
                            addedOn: calendar.day(back), owner: owner))
                    accounts[i].targetOnAsOf = true
                }
            } else {
                rows.append(TargetMembership(companyId: accounts[i].id, tier: tier, addedOn: addedOn, owner: owner))
                accounts[i].targetOnAsOf = true
            }
        }
        return rows
    }

    private func shuffle(_ a: inout [Int], _ rng: inout DemoRandom) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            a.swapAt(i, rng.below(i + 1))
        }
    }
}
