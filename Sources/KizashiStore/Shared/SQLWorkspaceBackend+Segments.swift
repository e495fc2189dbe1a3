import KizashiCore

/// Saved segments and their membership history: the same statements on both backends.
extension SQLWorkspaceBackend {
    public func segments() async throws -> [SavedSegment] {
        try await read("SELECT * FROM segments ORDER BY name").map(Self.segment)
    }

    public func segment(named name: String) async throws -> SavedSegment? {
        try await read("SELECT * FROM segments WHERE name = \(name)").first.map(Self.segment)
    }

    public func createSegment(name: String, rule: String, at: Instant) async throws -> SavedSegment {
        let lock = dialect.transactionLock(named: "segments")
        return try await atomically("the segment was not stored") { s in
            if let lock { try await s.run(lock) }
            if try await !s.rows("SELECT segment_id FROM segments WHERE name = \(name)").isEmpty {
                throw SegmentNameTaken(name: name)
            }
            guard
                let r = try await s.rows(
                    """
                    INSERT INTO segments (name, rule, created_at, updated_at) VALUES (\(name), \(rule), \(at), \(at))
                    RETURNING *
                    """
                ).first
            else { throw StoreError("the segment was not stored") }
            return try Self.segment(r)
        }
    }

    public func updateSegmentRule(name: String, rule: String, at: Instant) async throws -> Bool {
        !(try await write(
            "UPDATE segments SET rule = \(rule), updated_at = \(at) WHERE name = \(name) RETURNING segment_id"
        ).isEmpty)
    }

    public func deleteSegment(named name: String) async throws -> Bool {
        try await atomically("the segment was not removed") { s in
            guard
                let id = try await s.rows("SELECT segment_id FROM segments WHERE name = \(name)").first?.int64(
                    "segment_id")
            else { return false }
            try await s.run("DELETE FROM segment_members WHERE segment_id = \(id)")
            try await s.run("DELETE FROM segments WHERE segment_id = \(id)")
            return true
        }
    }

    public func segmentStays(segmentId: Int64) async throws -> [SegmentStay] {
        try await read(
            "SELECT * FROM segment_members WHERE segment_id = \(segmentId) ORDER BY company_id, entered_on"
        ).map { r in
            guard let c = r.text("company_id"), let e = r.day("entered_on") else {
                throw StoreError("a segment stay is unreadable (table segment_members)")
            }
            return SegmentStay(companyId: c, enteredOn: e, leftOn: r.day("left_on"), fed: r.int("fed") == 1)
        }
    }

    public func recordSegmentRefresh(segmentId: Int64, on day: Day, entered: [String], left: [String]) async throws {
        try await atomically("the segment's membership was not stored") { s in
            try await s.recordSegmentRefresh(segmentId: segmentId, on: day, entered: entered, left: left, fed: [])
        }
    }

    public func setSegmentFeed(name: String, feed: SegmentFeed?, at: Instant) async throws -> SavedSegment? {
        let tier: StoredValue = feed.map { .integer(Int64($0.tier.rawValue)) } ?? .null
        let owner: StoredValue = feed?.owner.map { .text($0) } ?? .null
        return try await write(
            """
            UPDATE segments SET feed_tier = \(tier), feed_owner = \(owner), updated_at = \(at) WHERE name = \(name)
            RETURNING *
            """
        ).first.map(Self.segment)
    }

    static func segment(_ r: StoredRecord) throws -> SavedSegment {
        guard let id = r.int64("segment_id"), let name = r.text("name"), let rule = r.text("rule"),
            let created = r.int64("created_at"), let updated = r.int64("updated_at")
        else { throw StoreError("a segment is unreadable (table segments)") }
        // A stored tier outside 1–3 cannot come from this code; read as not feeding rather than trap.
        let feed = r.int("feed_tier").flatMap { Tier(rawValue: $0) }.map {
            SegmentFeed(tier: $0, owner: r.text("feed_owner"))
        }
        return SavedSegment(
            id: id, name: name, rule: rule, createdAt: Instant(millisecondsSinceEpoch: created),
            updatedAt: Instant(millisecondsSinceEpoch: updated), refreshedOn: r.day("refreshed_on"), feed: feed)
    }
}

extension StoreSession {
    /// Ends the open stay of each of `left` on `day`, opens one for each of `entered` (marked
    /// `fed` for those in `fed`: their entry added them to the target list), and records `day`
    /// as the segment's last refresh. Runs in the caller's transaction, under the segments lock.
    func recordSegmentRefresh(segmentId: Int64, on day: Day, entered: [String], left: [String], fed: Set<String>)
        async throws
    {
        if let lock = dialect.transactionLock(named: "segments") { try await run(lock) }
        for chunk in left.chunked(900) {
            try await run(
                """
                UPDATE segment_members SET left_on = \(day) WHERE segment_id = \(segmentId) AND left_on IS NULL
                AND company_id IN (\(list: chunk.map { .text($0) }))
                """)
        }
        // A stay that ended on the day it began never was: removed, not kept as zero days.
        try await run(
            "DELETE FROM segment_members WHERE segment_id = \(segmentId) AND entered_on = \(day) AND left_on = \(day)"
        )
        // 4 values a row: 200 rows stay under SQLite's historical 999 parameters.
        for chunk in entered.chunked(200) {
            try await run(
                """
                INSERT INTO segment_members (segment_id, company_id, entered_on, fed)
                VALUES \(rows: chunk.map { [.integer(segmentId), .text($0), .day(day), .integer(fed.contains($0) ? 1 : 0)] })
                ON CONFLICT (segment_id, company_id, entered_on) DO UPDATE SET left_on = NULL, fed = excluded.fed
                """)
        }
        try await run("UPDATE segments SET refreshed_on = \(day) WHERE segment_id = \(segmentId)")
    }
}
