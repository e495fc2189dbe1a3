import Foundation

/// The features of one target account as of one day — the factors of the "approach now" rule
/// score for any past day (so the model is trained on what the list shows): fit, engagement,
/// momentum, intent surge, high-intent actions, web visits, open pipeline, and buying-committee
/// breadth (from `CommitteeActivity`, the contact-level activity the roll-up does not keep).
public struct PropensityFeatures: Sendable, Equatable {
    /// The rule score's factors (indexes 0–9, read by `RuleScore`), then the signals of
    /// `KPIComputation.signalNames`.
    public static let names =
        [
            "icp_match", "tier_fit", "engagement", "momentum", "surging_topics", "forms_events_7d", "web_visits_7d",
            "open_pipeline", "committee_7d", "people_7d",
        ] + KPIComputation.signalNames
    /// The features the models use: kept one at a time when validation improved (`FeatureStudy`,
    /// docs/approach-now.md). open_pipeline is out: samples in an open deal are not ranked.
    /// Measured on the medium demo (seed 42), validation days before 2026-03-01 and 2026-04-01.
    public static let modelFeatures: [String] = [
        "icp_match", "tier_fit", "engagement", "momentum", "surging_topics", "forms_events_7d", "web_visits_7d",
        "committee_7d", "people_7d", "pricing_7d", "high_intent_recency", "burst_7_90", "people_growth",
        "intent_max", "competitor_7d", "last_opportunity_recency",
    ]
    /// Indexes of the features the models leave out.
    public static var unusedByModels: Set<Int> { excluded(keeping: modelFeatures) }

    /// Indexes of every feature not named in `kept`.
    public static func excluded(keeping kept: [String]) -> Set<Int> {
        Set(names.indices.filter { !kept.contains(names[$0]) })
    }
    /// Where the engagement score (÷ 100) sits in `values`: the engagement candidate ranks by it.
    public static let engagementIndex = 2
    public var values: [Double]
    public var companyId: String
    public var day: Day
    /// An opportunity was open on `day`: the account belongs to its salesperson, not to the
    /// approach-now ranking (shown apart, "in a deal — re-engaging"), and is no training sample.
    public var inOpenDeal = false

    public init(values: [Double], companyId: String, day: Day, inOpenDeal: Bool = false) {
        self.values = values
        self.companyId = companyId
        self.day = day
        self.inOpenDeal = inOpenDeal
    }
}

extension KPIComputation {
    /// Features of every target account on `day` (index-aligned with `targetIds(on: day)`).
    /// Without `committee`, the two committee features are 0.
    public func propensityFeatures(on day: Day, committee: CommitteeActivity = CommitteeActivity())
        -> [PropensityFeatures]
    {
        let tiers = tiers(on: day)
        let score = engagementScores(asOf: day)
        let before = engagementScores(asOf: day - 7)
        var formsEvents = [Double](repeating: 0, count: n)
        var visits = [Double](repeating: 0, count: n)
        for e in entries(in: (day - 6)...day) {
            let i = e.account < 0 ? -1 : Int(rollupCompany[Int(e.account)])
            guard i >= 0 else { continue }
            if e.type == .formSubmit || e.type == .eventAttend { formsEvents[i] += Double(e.count) }
            if e.type == .webVisit { visits[i] += Double(e.count) }
        }
        var surges: [Int: [String: IntentSurge]] = [:]
        for s in data.intent {
            let x = day - s.observedOn
            guard x >= 0, x <= 62, let i = companyIndex[s.companyId], tiers[i] != 0 else { continue }
            surges[i, default: [:]][s.topic, default: IntentSurge(topic: s.topic)].add(score: s.score, daysBefore: x)
        }
        var open = [Double](repeating: 0, count: n)
        for o in data.opportunities where o.createdOn <= day && (o.closedOn.map { $0 > day } ?? true) {
            if let i = companyIndex[o.companyId] { open[i] = 1 }
        }
        let signals = signals(on: day, tiers: tiers, committee: committee)
        var out: [PropensityFeatures] = []
        for i in 0..<n where tiers[i] != 0 {
            let id = data.companies[i].id
            let surging = Double(surges[i]?.values.filter { $0.isSurging(p) }.count ?? 0)
            let tierFit = tiers[i] == 1 ? 1.0 : (tiers[i] == 2 ? 0.6 : 0.3)
            let breadth = committee.breadth(companyId: id, on: day)
            out.append(
                PropensityFeatures(
                    values: [
                        phase1.matchesICP(id) ? 1 : 0, tierFit, score[i] / 100, (score[i] - before[i]) / 20, surging,
                        log1p(formsEvents[i]), log1p(visits[i]), open[i], breadth.committee,
                        log1p(Double(breadth.contacts)),
                    ] + signals[i], companyId: id, day: day, inOpenDeal: open[i] > 0))
        }
        return out
    }

    /// Whether the company had an opportunity created in (day, day + horizon].
    public func opportunityCreated(companyId: String, after day: Day, within horizon: Int) -> Bool {
        data.opportunities.contains { $0.companyId == companyId && $0.createdOn > day && $0.createdOn <= day + horizon }
    }

    /// The samples of the sample days: every target account *not* in an open deal on the day,
    /// its features as of the day and its label — a new opportunity created in (day, day +
    /// horizon], the job an SDR is measured on.
    public func propensitySamples(days: [Day], horizon: Int, committee: CommitteeActivity) -> PropensitySamples {
        var created: [String: [Day]] = [:]
        for o in data.opportunities { created[o.companyId, default: []].append(o.createdOn) }
        for k in created.keys { created[k]!.sort() }
        var out = PropensitySamples()
        for d in days {
            for f in propensityFeatures(on: d, committee: committee) where !f.inOpenDeal {
                let label =
                    created[f.companyId].map { days in
                        // First creation after d (binary search), then whether it falls in the horizon.
                        var lo = 0, hi = days.count
                        while lo < hi {
                            let mid = (lo + hi) / 2
                            if days[mid] <= d { lo = mid + 1 } else { hi = mid }
                        }
                        return lo < days.count && days[lo] <= d + horizon
                    } ?? false
                out.features.append(f)
                out.labels.append(label)
            }
        }
        return out
    }
}

/// Account-days with their features and labels, in day order.
public struct PropensitySamples: Sendable {
    public var features: [PropensityFeatures] = []
    public var labels: [Bool] = []

    public init() {}

    public var count: Int { labels.count }
    public var positives: Int { labels.filter { $0 }.count }
    public var rows: [[Double]] { features.map(\.values) }
    public var days: [Int32] { features.map(\.day.daysSinceEpoch) }

    /// The samples whose day satisfies `keep`.
    public func filter(days keep: (Day) -> Bool) -> PropensitySamples {
        var out = PropensitySamples()
        for (i, f) in features.enumerated() where keep(f.day) {
            out.features.append(f)
            out.labels.append(labels[i])
        }
        return out
    }
}

/// The transparent rule score (ApproachWeights) over the same features, for comparison.
public enum RuleScore {
    public static func score(_ f: PropensityFeatures, weights w: ApproachWeights = ApproachWeights()) -> Double {
        let v = f.values
        let fit = 0.5 * v[0] + 0.5 * v[1]
        let momentum = min(max(v[3], 0), 1)
        let intent = v[4] == 0 ? 0 : min(1, 0.6 + 0.2 * (v[4] - 1))
        let high = min(1, v[5] / 2)
        let committee = v.count > 8 ? v[8] : 0
        var s =
            100
            * (w.fit * fit + w.engagement * v[2] + w.momentum * momentum + w.intent * intent + w.committee * committee
                + w.highIntent * high)
        if v[7] > 0 && v[3] * 20 < w.reengagingMomentum { s *= w.openPipelineMultiplier }
        return s
    }
}
