/// The touch-type activities of a report's days, as a store reads them in bulk (attribution.md
/// §Touches): one small row per activity, with the account and the campaign id numbered.
///
/// Why numbered: a quarter at medium scale is 650k rows and at large over 3M; hashing each row's
/// company_id and campaign_id as text to group touches was a third of a report's time (perf).
/// Each distinct account and campaign id is kept once, here, and rows carry its number.
///
/// The rows of one day are in activity_id order (code points, which is UTF-8 byte order, the
/// stores' key order): a row's position is the only use attribution has for its ID (edge case
/// 4's tie of instants, which are of one day), so no ID is kept. SQLite reads them in (day,
/// activity_id) order from an index, PostgreSQL in activity_id order; either will do. Why: the ID made a row 40 bytes instead of 24, and appending
/// rows (with the page faults of the growing arrays) was 11 % of a medium report's CPU (perf,
/// 2026-12-07).
public struct TouchActivities: Sendable {
    public struct Row: Sendable, Equatable {
        /// Index into `accounts`.
        public var account: Int32
        /// The stored local day (workspace time zone) of `occurredAt`.
        public var day: Day
        public var occurredAt: Instant
        public var type: ActivityType
        /// Index into `campaignIds`, or −1 when the activity names no campaign.
        public var campaign: Int32
    }

    /// The company_id of each account number (it may include accounts without a row).
    public var accounts: [String]
    /// The campaign_id text of each campaign number (not necessarily a campaign of campaigns.csv:
    /// one that names none makes a `direct:<type>` touch).
    public var campaignIds: [String]
    public var rows: [Row]

    public init(accounts: [String] = [], campaignIds: [String] = [], rows: [Row] = []) {
        self.accounts = accounts
        self.campaignIds = campaignIds
        self.rows = rows
    }

    /// From activities with their accounts already named (tests, one account's journey), put in
    /// activity_id order first.
    public init(_ activities: [AttributionActivity], timeZone: WorkspaceTimeZone) {
        let activities = activities.sorted { CodePoints.less($0.id, $1.id) }
        var names: [String] = []
        var keyOf: [String: Int64] = [:]
        for a in activities where keyOf[a.account] == nil {
            keyOf[a.account] = Int64(names.count)
            names.append(a.account)
        }
        let accounts = AccountKeys(names.enumerated().map { (Int64($0.offset), $0.element) })
        var builder = Builder(accounts: accounts)
        for a in activities {
            builder.append(
                accountKey: keyOf[a.account] ?? -1, day: timeZone.day(of: a.occurredAt), occurredAt: a.occurredAt,
                type: a.type, campaignId: a.campaignId)
        }
        self = Builder.merge([builder], accounts: accounts)
    }

    /// A store's account keys (its integer key of a company) and their company_ids, numbered.
    ///
    /// Read once before the rows, so each row finds its account by indexing an array (company
    /// keys are dense row numbers) and reads split over several connections number alike.
    public struct AccountKeys: Sendable {
        public let ids: [String]
        private let numberOfKey: [Int32]
        private let sparse: [Int64: Int32]

        public init(_ companies: [(key: Int64, id: String)]) {
            ids = companies.map(\.id)
            let maxKey = companies.map(\.key).max() ?? -1
            // An array when the keys are dense enough (row numbers after a few deletions),
            // else a dictionary: a hostile or odd key range never allocates beyond 4 × count.
            if maxKey >= 0 && maxKey < Int64(companies.count) * 4 + 1024 {
                var n = [Int32](repeating: -1, count: Int(maxKey) + 1)
                for (i, c) in companies.enumerated() where c.key >= 0 { n[Int(c.key)] = Int32(truncatingIfNeeded: i) }
                numberOfKey = n
                sparse = [:]
            } else {
                numberOfKey = []
                var d: [Int64: Int32] = [:]
                for (i, c) in companies.enumerated() { d[c.key] = Int32(truncatingIfNeeded: i) }
                sparse = d
            }
        }

        /// The account number of a store key; nil for a key no company has (no touch).
        @inline(__always) public func number(of key: Int64) -> Int32? {
            if key >= 0 && key < Int64(numberOfKey.count) {
                let n = numberOfKey[Int(key)]
                return n >= 0 ? n : nil
            }
            return sparse[key]
        }
    }

    /// Collects rows as they stream in from a store (one builder per connection), each day's in
    /// activity_id order.
    public struct Builder: Sendable {
        let accounts: AccountKeys
        private var campaigns = StringNumbering()
        private(set) var rows: [Row] = []

        public init(accounts: AccountKeys) { self.accounts = accounts }

        /// Adds one activity, after every activity of its day with a smaller activity_id; one whose
        /// account key names no company is dropped (no touch).
        public mutating func append(
            accountKey: Int64, day: Day, occurredAt: Instant, type: ActivityType, campaignId: String?
        ) {
            guard let account = accounts.number(of: accountKey) else { return }
            let campaign = campaignId.map { campaigns.number(of: $0) } ?? -1
            rows.append(Row(account: account, day: day, occurredAt: occurredAt, type: type, campaign: campaign))
        }

        /// The rows of several builders over the same `accounts`, campaign numbers made one; within
        /// a day, each part's IDs all smaller than the next part's (key ranges or day ranges in
        /// order).
        public static func merge(_ parts: [Builder], accounts: AccountKeys) -> TouchActivities {
            var out = TouchActivities(accounts: accounts.ids)
            out.rows.reserveCapacity(parts.reduce(0) { $0 + $1.rows.count })
            var campaigns = StringNumbering()
            for part in parts {
                let renumber = part.campaigns.strings.map { campaigns.number(of: $0) }
                for var r in part.rows {
                    if r.campaign >= 0 { r.campaign = renumber[Int(r.campaign)] }
                    out.rows.append(r)
                }
            }
            out.campaignIds = campaigns.strings
            return out
        }
    }
}
