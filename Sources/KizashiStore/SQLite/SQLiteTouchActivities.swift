import KizashiCore

/// Attribution's touches from an SQLite workspace: the table scanned in two halves of its
/// primary key at once, one per raw reader, each row decoded in place by position. Why: the
/// activities have no day index (it would cost every import its build), so a quarter's read is a
/// scan of the table; halving it puts both cores on it (medium: 650k of 2M rows).
extension SQLiteWorkspaceStore {
    public func touchActivities(days: [ClosedRange<Day>], types: [ActivityType]) async throws -> TouchActivities {
        guard !days.isEmpty, !types.isEmpty else { return TouchActivities() }
        let accounts = try await readers.run { r in
            var out: [(key: Int64, id: String)] = []
            try r.scan("SELECT company_key, company_id FROM companies ORDER BY company_key") { c in
                if let k = c.int(0) { out.append((Int64(k), try c.requiredText(1, "company_id"))) }
            }
            return TouchActivities.AccountKeys(out)
        }
        let bounds = try await readers.run { r in
            var out: (String?, String?) = (nil, nil)
            try r.scan("SELECT min(activity_id), max(activity_id) FROM activities") { c in out = (c.text(0), c.text(1)) }
            return out
        }
        let condition = TouchActivitiesQuery.condition(days: days, types: types)
        let head: StoredSQL = "SELECT " + TouchActivitiesQuery.columns + " FROM activities WHERE "
        guard let low = bounds.0, let high = bounds.1, let pivot = Self.pivot(between: low, and: high) else {
            return TouchActivities.Builder.merge(
                [try await scan(head + condition, accounts: accounts, types: types)], accounts: accounts)
        }
        async let first = scan(head + condition + " AND activity_id < \(pivot)", accounts: accounts, types: types)
        async let second = scan(head + condition + " AND activity_id >= \(pivot)", accounts: accounts, types: types)
        return TouchActivities.Builder.merge([try await first, try await second], accounts: accounts)
    }

    private func scan(_ sql: StoredSQL, accounts: TouchActivities.AccountKeys, types: [ActivityType]) async throws
        -> TouchActivities.Builder
    {
        let (text, binds) = sql.rendered(for: .sqlite)
        return try await readers.run { reader in
            var builder = TouchActivities.Builder(accounts: accounts)
            var strings = StoredStringInterner()
            let names = types.map { Array($0.rawValue.utf8) }
            try reader.scan(text, binds) { r in
                // The type by its bytes: the database has already kept only `types`.
                let bytes = r.bytes(3)
                guard let t = names.firstIndex(where: { $0.elementsEqual(bytes) }) else {
                    throw StoreError("activity \(r.text(5) ?? "?") has a type not asked for")
                }
                guard let key = r.int(0), let day = r.int(1), let at = r.int(2) else {
                    throw StoreError("activity \(r.text(5) ?? "?") has no stored account, day or time")
                }
                builder.append(
                    accountKey: Int64(key), day: Day(daysSinceEpoch: Int32(truncatingIfNeeded: day)),
                    occurredAt: Instant(millisecondsSinceEpoch: Int64(at)), type: types[t],
                    campaignId: r.isNull(4) ? nil : strings.string(r.bytes(4)), id: try r.requiredText(5, "activity_id"))
            }
            return builder
        }
    }

    /// An ID between `low` and `high` in byte order that splits the key range near its middle:
    /// their common prefix and the mean of their first differing bytes. Nil when those bytes are
    /// adjacent or not ASCII (then one scan reads it all: a pivot must be valid text).
    static func pivot(between low: String, and high: String) -> String? {
        let (a, b) = (Array(low.utf8), Array(high.utf8))
        var i = 0
        while i < a.count && i < b.count && a[i] == b[i] { i += 1 }
        let x = i < a.count ? Int(a[i]) : 0
        guard i < b.count, Int(b[i]) < 0x80, Int(b[i]) - x >= 2 else { return nil }
        return String(decoding: b[..<i] + [UInt8((x + Int(b[i])) / 2)], as: UTF8.self)
    }
}
