import KizashiCore

/// What attribution reads from a workspace (attribution.md §Inputs): settings, campaigns,
/// opportunities, target rows, and the touch-type activities of the days a report can use.
/// An interface so a test can hand the service its own rows; `StoreAttributionSource` reads a
/// workspace.
public protocol AttributionSource: Sendable {
    /// Raw workspace settings (time zone, attribution.* keys, currency).
    func settings() async throws -> [String: String]
    func campaigns() async throws -> [Campaign]
    /// At least the opportunities created in `period` and the won ones closed in it.
    func opportunities(relevantTo period: KPIPeriod) async throws -> [Opportunity]
    func targets() async throws -> [TargetMembership]
    /// The activities of `types` with an account whose local day (in the workspace's time zone)
    /// lies in one of `days` (disjoint, ascending).
    func touchActivities(days: [ClosedRange<Day>], types: [ActivityType]) async throws -> TouchActivities
    /// One account's opportunities, for its journey.
    func opportunities(companyId: String) async throws -> [Opportunity]
    /// One account's activities (its own and its contacts'), newest first, at most `limit`.
    func accountActivities(companyId: String, limit: Int) async throws -> [AttributionActivity]
}
