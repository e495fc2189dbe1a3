import KizashiCore

/// `AccountReading.recentActivities(since:)`'s rows with each row's place in the store's order
/// (within an account: instant, then activity ID byte by byte), so a reader that keeps them can
/// add later rows where the store would have put them (the read model, across event batches).
public struct RecentActivityRows: Sendable, Equatable {
    public var rows: [RecentAccountActivity]
    /// `keys[i]` is `rows[i]`'s.
    public var keys: [Key]

    public init(rows: [RecentAccountActivity] = [], keys: [Key] = []) {
        self.rows = rows
        self.keys = keys
    }

    /// These rows and `later`'s, each account's still in key order, a row already here (by ID)
    /// not added twice. Later rows usually come after every row of their account and are simply
    /// appended (where an account's rows stand in the array does not matter to the ranking, only
    /// their order); otherwise every row is grouped again (`sortedByAccount`).
    public func adding(_ later: RecentActivityRows) -> RecentActivityRows {
        guard !later.rows.isEmpty else { return self }
        var known = Set(keys.map(\.activityId))
        var last: [String: Key] = [:]
        for i in rows.indices where last[rows[i].companyId].map({ $0 < keys[i] }) ?? true {
            last[rows[i].companyId] = keys[i]
        }
        var out = self
        var inOrder = true
        for i in later.rows.indices where known.insert(later.keys[i].activityId).inserted {
            let (account, key) = (later.rows[i].companyId, later.keys[i])
            if let before = last[account], !(before < key) { inOrder = false } else { last[account] = key }
            out.rows.append(later.rows[i])
            out.keys.append(key)
        }
        return inOrder ? out : out.sortedByAccount()
    }

    /// The rows grouped by account (accounts by ID, byte by byte), each account's in key order:
    /// rows read in several statements put back in the one order a reader relies on.
    public func sortedByAccount() -> RecentActivityRows {
        let order = rows.indices.sorted { x, y in
            let (a, b) = (rows[x].companyId, rows[y].companyId)
            return a != b ? a.utf8.lexicographicallyPrecedes(b.utf8) : keys[x] < keys[y]
        }
        return RecentActivityRows(rows: order.map { rows[$0] }, keys: order.map { keys[$0] })
    }

    /// A row's place among its account's rows.
    public struct Key: Sendable, Equatable, Comparable {
        public var at: Instant
        public var activityId: String

        public init(at: Instant, activityId: String) {
            self.at = at
            self.activityId = activityId
        }

        /// Instant, then the ID in byte order (PostgreSQL's "C" collation, SQLite's BINARY).
        public static func < (a: Key, b: Key) -> Bool {
            a.at != b.at
                ? a.at.millisecondsSinceEpoch < b.at.millisecondsSinceEpoch
                : a.activityId.utf8.lexicographicallyPrecedes(b.activityId.utf8)
        }
    }
}
