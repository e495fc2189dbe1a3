import KizashiCore

/// The committee features' read on SQLite: only the columns they use (account, day, type,
/// contact, URL) of the targets' rows with a person or a web visit, each person numbered as it
/// comes, and no `RecentAccountActivity` per row (nine fields, most URLs their own
/// allocation): the training reads 14 months, 4.3M rows at large scale.
extension SQLiteWorkspaceStore {
    public func committeeActivity(since: Day) async throws -> CommitteeActivity {
        let sinceDay = Int(since.daysSinceEpoch)
        // Unmapped (`withoutMap`), the map set before the read transaction begins: 14 months are
        // most of the table, and every mapped page stayed resident (1.16 GB of the large
        // training's 1.95 GB peak RSS, /proc/PID/status; its heap peaked at 0.53 GB, heaptrack).
        return try await readers.run { r in
            try r.withoutMap {
                try r.execute("BEGIN")
                defer { try? r.execute("COMMIT") }
                return try Self.committeeActivity(since: sinceDay, r)
            }
        }
    }

    private static func committeeActivity(since sinceDay: Int, _ r: RawSQLiteConnection) throws -> CommitteeActivity {
        var targets: [Int: String] = [:]
        try r.scan(
            "SELECT DISTINCT c.company_key, c.company_id FROM companies c JOIN targets t ON t.company_id = c.company_id"
        ) { t in
            if let k = t.int(0), let id = t.text(1) { targets[k] = id }
        }
        var builder = CommitteeActivity.Builder()
        let webVisit = Array(ActivityType.webVisit.rawValue.utf8)
        try r.scan(
            """
            SELECT account_key, day, type, contact_id, url FROM activities
            WHERE day >= \(sinceDay) AND (contact_id IS NOT NULL OR type = 'web_visit') AND account_key >= 0
            """
        ) { a in
            // The targets are kept here, not by an `IN (…)` in the statement, which SQLite tests
            // by probing an ephemeral index per row (0.26 s against 0.17 s for the 70 days of
            // `now` at medium, sqlite3 shell).
            guard let k = a.int(0), let id = targets[k], let d = a.int(1) else { return }
            let day = Day(daysSinceEpoch: Int32(truncatingIfNeeded: d))
            if !a.isNull(3), let contact = a.text(3) {
                builder.addTouch(companyId: id, day: day, contactId: contact)
            }
            if !a.isNull(4), a.bytes(2).elementsEqual(webVisit), RecentAccountActivity.isPricingURL(a.bytes(4)) {
                builder.addPricingVisit(companyId: id, day: day)
            }
        }
        // Each person's role and department, fetched once.
        let facts = try Self.people(builder.contactIds.sorted(), r)
        return builder.build(contacts: facts.mapValues { ($0.role, $0.department) })
    }
}
