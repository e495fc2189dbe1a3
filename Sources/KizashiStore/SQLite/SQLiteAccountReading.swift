import KizashiCore

/// The dashboard's account reads that SQLite answers its own way. An account's activities are those resolved to its
/// `account_key` (its own and its contacts', resolved at import), found through the account's
/// locators (ActivityLocators, migration 10) in one read transaction.
extension SQLiteWorkspaceStore {
    public func accountActivitySummaries(engagedDays: ClosedRange<Day>) async throws -> [String: AccountActivitySummary]
    {
        // One pass over the rows, aggregated here: without an account index SQLite would sort
        // every row for the GROUP BY.
        let lo = Int(engagedDays.lowerBound.daysSinceEpoch)
        let hi = Int(engagedDays.upperBound.daysSinceEpoch)
        return try await readers.snapshot { r in
            var ids: [Int: String] = [:]
            try r.scan("SELECT company_key, company_id FROM companies") { c in
                if let k = c.int(0), let id = c.text(1) { ids[k] = id }
            }
            var contacts: [Int: Set<String>] = [:]
            var last: [Int: Int] = [:]
            try r.scan("SELECT account_key, day, contact_id, occurred_at FROM activities WHERE account_key >= 0") { c in
                guard let k = c.int(0), let d = c.int(1), let at = c.int(3) else { return }
                if let l = last[k] {
                    if at > l { last[k] = at }
                } else {
                    last[k] = at
                }
                if d >= lo && d <= hi, let contact = c.text(2) { contacts[k, default: []].insert(contact) }
            }
            var out: [String: AccountActivitySummary] = [:]
            out.reserveCapacity(last.count)
            for (k, at) in last {
                guard let id = ids[k] else { continue }
                out[id] = AccountActivitySummary(
                    engagedContacts: contacts[k]?.count ?? 0,
                    lastActivity: Instant(millisecondsSinceEpoch: Int64(at)))
            }
            return out
        }
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
        return try await readers.snapshot { r in
            guard let key = try Self.companyKey(companyId, r) else { return [:] }
            var out: [String: Int] = [:]
            for row in try Self.locatedRows(accounts: [key], since: Self.instantBound(lo), r) {
                guard let d = row.int("day"), d >= lo, d <= hi, let c = row.text("contact_id") else { continue }
                out[c, default: 0] += 1
            }
            return out
        }
    }

    public func recentActivities(since: Day) async throws -> [RecentAccountActivity] {
        let sinceDay = Int(since.daysSinceEpoch)
        return try await readers.snapshot { r in
            var targets: [Int: String] = [:]
            for t in try r.query(
                "SELECT DISTINCT c.company_key AS k, c.company_id AS id FROM companies c JOIN targets t ON t.company_id = c.company_id"
            ) {
                if let k = t.int("k"), let id = t.text("id") { targets[k] = id }
            }
            // Converted as they are fetched, 256 rows at a time: the backtest asks for 14 months
            // of every target account (4.3M rows at large scale), and holding them all as raw
            // rows first took the `now` command to 4 GB (bench/run large, BENCHMARKS.md).
            // The contacts named by the rows (department, role, name), fetched as they appear.
            var contacts: [String: (department: String?, role: ContactRole?, name: String?)] = [:]
            var out: [RecentAccountActivity] = []
            try Self.forEachLocatedChunk(accounts: Array(targets.keys), since: Self.instantBound(sinceDay), r) {
                rows in
                var missing = Set<String>()
                for row in rows {
                    if let c = row.text("contact_id"), contacts[c] == nil { missing.insert(c) }
                }
                let ids = Array(missing)
                // A contact not found stays "no details" and is not asked for again.
                for c in ids { contacts[c] = (nil, nil, nil) }
                for start in stride(from: 0, to: ids.count, by: Self.fetchWidth) {
                    let part = ids[start..<min(start + Self.fetchWidth, ids.count)]
                    for c in try r.query(
                        "SELECT contact_id, department, role, name FROM contacts WHERE contact_id IN (\(Self.fetchList))",
                        Self.padded(part))
                    {
                        if let id = c.text("contact_id") {
                            contacts[id] = (
                                c.text("department"), c.text("role").flatMap(ContactRole.init(rawValue:)),
                                c.text("name")
                            )
                        }
                    }
                }
                for a in rows {
                    guard let k = a.int("account_key"), let id = targets[k], let d = a.int("day"), d >= sinceDay,
                        let type = a.text("type").flatMap(ActivityType.init(rawValue:))
                    else { continue }
                    let contact = a.text("contact_id")
                    let ct = contact.flatMap { contacts[$0] }
                    out.append(
                        RecentAccountActivity(
                            companyId: id, day: Day(daysSinceEpoch: Int32(d)), type: type, contactId: contact,
                            department: ct?.department, role: ct?.role, contactName: ct?.name, url: a.text("url"),
                            topic: a.text("topic")))
                }
            }
            return out
        }
    }

    // MARK: Activities through their locators (migration 10)

    /// IDs per `IN (…)` fetch; shorter lists are padded with NULL (which matches nothing), so
    /// one prepared statement serves every fetch.
    static let fetchWidth = 256
    static let fetchList = Array(repeating: "?", count: fetchWidth).joined(separator: ",")

    static func padded(_ ids: some Collection<String>) -> [StoredValue] {
        var binds = ids.map { StoredValue.text($0) }
        binds += Array(repeating: .null, count: fetchWidth - binds.count)
        return binds
    }

    /// The earliest instant of a local day in any time zone: a day starts at most 14 hours
    /// before its UTC midnight, so a bound one day early is safe; the exact local-day filter
    /// follows on the rows.
    static func instantBound(_ day: Int) -> Int64 { Int64(day - 1) * 86_400_000 }

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
