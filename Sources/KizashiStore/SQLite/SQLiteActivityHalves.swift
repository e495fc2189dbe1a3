import KizashiCore

/// Bulk reads of `activities` split in two halves of the primary key, so the two raw readers
/// scan at once. Why: the table has no day or account index (each costs every import its
/// build, migration 10), so a window's read is a scan of the whole table; halving it puts both
/// cores on it.
extension SQLiteWorkspaceStore {
    /// Conditions (each starting with " AND ") that together cover every activity once: two
    /// halves around `pivot`, or one empty condition when the IDs give no pivot.
    func activityHalves() async throws -> [StoredSQL] {
        let (low, high) = try await readers.run { r in
            // Two statements: SQLite answers a lone min() or max() from the key's ends, but
            // scans the whole table for both in one (a fifth of a touch read, perf).
            var out: (String?, String?) = (nil, nil)
            try r.scan("SELECT min(activity_id) FROM activities") { c in out.0 = c.text(0) }
            try r.scan("SELECT max(activity_id) FROM activities") { c in out.1 = c.text(0) }
            return out
        }
        guard let low, let high, let pivot = Self.pivot(between: low, and: high) else { return [""] }
        return [" AND activity_id < \(pivot)", " AND activity_id >= \(pivot)"]
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
