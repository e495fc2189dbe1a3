/// A holdout experiment (issue 24 §4): a stratified random share of the ICP accounts is kept off
/// the target list from `start` until it ends, so the targeted rest can be compared with it.
public struct Experiment: Sendable, Equatable {
    public var name: String
    /// Who was drawn from: `icp` (the companies matching the ICP when it was created).
    public var population: ExperimentPopulation
    public var share: HoldoutShare
    public var seed: UInt64
    public var start: Day
    /// The day it ended (exclusive, like a period's end); nil while it runs.
    public var endedOn: Day?
    public var createdAt: Instant
    public var accounts: [ExperimentAccount]

    public init(
        name: String, population: ExperimentPopulation, share: HoldoutShare, seed: UInt64, start: Day,
        endedOn: Day? = nil, createdAt: Instant, accounts: [ExperimentAccount]
    ) {
        self.name = name
        self.population = population
        self.share = share
        self.seed = seed
        self.start = start
        self.endedOn = endedOn
        self.createdAt = createdAt
        self.accounts = accounts
    }

    /// Whether its holdout is still kept off the target list on `day`: from creation (a holdout
    /// added before the start would be treated by then) until the day it ended.
    public func isRunning(on day: Day) -> Bool { endedOn.map { day < $0 } ?? true }

    public var holdoutIds: Set<String> { Set(accounts.filter { $0.group == .holdout }.map(\.companyId)) }

    public func count(_ group: ExperimentGroup) -> Int { accounts.reduce(0) { $0 + ($1.group == group ? 1 : 0) } }
}

public enum ExperimentPopulation: String, Sendable, CaseIterable {
    case icp
}

public enum ExperimentGroup: String, Sendable, CaseIterable {
    case treated, holdout
}

/// One account of an experiment: its group and the stratum it was drawn in.
public struct ExperimentAccount: Sendable, Equatable {
    public var companyId: String
    public var group: ExperimentGroup
    public var stratum: String
    public init(companyId: String, group: ExperimentGroup, stratum: String) {
        self.companyId = companyId
        self.group = group
        self.stratum = stratum
    }
}

/// The experiment a change of the target list would break: a holdout account added while it runs.
public struct HoldoutConflict: Error, Sendable, Equatable {
    public var companyId: String
    public var experiment: String
    public init(companyId: String, experiment: String) {
        self.companyId = companyId
        self.experiment = experiment
    }
}
