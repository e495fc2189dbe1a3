import KizashiCore

/// Per-account activity facts the KPI dataset does not carry (it holds daily counts per
/// account, not contacts or timestamps).
public struct AccountActivitySummary: Sendable, Equatable {
    /// Distinct contacts among the account's activities on local days in the queried window
    /// (kpis.md §engagement score: `engaged_contacts`).
    public var engagedContacts: Int
    /// The latest activity of the account, at any time.
    public var lastActivity: Instant?
}

/// The reads behind the dashboard's account pages: one account's records, and per-account
/// summaries for the whole workspace (also the backtest's committee features).
public protocol AccountReading: Sendable {
    /// company_id → engaged contacts and latest activity, for every company with at least one
    /// activity.
    func accountEngagement(engagedDays: ClosedRange<Day>) async throws -> [String: AccountEngagement]
    func company(id: String) async throws -> Company?
    func contacts(companyId: String) async throws -> [Contact]
    /// The contacts of each of `companyIds` (each company's in contact_id order): one read for a
    /// list's accounts instead of one a company.
    func contacts(companyIds: [String]) async throws -> [String: [Contact]]
    /// The account's activities (its own and its contacts'), newest first.
    func activities(accountOf companyId: String, limit: Int) async throws -> [Activity]
    func meetings(companyId: String) async throws -> [Meeting]
    func opportunities(companyId: String) async throws -> [Opportunity]
    func intent(companyId: String) async throws -> [IntentSignal]
    /// Every open opportunity (status `open`): the accounts list shows open pipeline.
    func openOpportunities() async throws -> [Opportunity]
    /// Activities of the target accounts (every company with a targets row) on local days from
    /// `since` on, with their contacts' department, role and name: the raw material of the
    /// "approach now" reasons.
    func recentActivities(since: Day) async throws -> [RecentAccountActivity]
    /// `recentActivities(since:)`'s rows with their order keys; of the activities `ids` only when
    /// given (none that is not a target's or is before `since`), in the same order. The read
    /// model reads an event batch's rows this way instead of every target's week again.
    func recentActivityRows(since: Day, ids: [String]?) async throws -> RecentActivityRows
    /// Who was active at the target accounts on local days from `since` on, and their pricing-page
    /// visits: what `CommitteeActivity(recentActivities(since:))` holds, read without the rest of
    /// each row (the training reads 14 months).
    func committeeActivity(since: Day) async throws -> CommitteeActivity
    /// The (target account, local day) pairs in `days` on which a contact of the account whose
    /// role is `decision_maker` was active, each pair once, ordered: the journey's Qualified
    /// signal (docs/journeys.md), the same pairs `recentActivities` gives for those days.
    func decisionMakerDays(_ days: ClosedRange<Day>) async throws -> [(companyId: String, day: Day)]
    /// The account each of `activities` (an event batch's or an import's, already written) is
    /// counted under, as the import resolved it. With `targetsOnly`, of the target accounts (a
    /// targets row) only: the account list shows no others, and an import touches thousands.
    func activityAccounts(of activities: [Activity], targetsOnly: Bool) async throws -> ActivityAccounts
    /// contact_id → number of activities on local days in `days`, for one account.
    func contactActivityCounts(companyId: String, days: ClosedRange<Day>) async throws -> [String: Int]
}

extension AccountReading {
    /// company_id → summary (engaged contacts counted), for every company with an activity.
    public func accountActivitySummaries(engagedDays: ClosedRange<Day>) async throws
        -> [String: AccountActivitySummary]
    {
        try await accountEngagement(engagedDays: engagedDays).mapValues(\.summary)
    }

    /// From the recent activities themselves (a store may read less, as SQLite does).
    public func committeeActivity(since: Day) async throws -> CommitteeActivity {
        CommitteeActivity(try await recentActivities(since: since))
    }
}
