import KizashiCore

/// The initiative log: the same statements on both backends.
extension SQLWorkspaceBackend {
    public func initiatives() async throws -> [Initiative] {
        try await read("SELECT * FROM initiatives ORDER BY on_day, initiative_id").map(Self.initiative)
    }

    public func addInitiative(_ i: Initiative) async throws -> Initiative {
        guard
            let r = try await write(
                """
                INSERT INTO initiatives (on_day, title, campaign_id, tier, created_at)
                VALUES (\(i.on.description), \(i.title), \(i.campaignId), \(.int(i.tier?.rawValue)), \(i.createdAt))
                RETURNING *
                """
            ).first
        else { throw StoreError("the initiative was not stored") }
        return try Self.initiative(r)
    }

    public func removeInitiative(id: Int64) async throws -> Bool {
        !(try await write("DELETE FROM initiatives WHERE initiative_id = \(id) RETURNING initiative_id").isEmpty)
    }

    static func initiative(_ r: StoredRecord) throws -> Initiative {
        guard let id = r.int64("initiative_id"), let on = r.text("on_day").flatMap({ Day(iso: $0) }),
            let title = r.text("title"), let created = r.int64("created_at")
        else { throw StoreError("an initiative is unreadable (table initiatives)") }
        var tier: Tier?
        if let t = r.int("tier") {
            guard let known = Tier(rawValue: t) else { throw StoreError("an initiative's tier is unreadable") }
            tier = known
        }
        return Initiative(
            id: id, on: on, title: title, campaignId: r.text("campaign_id"), tier: tier,
            createdAt: Instant(millisecondsSinceEpoch: created))
    }
}

/// Review notes per period and tier (tier 0 = all tiers: a key column cannot be NULL).
extension SQLWorkspaceBackend {
    public func periodReview(_ period: KPIPeriod, tier: Tier?) async throws -> PeriodReview? {
        guard
            let r = try await read(
                """
                SELECT * FROM period_reviews WHERE period_start = \(period.start.description)
                AND period_end = \(period.end.description) AND tier = \(tier?.rawValue ?? 0)
                """
            ).first
        else { return nil }
        guard let note = r.text("note"), let at = r.int64("updated_at") else {
            throw StoreError("a review note is unreadable (table period_reviews)")
        }
        return PeriodReview(period: period, tier: tier, note: note, updatedAt: Instant(millisecondsSinceEpoch: at))
    }

    public func setPeriodReview(_ r: PeriodReview) async throws {
        let start = r.period.start.description, end = r.period.end.description, tier = r.tier?.rawValue ?? 0
        if r.note.isEmpty {
            _ = try await write(
                "DELETE FROM period_reviews WHERE period_start = \(start) AND period_end = \(end) AND tier = \(tier)")
            return
        }
        _ = try await write(
            """
            INSERT INTO period_reviews (period_start, period_end, tier, note, updated_at)
            VALUES (\(start), \(end), \(tier), \(r.note), \(r.updatedAt))
            ON CONFLICT (period_start, period_end, tier) DO UPDATE SET note = excluded.note,
            updated_at = excluded.updated_at
            """)
    }
}
