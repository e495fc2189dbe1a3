import KizashiCore

/// Attribution's touches from an SQLite workspace: the window's days read from the covering
/// index `activities_day` (migration 23), in two halves of the days at once, one per raw reader,
/// each row decoded in place by position and its type kept or dropped on its bytes.
///
/// Why the index: the look-back window is most of a quarter's history but the table's rows
/// carry URLs and topics; the index holds only the columns read here (sqlite3 shell, medium:
/// the window's filter took 0.52 s as a scan of the table and 0.32 s from the index,
/// BENCHMARKS.md 2026-12-07, tenth session).
extension SQLiteWorkspaceStore {
    public func touchActivities(days: [ClosedRange<Day>], types: [ActivityType]) async throws -> TouchActivities {
        guard !days.isEmpty, !types.isEmpty else { return TouchActivities() }
        let accounts = try await rawAccountKeys()
        let halves = Self.dayHalves(days)
        return try await withThrowingTaskGroup(of: (Int, TouchActivities.Builder).self) { group in
            for (i, half) in halves.enumerated() {
                group.addTask { (i, try await self.scan(half, accounts: accounts, types: types)) }
            }
            var parts: [(Int, TouchActivities.Builder)] = []
            for try await part in group { parts.append(part) }
            // Halves in day order: rows in (day, activity_id) order, and campaign numbers the same
            // on every run.
            return TouchActivities.Builder.merge(parts.sorted { $0.0 < $1.0 }.map(\.1), accounts: accounts)
        }
    }

    /// One range of days, in `TouchActivities`' order: the index's own order (day, then
    /// activity_id), so SQLite reads one range of it and sorts nothing. No type test here: the
    /// scan drops other types on their bytes (a chain of `type = …` tests was 4 % of a report).
    static let touchWindowSQL =
        "SELECT account_key, day, occurred_at, type, campaign_id FROM activities"
        + " WHERE day BETWEEN ? AND ? AND account_key >= 0 ORDER BY day, activity_id"

    /// `days` (disjoint, in order) cut into two lists of ranges with about as many days each,
    /// the first all before the second; one list when there is a single day.
    static func dayHalves(_ days: [ClosedRange<Day>]) -> [[ClosedRange<Day>]] {
        // In Int: the days come from imported dates (hostile), and a range's count of Int32 days
        // fits an Int.
        func count(_ r: ClosedRange<Day>) -> Int {
            Int(r.upperBound.daysSinceEpoch) - Int(r.lowerBound.daysSinceEpoch) + 1
        }
        let total = days.reduce(0) { $0 + count($1) }
        guard total > 1 else { return [days] }
        var left = total / 2
        var first: [ClosedRange<Day>] = []
        var second: [ClosedRange<Day>] = []
        for r in days {
            if left <= 0 {
                second.append(r)
            } else if count(r) <= left {
                first.append(r)
                left -= count(r)
            } else {
                // Lower bound + left ≤ upper bound: an Int32.
                let cut = Day(daysSinceEpoch: Int32(truncatingIfNeeded: Int(r.lowerBound.daysSinceEpoch) + left))
                first.append(r.lowerBound...(cut - 1))
                second.append(cut...r.upperBound)
                left = 0
            }
        }
        return [first, second]
    }

    private func scan(_ days: [ClosedRange<Day>], accounts: TouchActivities.AccountKeys, types: [ActivityType])
        async throws -> TouchActivities.Builder
    {
        try await readers.run { reader in
            var builder = TouchActivities.Builder(accounts: accounts)
            var strings = StoredStringInterner()
            let names = types.map { Array($0.rawValue.utf8) }
            // Unmapped: a quarter's pass reads most of the index (`withoutMap`).
            try reader.withoutMap {
                for range in days {
                    let binds: [StoredValue] = [
                        .integer(Int(range.lowerBound.daysSinceEpoch)), .integer(Int(range.upperBound.daysSinceEpoch)),
                    ]
                    try reader.scan(Self.touchWindowSQL, binds) { r in
                        let bytes = r.bytes(3)
                        // Another type (`email_open` by default) is no touch.
                        guard let t = names.firstIndex(where: { $0.count == bytes.count && $0.elementsEqual(bytes) })
                        else { return }
                        // NOT NULL columns of `activities`, read without asking their type first
                        // (that was 4 % of a medium report's CPU, perf).
                        let (key, day, at) = (r.int64(0), r.int64(1), r.int64(2))
                        builder.append(
                            accountKey: key, day: Day(daysSinceEpoch: Int32(truncatingIfNeeded: day)),
                            occurredAt: Instant(millisecondsSinceEpoch: at), type: types[t],
                            campaignId: r.isNull(4) ? nil : strings.string(r.bytes(4)))
                    }
                }
            }
            return builder
        }
    }
}
