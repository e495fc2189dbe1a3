import KizashiCore

/// What one write transaction changes in the per-day activity roll-ups: +1 for each activity
/// written to a (day, account, type) cell, −1 for each stored row it replaces. Applied once, at
/// the end of the transaction, to the stored roll-ups (`merged(with:)`).
///
/// This algebra keeps the roll-ups exact under any mix of new rows, replaced rows and re-imports,
/// which the KPI engine relies on; both backends use this one copy of it.
struct ActivityRollupDeltas: Sendable {
    typealias Cell = ActivityDayRollup.Cell
    /// Local day (days since 1970-01-01) → cell → change.
    private(set) var days: [Int32: [Cell: Int32]] = [:]

    var isEmpty: Bool { days.isEmpty }

    /// The days with a change, in order.
    var sortedDays: [Int32] { days.keys.sorted() }

    mutating func add(day: Int32, _ cell: Cell, _ n: Int32 = 1) { days[day, default: [:]][cell, default: 0] += n }

    mutating func remove(day: Int32, _ cell: Cell) { days[day, default: [:]][cell, default: 0] -= 1 }

    /// Adds one day's counts at once (a first load counts a day's run of rows, then moves it in).
    mutating func add(day: Int32, counts: [Cell: Int32]) {
        if days[day] == nil {
            days[day] = counts
        } else {
            days[day]!.merge(counts, uniquingKeysWith: +)
        }
    }

    mutating func removeAll() { days = [:] }

    /// Each changed day's stored roll-up (encoded, nil when the day has none) plus its changes,
    /// encoded; an empty result means the day's row goes. Days are independent, so they are
    /// merged on both cores (after a first load this is the import's last step, perf).
    ///
    /// A count below zero, or a stored roll-up that does not decode, cannot happen when the
    /// bookkeeping is right: it is reported, never stored, and the caller rebuilds from the rows.
    func merged(with stored: [Int32: [UInt8]]) -> Result<[(day: Int32, encoded: [UInt8])], ActivityRollupInconsistency>
    {
        let days = sortedDays
        let deltas = self.days
        let results = concurrentMap(days.count, empty: Result<[UInt8], ActivityRollupInconsistency>.success([])) {
            i -> Result<[UInt8], ActivityRollupInconsistency> in
            let day = days[i]
            var counts = deltas[day] ?? [:]
            if let blob = stored[day] {
                do {
                    try ActivityDayRollup.forEachCell(in: blob) { account, type, n in
                        counts[.init(account: Int64(account), type: type), default: 0] += n
                    }
                } catch {
                    return .failure(.unreadable(day: day, reason: "\(error)"))
                }
            }
            if let (cell, n) = counts.first(where: { $0.value < 0 }) {
                return .failure(.negative(day: day, account: cell.account, type: cell.type, count: n))
            }
            return .success(ActivityDayRollup.encode(counts))
        }
        var out: [(day: Int32, encoded: [UInt8])] = []
        out.reserveCapacity(days.count)
        for (day, result) in zip(days, results) {
            switch result {
            case .success(let bytes): out.append((day, bytes))
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(out)
    }

    /// Every day's roll-up from grouped counts of the stored activities (a rebuild): rows of
    /// (day, account, type, count), in any order; a row of an unknown type is counted in `skipped`.
    static func rollups(
        grouped rows: [(day: Int32, account: Int64, type: String, count: Int64)]
    ) -> (rollups: [(day: Int32, encoded: [UInt8])], skipped: Int) {
        var byDay: [Int32: [Cell: Int32]] = [:]
        var skipped = 0
        for r in rows {
            guard let t = ActivityType(rawValue: r.type) else {
                skipped += 1
                continue
            }
            byDay[r.day, default: [:]][Cell(account: r.account, type: UInt8(t.index)), default: 0] +=
                Int32(truncatingIfNeeded: r.count)
        }
        let days = byDay.keys.sorted()
        return (days.map { ($0, ActivityDayRollup.encode(byDay[$0]!)) }, skipped)
    }
}

/// Why the roll-ups of a transaction could not be merged: the bookkeeping went wrong somewhere
/// (a bug), so the store rebuilds them from the activities and logs this.
enum ActivityRollupInconsistency: Error, CustomStringConvertible {
    case negative(day: Int32, account: Int64, type: UInt8, count: Int32)
    case unreadable(day: Int32, reason: String)

    var description: String {
        switch self {
        case .negative(let day, let account, let type, let n):
            "the roll-up of \(Day(daysSinceEpoch: day)) would count \(n) activities of type \(type) for account \(account)"
        case .unreadable(let day, let reason):
            "the stored roll-up of \(Day(daysSinceEpoch: day)) is unreadable: \(reason)"
        }
    }
}
