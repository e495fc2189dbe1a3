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
                group.addTask { (i, try await self.scan(head + condition + half, accounts: accounts, types: types)) }
            }
            var parts: [(Int, TouchActivities.Builder)] = []
            for try await part in group { parts.append(part) }
            // In key order, so campaign numbers come out the same on every run.
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
                    campaignId: r.isNull(4) ? nil : strings.string(r.bytes(4)), id: try r.requiredText(5, "activity_id")
                )
            }
            return builder
        }
    }
}
