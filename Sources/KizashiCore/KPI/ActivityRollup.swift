/// Daily activity counts per account and type: everything the engagement KPIs need, in a
/// fraction of the rows.
///
/// kpis.md §engagement score is defined per local day, so summing counts per (account, day, type)
/// gives exactly the same score as scanning raw activities; the store maintains these at import
/// so `kpi` never rescans millions of activities.
public struct ActivityRollup: Sendable, Equatable {
    /// `accountIds[i]` is the company ID of account index `i`.
    public var accountIds: [String]
    /// One entry per (day, account, type) with a non-zero count. `account == -1`: unresolved
    /// activities (no company): they count in totals (target_traffic_share), never for an account.
    public var entries: [Entry]

    public struct Entry: Sendable, Equatable {
        public var day: Day
        public var account: Int32
        public var type: ActivityType
        public var count: Int32
        public init(day: Day, account: Int32, type: ActivityType, count: Int32) {
            self.day = day
            self.account = account
            self.type = type
            self.count = count
        }
    }

    public init(accountIds: [String] = [], entries: [Entry] = []) {
        self.accountIds = accountIds
        self.entries = entries
    }

    /// Builds a roll-up from raw activities (tests, small imports, and the in-memory store).
    /// `companyOfContact` resolves an activity with no `company_id` (data-format.md §activities.csv).
    public init(
        activities: some Sequence<Activity>, timeZone: WorkspaceTimeZone, companyOfContact: (String) -> String?
    ) {
        var accounts = StringNumbering()
        var counts: [RollupKey: Int32] = [:]
        for a in activities {
            var account: Int32 = -1
            if let company = a.companyId ?? a.contactId.flatMap(companyOfContact) {
                account = accounts.number(of: company)
            }
            let key = RollupKey(
                day: timeZone.day(of: a.occurredAt).daysSinceEpoch, account: account, type: UInt8(a.type.index))
            counts[key, default: 0] += 1
        }
        self.accountIds = accounts.strings
        self.entries = counts.map {
            Entry(
                day: Day(daysSinceEpoch: $0.key.day), account: $0.key.account,
                type: ActivityType(index: Int($0.key.type))!, count: $0.value)
        }.sorted { ($0.day, $0.account, $0.type.index) < ($1.day, $1.account, $1.type.index) }
    }
}

private struct RollupKey: Hashable {
    var day: Int32
    var account: Int32
    var type: UInt8
}
