import KizashiCore

/// The dashboard's account reads that SQLite answers its own way. An account's activities are those resolved to its
/// `account_key` (its own and its contacts', resolved at import), found through the account's
/// locators (ActivityLocators, migration 10) in one read transaction.
extension SQLiteWorkspaceStore {
    public func accountEngagement(engagedDays: ClosedRange<Day>) async throws -> [String: AccountEngagement] {
        // One pass over the rows, aggregated here (without an account index SQLite would sort
        // every row for a GROUP BY), in two halves of the key on both readers, per account
        // number rather than per hashed key (2M rows at medium).
        let lo = Int(engagedDays.lowerBound.daysSinceEpoch)
        let hi = Int(engagedDays.upperBound.daysSinceEpoch)
        let accounts = try await rawAccountKeys()
        let count = accounts.ids.count
        typealias Part = (last: [Int64], contacts: [Set<String>])
        let parts = try await withThrowingTaskGroup(of: Part.self) { group in
            for half in try await activityHalves() {
                let (text, binds) =
                    ("SELECT account_key, day, contact_id, occurred_at FROM activities WHERE account_key >= 0" + half)
                    .rendered(for: .sqlite)
                group.addTask {
                    try await self.readers.run { r in
                        var last = [Int64](repeating: .min, count: count)
                        var contacts = [Set<String>](repeating: [], count: count)
                        try r.scan(text, binds) { c in
                            guard let k = c.int(0), let n = accounts.number(of: Int64(k)), let d = c.int(1),
                                let at = c.int(3)
                            else { return }
                            let a = Int(n)
                            if Int64(at) > last[a] { last[a] = Int64(at) }
                            if d >= lo && d <= hi, !c.isNull(2) { contacts[a].insert(c.text(2) ?? "") }
                        }
                        return (last, contacts)
                    }
                }
            }
            var out: [Part] = []
            for try await p in group { out.append(p) }
            return out
        }
        var out: [String: AccountEngagement] = [:]
        for a in 0..<count {
            var last = Int64.min
            var contacts = Set<String>()
            for p in parts {
                last = max(last, p.last[a])
                contacts.formUnion(p.contacts[a])
            }
            guard last != .min else { continue }
            out[accounts.ids[a]] = AccountEngagement(
                contacts: contacts, lastActivity: Instant(millisecondsSinceEpoch: last))
        }
        return out
    }

    public func activities(accountOf companyId: String, limit: Int) async throws -> [Activity] {
        try await readers.snapshot { r in
            guard let key = try Self.companyKey(companyId, r), limit > 0 else { return [] }
            // Entries newest first; rows fetched until `limit` of them are still the account's.
            let entries = ActivityLocators.newestFirst(try ActivityLocators.stored(account: key, on: r))
            var rows: [StoredRecord] = []
            var next = 0
            while rows.count < limit && next < entries.count {
                let part = entries[next..<min(next + Self.fetchWidth, entries.count)].map(\.id)
                next += part.count
                rows += try Self.rows(ids: part, r).filter { $0.int("account_key") == key }
            }
            return try rows.map(EntityMapping.activity)
                .sorted {
                    $0.occurredAt != $1.occurredAt ? $0.occurredAt > $1.occurredAt : $0.id < $1.id
                }
                .prefix(limit).map { $0 }
        }
    }

    public func contactActivityCounts(companyId: String, days: ClosedRange<Day>) async throws -> [String: Int] {
        let lo = Int(days.lowerBound.daysSinceEpoch)
        let hi = Int(days.upperBound.daysSinceEpoch)
        guard lo <= hi else { return [:] }
        // Through the partial index `activities_contact_day` (day, account_key, contact_id),
        // `contactCountsSQL`: the account's rows were fetched through its locators before, most
        // of a `/now` request at large for the listed accounts' buying-group gaps (perf).
        return try await readers.snapshot { r in
            guard let key = try Self.companyKey(companyId, r) else { return [:] }
            var out: [String: Int] = [:]
            try r.scan(Self.contactCountsSQL(lo...hi), [.integer(Int64(key))]) { c in
                if let id = c.text(0), let n = c.int(1) { out[id] = n }
            }
            return out
        }
    }

    public func recentActivities(since: Day) async throws -> [RecentAccountActivity] {
        try await recentRows(since: since, ids: nil, keyed: false).rows
    }

    public func recentActivityRows(since: Day, ids: [String]?) async throws -> RecentActivityRows {
        try await recentRows(since: since, ids: ids, keyed: true)
    }

    /// The target accounts' recent rows, of the activities `ids` only when given (by primary
    /// key, `fetchWidth` at a time), with their order keys when `keyed`.
    private func recentRows(since: Day, ids: [String]?, keyed: Bool) async throws -> RecentActivityRows {
        let sinceDay = Int(since.daysSinceEpoch)
        return try await readers.snapshot { r in
            var targets: [Int: String] = [:]
            try r.scan(
                "SELECT DISTINCT c.company_key, c.company_id FROM companies c JOIN targets t ON t.company_id = c.company_id"
            ) { t in
                if let k = t.int(0), let id = t.text(1) { targets[k] = id }
            }
            // One pass over the table, filtered by SQLite (the rows are not indexed by day): at
            // medium scale 0.3 s for 165k of 2M rows, where fetching each target's rows through
            // its locators took 1.8 s (perf). Converted as they come, with strings interned, so
            // 14 months of targets (the training's read, 4.3M rows at large) stay compact.
            // Each row's order key beside it, compact: the activities themselves are large
            // (nine fields), so they are sorted in place by a permutation, never copied.
            var out: [RecentAccountActivity] = []
            var order: [(account: Int32, at: Int64)] = []
            var activityIds: [String] = []
            var strings = StoredStringInterner()
            var typeOf: [String: ActivityType] = [:]
            for t in ActivityType.allCases { typeOf[t.rawValue] = t }
            let columns = "account_key, day, type, contact_id, url, topic, occurred_at" + (keyed ? ", activity_id" : "")
            let take = { (a: RawSQLiteCursor) in
                guard let k = a.int(0), let id = targets[k], let d = a.int(1),
                    let type = typeOf[strings.string(a.bytes(2))]
                else { return }
                order.append((Int32(truncatingIfNeeded: k), Int64(a.int(6) ?? 0)))
                if keyed { activityIds.append(a.text(7) ?? "") }
                out.append(
                    RecentAccountActivity(
                        companyId: id, day: Day(daysSinceEpoch: Int32(truncatingIfNeeded: d)), type: type,
                        contactId: a.text(3), department: nil, role: nil, contactName: nil,
                        url: a.isNull(4) ? nil : strings.string(a.bytes(4)),
                        topic: a.isNull(5) ? nil : strings.string(a.bytes(5))))
            }
            if let ids {
                for part in ids.chunked(Self.fetchWidth) {
                    try r.scan(
                        "SELECT \(columns) FROM activities WHERE activity_id IN (\(Self.fetchList)) AND day >= \(sinceDay)",
                        Self.padded(part), take)
                }
            } else {
                try r.scan(
                    """
                    SELECT \(columns) FROM activities
                    WHERE day >= \(sinceDay) AND account_key IN (SELECT c.company_key FROM companies c JOIN targets t
                        ON t.company_id = c.company_id)
                    """, [], take)
            }
            // The people behind the rows (department, role, name), each fetched once.
            var wanted = Set<String>()
            for a in out { if let c = a.contactId { wanted.insert(c) } }
            let contacts = try Self.people(wanted.sorted(), r)
            for i in out.indices {
                guard let c = out[i].contactId, let ct = contacts[c] else { continue }
                out[i].department = ct.department
                out[i].role = ct.role
                out[i].contactName = ct.name
            }
            // PostgreSQL's order: account, time, then ID. A whole scan reads in ID order, so a
            // stable sort by (account, time) keeps it; rows read by ID in parts compare IDs.
            let permutation = order.indices.sorted { x, y in
                if order[x].account != order[y].account { return order[x].account < order[y].account }
                if order[x].at != order[y].at { return order[x].at < order[y].at }
                return ids == nil ? x < y : activityIds[x].utf8.lexicographicallyPrecedes(activityIds[y].utf8)
            }
            Self.permute(&out, by: permutation)
            guard keyed else { return RecentActivityRows(rows: out) }
            var keys = order.indices.map {
                RecentActivityRows.Key(at: Instant(millisecondsSinceEpoch: order[$0].at), activityId: activityIds[$0])
            }
            Self.permute(&keys, by: permutation)
            return RecentActivityRows(rows: out, keys: keys)
        }
    }

    /// Department, role and name of each of `ids` (sorted) that exists, `fetchWidth` at a time.
    static func people(_ ids: [String], _ r: RawSQLiteConnection) throws -> [String: (
        department: String?, role: ContactRole?, name: String?
    )] {
        var out: [String: (department: String?, role: ContactRole?, name: String?)] = [:]
        for start in stride(from: 0, to: ids.count, by: fetchWidth) {
            let part = ids[start..<min(start + fetchWidth, ids.count)]
            for c in try r.query(
                "SELECT contact_id, department, role, name FROM contacts WHERE contact_id IN (\(fetchList))",
                padded(part))
            {
                if let id = c.text("contact_id") {
                    out[id] = (
                        c.text("department"), c.text("role").flatMap(ContactRole.init(rawValue:)), c.text("name")
                    )
                }
            }
        }
        return out
    }

    /// Puts `values[permutation[i]]` at `i`, in place (cycle by cycle: no second array).
    static func permute<T>(_ values: inout [T], by permutation: [Int]) {
        var placed = [Bool](repeating: false, count: values.count)
        for start in values.indices where !placed[start] {
            var i = start
            while true {
                placed[i] = true
                let from = permutation[i]
                if from == start { break }
                values.swapAt(i, from)
                i = from
            }
        }
    }

    // MARK: Activities through their locators (migration 10)

    /// Days of a window read by one index seek each (`contactActivityCounts`).
    static let maxSeekDays = 400

    /// One account's (`?`) contact rows of the local days `days`, counted per contact: one seek
    /// per day (`day IN (…)`); a range would read every account's contact rows of the window.
    /// The days are the caller's window, so the list is bounded; past `maxSeekDays` the range.
    static func contactCountsSQL(_ days: ClosedRange<Int>) -> String {
        let which =
            days.count <= maxSeekDays
            ? "day IN (" + days.map(String.init).joined(separator: ",") + ")"
            : "day BETWEEN \(days.lowerBound) AND \(days.upperBound)"
        return "SELECT contact_id, count(*) FROM activities WHERE \(which) AND account_key = ?"
            + " AND contact_id IS NOT NULL GROUP BY contact_id"
    }

    /// IDs per `IN (…)` fetch; shorter lists are padded with NULL (which matches nothing), so
    /// one prepared statement serves every fetch.
    static let fetchWidth = 256
    static let fetchList = Array(repeating: "?", count: fetchWidth).joined(separator: ",")

    static func padded(_ ids: some Collection<String>) -> [StoredValue] {
        var binds = ids.map { StoredValue.text($0) }
        binds += Array(repeating: .null, count: fetchWidth - binds.count)
        return binds
    }

    static func companyKey(_ companyId: String, _ r: RawSQLiteConnection) throws -> Int? {
        try r.query("SELECT company_key FROM companies WHERE company_id = ?", [.text(companyId)]).first?.int(
            "company_key")
    }

    static func rows(ids: some Collection<String>, _ r: RawSQLiteConnection) throws -> [StoredRecord] {
        try r.query("SELECT * FROM activities WHERE activity_id IN (\(fetchList))", padded(ids))
    }

    /// The rows of these accounts (at or after `since`, in ms), found through their locators.
    /// A row counts only if it is still resolved to one of them: stale entries drop out here.
    static func locatedRows(accounts: [Int], since: Int64?, _ r: RawSQLiteConnection) throws -> [StoredRecord] {
        var out: [StoredRecord] = []
        try forEachLocatedChunk(accounts: accounts, since: since, r) { out += $0 }
        return out
    }

    /// `locatedRows`, handed over a fetch (up to `fetchWidth` rows) at a time, for callers that
    /// keep less than the rows.
    static func forEachLocatedChunk(
        accounts: [Int], since: Int64?, _ r: RawSQLiteConnection, _ body: ([StoredRecord]) throws -> Void
    ) throws {
        let wanted = Set(accounts)
        var ids: [String] = []
        var seen = Set<String>()
        for k in accounts {
            for (id, at) in try ActivityLocators.stored(account: k, on: r) where since.map({ at >= $0 }) ?? true {
                if seen.insert(id).inserted { ids.append(id) }
            }
        }
        seen = []
        for start in stride(from: 0, to: ids.count, by: fetchWidth) {
            let chunk = try rows(ids: ids[start..<min(start + fetchWidth, ids.count)], r).filter { row in
                guard let k = row.int("account_key"), wanted.contains(k) else { return false }
                if let since, let at = row.int("occurred_at"), Int64(at) < since { return false }
                return true
            }
            try body(chunk)
        }
    }
}
