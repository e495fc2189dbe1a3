import KizashiCore
import KizashiStore

/// Holdout experiments (issue 24 §4), the use case both shells call: draw and store one, list
/// them, end one, report one. The arithmetic is Core's (`ExperimentDesign`, `ExperimentAnalysis`).
public struct ExperimentService: Sendable {
    public let store: any WorkspaceStore
    let now: @Sendable () -> Instant

    public init(store: any WorkspaceStore, now: @escaping @Sendable () -> Instant = WorkspaceClock.now) {
        self.store = store
        self.now = now
    }

    /// Why a request cannot be done; the shells map each to an exit code or an HTTP status.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case invalid(ExperimentInput.Problem)
        case unknownExperiment(String)
        case nameTaken(String)
        case noICP
        case tooFewAccounts(Int)
        case endNotAfterStart(start: Day, end: Day)

        public var description: String {
            switch self {
            case .invalid(let p): p.description
            case .unknownExperiment(let n): "no experiment is named \(n)"
            case .nameTaken(let n): "an experiment named \(n) already exists"
            case .noICP: "the workspace has no ICP: set one first (kizashi icp set FILE), the holdout is drawn from it"
            case .tooFewAccounts(let n):
                "\(n) ICP accounts cannot be split at this share: both the holdout and the treated group need accounts"
            case .endNotAfterStart(let s, let e): "end: \(e) must be after the start \(s) (the end is exclusive)"
            }
        }
    }

    /// What `create` was asked, already parsed by the shell from its text.
    public struct Request: Sendable {
        public var name: String
        public var population: ExperimentPopulation
        public var share: HoldoutShare
        public var seed: UInt64
        public var start: Day

        /// Parses the shells' text: every field checked and bounded (`ExperimentInput`).
        public init(name: String, from: String, holdout: String, seed: String, start: String) throws {
            do {
                self.name = try ExperimentInput.name(name)
                population = try ExperimentInput.population(from)
                share = try ExperimentInput.share(holdout)
                self.seed = try ExperimentInput.seed(seed)
                self.start = try ExperimentInput.day(start, field: "start")
            } catch let p as ExperimentInput.Problem {
                throw Problem.invalid(p)
            }
        }
    }

    /// A stored experiment and the holdout accounts still on the target list on the day it was
    /// drawn: they must come off the list (`kizashi target-list remove`) or they are treated too,
    /// and the comparison shrinks towards no difference.
    public struct Created: Sendable {
        public var experiment: Experiment
        public var holdoutOnTargetList: [String]
    }

    /// Draws the holdout from the ICP accounts as of `today` and stores the experiment.
    public func create(_ r: Request, today: Day) async throws -> Created {
        var companies: [Company] = []
        var after: String?
        while true {
            let page = try await store.companies(after: after, limit: 10_000)
            companies += page
            guard page.count == 10_000, let last = page.last else { break }
            after = last.id
        }
        let accounts: [ExperimentAccount]
        let targets = try await store.targets()
        do {
            let candidates = try ExperimentDesign.candidates(
                companies: companies, icp: try await store.icp(), targets: targets, on: today)
            accounts = try ExperimentDesign.draw(candidates, share: r.share, seed: r.seed)
        } catch let p as ExperimentDesign.Problem {
            switch p {
            case .noICP: throw Problem.noICP
            case .tooFewAccounts(let n): throw Problem.tooFewAccounts(n)
            }
        }
        let e = Experiment(
            name: r.name, population: r.population, share: r.share, seed: r.seed, start: r.start, createdAt: now(),
            accounts: accounts)
        do {
            try await store.createExperiment(e)
        } catch let taken as ExperimentNameTaken {
            throw Problem.nameTaken(taken.name)
        }
        let listed = Set(targets.filter { $0.isActive(on: today) }.map(\.companyId))
        return Created(experiment: e, holdoutOnTargetList: e.holdoutIds.filter(listed.contains).sorted())
    }

    public func list() async throws -> [Experiment] { try await store.experiments() }

    public func experiment(named name: String) async throws -> Experiment {
        guard let e = try await store.experiment(named: name) else { throw Problem.unknownExperiment(name) }
        return e
    }

    /// Ends it on `day` (exclusive): from then on its holdout may be targeted.
    public func end(named name: String, on day: Day) async throws -> Experiment {
        var e = try await experiment(named: name)
        guard day > e.start else { throw Problem.endNotAfterStart(start: e.start, end: day) }
        guard try await store.endExperiment(named: name, on: day) else { throw Problem.unknownExperiment(name) }
        e.endedOn = day
        return e
    }

    /// The report over `[start, end)`: `end` as given, else the day it ended, else today (so the
    /// last full day is yesterday).
    public func report(named name: String, end: Day?, today: Day) async throws -> (Experiment, ExperimentReport) {
        let e = try await experiment(named: name)
        let last = end ?? e.endedOn ?? today
        guard last > e.start else { throw Problem.endNotAfterStart(start: e.start, end: last) }
        let period = KPIPeriod(start: e.start, end: last)
        let parameters = try WorkspaceSettings.parameters(from: try await store.settings())
        let dataset = try await store.kpiDataset(
            KPIDataRequirements(periods: [period], parameters: parameters, includePrevious: false))
        let computation = KPIComputation(dataset: dataset, parameters: parameters)
        return (e, ExperimentAnalysis.report(e, computation: computation, period: period))
    }

    /// Every company held out on `day` by a running experiment (`checkNotHeldOut`'s rule), in one
    /// read: a segment feed's first refresh can add thousands of accounts, and a query per company
    /// made thousands of small reads.
    public func heldOut(on day: Day) async throws -> Set<String> {
        var out = Set<String>()
        for e in try await store.experiments() where e.isRunning(on: day) { out.formUnion(e.holdoutIds) }
        return out
    }

    /// Throws `HoldoutConflict` when `companyId` is in the holdout of an experiment still running
    /// on `day` (a target row from `day` on would overlap it).
    public func checkNotHeldOut(_ companyId: String, on day: Day) async throws {
        for m in try await store.holdoutMemberships(of: companyId) where m.endedOn.map({ day < $0 }) ?? true {
            throw HoldoutConflict(companyId: companyId, experiment: m.experiment)
        }
    }
}
