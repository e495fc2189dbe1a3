/// One touch (attribution.md §Touches): an account's activities of one local day with one touch
/// key, taken as one. Its time is their earliest instant; its type that of the earliest activity
/// (the smallest activity_id among those at that instant, edge case 4).
public struct Touch: Sendable, Equatable {
    public var day: Day
    public var time: Instant
    /// Index into `TouchCatalog.keys`.
    public var key: Int32
    public var type: ActivityType

    public init(day: Day, time: Instant, key: Int32, type: ActivityType) {
        self.day = day
        self.time = time
        self.key = key
        self.type = type
    }

    /// A lead touch of the W-shaped model (attribution.md §Models `w_shaped`).
    public var isLead: Bool { type == .formSubmit || type == .eventAttend }
}

/// Every account's touches, each account's in journey order (time, then touch key by code
/// points), built from the activities of the days that can count.
public struct AccountTouches: Sendable {
    /// Account company_ids, sorted by code points (so every pass over accounts is deterministic).
    public let accounts: [String]
    let accountIndex: [String: Int]
    /// The touches of account i are `touches[ranges[i]]`.
    let ranges: [Range<Int>]
    let touches: [Touch]

    public init(_ activities: [AttributionActivity], catalog: TouchCatalog, timeZone: WorkspaceTimeZone) {
        struct Group: Hashable {
            var account: Int32
            var day: Int32
            var key: Int32
        }
        var accountNumber: [String: Int32] = [:]
        var names: [String] = []
        // Group → (touch, id of the activity that gives its type).
        var groups: [Group: (touch: Touch, firstId: String)] = [:]
        groups.reserveCapacity(activities.count / 2)
        for a in activities {
            guard let key = catalog.key(campaignId: a.campaignId, type: a.type) else { continue }
            let account: Int32
            if let n = accountNumber[a.account] {
                account = n
            } else {
                account = Int32(names.count)
                accountNumber[a.account] = account
                names.append(a.account)
            }
            let day = timeZone.day(of: a.occurredAt)
            let g = Group(account: account, day: day.daysSinceEpoch, key: Int32(key))
            if let seen = groups[g] {
                let earlier =
                    a.occurredAt < seen.touch.time
                    || (a.occurredAt == seen.touch.time && CodePoints.less(a.id, seen.firstId))
                if earlier {
                    groups[g] = (Touch(day: day, time: a.occurredAt, key: Int32(key), type: a.type), a.id)
                }
            } else {
                groups[g] = (Touch(day: day, time: a.occurredAt, key: Int32(key), type: a.type), a.id)
            }
        }
        let order = names.indices.sorted { CodePoints.less(names[$0], names[$1]) }
        var position = [Int](repeating: 0, count: names.count)
        for (p, i) in order.enumerated() { position[i] = p }
        var perAccount = [[Touch]](repeating: [], count: names.count)
        for (g, v) in groups { perAccount[position[Int(g.account)]].append(v.touch) }
        var flat: [Touch] = []
        flat.reserveCapacity(groups.count)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(names.count)
        let rank = catalog.keyRank
        for var list in perAccount {
            list.sort { $0.time != $1.time ? $0.time < $1.time : rank[Int($0.key)] < rank[Int($1.key)] }
            ranges.append(flat.count..<(flat.count + list.count))
            flat += list
        }
        accounts = order.map { names[$0] }
        var index: [String: Int] = [:]
        for (i, a) in accounts.enumerated() { index[a] = i }
        accountIndex = index
        self.ranges = ranges
        touches = flat
    }

    /// The account's touches whose local day lies in `days`, in journey order.
    public func touches(of account: String, days: ClosedRange<Day>) -> [Touch] {
        guard let i = accountIndex[account] else { return [] }
        return touches[ranges[i]].filter { days.contains($0.day) }
    }

    /// Account i's touches, in journey order.
    func touches(ofAccountAt i: Int) -> ArraySlice<Touch> { touches[ranges[i]] }

    /// The touches of an opportunity (attribution.md §Touches): the account's touches whose local
    /// day is in `[created_on − lookback_days, created_on]`.
    public func journey(of account: String, createdOn c: Day, lookbackDays: Int) -> [Touch] {
        touches(of: account, days: (c - lookbackDays)...c)
    }
}
