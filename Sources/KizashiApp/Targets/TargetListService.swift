import KizashiCore
import KizashiStore

/// The target account list as people change it one account at a time (the API; imports go
/// through the import pipeline). Removing keeps history (data-format.md: `removed_on`), so past
/// periods keep the target set they had.
public struct TargetListService: Sendable {
    public let store: any WorkspaceStore

    public init(store: any WorkspaceStore) { self.store = store }

    /// Why a change was refused.
    public enum Refusal: Error, Sendable, Equatable {
        case unknownCompany(String)
        /// Already an active target on that day (with another `added_on`).
        case alreadyTarget(companyId: String, on: Day)
        case notATarget(String)
        /// In the holdout of a running experiment (issue 24 §4); `overrideHoldout` adds it anyway.
        case heldOut(companyId: String, experiment: String)
    }

    /// Adds `companyId` from `addedOn`; the same `added_on` again changes its tier or owner.
    /// A holdout account of an experiment running on `addedOn` is refused unless `overrideHoldout`
    /// (the person accepts that the experiment's comparison is weakened).
    public func add(companyId: String, tier: Tier, addedOn: Day, owner: String?, overrideHoldout: Bool = false)
        async throws -> TargetMembership
    {
        guard try await store.company(id: companyId) != nil else { throw Refusal.unknownCompany(companyId) }
        if !overrideHoldout {
            do {
                try await ExperimentService(store: store).checkNotHeldOut(companyId, on: addedOn)
            } catch let c as HoldoutConflict {
                throw Refusal.heldOut(companyId: c.companyId, experiment: c.experiment)
            }
        }
        let existing = try await store.targets().filter { $0.companyId == companyId }
        if existing.contains(where: { $0.isActive(on: addedOn) && $0.addedOn != addedOn }) {
            throw Refusal.alreadyTarget(companyId: companyId, on: addedOn)
        }
        let row = TargetMembership(companyId: companyId, tier: tier, addedOn: addedOn, removedOn: nil, owner: owner)
        try await store.transaction { tx in try await tx.upsert(targets: [row]) }
        return row
    }

    /// Ends the membership active `today`: `removed_on` is today (the day after it was added at
    /// the earliest, so it was a target for at least one day).
    public func remove(companyId: String, today: Day) async throws -> TargetMembership {
        guard var row = try await store.targets().last(where: { $0.companyId == companyId && $0.isActive(on: today) })
        else { throw Refusal.notATarget(companyId) }
        row.removedOn = max(today, row.addedOn + 1)
        let updated = row
        try await store.transaction { tx in try await tx.upsert(targets: [updated]) }
        return updated
    }
}
