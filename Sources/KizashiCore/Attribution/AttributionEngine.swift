/// Computes attribution.md for one period (and tier) from an `AttributionInput`.
///
/// Every pass runs in a fixed order (opportunities by id, accounts and keys by code points), so
/// floating-point sums — and hence the JSON's bytes — are the same on every run and backend.
public enum AttributionEngine {
    public static func report(_ input: AttributionInput) -> AttributionReport {
        let p = input.parameters
        let catalog = TouchCatalog(campaigns: input.campaigns, touchTypes: p.touchTypes)
        let touches = AccountTouches(input.activities, catalog: catalog)
        let tiers = TargetTiers(input.targets)
        let period = input.period
        let L = period.lastDay
        let models = AttributionModel.allCases
        let keyCount = catalog.keys.count
        let channelCount = catalog.channels.count

        // The opportunities of the period (pipeline side) and the won deals closed in it (revenue
        // side), each with its touches; the tier is taken on created_on (edge case 1).
        struct Journey {
            var opportunity: Opportunity
            var touches: [Touch]
            var pipeline: Bool
            var revenue: Bool
        }
        var journeys: [Journey] = []
        var createdInPeriod = Set<String>()
        for o in input.opportunities.sorted(by: { CodePoints.less($0.id, $1.id) }) {
            if period.contains(o.createdOn) { createdInPeriod.insert(o.companyId) }
            guard tiers.counts(o.companyId, tier: input.tier, on: o.createdOn) else { continue }
            let pipeline = period.contains(o.createdOn)
            let revenue = o.status == .won && o.closedOn.map(period.contains) == true
            guard pipeline || revenue else { continue }
            journeys.append(
                Journey(
                    opportunity: o,
                    touches: touches.journey(of: o.companyId, createdOn: o.createdOn, lookbackDays: p.lookbackDays),
                    pipeline: pipeline, revenue: revenue))
        }

        // The period's chain: converting journeys, then null journeys (attribution.md §The data-driven model).
        var chain = MarkovChain(channelCount: channelCount)
        for j in journeys where j.pipeline && !j.touches.isEmpty {
            chain.add(channels: j.touches.map { catalog.channelOfKey[Int($0.key)] }, converted: true)
        }
        let nullDays = (L - p.lookbackDays)...L
        for (i, account) in touches.accounts.enumerated() where !createdInPeriod.contains(account) {
            if let tier = input.tier, tiers.tier(of: account, on: L) != tier { continue }
            let seen = touches.touches(ofAccountAt: i).filter { nullDays.contains($0.day) }
            if !seen.isEmpty { chain.add(channels: seen.map { catalog.channelOfKey[Int($0.key)] }, converted: false) }
        }
        let (conversion, effects) = chain.solve()

        // Credits, per key and model; influence per key and channel; the unattributed remainder.
        var figures = [[AttributionReport.ModelFigures]](
            repeating: Array(repeating: .init(), count: models.count), count: keyCount)
        var influenced = [(count: Int, pipeline: Double)](repeating: (0, 0), count: keyCount)
        var channelInfluenced = [(count: Int, pipeline: Double)](repeating: (0, 0), count: channelCount)
        var unattributed = [AttributionReport.Unattributed](repeating: .init(), count: models.count)
        var report = AttributionReport(
            period: period, tier: input.tier, parameters: p, campaigns: [], direct: [], channels: [],
            unattributed: [], conversionProbability: conversion, removalEffects: effects)
        for j in journeys {
            let o = j.opportunity
            if j.pipeline {
                report.totalOpportunities += 1
                report.totalPipeline += o.summedAmount
            }
            if j.revenue {
                report.totalWon += 1
                report.totalRevenue += o.summedAmount
            }
            for m in models {
                guard
                    let credits = JourneyCredits.credits(
                        m, touches: j.touches, createdOn: o.createdOn, halfLifeDays: p.halfLifeDays,
                        channelOfKey: catalog.channelOfKey, removalEffects: effects)
                else {
                    if j.pipeline {
                        unattributed[m.index].opportunities += 1
                        unattributed[m.index].pipeline += o.summedAmount
                    }
                    if j.revenue {
                        unattributed[m.index].won += 1
                        unattributed[m.index].revenue += o.summedAmount
                    }
                    continue
                }
                for (k, credit) in JourneyCredits.perKey(j.touches, credits) {
                    if j.pipeline {
                        figures[k][m.index].pipeline += credit * o.summedAmount
                        figures[k][m.index].opportunities += credit
                    }
                    if j.revenue {
                        figures[k][m.index].revenue += credit * o.summedAmount
                        figures[k][m.index].won += credit
                    }
                }
            }
            // Influence (model-free, edge case 7): each key, and each channel, once per opportunity.
            guard j.pipeline else { continue }
            let keys = Set(j.touches.map { Int($0.key) })
            for k in keys {
                influenced[k].count += 1
                influenced[k].pipeline += o.summedAmount
            }
            for c in Set(keys.map { catalog.channelOfKey[$0] }) {
                channelInfluenced[c].count += 1
                channelInfluenced[c].pipeline += o.summedAmount
            }
        }
        report.unattributed = unattributed

        // touches: every touch of the key whose local day is in the period, whatever the tier.
        var touchCounts = [Int](repeating: 0, count: keyCount)
        for i in touches.accounts.indices {
            for t in touches.touches(ofAccountAt: i) where period.contains(t.day) { touchCounts[Int(t.key)] += 1 }
        }

        func entry(_ k: Int, kind: AttributionReport.Entry.Kind) -> AttributionReport.Entry {
            var e = AttributionReport.Entry(kind: kind, key: catalog.keys[k])
            e.channel = catalog.channels[catalog.channelOfKey[k]]
            e.touches = touchCounts[k]
            e.influencedOpportunities = influenced[k].count
            e.influencedPipeline = influenced[k].pipeline
            e.models = figures[k]
            return e
        }
        report.campaigns = catalog.campaigns.enumerated().map { k, c in
            var e = entry(k, kind: .campaign)
            e.name = c.name
            e.cost = TouchCatalog.cost(of: c, in: period)
            return e
        }
        report.direct = (catalog.campaignCount..<keyCount).map { entry($0, kind: .direct) }
        let keyEntries = report.campaigns + report.direct
        report.channels = catalog.channels.enumerated().map { c, name in
            var e = AttributionReport.Entry(kind: .channel, key: name)
            e.cost = 0
            // Sums over the channel's keys in key order (campaigns, then direct keys).
            for (k, ke) in keyEntries.enumerated() where catalog.channelOfKey[k] == c {
                e.cost! += ke.cost ?? 0
                e.touches += ke.touches
                e.models = zip(e.models, ke.models).map(+)
            }
            e.influencedOpportunities = channelInfluenced[c].count
            e.influencedPipeline = channelInfluenced[c].pipeline
            return e
        }
        return report
    }
}
