import KizashiCore

/// Users, tokens and audit entries from stored rows: one mapping for both backends (the columns
/// and their representations are the same).
enum AccessRows {
    static func user(_ r: some StoredRow) throws -> WorkspaceUser {
        guard let id = r.column("user_id")?.integer, let role = r.text("role").flatMap(UserRole.init(rawValue:))
        else { throw StoreError("stored user is unreadable") }
        return WorkspaceUser(
            id: Int64(id), email: try r.requiredText("email"), role: role,
            passwordHash: try r.requiredText("password_hash"), language: r.text("language"),
            disabled: (r.int("disabled") ?? 0) != 0)
    }

    static func token(_ r: some StoredRow) throws -> APIToken {
        guard let id = r.column("token_id")?.integer, let role = r.text("role").flatMap(UserRole.init(rawValue:)),
            let created = r.column("created_at")?.instantValue
        else { throw StoreError("stored API token is unreadable") }
        return APIToken(
            id: Int64(id), name: try r.requiredText("name"), role: role, prefix: try r.requiredText("prefix"),
            createdAt: created, revoked: (r.int("revoked") ?? 0) != 0,
            expiresAt: r.column("expires_at")?.instantValue, lastUsedAt: r.column("last_used_at")?.instantValue)
    }

    static func session(_ r: some StoredRow) throws -> BrowserSession {
        guard let uid = r.column("user_id")?.integer, let exp = r.column("expires_at")?.instantValue else {
            throw StoreError("stored session is unreadable")
        }
        return BrowserSession(
            idHash: try r.requiredText("id_hash"), userId: Int64(uid), csrfToken: try r.requiredText("csrf_token"),
            expiresAt: exp)
    }

    static func auditEntry(_ r: some StoredRow) throws -> AuditEntry {
        guard let id = r.column("audit_id")?.integer else { throw StoreError("stored audit entry is unreadable") }
        return AuditEntry(
            id: Int64(id), at: try r.requiredInstant("at"), actor: try r.requiredText("actor"),
            action: try r.requiredText("action"), target: r.text("target"), clientAddress: r.text("client_address"),
            detail: r.text("detail"))
    }
}
