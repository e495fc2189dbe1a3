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
