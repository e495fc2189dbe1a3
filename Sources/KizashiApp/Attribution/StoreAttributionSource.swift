import KizashiCore
import KizashiStore

/// `AttributionSource` over the store's existing reads.
///
/// SLOW PATH: `touchActivities` pages through *every* activity of the workspace in ID order
/// (`activities(after:limit:)`) and keeps those of the requested days, because the store has no
/// read by day that carries campaign_id (the KPI roll-ups count per account, day and type only).
/// At medium scale that is 2M rows for the ~40% a quarter needs; BENCHMARKS.md has the figure.
/// The store read that replaces it is described on `AttributionSource`.
public struct StoreAttributionSource: AttributionSource {
    public let store: any WorkspaceStore
    /// The account reads of the server's store; nil in the CLI (the journey then pages too).
    public let accounts: (any AccountReading)?
    /// Rows per page of the slow path.
    static let pageSize = 20_000

    public init(store: any WorkspaceStore, accounts: (any AccountReading)? = nil) {
        self.store = store
        self.accounts = accounts
    }

    public func settings() async throws -> [String: String] { try await store.settings() }
    public func campaigns() async throws -> [Campaign] { try await store.campaigns() }
    public func targets() async throws -> [TargetMembership] { try await store.targets() }

    public func opportunities(relevantTo period: KPIPeriod) async throws -> [Opportunity] {
        try await store.opportunities().filter { AttributionInput.relevant($0, to: period) }
    }

    public func opportunities(companyId: String) async throws -> [Opportunity] {
        if let accounts { return try await accounts.opportunities(companyId: companyId) }
        return try await store.opportunities().filter { $0.companyId == companyId }
    }

    public func touchActivities(days: [ClosedRange<Day>], types: [ActivityType], timeZone: WorkspaceTimeZone)
        async throws -> [AttributionActivity]
    {
        guard !days.isEmpty, !types.isEmpty else { return [] }
        let contactCompany = try await store.contactCompanies()
        var wanted = [Bool](repeating: false, count: ActivityType.allCases.count)
        for t in types { wanted[t.index] = true }
        var out: [AttributionActivity] = []
        try await forEachActivity { a in
            guard wanted[a.type.index] else { return }
            let day = timeZone.day(of: a.occurredAt)
            guard days.contains(where: { $0.contains(day) }) else { return }
            if let touch = AttributionActivity(a, contactCompany: contactCompany) { out.append(touch) }
        }
        return out
    }

    public func accountActivities(companyId: String, limit: Int) async throws -> [AttributionActivity] {
        if let accounts {
            // Rows of this account only, so the account is the company asked for.
            return try await accounts.activities(accountOf: companyId, limit: limit).map {
                AttributionActivity(
                    id: $0.id, occurredAt: $0.occurredAt, type: $0.type, account: companyId, campaignId: $0.campaignId)
            }
        }
        let contactCompany = try await store.contactCompanies()
        var out: [AttributionActivity] = []
        try await forEachActivity { a in
            if let t = AttributionActivity(a, contactCompany: contactCompany), t.account == companyId { out.append(t) }
        }
        out.sort { $0.occurredAt != $1.occurredAt ? $0.occurredAt > $1.occurredAt : CodePoints.less($0.id, $1.id) }
        return Array(out.prefix(limit))
    }

    /// Every activity of the workspace, page by page (the slow path).
    private func forEachActivity(_ body: (Activity) -> Void) async throws {
        var after: String?
        while true {
            let page = try await store.activities(after: after, limit: Self.pageSize)
            for a in page { body(a) }
            guard page.count == Self.pageSize, let last = page.last else { return }
            after = last.id
        }
    }
}
