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
        self.init(TouchActivities(activities, timeZone: timeZone), catalog: catalog)
    }

    /// Groups rows into touches without hashing a row: rows are bucketed by account (a counting
    /// sort), and each account's few rows sorted by (day, key, time, activity_id), so the first row
    /// of each (day, key) run is its touch (attribution.md §Touches, edge case 4). Rows are in
    /// activity_id order, so the row number stands for the ID.
    public init(_ read: TouchActivities, catalog: TouchCatalog) {
        let rows = read.rows
        // Each campaign number's key (−1: names no campaign of campaigns.csv, so a direct key).
        let campaignKey = read.campaignIds.map { id in Int32(catalog.campaignKey(of: id) ?? -1) }
        var keyOfRow = [Int32](repeating: -1, count: rows.count)
        var perAccount = [Int](repeating: 0, count: read.accounts.count + 1)
        for (i, r) in rows.enumerated() {
            guard let direct = catalog.directKey(of: r.type) else { continue }
            let campaign = r.campaign >= 0 ? campaignKey[Int(r.campaign)] : -1
            keyOfRow[i] = campaign >= 0 ? campaign : Int32(direct)
            perAccount[Int(r.account) + 1] += 1
        }
        for a in 0..<read.accounts.count { perAccount[a + 1] += perAccount[a] }
        var next = perAccount
        var byAccount = [Int32](repeating: 0, count: perAccount[read.accounts.count])
        for (i, r) in rows.enumerated() where keyOfRow[i] >= 0 {
            byAccount[next[Int(r.account)]] = Int32(i)
            next[Int(r.account)] += 1
        }

        let names = read.accounts
        // Accounts with a touch only (an account whose rows are all of other types has none).
        let order = names.indices.filter { perAccount[$0 + 1] > perAccount[$0] }
            .sorted { CodePoints.less(names[$0], names[$1]) }
        let rank = catalog.keyRank
        var flat: [Touch] = []
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(names.count)
        var list: [Touch] = []
        var mine: [Int32] = []
        for a in order {
            mine.removeAll(keepingCapacity: true)
            mine.append(contentsOf: byAccount[perAccount[a]..<perAccount[a + 1]])
            mine.sort { x, y in
                let (p, q) = (rows[Int(x)], rows[Int(y)])
                if p.day != q.day { return p.day < q.day }
                let (kp, kq) = (keyOfRow[Int(x)], keyOfRow[Int(y)])
                if kp != kq { return kp < kq }
                if p.occurredAt != q.occurredAt { return p.occurredAt < q.occurredAt }
                return x < y
            }
            list.removeAll(keepingCapacity: true)
            var last: (day: Day, key: Int32)?
            for x in mine {
                let r = rows[Int(x)]
                let key = keyOfRow[Int(x)]
                if let l = last, l.day == r.day, l.key == key { continue }
                last = (r.day, key)
                list.append(Touch(day: r.day, time: r.occurredAt, key: key, type: r.type))
            }
            list.sort { $0.time != $1.time ? $0.time < $1.time : rank[Int($0.key)] < rank[Int($1.key)] }
            ranges.append(flat.count..<(flat.count + list.count))
            flat += list
        }
        accounts = order.map { names[$0] }
        var index: [String: Int] = [:]
        index.reserveCapacity(accounts.count)
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
