import KizashiCore
import KizashiStore
import Logging

/// The server's read model: KPI computations and account lists, computed once per change of
/// the workspace and shared by every request.
///
/// Numbers come from the same `KPIComputation` the CLI uses (a wider dataset changes nothing:
/// the engine filters every window exactly), so a page shows what `kizashi kpi` prints.
/// Concurrent requests for the same thing wait for one load (cached tasks), and any write
/// through the server calls `invalidate()`.
public actor DashboardData {
    public let store: any WorkspaceStore
    /// The day's ranking and the targets' features on that day (`rankingChoice`).
    public typealias RankingChoice = (choice: CandidateChoice, features: [PropensityFeatures])
    var generation = 0
    private var computations: [CachedComputation] = []
    private var nextComputationId = 0
    /// The gate between event writes and dataset reads (see `eventsCommitted`).
    private var gate = ExclusiveSides()
    private var accountLists: [Day: Task<AccountList, any Error>] = [:]
    private var approach: [Day: Task<ApproachRanking, any Error>] = [:]
    /// The day's ranking and its features, loaded once per day and workspace change (event
    /// batches keep it: they add today's activities, not history; an activities import reads it
    /// again in the background, `refreshChoices`).
    var choices: [Day: Task<RankingChoice?, any Error>] = [:]
    /// Bumped by every change the day's choices must follow (`refreshChoices`), and the days
    /// whose choice is being read again in the background.
    var choiceVersion = 0
    var refreshingChoices: Set<Day> = []
    /// Whether a ranking that must be retrained is trained before answering (the CLI) or in the
    /// background while the stored one or the rule score answers (the server).
    public let training: RankingTraining
    var backgroundTraining: Task<Void, Never>?
    private var context: Task<(ScoringParameters, [KPIGoal]), any Error>?
    /// Finished approach-now lists by day, tier and length, with the generation they were made
    /// in: a page or an API client asks for the same few again and again, and each costs a
    /// scoring pass over every target and two reads per listed account (issue 20: `/now`
    /// ≤ 100 ms p95 at large; 97 ms median before). Any change bumps the generation.
    var lists: [ListKey: (generation: Int, list: RankedApproachList)] = [:]
    struct ListKey: Hashable {
        var day: Day
        var tier: Tier?
        var limit: Int?
    }
    /// Lists kept at most (the API takes any length and day): beyond, the cache starts again.
    static let maxCachedLists = 64
    /// The account engagement of one window, loaded or patched (`accountEngagement`).
    var engagementLoad: (days: ClosedRange<Day>, task: Task<[String: AccountEngagement], any Error>)?
    /// Activities committed since the engagement was loaded or last patched.
    var engagementEvents: [Activity] = []
    /// The approach ranking's recent rows, kept across event batches (`recentActivities`).
    var recentRows: RecentRows?
    /// The listed accounts' contacts, kept across activity changes (`withCoverageGaps`).
    var coverageInputs: CoverageInputs?
    /// Bumped by `invalidate` only: a change other than added activities.
    var invalidations = 0
    /// Reports already computed, by period and tier: pages ask for the same few again and again.
    var reports: [String: KPIReport] = [:]

    public init(store: any WorkspaceStore, training: RankingTraining = .inline()) {
        self.store = store
        self.training = training
    }

    /// A loaded (or loading) computation, and the event activities still to be added to it.
    private struct CachedComputation {
        let id: Int
        let requirements: KPIDataRequirements
        var task: Task<KPIComputation, any Error>
        /// Whether the store read is done (every event batch reported after it must be added).
        var read = false
        /// Activities of event batches committed after the load, added on the next use.
        var pending: [Activity] = []
    }

    /// Pending activities beyond this make the next use reload instead (the patch would be
    /// as slow as a load, and memory should not grow while nobody asks).
    static let maxPendingActivities = 200_000

    /// Forget everything computed: the workspace changed.
    public func invalidate() {
        generation += 1
        invalidations += 1
        computations = []
        accountLists = [:]
        approach = [:]
        choices = [:]
        choiceVersion += 1
        context = nil
        reports = [:]
        lists = [:]
        engagementLoad = nil
        engagementEvents = []
        recentRows = nil
        coverageInputs = nil
    }

    /// Call before an event batch's transaction, and `eventsCommitted` after it (also when it
    /// failed). Waits while a dataset read is in progress or waiting: usually not at all, since
    /// reads happen only on the first use and after changes other than events.
    public func beginEventWrite() async { await enter(.writes) }

    private func enter(_ side: ExclusiveSides.Side) async {
        if !gate.tryEnter(side) { await withCheckedContinuation { gate.wait(side, $0) } }
    }

    /// An event batch committed (or failed: `activities` empty) — instead of `invalidate()`.
    ///
    /// Events only add activities, so a loaded computation keeps every index and gets the
    /// batch's activities added on its next use (`KPIComputation.adding`). The gate makes that
    /// exact: no dataset read runs while an event batch is being written, so every read either
    /// finished before the batch began (patched here) or starts after it was reported (not yet
    /// read: it will see the batch, and is left alone). Account lists, rankings and reports are
    /// derived, so they are rebuilt from the patched computation on demand; settings and goals
    /// are untouched by events.
    public func eventsCommitted(activities: [Activity]) {
        for read in gate.leave(.writes) { read.resume() }
        guard !activities.isEmpty else { return }
        generation += 1
        // In place: a copy of an entry would copy its pending activities on every batch.
        computations.removeAll { $0.read && $0.pending.count + activities.count > Self.maxPendingActivities }
        for i in computations.indices where computations[i].read { computations[i].pending += activities }
        accountLists = [:]
        approach = [:]
        keepReports(before: activities)
        keepForEngagement(activities)
        recentRowsAdded(activities)
    }

    /// What the read model held when an import began (`importBegan`).
    public struct ImportMark: Sendable {
        let loaded: Set<Int>
    }

    /// Call before an import's transaction begins: the computations loaded by now saw the
    /// workspace without the import, so only they can get its rows added (`importCommitted`).
    public func importBegan() -> ImportMark { ImportMark(loaded: Set(computations.filter(\.read).map(\.id))) }

    /// An import committed that only added `activities` (`ImportService.Outcome.addedActivitiesOnly`)
    /// — instead of `invalidate()`. The computations loaded before it began get its rows added
    /// on their next use, as an event batch's (`eventsCommitted`); one loaded since may or may
    /// not have seen them, and is dropped. The kept account summaries are patched (a patch counts
    /// the touched accounts again, so it is exact either way). The day's ranking features are
    /// read again in the background (`refreshChoices`).
    public func importCommitted(_ mark: ImportMark, activities: [Activity]) {
        generation += 1
        computations.removeAll {
            !mark.loaded.contains($0.id) || $0.pending.count + activities.count > Self.maxPendingActivities
        }
        for i in computations.indices { computations[i].pending += activities }
        accountLists = [:]
        approach = [:]
        keepReports(before: activities)
        keepForEngagement(activities)
        recentRowsAdded(activities)
        refreshChoices()
    }

    /// Keeps the reports of periods that ended before the earliest day of `activities`: added
    /// activities cannot change them (kpis.md: a period's figures count activities up to its
    /// last day `L` only — the score as of `L` over days d ≤ L, web visits in the period). The
    /// overview's twelve months were recomputed after every change (most of its 0.15–0.27 s).
    /// The bound is the UTC day before the earliest instant, so any workspace time zone (its
    /// local day is at most one day behind UTC) is covered.
    private func keepReports(before activities: [Activity]) {
        guard let first = activities.map(\.occurredAt.millisecondsSinceEpoch).min() else { return }
        let (q, r) = first.quotientAndRemainder(dividingBy: 86_400_000)
        let bound = Day(daysSinceEpoch: Int32(clamping: (r < 0 ? q - 1 : q) - 1))
        reports = reports.filter { $0.value.period.lastDay < bound }
    }

    /// The read of computation `id` finished (`ok`: successfully): mark it, then let waiting
    /// event batches in.
    private func endRead(_ id: Int, ok: Bool) {
        if let i = computations.firstIndex(where: { $0.id == id }) {
            if ok { computations[i].read = true } else { computations.remove(at: i) }
        }
        for write in gate.leave(.reads) { write.resume() }
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
        // The narrowest computation that covers: any gives the same numbers (the engine filters
        // every window exactly), but after a change each is patched on its own next use, in time
        // that grows with its roll-ups. The first that covered was often the overview's wide one,
        // so `/accounts` after an import patched the quarters' roll-ups instead of its own week's.
        let covering = computations.indices.filter { computations[$0].requirements.covers(needed) }
        if let i = covering.min(by: {
            Self.span(computations[$0].requirements) < Self.span(computations[$1].requirements)
        }) {
            if !computations[i].pending.isEmpty {
                let base = computations[i].task
                let added = computations[i].pending
                computations[i].pending = []
                computations[i].task = Task.detached { try await base.value.adding(added) }
            }
            return try await computations[i].task.value
        }
        let store = self.store
        nextComputationId += 1
        let id = nextComputationId
        // Runs on this actor between its awaits, so `endRead` marks the entry before any later
        // event batch can be reported.
        let task = Task { () async throws -> KPIComputation in
            await self.enter(.reads)
            let started = ContinuousClock.now
            let dataset: KPIDataset
            do {
                dataset = try await WorkspaceSpan.around("kizashi.read_model.load") {
                    try await store.kpiDataset(needed)
                }
            } catch {
                self.endRead(id, ok: false)
                throw error
            }
            self.endRead(id, ok: true)
            let computation = KPIComputation(dataset: dataset, parameters: parameters)
            let took = (ContinuousClock.now - started).components
            WorkspaceMetrics.readModelLoaded(seconds: Double(took.seconds) + Double(took.attoseconds) / 1e18)
            return computation
        }
        computations.append(CachedComputation(id: id, requirements: needed, task: task))
        if computations.count > 4 { computations.removeFirst() }
        do { return try await task.value } catch {
            computations.removeAll { $0.id == id }
            throw error
        }
    }

    /// Days of activity roll-ups a computation holds (`computation(for:)` picks the narrowest).
    static func span(_ r: KPIDataRequirements) -> Int { r.activityDays.upperBound - r.activityDays.lowerBound }

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
        let store = self.store
        let task = Task { () async throws -> AccountList in
            let engaged = (day - (parameters.windowDays - 1))...day
            // The summaries scan the activity table on both readers while the day's computation
            // loads: before, they waited for it (a third of `now`'s wall at medium, perf).
            async let summaries = self.accountEngagement(engagedDays: engaged, timeZone: parameters.timeZone)
            async let open = store.openOpportunities()
            let c = try await self.computation(for: [window])
            return AccountList(
                computation: c, asOf: day,
                activity: try await summaries.mapValues { ($0.contacts.count, $0.lastActivity) },
                openOpportunities: try await open)
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
        let task = Task { () async throws -> ApproachRanking in
            // The week's rows and the account list are independent reads: both at once, on both
            // cores (issue 20: `now` within a second; the list waited for the read before).
            async let recent = self.recentActivities(since: day - (ApproachWeights().recentDays - 1))
            let list = try await self.accountList(asOf: day)
            return ApproachNowList.ranking(accounts: list, recent: try await recent, parameters: parameters)
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
        return ranking.top(limit, tier: tier).map(ranking.entry)
    }

    /// Every entry of the list as of `day`, every tier.
    public func approachNow(asOf day: Day) async throws -> [ApproachEntry] {
        try await approachRanking(asOf: day).entries()
    }

    /// The list as the CLI, the page and the API show it: ranked by the day's chosen candidate,
    /// accounts in an open deal apart (re-engaging ones only), `limit` of each.
    public func approachNowList(asOf day: Day, tier: Tier?, limit: Int?) async throws -> RankedApproachList {
        let key = ListKey(day: day, tier: tier, limit: limit)
        if let hit = lists[key], hit.generation == generation { return hit.list }
        let started = generation
        // The day's choice and features read other data than the list: both at once, so the
        // store's reads of each run on both cores (issue 20: `now` within a second).
        async let choice = rankingChoice(asOf: day)
        let ranking = try await approachRanking(asOf: day)
        let chosen = await choice
        let list = try await withCoverageGaps(
            ranking.ranked(by: chosen?.choice, features: chosen?.features ?? [], tier: tier, limit: limit), day: day)
        // Kept only when ranked by the day's choice (nil is the rule score's fallback, retried on
        // the next request) and nothing changed meanwhile.
        if chosen != nil && started == generation {
            if lists.count >= Self.maxCachedLists { lists = [:] }
            lists[key] = (started, list)
        }
        return list
    }
}

/// When a stale ranking is retrained (issue 20 §4).
public enum RankingTraining: Sendable {
    /// Before answering: the CLI. `announce` is told the day first, so the CLI can say why this
    /// call is slow (one check of the stored ranking, not a second one in the shell).
    case inline(announce: (@Sendable (Day) -> Void)? = nil)
    /// In the background: the server, whose requests never wait for a training.
    case background
}
