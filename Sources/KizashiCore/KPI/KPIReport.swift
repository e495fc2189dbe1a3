/// The KPI report of one period (kpis.md §Output).
public struct KPIReport: Sendable {
    public var period: KPIPeriod
    public var parameters: ScoringParameters
    /// When set, `kpis`, the funnel and top_topics are computed with `T` replaced by this tier's
    /// targets (docs/kpis.md §Readings).
    public var tier: Tier?
    /// Every key of `KPICatalog.all`, in that order.
    public var kpis: [(key: String, value: KPIValue)]
    public var byTier: [(tier: Tier, kpis: [(key: String, value: KPIValue)])]
    public var funnel: [FunnelStep]
    public var topTopics: [TopicCount]
    public var goals: [GoalAttainment]
    public var bottleneck: Bottleneck?

    public subscript(key: String) -> KPIValue? { kpis.first { $0.key == key }?.value }

    /// The spec's JSON object, plus `tier` (when filtered), `goals` and `bottleneck`.
    public func json() -> JSONValue {
        func object(_ pairs: [(key: String, value: KPIValue)]) -> JSONValue {
            .object(pairs.map { ($0.key, $0.value.json) })
        }
        var weights: [(String, JSONValue)] = []
        for t in ActivityType.allCases { weights.append((t.rawValue, .number(parameters.weight(t)))) }
        let params: JSONValue = .object([
            ("time_zone", .string(parameters.timeZone.identifier)), ("weights", .object(weights)),
            ("half_life_days", .number(parameters.halfLifeDays)), ("window_days", .int(parameters.windowDays)),
            ("score_scale", .number(parameters.scoreScale)),
            ("engaged_threshold", .number(parameters.engagedThreshold)),
            ("freshness_days", .int(parameters.freshnessDays)), ("surge_min_current", .int(parameters.surgeMinCurrent)),
            ("surge_min_delta", .int(parameters.surgeMinDelta)), ("gross_margin", .number(parameters.grossMargin)),
            ("lifetime_cap_years", .number(parameters.lifetimeCapYears)), ("currency", .string(parameters.currency)),
        ])
        var pairs: [(String, JSONValue)] = [
            (
                "period",
                .object([("start", .string(period.start.description)), ("end", .string(period.end.description))])
            )
        ]
        if let tier { pairs.append(("tier", .int(tier.rawValue))) }
        pairs += [
            ("parameters", params), ("kpis", object(kpis)),
            ("by_tier", .object(byTier.map { (String($0.tier.rawValue), object($0.kpis)) })),
            (
                "funnel",
                .array(
                    funnel.map {
                        .object([
                            ("step", .string($0.step)), ("count", .int($0.count)), ("conversion", $0.conversion.json),
                        ])
                    })
            ),
            (
                "top_topics",
                .array(topTopics.map { .object([("topic", .string($0.topic)), ("accounts", .int($0.accounts))]) })
            ),
            (
                "goals",
                .array(
                    goals.map {
                        .object([
                            ("kpi", .string($0.kpi)), ("tier", $0.tier.map { .int($0.rawValue) } ?? .null),
                            ("target", .number($0.target)), ("actual", $0.actual.json),
                            ("attainment", $0.attainment.json),
                        ])
                    })
            ),
            ("bottleneck", bottleneck?.json ?? .null),
        ]
        return .object(pairs)
    }
}

public struct FunnelStep: Sendable, Equatable {
    public var step: String
    public var count: Int
    public var conversion: KPIValue
}

public struct TopicCount: Sendable, Equatable {
    public var topic: String
    public var accounts: Int
}

/// A KPI goal applied to a report: attainment = actual / target, or target / actual for KPIs
/// where lower is better (kpis.md §The funnel and the bottleneck).
public struct GoalAttainment: Sendable, Equatable {
    public var kpi: String
    public var tier: Tier?
    public var target: Double
    public var actual: KPIValue
    public var attainment: KPIValue
}

public enum Bottleneck: Sendable, Equatable {
    /// The phase holding the KPI with the lowest attainment.
    case byGoals(phase: ABMPhase, kpi: String, attainment: Double)
    /// Without goals: the funnel step whose conversion fell most against the previous period.
    case byFunnel(step: String, conversion: KPIValue, previousConversion: KPIValue, change: Double)

    public var json: JSONValue {
        switch self {
        case .byGoals(let phase, let kpi, let a):
            return .object([
                ("basis", .string("goals")), ("phase", .string(phase.rawValue)), ("kpi", .string(kpi)),
                ("attainment", .number(a)),
            ])
        case .byFunnel(let step, let c, let p, let change):
            let phase: ABMPhase = step == "engaged" ? .engagement : (step == "won" ? .closeAndROI : .pipeline)
            return .object([
                ("basis", .string("funnel")), ("phase", .string(phase.rawValue)), ("step", .string(step)),
                ("conversion", c.json), ("previous_conversion", p.json), ("change", .number(change)),
            ])
        }
    }
}
