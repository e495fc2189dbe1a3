/// One touch (attribution.md §Touches): an account's activities of one local day with one touch
/// key, taken as one. Its time is their earliest instant; its type that of the earliest activity
/// (the smallest activity_id among those at that instant, edge case 4).
public struct Touch: Sendable, Equatable {
    // The instant first: 17 bytes, so a grouping slot (a touch and a row number) takes 24, not
    // 32 (the slots' scatter by account is the grouping's main cost at large scale).
    public var time: Instant
    public var day: Day
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
    /// sort, which keeps their order), each as a small slot with its key, and each account's few
    /// slots sorted by (day, key, time, activity_id), so the first of each (day, key) run is its
    /// touch (attribution.md §Touches, edge case 4). Each day's rows are in activity_id order, so
    /// within a day the row number stands for the ID.
    ///
    /// Why slots rather than row numbers: sorting numbers read each compared row from wherever
    /// it lay in the read, a cache miss each (the sort and its comparisons were 12 % of a medium
    /// report, perf, BENCHMARKS.md 2026-12-07, tenth session).
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
        let blank = Slot(
            touch: Touch(
                day: Day(daysSinceEpoch: 0), time: Instant(millisecondsSinceEpoch: 0), key: 0, type: .webVisit), row: 0)
        var slots = [Slot](repeating: blank, count: perAccount[read.accounts.count])
        for (i, r) in rows.enumerated() where keyOfRow[i] >= 0 {
            slots[next[Int(r.account)]] = Slot(
                touch: Touch(day: r.day, time: r.occurredAt, key: keyOfRow[i], type: r.type), row: Int32(i))
            next[Int(r.account)] += 1
        }

        let names = read.accounts
        // Accounts with a touch only (an account whose rows are all of other types has none).
        let order = names.indices.filter { perAccount[$0 + 1] > perAccount[$0] }
            .sorted { CodePoints.less(names[$0], names[$1]) }
        let rank = catalog.keyRank
        var flat: [Touch] = []
        flat.reserveCapacity(slots.count)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(names.count)
        slots.withUnsafeMutableBufferPointer { all in
            for a in order {
                var mine = UnsafeMutableBufferPointer(rebasing: all[perAccount[a]..<perAccount[a + 1]])
                // Rows read by day (SQLite's index) leave only each day's few rows out of place:
                // insertion sort moves just those.
                if Self.inDayOrder(mine) {
                    Self.sortRuns(mine, together: { $0.touch.day == $1.touch.day }, by: Slot.less)
                } else {
                    mine.sort(by: Slot.less)
                }
                let start = flat.count
                var last: (day: Day, key: Int32)?
                for s in mine {
                    if let l = last, l.day == s.touch.day, l.key == s.touch.key { continue }
                    last = (s.touch.day, s.touch.key)
                    flat.append(s.touch)
                }
                // In day order already (and a later day's instants are later): only each day's
                // touches move.
                flat.withUnsafeMutableBufferPointer { f in
                    Self.sortRuns(UnsafeMutableBufferPointer(rebasing: f[start...]), together: { $0.day == $1.day }) {
                        $0.time != $1.time ? $0.time < $1.time : rank[Int($0.key)] < rank[Int($1.key)]
                    }
                }
                ranges.append(start..<flat.count)
            }
        }
        accounts = order.map { names[$0] }
        var index: [String: Int] = [:]
        index.reserveCapacity(accounts.count)
        for (i, a) in accounts.enumerated() { index[a] = i }
        accountIndex = index
        self.ranges = ranges
        touches = flat
    }

    /// A row as grouping sorts it: its touch and its row number (the ID's stand-in).
    struct Slot {
        var touch: Touch
        var row: Int32

        /// (day, key, time, activity_id).
        static func less(_ p: Slot, _ q: Slot) -> Bool {
            if p.touch.day != q.touch.day { return p.touch.day < q.touch.day }
            if p.touch.key != q.touch.key { return p.touch.key < q.touch.key }
            if p.touch.time != q.touch.time { return p.touch.time < q.touch.time }
            return p.row < q.row
        }
    }

    /// Whether an account's slots come day by day (each account's rows of an SQLite read do).
    static func inDayOrder(_ slots: UnsafeMutableBufferPointer<Slot>) -> Bool {
        var i = 1
        while i < slots.count {
            if slots[i].touch.day < slots[i - 1].touch.day { return false }
            i += 1
        }
        return true
    }

    /// Sorts each run of neighbours that belong `together` (one day's), the runs staying in
    /// place: a short run by insertion, without a buffer; a long one (a day of thousands of
    /// rows, where insertion could take their square) by the library's sort.
    static func sortRuns<T>(
        _ a: UnsafeMutableBufferPointer<T>, together: (T, T) -> Bool, by less: (T, T) -> Bool
    ) {
        var start = 0
        while start < a.count {
            var end = start + 1
            while end < a.count && together(a[end - 1], a[end]) { end += 1 }
            if end - start > 64 {
                var run = UnsafeMutableBufferPointer(rebasing: a[start..<end])
                run.sort(by: less)
            } else if end - start > 1 {
                for i in (start + 1)..<end {
                    let x = a[i]
                    var j = i
                    while j > start && less(x, a[j - 1]) {
                        a[j] = a[j - 1]
                        j -= 1
                    }
                    a[j] = x
                }
            }
            start = end
        }
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
