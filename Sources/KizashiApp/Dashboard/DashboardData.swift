import KizashiCore
import KizashiStore

/// Everything the server needs of a store.
public typealias DashboardStore = WorkspaceStore & AccessStore & AccountReading & AlertStore & CollectorStore

/// The server's read model: KPI computations and account lists, computed once per change of
/// the workspace and shared by every request.
///
/// Numbers come from the same `KPIComputation` the CLI uses (a wider dataset changes nothing:
/// the engine filters every window exactly), so a page shows what `kizashi kpi` prints.
/// Concurrent requests for the same thing wait for one load (cached tasks), and any write
/// through the server calls `invalidate()`.
public actor DashboardData {
    public let store: any DashboardStore
    private var generation = 0
    private var computations: [(requirements: KPIDataRequirements, task: Task<KPIComputation, any Error>)] = []
    private var accountLists: [Day: Task<AccountList, any Error>] = [:]
    private var approach: [Day: Task<ApproachRanking, any Error>] = [:]
    /// The day's backtest of the propensity model: computed once a day (not per change — a few
    /// events do not change which ranking predicts better).
    private var modelCheck: (day: Day, task: Task<BacktestResult?, any Error>)?
    private var context: Task<(ScoringParameters, [KPIGoal]), any Error>?
    /// Reports already computed, by period and tier: pages ask for the same few again and again.
    private var reports: [String: KPIReport] = [:]

    public init(store: any DashboardStore) { self.store = store }

    /// Forget everything computed: the workspace changed.
    public func invalidate() {
        generation += 1
        computations = []
        accountLists = [:]
        approach = [:]
        context = nil
        reports = [:]
    }

    /// Scoring parameters and KPI goals.
    public func parametersAndGoals() async throws -> (ScoringParameters, [KPIGoal]) {
        if let context { return try await context.value }
        let store = self.store
        let task = Task { () async throws -> (ScoringParameters, [KPIGoal]) in
            (try WorkspaceSettings.parameters(from: try await store.settings()), try await store.goals())
        }
        context = task
        do { return try await task.value } catch {
            context = nil
            throw error
        }
    }

    /// A computation whose dataset covers `periods` (and their previous periods).
    public func computation(for periods: [KPIPeriod]) async throws -> KPIComputation {
        let (parameters, _) = try await parametersAndGoals()
        let needed = KPIDataRequirements(periods: periods, parameters: parameters)
        if let hit = computations.first(where: { $0.requirements.covers(needed) }) { return try await hit.task.value }
        let store = self.store
        let task = Task { () async throws -> KPIComputation in
            KPIComputation(dataset: try await store.kpiDataset(needed), parameters: parameters)
        }
        computations.append((needed, task))
        if computations.count > 4 { computations.removeFirst() }
        do { return try await task.value } catch {
            computations.removeAll { $0.requirements == needed }
            throw error
        }
    }

    /// The KPI report of a period (what `kizashi kpi --format json` prints for it).
    public func report(period: KPIPeriod, tier: Tier?, alsoLoading extra: [KPIPeriod] = []) async throws -> KPIReport {
        let key = "\(period.start)|\(period.end)|\(tier?.rawValue ?? 0)"
        if let hit = reports[key] { return hit }
        let generation = self.generation
        let (_, goals) = try await parametersAndGoals()
        let report = try await computation(for: [period] + extra).report(period: period, tier: tier, goals: goals)
        if generation == self.generation { reports[key] = report }
        return report
    }

    /// One report per month, `months` ending with the month that contains `last`.
    public static func months(endingWith last: Day, count: Int) -> [KPIPeriod] {
        var m = KPIPeriod.month(year: last.year, month: last.month)
        var out: [KPIPeriod] = []
        for _ in 0..<count {
            out.append(m)
            m = m.previous
        }
        return out.reversed()
    }

    public func monthly(_ months: [KPIPeriod], tier: Tier?, alsoLoading extra: [KPIPeriod] = []) async throws
        -> [KPIReport]
    {
        // Load once for all months, then each report comes from (or goes to) the report cache.
        _ = try await computation(for: months + extra)
        var out: [KPIReport] = []
        for m in months { out.append(try await report(period: m, tier: tier, alsoLoading: months + extra)) }
        return out
    }

    /// The target accounts as of `day` (normally today in the workspace time zone).
    public func accountList(asOf day: Day) async throws -> AccountList {
        if let hit = accountLists[day] { return try await hit.value }
        let (parameters, _) = try await parametersAndGoals()
        // A period ending on `day` and reaching back over the momentum comparison (score on day − 7).
        let window = KPIPeriod(start: day - 7, end: day + 1)
        let c = try await computation(for: [window])
        let store = self.store
        let task = Task { () async throws -> AccountList in
            let engaged = (day - (parameters.windowDays - 1))...day
            let summaries = try await store.accountActivitySummaries(engagedDays: engaged)
            let open = try await store.openOpportunities()
            return AccountList(
                computation: c, asOf: day,
                activity: summaries.mapValues { ($0.engagedContacts, $0.lastActivity) }, openOpportunities: open)
        }
        accountLists[day] = task
        do { return try await task.value } catch {
            accountLists[day] = nil
            throw error
        }
    }

    /// The "approach now" ranking as of `day`, every tier: numbers only, entries built on demand.
    public func approachRanking(asOf day: Day) async throws -> ApproachRanking {
        if let hit = approach[day] { return try await hit.value }
        let (parameters, _) = try await parametersAndGoals()
        let list = try await accountList(asOf: day)
        let store = self.store
        let task = Task { () async throws -> ApproachRanking in
            let recent = try await store.recentActivities(since: day - (ApproachWeights().recentDays - 1))
            return ApproachNowList.ranking(accounts: list, recent: recent, parameters: parameters)
        }
        approach[day] = task
        do { return try await task.value } catch {
            approach[day] = nil
            throw error
        }
    }

    /// The first `limit` entries of the list as of `day` (of one tier when given), with reasons.
    public func approachNow(asOf day: Day, tier: Tier?, limit: Int) async throws -> [ApproachEntry] {
        let ranking = try await approachRanking(asOf: day)
        var shown: [ApproachEntry] = []
        for score in ranking.scores where shown.count < limit {
            if tier == nil || ranking.accounts.rows[score.row].tier == tier { shown.append(ranking.entry(score)) }
        }
        return shown
    }

    /// Every entry of the list as of `day`, every tier.
    public func approachNow(asOf day: Day) async throws -> [ApproachEntry] {
        try await approachRanking(asOf: day).entries()
    }

    /// Horizon of the propensity model, days.
    public static let modelHorizon = 30

    /// The backtest that decides between model and rule: trained before `day − 60`, tested on
    /// the 60 days before `day` − horizon. nil when the workspace has too little history.
    public func modelBacktest(asOf day: Day) async throws -> BacktestResult? {
        if let m = modelCheck, m.day == day { return try await m.task.value }
        let (parameters, _) = try await parametersAndGoals()
        let store = self.store
        let task = Task { () async throws -> BacktestResult? in
            let testStart = day - 60
            let start = testStart - Self.modelHorizon - 270 - 70
            let dataset = try await store.kpiDataset(
                KPIDataRequirements(
                    periods: [KPIPeriod(start: start, end: day + 1)], parameters: parameters, includePrevious: false))
            let c = KPIComputation(dataset: dataset, parameters: parameters)
            let committee = CommitteeActivity(try await store.recentActivities(since: start))
            let r = PropensityBacktest.run(
                computation: c, committee: committee, asOf: testStart, horizon: Self.modelHorizon, dataEnd: day)
            return r.trainPositives >= 10 && r.testPositives >= 5 ? r : nil
        }
        modelCheck = (day, task)
        return try await task.value
    }

    /// The list as the page shows it: by the model when it beat the rule score on the backtest.
    public func approachNowRanked(asOf day: Day) async throws -> (entries: [ApproachEntry], backtest: BacktestResult?) {
        let entries = try await approachNow(asOf: day)
        let backtest = try? await modelBacktest(asOf: day)
        guard let backtest, backtest.modelWins else { return (entries, backtest) }
        let c = try await computation(for: [KPIPeriod(start: day - 7, end: day + 1)])
        let committee = CommitteeActivity(try await store.recentActivities(since: day - 6))
        return (
            ApproachNowList.rankedByModel(
                entries, model: backtest.fitted, computation: c, day: day, committee: committee), backtest
        )
    }
}
