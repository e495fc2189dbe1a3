import Foundation
import KizashiCore
import SQLiteNIO

/// Users, sessions and tokens in the workspace file. Small single-row writes go through
/// SQLiteNIO's `writer` connection (off the cooperative pool); they wait for a running import
/// (busy timeout) rather than fail.
extension SQLiteWorkspaceStore: AccessStore {
    static func user(_ r: some StoredRow) throws -> WorkspaceUser {
        guard let id = r.column("user_id")?.integer, let role = r.text("role").flatMap(UserRole.init(rawValue:))
        else { throw StoreError("stored user is unreadable") }
        return WorkspaceUser(
            id: Int64(id), email: try r.requiredText("email"), role: role,
            passwordHash: try r.requiredText("password_hash"), language: r.text("language"))
    }

    static func token(_ r: some StoredRow) throws -> APIToken {
        guard let id = r.column("token_id")?.integer, let role = r.text("role").flatMap(UserRole.init(rawValue:)),
            let created = r.column("created_at")?.instantValue
        else { throw StoreError("stored API token is unreadable") }
        return APIToken(
            id: Int64(id), name: try r.requiredText("name"), role: role, prefix: try r.requiredText("prefix"),
            createdAt: created, revoked: (r.int("revoked") ?? 0) != 0)
    }

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
        return try Self.user(r)
    }

    public func users() async throws -> [WorkspaceUser] {
        try await reader.query("SELECT * FROM users ORDER BY email").map(Self.user)
    }

    public func user(email: String) async throws -> WorkspaceUser? {
        try await reader.query("SELECT * FROM users WHERE email = ?", [.text(email)]).first.map(Self.user)
    }

    public func user(id: Int64) async throws -> WorkspaceUser? {
        try await reader.query("SELECT * FROM users WHERE user_id = ?", [.integer(Int(id))]).first.map(Self.user)
    }

    public func setPassword(userId: Int64, passwordHash: String) async throws {
        _ = try await writer.query(
            "UPDATE users SET password_hash = ? WHERE user_id = ?", [.text(passwordHash), .integer(Int(userId))])
        // A new password signs every browser out.
        _ = try await writer.query("DELETE FROM sessions WHERE user_id = ?", [.integer(Int(userId))])
    }

    public func setRole(userId: Int64, role: UserRole) async throws {
        _ = try await writer.query(
            "UPDATE users SET role = ? WHERE user_id = ?", [.text(role.rawValue), .integer(Int(userId))])
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
        guard
            let r = try await reader.query(
                "SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?", [.text(idHash), .instant(now)]
            ).first, let uid = r.column("user_id")?.integer, let exp = r.column("expires_at")?.instantValue
        else { return nil }
        return BrowserSession(
            idHash: idHash, userId: Int64(uid), csrfToken: try r.requiredText("csrf_token"), expiresAt: exp)
    }

    public func deleteSession(idHash: String) async throws {
        _ = try await writer.query("DELETE FROM sessions WHERE id_hash = ?", [.text(idHash)])
    }

    public func createToken(name: String, role: UserRole, tokenHash: String, prefix: String, createdAt: Instant)
        async throws -> APIToken
    {
        let rows = try await writer.query(
            "INSERT INTO api_tokens (name, role, token_hash, prefix, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *",
            [.text(name), .text(role.rawValue), .text(tokenHash), .text(prefix), .instant(createdAt)])
        guard let r = rows.first else { throw StoreError("the API token was not created") }
        return try Self.token(r)
    }

    public func token(hash: String) async throws -> APIToken? {
        try await reader.query("SELECT * FROM api_tokens WHERE token_hash = ? AND revoked = 0", [.text(hash)]).first
            .map(Self.token)
    }

    public func tokens() async throws -> [APIToken] {
        try await reader.query("SELECT * FROM api_tokens ORDER BY token_id").map(Self.token)
    }

    public func revokeToken(id: Int64) async throws {
        _ = try await writer.query("UPDATE api_tokens SET revoked = 1 WHERE token_id = ?", [.integer(Int(id))])
    }
}

extension Instant {
    static func - (a: Instant, ms: Int64) -> Instant { Instant(millisecondsSinceEpoch: a.millisecondsSinceEpoch - ms) }
}
