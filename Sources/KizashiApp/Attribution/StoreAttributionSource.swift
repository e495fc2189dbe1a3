import KizashiCore
import KizashiStore

/// `AttributionSource` over a workspace store. The touches come from the store's own filtered
/// read (`WorkspaceStore.touchActivities`): only the look-back window's rows of the touch types,
/// with accounts and campaigns numbered, never every activity of the workspace.
public struct StoreAttributionSource: AttributionSource {
    public let store: any WorkspaceStore
    public init(store: any WorkspaceStore) { self.store = store }

    public func settings() async throws -> [String: String] { try await store.settings() }
    public func campaigns() async throws -> [Campaign] { try await store.campaigns() }
    public func targets() async throws -> [TargetMembership] { try await store.targets() }

    public func opportunities(relevantTo period: KPIPeriod) async throws -> [Opportunity] {
        try await store.opportunities().filter { AttributionInput.relevant($0, to: period) }
    }

    public func opportunities(companyId: String) async throws -> [Opportunity] {
        try await store.opportunities(companyId: companyId)
    }

    public func touchActivities(days: [ClosedRange<Day>], types: [ActivityType]) async throws -> TouchActivities {
        try await store.touchActivities(days: days, types: types)
    }

    public func accountActivities(companyId: String, limit: Int) async throws -> [AttributionActivity] {
        // Rows of this account only, so the account is the company asked for.
        try await store.activities(accountOf: companyId, limit: limit).map {
            AttributionActivity(
                id: $0.id, occurredAt: $0.occurredAt, type: $0.type, account: companyId, campaignId: $0.campaignId)
        }
    }
}
