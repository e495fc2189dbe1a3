import KizashiCore

/// What attribution reads from a workspace (attribution.md §Inputs): settings, campaigns,
/// opportunities, target rows, and the touch-type activities of the days a report can use.
///
/// The store has no read for the last one yet, so `StoreAttributionSource` pages through every
/// activity (the slow path, see there). The read that makes it fast, for the store to add once
/// its protocols are unified:
///
/// ```swift
/// /// Activities whose stored local day (`activities.day`) lies in one of `days` and whose type
/// /// is one of `types`, with a resolved account (`account_key >= 0`): id, occurred_at, type,
/// /// the account's company_id and campaign_id only. `days` are disjoint and ascending.
/// func attributionActivities(days: [ClosedRange<Day>], types: [ActivityType]) async throws
///     -> [AttributionActivity]
/// ```
///
/// (SQLite: `SELECT a.activity_id, a.occurred_at, a.type, c.company_id, a.campaign_id FROM
/// activities a JOIN companies c ON c.company_key = a.account_key WHERE a.day BETWEEN ? AND ?
/// AND a.type IN (…)`, one range at a time, with an index on `activities(day)` — the table is
/// keyed by activity_id, so without it every activity is read; PostgreSQL the same.)
public protocol AttributionSource: Sendable {
    /// Raw workspace settings (time zone, attribution.* keys, currency).
    func settings() async throws -> [String: String]
    func campaigns() async throws -> [Campaign]
    /// At least the opportunities created in `period` and the won ones closed in it.
    func opportunities(relevantTo period: KPIPeriod) async throws -> [Opportunity]
    func targets() async throws -> [TargetMembership]
    /// The activities of `types` with an account whose local day (in `timeZone`) lies in one of
    /// `days` (disjoint, ascending).
    func touchActivities(days: [ClosedRange<Day>], types: [ActivityType], timeZone: WorkspaceTimeZone)
        async throws -> [AttributionActivity]
    /// One account's opportunities, for its journey.
    func opportunities(companyId: String) async throws -> [Opportunity]
    /// One account's activities (its own and its contacts'), newest first, at most `limit`.
    func accountActivities(companyId: String, limit: Int) async throws -> [AttributionActivity]
}
