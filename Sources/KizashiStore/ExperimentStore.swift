import KizashiCore

/// Holdout experiments (issue 24 §4): each with its accounts and the group each was drawn into,
/// kept so the report compares the same accounts however the target list changes, and so the
/// target list can refuse a holdout account while the experiment runs.
public protocol ExperimentStore: Sendable {
    /// Every experiment with its accounts, oldest first.
    func experiments() async throws -> [Experiment]
    func experiment(named name: String) async throws -> Experiment?
    /// Stores a new experiment and its accounts in one transaction; a name already taken throws
    /// `ExperimentNameTaken` and stores nothing.
    func createExperiment(_ experiment: Experiment) async throws
    /// Sets the day it ended (exclusive); false when no experiment has that name.
    func endExperiment(named name: String, on day: Day) async throws -> Bool
    /// The experiments that hold `companyId` in their holdout, with the day each ended (nil while
    /// it runs): what a target-list change checks, without loading every account.
    func holdoutMemberships(of companyId: String) async throws -> [(experiment: String, endedOn: Day?)]
}

public struct ExperimentNameTaken: Error, Sendable, Equatable {
    public var name: String
    public init(name: String) { self.name = name }
}
