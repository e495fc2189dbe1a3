import KizashiCore

/// Bulk reads of `activities` split in two halves of the primary key, so the two raw readers
/// scan at once. Why: the table has no day or account index (each costs every import its
/// build, migration 10), so a window's read is a scan of the whole table; halving it puts both
/// cores on it.
extension SQLiteWorkspaceStore {
    /// Every company's store key and company_id, numbered, read by position on a raw reader
    /// (the accounts of a bulk read of activities).
    func rawAccountKeys() async throws -> TouchActivities.AccountKeys {
        try await readers.run { r in
            var out: [(key: Int64, id: String)] = []
            try r.scan("SELECT company_key, company_id FROM companies ORDER BY company_key") { c in
                if let k = c.int(0) { out.append((Int64(k), try c.requiredText(1, "company_id"))) }
            }
            return TouchActivities.AccountKeys(out)
        }
    }

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

    /// An ID between `low` and `high` in byte order, near the middle of the key range: after
    /// their common prefix, the next four bytes of each read as a number in base 128 and
    /// averaged, trailing zero bytes dropped. Nil when those bytes are not ASCII (a pivot must be
    /// valid text) or the IDs are equal; then one scan reads it all.
    ///
    /// Why base 128: IDs are text; "A0000001" … "A1999608" differ first in adjacent digits, so a
    /// mean of single bytes finds no middle, while four bytes do ("A0tt…", between A0999999 and
    /// A1000000).
    static func pivot(between low: String, and high: String) -> String? {
        let (a, b) = (Array(low.utf8), Array(high.utf8))
        var i = 0
        while i < a.count && i < b.count && a[i] == b[i] { i += 1 }
        func number(_ s: [UInt8]) -> Int? {
            var n = 0
            for k in i..<(i + 4) {
                let byte = k < s.count ? Int(s[k]) : 0
                guard byte < 0x80 else { return nil }
                n = n * 128 + byte
            }
            return n
        }
        guard let x = number(a), let y = number(b), y > x + 1 else { return nil }
        var mid = (x + y) / 2
        var tail = [UInt8](repeating: 0, count: 4)
        for k in (0..<4).reversed() {
            tail[k] = UInt8(mid % 128)
            mid /= 128
        }
        while tail.last == 0 { tail.removeLast() }
        return String(decoding: b[..<i] + tail, as: UTF8.self)
    }
}
