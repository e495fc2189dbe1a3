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
    public func summaryPatch(for activities: [Activity], engagedDays days: ClosedRange<Day>, targetsOnly: Bool)
        async throws -> [String: AccountActivitySummary]
    {
        let (companies, people) = try await accounts(of: activities, targetsOnly: targetsOnly)
        var latest: [Int64: Instant] = [:]
        var idOf: [Int64: String] = [:]
        for a in activities {
            let account: (key: Int64, id: String)?
            if let c = a.companyId {
                account = companies[c].map { ($0, c) }
            } else if let p = a.contactId {
                account = people[p]
            } else {
                account = nil
            }
            guard let (key, id) = account else { continue }
            idOf[key] = id
            if let t = latest[key], t >= a.occurredAt { continue }
            latest[key] = a.occurredAt
        }
        let (lo, hi) = (Int(days.lowerBound.daysSinceEpoch), Int(days.upperBound.daysSinceEpoch))
        let keys = latest.keys.sorted()
        // SQLite reads the count through `activities_contact_day`, whose key starts with the day:
        // each statement scans the window's whole day range, whatever its list. So one statement
        // for every account there: lists of 500 scanned it seven times for a one-day import at
        // medium (115–140 ms of the first `/accounts` after it). PostgreSQL probes each account's
        // index instead, and keeps short lists, counted at once on pooled connections (an import
        // of 7,350 rows touched 3,297 accounts at medium: 185 ms of the server's time in one
        // statement, 200 ms of the first `/accounts` after it one list after another).
        let width = dialect == .sqlite ? Self.sqliteCountWidth : Self.listWidth
        let parts = keys.chunked(width).map { $0.map { StoredValue.integer($0) } }
        let counted = try await concurrentReads(parts) { part in
            """
            SELECT account_key, count(DISTINCT contact_id) AS n FROM activities
            WHERE day BETWEEN \(lo) AND \(hi) AND contact_id IS NOT NULL AND account_key IN (\(list: part))
            GROUP BY account_key
            """
        }
        var engaged: [Int64: Int] = [:]
        for r in counted { if let k = r.int("account_key") { engaged[Int64(k)] = r.int("n") ?? 0 } }
        var out: [String: AccountActivitySummary] = [:]
        for (key, at) in latest {
            guard let id = idOf[key] else { continue }
            out[id] = AccountActivitySummary(engagedContacts: engaged[key] ?? 0, lastActivity: at)
        }
        return out
    }

    /// The account each activity is counted under (its key and company ID): its company when
    /// the row names one, else its contact's (data-format.md §activities.csv). A company that
    /// does not exist has none, as at import (`account_key` −1); with `targetsOnly`, neither has
    /// an account that is not a target.
    private func accounts(of activities: [Activity], targetsOnly: Bool) async throws -> (
        companies: [String: Int64], people: [String: (key: Int64, id: String)]
    ) {
        var named = Set<String>()
        var people = Set<String>()
        for a in activities {
            if let c = a.companyId { named.insert(c) } else if let p = a.contactId { people.insert(p) }
        }
        // EXISTS, not `IN (SELECT … FROM targets)`: SQLite drove that from the targets, probing
        // each target's contacts for every listed ID (1.25M probes a list at medium; /accounts
        // after an import 93 → 350 ms). Both plan this as a probe per listed row.
        let targets: StoredSQL =
            targetsOnly ? " AND EXISTS (SELECT 1 FROM targets t WHERE t.company_id = c.company_id)" : ""
        async let companyRows = concurrentReads(Self.chunks(named)) { part in
            "SELECT company_id AS id, company_key AS k FROM companies c WHERE company_id IN (\(list: part))\(targets)"
        }
        let contactRows = try await concurrentReads(Self.chunks(people)) { part in
            """
            SELECT p.contact_id AS id, c.company_key AS k, c.company_id AS company FROM contacts p JOIN companies c
            ON c.company_id = p.company_id WHERE p.contact_id IN (\(list: part))\(targets)
            """
        }
        var companies: [String: Int64] = [:]
        for r in try await companyRows {
            if let id = r.text("id"), let k = r.int("k") { companies[id] = Int64(k) }
        }
        var contacts: [String: (key: Int64, id: String)] = [:]
        for r in contactRows {
            if let id = r.text("id"), let k = r.int("k"), let company = r.text("company") {
                contacts[id] = (Int64(k), company)
            }
        }
        return (companies, contacts)
    }

    /// The rows of one statement per part, a few at once (`boundedConcurrently`).
    private func concurrentReads(
        _ parts: [[StoredValue]], _ statement: @escaping @Sendable ([StoredValue]) -> StoredSQL
    )
        async throws -> [StoredRecord]
    {
        try await boundedConcurrently(parts) { try await self.reportRead(statement($0)) }.flatMap { $0 }
    }

    private static func chunks(_ ids: Set<String>) -> [[StoredValue]] {
        ids.sorted().chunked(listWidth).map { $0.map { StoredValue.text($0) } }
    }

    /// Values per `IN (…)` list: well under both backends' limits on bound parameters.
    static var listWidth: Int { 500 }
    /// Accounts per count statement on SQLite (`summaryPatch`); SQLiteNIO builds SQLite with
    /// SQLITE_MAX_VARIABLE_NUMBER 250,000, and a patch holds at most 200,000 activities.
    static var sqliteCountWidth: Int { 30_000 }
}
