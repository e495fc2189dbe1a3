/// KPI goals (目標) → attainment, and the bottleneck (kpis.md §The funnel and the bottleneck).
enum GoalEvaluation {
    /// The goals of exactly this period: tier-less goals against `kpis` (or, for a tier-filtered
    /// report, goals of that tier), tier goals against that tier's `by_tier` entry.
    static func attainments(report: KPIReport, goals: [KPIGoal]) -> [GoalAttainment] {
        var out: [GoalAttainment] = []
        for g in goals where g.period == report.period {
            guard let def = KPICatalog.byKey[g.kpi] else { continue }
            let actual: KPIValue?
            if let t = g.tier {
                actual =
                    report.byTier.first { $0.tier == t }?.kpis.first { $0.key == g.kpi }?.value
                    ?? (report.tier == t ? report[g.kpi] : nil)
            } else {
                guard report.tier == nil else { continue }
                actual = report[g.kpi]
            }
            guard let actual else { continue }
            let attainment: KPIValue =
                def.lowerIsBetter ? .ratio(g.value, actual.doubleValue) : .ratio(actual.doubleValue, g.value)
            out.append(
                GoalAttainment(kpi: g.kpi, tier: g.tier, target: g.value, actual: actual, attainment: attainment))
        }
        return out.sorted { ($0.tier?.rawValue ?? 0, $0.kpi) < ($1.tier?.rawValue ?? 0, $1.kpi) }
    }

    /// The phase holding the KPI with the lowest attainment. Ties: the earlier phase, then the
    /// KPI first in catalogue order (the earlier a funnel problem, the more it costs downstream).
    static func bottleneck(_ attained: [GoalAttainment]) -> Bottleneck? {
        let order = Dictionary(uniqueKeysWithValues: KPICatalog.all.enumerated().map { ($1.key, $0) })
        let candidates = attained.compactMap { a in a.attainment.doubleValue.map { (a.kpi, $0) } }
        guard
            let low = candidates.min(by: {
                $0.1 != $1.1 ? $0.1 < $1.1 : order[$0.0, default: 0] < order[$1.0, default: 0]
            })
        else { return nil }
        return .byGoals(phase: KPICatalog.byKey[low.0]!.phase, kpi: low.0, attainment: low.1)
    }

    /// Without goals: the step whose conversion fell most against the previous period. Steps
    /// whose conversion is null in either period cannot be compared; when no step fell, none is named.
    static func funnelBottleneck(current: [FunnelStep], previous: [FunnelStep]) -> Bottleneck? {
        var worst: (String, KPIValue, KPIValue, Double)?
        for (c, p) in zip(current, previous) {
            guard let x = c.conversion.doubleValue, let y = p.conversion.doubleValue else { continue }
            let change = x - y
            if change < 0 && (worst == nil || change < worst!.3) {
                worst = (c.step, c.conversion, p.conversion, change)
            }
        }
        return worst.map { .byFunnel(step: $0.0, conversion: $0.1, previousConversion: $0.2, change: $0.3) }
    }
}
