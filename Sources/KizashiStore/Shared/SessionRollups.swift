import KizashiCore
import Logging

/// The roll-up statements both write transactions share: read a day's stored roll-up, write the
/// merged ones, rebuild them all from the activities.
extension StoreSession {
    /// The stored roll-ups of these days (days without one are absent).
    func storedRollups(days: [Int32]) async throws -> [Int32: [UInt8]] {
        var out: [Int32: [UInt8]] = [:]
        try await forEachChunk(
            of: days,
            { "SELECT day, entries FROM activity_days WHERE day IN (\(list: $0.map { .integer(Int64($0)) }))" }
        ) { r in
            if let d = r.int64("day"), let bytes = r.column("entries")?.bytes {
                out[Int32(truncatingIfNeeded: d)] = bytes
            }
        }
        return out
    }

    /// Stores each day's encoded roll-up; an empty one (every count zero) removes the day's row.
    func writeRollups(_ rollups: [(day: Int32, encoded: [UInt8])]) async throws {
        let empty = rollups.filter { $0.encoded.isEmpty }.map { StoredValue.integer(Int64($0.day)) }
        for chunk in empty.chunked(Self.inListLimit) {
            try await run("DELETE FROM activity_days WHERE day IN (\(list: Array(chunk)))")
        }
        for chunk in rollups.filter({ !$0.encoded.isEmpty }).chunked(Self.rollupsPerStatement) {
            let rows: [[StoredValue]] = chunk.map { [.integer(Int64($0.day)), .blob($0.encoded)] }
            try await run(
                "INSERT INTO activity_days (day, entries) VALUES \(rows: rows) ON CONFLICT (day) DO UPDATE SET entries = excluded.entries"
            )
        }
    }

    /// Day roll-ups per statement: a statement is a round trip on PostgreSQL.
    static var rollupsPerStatement: Int { 200 }

    /// Every roll-up again from the stored activities (their `day` already in the workspace's
    /// time zone). Rows of an unknown type cannot be stored (the type is checked on the way in);
    /// any found are logged, not counted.
    func rebuildRollupsFromActivities(logger: Logger) async throws {
        try await run("DELETE FROM activity_days")
        let grouped = try await rows(
            "SELECT day, account_key, type, count(*) AS n FROM activities GROUP BY day, account_key, type")
        var counts: [(day: Int32, account: Int64, type: String, count: Int64)] = []
        counts.reserveCapacity(grouped.count)
        for r in grouped {
            guard let d = r.int64("day"), let k = r.int64("account_key"), let n = r.int64("n"), let t = r.text("type")
            else { throw StoreError("an activity roll-up group is unreadable") }
            counts.append((Int32(truncatingIfNeeded: d), k, t, n))
        }
        let (rollups, skipped) = ActivityRollupDeltas.rollups(grouped: counts)
        if skipped > 0 {
            logger.error("activities of an unknown type left out of the roll-ups", metadata: ["groups": "\(skipped)"])
        }
        try await writeRollups(rollups)
    }

    /// Applies a transaction's roll-up changes to the stored roll-ups. Returns the inconsistency
    /// instead when there is one (the caller logs it and rebuilds).
    func applyRollupDeltas(_ deltas: ActivityRollupDeltas) async throws -> ActivityRollupInconsistency? {
        guard !deltas.isEmpty else { return nil }
        let stored = try await storedRollups(days: deltas.sortedDays)
        switch deltas.merged(with: stored) {
        case .success(let merged):
            try await writeRollups(merged)
            return nil
        case .failure(let problem):
            return problem
        }
    }
}
