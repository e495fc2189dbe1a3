import KizashiCore

/// The account summaries of the accounts an event batch touched, the same statements on both
/// backends.
extension SQLWorkspaceBackend {
    /// Why a read of its own: after each event batch the server's account list rebuilt every
    /// summary with a scan of all activities (0.25 s at medium; the first `/accounts` after a
    /// batch took 348 ms p95, BENCHMARKS.md). Events only add activities, so an account's latest
    /// activity only moves to the batch's latest; its distinct contacts are counted again here,
    /// through the window's rows with a contact (SQLite: the partial index
    /// `activities_contact_day`).
    public func summaryPatch(for activities: [Activity], engagedDays days: ClosedRange<Day>) async throws
        -> [String: AccountActivitySummary]
    {
        let (companies, people) = try await accounts(of: activities)
        var latest: [Int64: Instant] = [:]
        for a in activities {
            let key: Int64?
            if let c = a.companyId {
                key = companies[c]
            } else if let p = a.contactId {
                key = people[p]
            } else {
                key = nil
            }
            guard let key else { continue }
            if let t = latest[key], t >= a.occurredAt { continue }
            latest[key] = a.occurredAt
        }
        let (lo, hi) = (Int(days.lowerBound.daysSinceEpoch), Int(days.upperBound.daysSinceEpoch))
        var engaged: [Int64: Int] = [:]
        let keys = latest.keys.sorted()
        // SQLite reads the count through `activities_contact_day`, whose key starts with the day:
        // each statement scans the window's whole day range, whatever its list. So one statement
        // for every account there: lists of 500 scanned it seven times for a one-day import at
        // medium (115–140 ms of the first `/accounts` after it). PostgreSQL probes each account's
        // index instead, and keeps short lists.
        let width = dialect == .sqlite ? Self.sqliteCountWidth : Self.listWidth
        for start in stride(from: 0, to: keys.count, by: width) {
            let part = keys[start..<min(start + width, keys.count)].map { StoredValue.integer($0) }
            for r in try await reportRead(
                """
                SELECT account_key, count(DISTINCT contact_id) AS n FROM activities
                WHERE day BETWEEN \(lo) AND \(hi) AND contact_id IS NOT NULL AND account_key IN (\(list: part))
                GROUP BY account_key
                """)
            {
                if let k = r.int("account_key") { engaged[Int64(k)] = r.int("n") ?? 0 }
            }
        }
        let ids = try await companyIds(keys)
        var out: [String: AccountActivitySummary] = [:]
        for (key, at) in latest {
            guard let id = ids[key] else { continue }
            out[id] = AccountActivitySummary(engagedContacts: engaged[key] ?? 0, lastActivity: at)
        }
        return out
    }

    /// The company key each activity is counted under: its company when the row names one, else
    /// its contact's (data-format.md §activities.csv). A company that does not exist has none,
    /// as at import (`account_key` −1).
    private func accounts(of activities: [Activity]) async throws -> (
        companies: [String: Int64], people: [String: Int64]
    ) {
        var named = Set<String>()
        var people = Set<String>()
        for a in activities {
            if let c = a.companyId { named.insert(c) } else if let p = a.contactId { people.insert(p) }
        }
        var companies: [String: Int64] = [:]
        for part in Self.chunks(named) {
            for r in try await reportRead(
                "SELECT company_id AS id, company_key AS k FROM companies WHERE company_id IN (\(list: part))")
            {
                if let id = r.text("id"), let k = r.int("k") { companies[id] = Int64(k) }
            }
        }
        var contacts: [String: Int64] = [:]
        for part in Self.chunks(people) {
            for r in try await reportRead(
                """
                SELECT p.contact_id AS id, c.company_key AS k FROM contacts p JOIN companies c
                ON c.company_id = p.company_id WHERE p.contact_id IN (\(list: part))
                """)
            {
                if let id = r.text("id"), let k = r.int("k") { contacts[id] = Int64(k) }
            }
        }
        return (companies, contacts)
    }

    private func companyIds(_ keys: [Int64]) async throws -> [Int64: String] {
        var out: [Int64: String] = [:]
        for start in stride(from: 0, to: keys.count, by: Self.listWidth) {
            let part = keys[start..<min(start + Self.listWidth, keys.count)].map { StoredValue.integer($0) }
            for r in try await reportRead(
                "SELECT company_key AS k, company_id AS id FROM companies WHERE company_key IN (\(list: part))")
            {
                if let k = r.int("k"), let id = r.text("id") { out[Int64(k)] = id }
            }
        }
        return out
    }

    private static func chunks(_ ids: Set<String>) -> [[StoredValue]] {
        let sorted = ids.sorted()
        return stride(from: 0, to: sorted.count, by: listWidth).map { start in
            sorted[start..<min(start + listWidth, sorted.count)].map { StoredValue.text($0) }
        }
    }

    /// Values per `IN (…)` list: well under both backends' limits on bound parameters.
    static var listWidth: Int { 500 }
    /// Accounts per count statement on SQLite (`summaryPatch`); SQLiteNIO builds SQLite with
    /// SQLITE_MAX_VARIABLE_NUMBER 250,000, and a patch holds at most 200,000 activities.
    static var sqliteCountWidth: Int { 30_000 }
}
