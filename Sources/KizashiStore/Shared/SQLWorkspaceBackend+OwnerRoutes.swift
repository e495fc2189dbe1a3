import KizashiCore

/// The owner route map: the same statements on both backends. The addresses are stored as one
/// comma-separated text (each a plain address, which never holds a comma).
extension SQLWorkspaceBackend {
    public func ownerRoutes() async throws -> [OwnerRoute] {
        try await read("SELECT owner_name, webhook_id, emails FROM owner_routes ORDER BY owner_key").map { r in
            OwnerRoute(
                owner: try r.requiredText("owner_name"), webhookId: r.int64("webhook_id"),
                emails: (r.text("emails") ?? "").split(separator: ",").map(String.init))
        }
    }

    public func setOwnerRoute(_ route: OwnerRoute, now: Instant) async throws {
        let emails = route.emails.joined(separator: ",")
        let webhook: StoredValue = route.webhookId.map { .integer($0) } ?? .null
        _ = try await write(
            """
            INSERT INTO owner_routes (owner_key, owner_name, webhook_id, emails, updated_at)
            VALUES (\(OwnerRoute.key(route.owner)), \(route.owner), \(webhook), \(emails), \(now))
            ON CONFLICT (owner_key) DO UPDATE SET owner_name = excluded.owner_name, webhook_id = excluded.webhook_id,
            emails = excluded.emails, updated_at = excluded.updated_at
            """)
    }

    public func removeOwnerRoute(owner: String) async throws -> Bool {
        !(try await write(
            "DELETE FROM owner_routes WHERE owner_key = \(OwnerRoute.key(owner)) RETURNING owner_key"
        )
        .isEmpty)
    }
}
