import KizashiCore
import KizashiStore

/// `AttributionSource` over a workspace store. The touches come from the store's own filtered
/// read (`WorkspaceStore.touchActivities`): only the look-back window's rows of the touch types,
/// page by page, never every activity of the workspace.
public struct StoreAttributionSource: AttributionSource {
    public let store: any WorkspaceStore
    /// Touches per read: large enough that a quarter at medium scale is a few dozen round trips,
    /// small enough that a page of rows stays a few MB.
    static let pageSize = 50_000

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

    public func touchActivities(days: [ClosedRange<Day>], types: [ActivityType]) async throws
        -> [AttributionActivity]
    {
        var out: [AttributionActivity] = []
        var after: String?
        while true {
            let page = try await store.touchActivities(days: days, types: types, after: after, limit: Self.pageSize)
            out += page
            guard page.count == Self.pageSize, let last = page.last else { return out }
            after = last.id
        }
    }

    public func accountActivities(companyId: String, limit: Int) async throws -> [AttributionActivity] {
        // Rows of this account only, so the account is the company asked for.
        try await store.activities(accountOf: companyId, limit: limit).map {
            AttributionActivity(
                id: $0.id, occurredAt: $0.occurredAt, type: $0.type, account: companyId, campaignId: $0.campaignId)
        }
    }
}
