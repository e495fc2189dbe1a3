import KizashiCore
import KizashiStore

/// Saved segments (issue 26 §4): create, list, show and delete them, evaluate one on any day, and
/// refresh its membership history. The CLI, the API and the page call this one code path.
///
/// A segment is judged over the target accounts of the day (the accounts list's rows): tier,
/// stage and coverage exist only for targets. Stages, coverage and firmographics are read only
/// when the rule has a condition on them.
public struct SegmentService: Sendable {
    public let store: any WorkspaceStore
    public let data: DashboardData
    let now: @Sendable () -> Instant

    public init(
        store: any WorkspaceStore, data: DashboardData, now: @escaping @Sendable () -> Instant = WorkspaceClock.now
    ) {
        self.store = store
        self.data = data
        self.now = now
    }

    /// Why a request was refused (the rule's own errors are `SegmentRuleError`).
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case badName(String)
        case nameTaken(String)
        case unknown(String)
        /// A refresh on a day before the last one would rewrite history.
        case refreshBefore(lastRefresh: Day)
        /// The rule has a condition only targets have (`SegmentRule.feedProblem`).
        case cannotFeed(String)
        case badOwner(String)

        public var description: String {
            switch self {
            case .badName(let why): why
            case .nameTaken(let n): "a segment named \"\(n)\" already exists"
            case .unknown(let n): "no segment is named \"\(n)\""
            case .refreshBefore(let d): "the segment was last refreshed on \(d); a refresh cannot go back before it"
            case .cannotFeed(let why), .badOwner(let why): why
            }
        }
    }

    /// Stores the rule in its canonical text (what `show` prints reads back to the same rule).
    public func create(name: String, rule text: String) async throws -> SavedSegment {
        if let why = SavedSegment.nameProblem(name) { throw Refusal.badName(why) }
        let rule = try SegmentRule(text: text)
        do { return try await store.createSegment(name: name, rule: rule.text, at: now()) } catch is SegmentNameTaken {
            throw Refusal.nameTaken(name)
        }
    }

    public func list() async throws -> [SavedSegment] { try await store.segments() }

    public func segment(named name: String) async throws -> SavedSegment {
        guard let s = try await store.segment(named: name) else { throw Refusal.unknown(name) }
        return s
    }

    public func delete(name: String) async throws {
        guard try await store.deleteSegment(named: name) else { throw Refusal.unknown(name) }
    }

    public func stays(of name: String) async throws -> [SegmentStay] {
        try await store.segmentStays(segmentId: try await segment(named: name).id)
    }

    /// The members of `name` on `day`, each with the facts its rule was judged on, by company ID.
    /// `computation`: see `facts(on:for:computation:)`.
    public func evaluate(name: String, on day: Day, computation: KPIComputation? = nil) async throws
        -> SegmentEvaluation
    {
        let segment = try await segment(named: name)
        let rule = try SegmentRule(text: segment.rule)
        if segment.feed != nil {
            return SegmentEvaluation(
                segment: segment, rule: rule, day: day,
                members: try await everyCompany(on: day, for: rule, computation: computation).filter(rule.matches))
        }
        return SegmentEvaluation(
            segment: segment, rule: rule, day: day,
            members: try await facts(on: day, for: rule, computation: computation).filter(rule.matches))
    }

    /// Every target account's facts on `day`, with only what `rule` looks at read.
    ///
    /// `computation`: a KPI computation covering `day − 7 … day` the caller already holds (the
    /// alert path, once per round of event batches). The rows are then built from it without the
    /// accounts list's activity summaries — a scan of the activities that no condition reads — and
    /// the firmographics come from its companies, so only stages and coverage touch the store.
    public func facts(on day: Day, for rule: SegmentRule, computation: KPIComputation? = nil) async throws
        -> [SegmentFacts]
    {
        let list: AccountList
        if let computation {
            list = AccountList(computation: computation, asOf: day, activity: [:], openOpportunities: [])
        } else {
            list = try await data.accountList(asOf: day)
        }
        let (parameters, _) = try await data.parametersAndGoals()
        var needsStage = false, needsCoverage = false, needsCompany = false
        for c in rule.conditions {
            switch c {
            case .stage, .stageBound: needsStage = true
            case .coverageFull, .missing: needsCoverage = true
            case .industry, .employees, .prefecture, .country: needsCompany = true
            default: break
            }
        }
        let journey = JourneyService(store: store)
        var stages: [String: JourneyStage] = [:]
        if needsStage { for s in try await journey.stages(on: day) { stages[s.companyId] = s.stage } }
        var coverage: [String: BuyingGroupCoverage] = [:]
        if needsCoverage { for c in try await journey.coverage(on: day) { coverage[c.companyId] = c } }
        var companies: [String: Company] = [:]
        if needsCompany, let computation {
            let wanted = Set(list.rows.map(\.companyId))
            for c in computation.dataset.companies where wanted.contains(c.id) { companies[c.id] = c }
        } else if needsCompany {
            let wanted = Set(list.rows.map(\.companyId))
            var after: String?
            while true {
                let page = try await store.companies(after: after, limit: 5000)
                for c in page where wanted.contains(c.id) { companies[c.id] = c }
                guard let last = page.last, page.count == 5000 else { break }
                after = last.id
            }
        }
        var out: [SegmentFacts] = []
        for (i, row) in list.rows.enumerated() {
            out.append(
                SegmentFacts(
                    row: row, company: companies[row.companyId], topics: list.intentTopics[i], parameters: parameters,
                    stage: stages[row.companyId], coverage: coverage[row.companyId]))
        }
        return out.sorted { $0.companyId.unicodeScalars.lexicographicallyPrecedes($1.companyId.unicodeScalars) }
    }
}

/// A segment's members on one day, with the facts each was judged on.
public struct SegmentEvaluation: Sendable {
    public var segment: SavedSegment
    public var rule: SegmentRule
    public var day: Day
    public var members: [SegmentFacts]
}

/// What one refresh changed.
public struct SegmentRefresh: Sendable, Equatable {
    public var name: String
    public var day: Day
    public var entered: [String]
    public var left: [String]
    public var members: Int
    /// A feeding segment's changes to the target list: accounts added at its tier, accounts it had
    /// added that left (their membership ended on `day`), and entered accounts not added because
    /// a running experiment holds them out.
    public var addedToTargets: [String] = []
    public var removedFromTargets: [String] = []
    public var heldOut: [String] = []
}
