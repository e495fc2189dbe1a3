import KizashiCore

/// Attribution's touches from an SQLite workspace: the table scanned in two halves of its
/// primary key at once (`activityHalves`), one per raw reader, each row decoded in place by
/// position (medium: 650k of 2M rows).
extension SQLiteWorkspaceStore {
    public func touchActivities(days: [ClosedRange<Day>], types: [ActivityType]) async throws -> TouchActivities {
        guard !days.isEmpty, !types.isEmpty else { return TouchActivities() }
        let accounts = try await rawAccountKeys()
        let condition = TouchActivitiesQuery.condition(days: days, types: types)
        let head: StoredSQL = "SELECT " + TouchActivitiesQuery.columns + " FROM activities WHERE "
        let halves = try await activityHalves()
        return try await withThrowingTaskGroup(of: (Int, TouchActivities.Builder).self) { group in
            for (i, half) in halves.enumerated() {
                // In key order (`TouchActivities`): the primary key's own order, so SQLite
                // scans as before and sorts nothing.
                let sql = head + condition + half + " ORDER BY activity_id"
                group.addTask { (i, try await self.scan(sql, accounts: accounts, types: types)) }
            }
            var parts: [(Int, TouchActivities.Builder)] = []
            for try await part in group { parts.append(part) }
            // Halves in key order: rows in activity_id order, and campaign numbers the same on
            // every run.
            return TouchActivities.Builder.merge(parts.sorted { $0.0 < $1.0 }.map(\.1), accounts: accounts)
        }
    }

    private func scan(_ sql: StoredSQL, accounts: TouchActivities.AccountKeys, types: [ActivityType]) async throws
        -> TouchActivities.Builder
    {
        let (text, binds) = sql.rendered(for: .sqlite)
        return try await readers.run { reader in
            var builder = TouchActivities.Builder(accounts: accounts)
            var strings = StoredStringInterner()
            let names = types.map { Array($0.rawValue.utf8) }
            // Unmapped: a quarter's pass reads most of the table (`withoutMap`).
            try reader.withoutMap {
                try reader.scan(text, binds) { r in
                    // The type by its bytes: the database has already kept only `types`.
                    let bytes = r.bytes(3)
                    guard let t = names.firstIndex(where: { $0.elementsEqual(bytes) }) else {
                        throw StoreError("an activity has a type not asked for")
                    }
                    // NOT NULL columns of `activities`, read without asking their type first (that was
                    // 4 % of a medium report's CPU, perf).
                    let (key, day, at) = (r.int64(0), r.int64(1), r.int64(2))
                    builder.append(
                        accountKey: key, day: Day(daysSinceEpoch: Int32(truncatingIfNeeded: day)),
                        occurredAt: Instant(millisecondsSinceEpoch: at), type: types[t],
                        campaignId: r.isNull(4) ? nil : strings.string(r.bytes(4)))
                }
            }
            return builder
        }
    }
}
