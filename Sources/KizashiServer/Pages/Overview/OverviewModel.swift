import KizashiApp
import KizashiCore

/// The overview page without HTML: per phase, one card per KPI (value, target, attainment,
/// change against the previous period, 12-month trend), the funnel and the bottleneck.
struct OverviewModel: Sendable {
    struct Card: Sendable {
        var key: String
        var definition: KPIDefinition
        var value: KPIValue
        var previous: KPIValue
        /// value − previous (nil when either is null).
        var change: Double?
        var target: Double?
        var attainment: Double?
        /// One value per month, oldest first, ending with the period's last month.
        var trend: [Double?]
        /// Whether the change is good news (up for most KPIs, down for lower-is-better ones).
        var changeIsGood: Bool? {
            guard let change, change != 0 else { return nil }
            return definition.lowerIsBetter ? change < 0 : change > 0
        }
    }

    var period: KPIPeriod
    var tier: Tier?
    var phases: [(phase: ABMPhase, cards: [Card])]
    var funnel: [FunnelStep]
    var bottleneck: Bottleneck?
    var empty: Bool
    /// Open steps of a new workspace's setup (nil once everything is done).
    var checklist: SetupChecklist?
    /// Periods other than this one that have KPI targets.
    var targetsElsewhere: [KPIPeriod] = []
    /// Initiatives (施策ログ, issue 24 §3) inside the trend's months, drawn on every sparkline.
    var initiatives: [InitiativeMarkers.Marker] = []
    /// The period's review note (振り返り, issue 24 §3), shown above its KPIs.
    var review: PeriodReview?
    /// The session's CSRF token when the viewer may log an initiative (editor or admin), else nil.
    var initiativeFormToken: String?

    init(report: KPIReport, previous: KPIReport, monthly: [KPIReport], checklist: SetupChecklist? = nil) {
        self.checklist = checklist
        period = report.period
        tier = report.tier
        funnel = report.funnel
        bottleneck = report.bottleneck
        empty = (report["targets"]?.doubleValue ?? 0) == 0
        var byPhase: [ABMPhase: [Card]] = [:]
        for (key, value) in report.kpis {
            guard let d = KPICatalog.byKey[key] else { continue }
            let prev = previous[key] ?? .null
            let goal = report.goals.first { $0.kpi == key && $0.tier == report.tier }
            let change = value.doubleValue.flatMap { v in prev.doubleValue.map { v - $0 } }
            byPhase[d.phase, default: []].append(
                Card(
                    key: key, definition: d, value: value, previous: prev, change: change, target: goal?.target,
                    attainment: goal?.attainment.doubleValue, trend: monthly.map { $0[key]?.doubleValue }))
        }
        phases = ABMPhase.allCases.map { ($0, byPhase[$0] ?? []) }
    }

    /// The funnel step to highlight: the bottleneck's step, or for a goal-based bottleneck the
    /// step of its phase (engagement → engaged, pipeline → opportunity, close → won).
    var highlightedStep: String? {
        switch bottleneck {
        case .byFunnel(let step, _, _, _): return step
        case .byGoals(let phase, _, _):
            switch phase {
            case .targetDefinition: return "targets"
            case .engagement: return "engaged"
            case .pipeline: return "opportunity"
            case .closeAndROI: return "won"
            }
        case nil: return nil
        }
    }
}
