import Foundation
import KizashiCore
import SQLiteNIO

/// Users, sessions and tokens in the workspace file. Small single-row writes go through
/// SQLiteNIO's `writer` connection (off the cooperative pool); they wait for a running import
/// (busy timeout) rather than fail. Changes that must be atomic (a user update and the end of
/// their sessions) run in one `rawWrite` transaction.
extension SQLiteWorkspaceStore: AccessStore {
    public func createUser(email: String, role: UserRole, passwordHash: String) async throws -> WorkspaceUser {
        let normalized = email.trimmingCharacters(in: .whitespaces)
        if try await user(email: normalized) != nil {
            throw StoreError("a user with the e-mail address \(normalized) already exists")
        }
        let now = Instant(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000))
        let rows = try await writer.query(
            "INSERT INTO users (email, role, password_hash, created_at) VALUES (?, ?, ?, ?) RETURNING *",
            [.text(normalized), .text(role.rawValue), .text(passwordHash), .instant(now)])
        guard let r = rows.first else { throw StoreError("the user was not created") }
        return try AccessRows.user(r)
    }

    public func users() async throws -> [WorkspaceUser] {
        try await reader.query("SELECT * FROM users ORDER BY email").map(AccessRows.user)
    }

    public func user(email: String) async throws -> WorkspaceUser? {
        try await reader.query("SELECT * FROM users WHERE email = ?", [.text(email)]).first.map(AccessRows.user)
    }

    public func user(id: Int64) async throws -> WorkspaceUser? {
        try await reader.query("SELECT * FROM users WHERE user_id = ?", [.integer(Int(id))]).first.map(AccessRows.user)
    }

    public func updateUser(id: Int64, _ update: UserUpdate) async throws -> WorkspaceUser {
        // BEGIN IMMEDIATE: the admin count and the change are one step against every other writer,
        // in this process or another.
        try await rawWrite { db in
            guard let row = try db.query("SELECT * FROM users WHERE user_id = ?", [.integer(Int(id))]).first else {
                throw UserUpdateError.notFound
            }
            let user = try AccessRows.user(row)
            if update.removesActiveAdmin(from: user) {
                let others =
                    try db.query(
                        "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND user_id <> ?",
                        [.integer(Int(id))]
                    ).first?.int("n") ?? 0
                if others == 0 { throw UserUpdateError.lastActiveAdmin }
            }
            let key = SQLiteData.integer(Int(id))
            try db.execute("DELETE FROM sessions WHERE user_id = ?", [key])
            var after = user
            switch update {
            case .disable, .enable:
                after.disabled = update == .disable
                try db.execute(
                    "UPDATE users SET disabled = ? WHERE user_id = ?", [.integer(after.disabled ? 1 : 0), key])
            case .delete:
                try db.execute("DELETE FROM users WHERE user_id = ?", [key])
            case .role(let role):
                after.role = role
                try db.execute("UPDATE users SET role = ? WHERE user_id = ?", [.text(role.rawValue), key])
            case .password(let hash):
                after.passwordHash = hash
                try db.execute("UPDATE users SET password_hash = ? WHERE user_id = ?", [.text(hash), key])
            }
            return after
        }
    }

    public func setLanguage(userId: Int64, language: String) async throws {
        _ = try await writer.query(
            "UPDATE users SET language = ? WHERE user_id = ?", [.text(language), .integer(Int(userId))])
    }

    public func createSession(_ s: BrowserSession) async throws {
        _ = try await writer.query(
            "INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)",
            [.text(s.idHash), .integer(Int(s.userId)), .text(s.csrfToken), .instant(s.expiresAt)])
        // Expired sessions are swept when new ones are made: no background job needed.
        _ = try await writer.query(
            "DELETE FROM sessions WHERE expires_at < ?", [.instant(s.expiresAt - 86_400_000 * 60)])
    }

    public func session(idHash: String, now: Instant) async throws -> BrowserSession? {
        try await reader.query(
            """
            SELECT s.* FROM sessions s JOIN users u ON u.user_id = s.user_id
            WHERE s.id_hash = ? AND s.expires_at > ? AND u.disabled = 0
            """, [.text(idHash), .instant(now)]
        ).first.map(AccessRows.session)
    }

    public func deleteSession(idHash: String) async throws {
        _ = try await writer.query("DELETE FROM sessions WHERE id_hash = ?", [.text(idHash)])
    }

    public func createToken(
        name: String, role: UserRole, tokenHash: String, prefix: String, createdAt: Instant, expiresAt: Instant?
    ) async throws -> APIToken {
        let rows = try await writer.query(
            """
            INSERT INTO api_tokens (name, role, token_hash, prefix, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
            RETURNING *
            """,
            [
                .text(name), .text(role.rawValue), .text(tokenHash), .text(prefix), .instant(createdAt),
                expiresAt.map { .instant($0) } ?? .null,
            ])
        guard let r = rows.first else { throw StoreError("the API token was not created") }
        return try AccessRows.token(r)
    }

    public func token(hash: String, now: Instant) async throws -> APIToken? {
        try await reader.query(
            "SELECT * FROM api_tokens WHERE token_hash = ? AND revoked = 0 AND (expires_at IS NULL OR expires_at > ?)",
            [.text(hash), .instant(now)]
        ).first.map(AccessRows.token)
    }

    public func tokens() async throws -> [APIToken] {
        try await reader.query("SELECT * FROM api_tokens ORDER BY token_id").map(AccessRows.token)
    }

    @discardableResult public func revokeToken(id: Int64) async throws -> APIToken? {
        try await writer.query("UPDATE api_tokens SET revoked = 1 WHERE token_id = ? RETURNING *", [.integer(Int(id))])
            .first.map(AccessRows.token)
    }

    public func recordTokenUse(id: Int64, at: Instant, notBefore: Instant) async throws {
        _ = try await writer.query(
            "UPDATE api_tokens SET last_used_at = ? WHERE token_id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
            [.instant(at), .integer(Int(id)), .instant(notBefore)])
    }

    @discardableResult public func appendAudit(_ entry: AuditEntry) async throws -> Int64 {
        guard
            let id = try await writer.query(
                "INSERT INTO audit_log (\(AccessRows.auditColumns)) VALUES (?, ?, ?, ?, ?, ?) RETURNING audit_id",
                AccessRows.auditValues(entry)
            ).first?.int("audit_id")
        else { throw StoreError("the audit entry was not stored") }
        return Int64(id)
    }

    public func auditEntries(before: Int64?, limit: Int) async throws -> [AuditEntry] {
        try await reader.query(
            "SELECT * FROM audit_log WHERE audit_id < ? ORDER BY audit_id DESC LIMIT ?",
            [.integer(Int(before ?? Int64.max)), .integer(max(0, limit))]
        ).map(AccessRows.auditEntry)
    }
}

extension Instant {
    static func - (a: Instant, ms: Int64) -> Instant { Instant(millisecondsSinceEpoch: a.millisecondsSinceEpoch - ms) }
}
