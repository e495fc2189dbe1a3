/// The review of one period, written for the meeting (issue 24 §1): the KPI reports of the
/// period and of the one before it (exactly what `kizashi kpi` prints for each), the
/// approach-now list as `kizashi now` ranks it, and the campaigns' pipeline per cost. A value
/// built by `DigestService` (App); the renderers here only arrange it.
public struct Digest: Sendable {
    public var period: KPIPeriod
    /// The day the relative period was read against and the approach-now list is as of.
    public var asOf: Day
    public var tier: Tier?
    /// The KPI report of `period` (and `tier`).
    public var current: KPIReport
    /// The KPI report of `period.previous` (and `tier`).
    public var previous: KPIReport
    /// The approach-now list as of `asOf`, at most `DigestService.approachLimit` accounts.
    public var approachNow: RankedApproachList
    public var campaigns: CampaignEfficiency
    /// What was done in the period (the initiative log, issue 24 §3), so a change in a KPI can
    /// be read against it: day order.
    public var initiatives: [Initiative]
    /// The week's risers, fallers, new surges and competitor research (nil: not gathered).
    public var signals: DigestSignals?
    /// Set for an account owner's own review (issue 27 §3): the approach-now list and the signals
    /// hold only that owner's accounts; the KPIs, campaigns and initiatives stay the team's.
    public var owner: String?
    /// Set for a review of one saved segment's accounts (issue 26 §4): like an owner's review, the
    /// approach-now list and the signals hold only the segment's members on the as-of day.
    public var segment: String?

    public init(
        period: KPIPeriod, asOf: Day, tier: Tier?, current: KPIReport, previous: KPIReport,
        approachNow: RankedApproachList, campaigns: CampaignEfficiency, initiatives: [Initiative] = [],
        signals: DigestSignals? = nil
    ) {
        self.period = period
        self.asOf = asOf
        self.tier = tier
        self.current = current
        self.previous = previous
        self.approachNow = approachNow
        self.campaigns = campaigns
        self.initiatives = initiatives
        self.signals = signals
    }

    /// The initiatives inside `period` that concern `tier`, as the trends mark them (one without
    /// a tier concerns every tier), by day, then in the order they were logged.
    public static func initiatives(_ all: [Initiative], period: KPIPeriod, tier: Tier?) -> [Initiative] {
        all.enumerated().filter { _, i in
            period.contains(i.on) && (tier == nil || i.tier == nil || i.tier == tier)
        }.sorted { a, b in a.element.on != b.element.on ? a.element.on < b.element.on : a.offset < b.offset }
            .map(\.element)
    }

    /// One KPI against its target and the previous period.
    public struct Movement: Sendable {
        public var definition: KPIDefinition
        public var value: KPIValue
        public var previous: KPIValue
        /// value − previous; null when either is null (kpis.md: a figure built from a null is null).
        public var change: KPIValue
        /// The goal of this period and tier, as the KPI report applied it.
        public var goal: GoalAttainment?
    }

    /// Every KPI of `KPICatalog.all`, in its order: the report's figures, never recomputed.
    public var movements: [Movement] { Self.movements(current: current, previous: previous) }

    /// Every KPI of `current` against `previous` and the goals `current` applied (also the
    /// meeting workbook's KPI sheet).
    public static func movements(current: KPIReport, previous: KPIReport) -> [Movement] {
        let goals = Dictionary(
            current.goals.filter { $0.tier == current.tier }.map { ($0.kpi, $0) }, uniquingKeysWith: { a, _ in a })
        return KPICatalog.all.map { d in
            let v = current[d.key] ?? .null, p = previous[d.key] ?? .null
            return Movement(definition: d, value: v, previous: p, change: Self.difference(v, p), goal: goals[d.key])
        }
    }

    /// `a − b`: whole when both are counts, null when either is null.
    static func difference(_ a: KPIValue, _ b: KPIValue) -> KPIValue {
        if case .count(let x) = a, case .count(let y) = b {
            let (d, overflow) = x.subtractingReportingOverflow(y)
            return overflow ? .number(Double(x) - Double(y)) : .count(d)
        }
        guard let x = a.doubleValue, let y = b.doubleValue else { return .null }
        return .number(x - y)
    }
}

/// The campaigns with the best and the worst pipeline per cost of a period under the linear
/// model (attribution.md): only campaigns with a cost above 0, as `pipeline_per_cost` is null otherwise.
public struct CampaignEfficiency: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var campaignId: String
        public var name: String
        public var cost: Double
        public var pipeline: Double
        public var pipelinePerCost: Double
    }

    public static let model = AttributionModel.linear
    /// Highest pipeline per cost first.
    public var best: [Row]
    /// Lowest pipeline per cost first; never a campaign already in `best`.
    public var worst: [Row]

    public init(best: [Row], worst: [Row]) {
        self.best = best
        self.worst = worst
    }

    /// Ties are broken by campaign_id, so the same data always names the same campaigns.
    public init(_ report: AttributionReport, count: Int) {
        let rows = report.campaigns.compactMap { e -> Row? in
            guard let cost = e.cost, let ppc = e.pipelinePerCost(Self.model) else { return nil }
            return Row(
                campaignId: e.key, name: e.name ?? e.key, cost: cost, pipeline: e[Self.model].pipeline,
                pipelinePerCost: ppc)
        }
        let sorted = rows.sorted {
            $0.pipelinePerCost != $1.pipelinePerCost
                ? $0.pipelinePerCost > $1.pipelinePerCost : $0.campaignId < $1.campaignId
        }
        let best = Array(sorted.prefix(max(0, count)))
        let rest = sorted.dropFirst(best.count).sorted {
            $0.pipelinePerCost != $1.pipelinePerCost
                ? $0.pipelinePerCost < $1.pipelinePerCost : $0.campaignId < $1.campaignId
        }
        self.init(best: best, worst: Array(rest.prefix(max(0, count))))
    }
}
