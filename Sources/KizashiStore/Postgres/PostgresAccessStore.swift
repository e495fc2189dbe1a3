import Foundation
import KizashiCore
import Logging
import PostgresNIO
import SQLiteNIO

/// Users, sessions, tokens and the audit log (same rows as the SQLite store; same row decoding).
extension PostgresWorkspaceStore: AccessStore {
    /// The advisory lock a user update holds: the last-admin check and the change are one step
    /// across every server on the database (READ COMMITTED alone would let two admins disable
    /// each other at once).
    static let usersLockKey: Int64 = 0x4B_495A_5553_4552  // "KIZUSER"

    public func createUser(email: String, role: UserRole, passwordHash: String) async throws -> WorkspaceUser {
        let normalized = email.trimmingCharacters(in: .whitespaces)
        if try await user(email: normalized) != nil {
            throw StoreError("a user with the e-mail address \(normalized) already exists")
        }
        let now = Instant(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000))
        guard
            let r = try await rows(
                "INSERT INTO users (email, role, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING *",
                [.text(normalized), .text(role.rawValue), .text(passwordHash), .instant(now)]
            ).first
        else { throw StoreError("the user was not created") }
        return try AccessRows.user(r)
    }

    public func users() async throws -> [WorkspaceUser] {
        try await rows("SELECT * FROM users ORDER BY email").map(AccessRows.user)
    }

    public func user(email: String) async throws -> WorkspaceUser? {
        // Case-insensitive in ASCII, as SQLite's NOCASE (the users_email index is on lower(email)).
        try await rows("SELECT * FROM users WHERE lower(email) = lower($1)", [.text(email)]).first.map(AccessRows.user)
    }

    public func user(id: Int64) async throws -> WorkspaceUser? {
        try await rows("SELECT * FROM users WHERE user_id = $1", [.integer(Int(id))]).first.map(AccessRows.user)
    }

    public func updateUser(id: Int64, _ update: UserUpdate) async throws -> WorkspaceUser {
        do {
            return try await client.withConnection { conn in
                try await conn.run("BEGIN", logger: logger)
                do {
                    let after = try await Self.apply(update, to: id, conn, logger: logger)
                    try await conn.run("COMMIT", logger: logger)
                    return after
                } catch {
                    await Self.rollback(conn, logger: logger)
                    throw error
                }
            }
        } catch let e as PSQLError {
            throw StoreError("the user was not changed: \(Self.describe(e))")
        }
    }

    private static func apply(_ update: UserUpdate, to id: Int64, _ conn: PostgresConnection, logger: Logger)
        async throws -> WorkspaceUser
    {
        try await conn.run("SELECT pg_advisory_xact_lock(\(usersLockKey))", logger: logger)
        let key = SQLiteData.integer(Int(id))
        guard let row = try await conn.rows("SELECT * FROM users WHERE user_id = $1", [key], logger: logger).first
        else { throw UserUpdateError.notFound }
        let user = try AccessRows.user(row)
        if update.removesActiveAdmin(from: user) {
            let others =
                try await conn.rows(
                    "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND user_id <> $1", [key],
                    logger: logger
                ).first?.int("n") ?? 0
            if others == 0 { throw UserUpdateError.lastActiveAdmin }
        }
        try await conn.run("DELETE FROM sessions WHERE user_id = $1", [key], logger: logger)
        var after = user
        switch update {
        case .disable, .enable:
            after.disabled = update == .disable
            try await conn.run(
                "UPDATE users SET disabled = $1 WHERE user_id = $2", [.integer(after.disabled ? 1 : 0), key],
                logger: logger)
        case .delete:
            try await conn.run("DELETE FROM users WHERE user_id = $1", [key], logger: logger)
        case .role(let role):
            after.role = role
            try await conn.run(
                "UPDATE users SET role = $1 WHERE user_id = $2", [.text(role.rawValue), key], logger: logger)
        case .password(let hash):
            after.passwordHash = hash
            try await conn.run(
                "UPDATE users SET password_hash = $1 WHERE user_id = $2", [.text(hash), key], logger: logger)
        }
        return after
    }

    public func setLanguage(userId: Int64, language: String) async throws {
        try await run("UPDATE users SET language = $1 WHERE user_id = $2", [.text(language), .integer(Int(userId))])
    }

    public func createSession(_ s: BrowserSession) async throws {
        try await run(
            "INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)",
            [.text(s.idHash), .integer(Int(s.userId)), .text(s.csrfToken), .instant(s.expiresAt)])
        try await run("DELETE FROM sessions WHERE expires_at < $1", [.instant(s.expiresAt - 86_400_000 * 60)])
    }

    public func session(idHash: String, now: Instant) async throws -> BrowserSession? {
        try await rows(
            """
            SELECT s.* FROM sessions s JOIN users u ON u.user_id = s.user_id
            WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.disabled = 0
            """, [.text(idHash), .instant(now)]
        ).first.map(AccessRows.session)
    }

    public func deleteSession(idHash: String) async throws {
        try await run("DELETE FROM sessions WHERE id_hash = $1", [.text(idHash)])
    }

    public func createToken(
        name: String, role: UserRole, tokenHash: String, prefix: String, createdAt: Instant, expiresAt: Instant?
    ) async throws -> APIToken {
        guard
            let r = try await rows(
                """
                INSERT INTO api_tokens (name, role, token_hash, prefix, created_at, expires_at)
                VALUES ($1, $2, $3, $4, $5, $6) RETURNING *
                """,
                [
                    .text(name), .text(role.rawValue), .text(tokenHash), .text(prefix), .instant(createdAt),
                    expiresAt.map { .instant($0) } ?? .null,
                ]
            ).first
        else { throw StoreError("the API token was not created") }
        return try AccessRows.token(r)
    }

    public func token(hash: String, now: Instant) async throws -> APIToken? {
        try await rows(
            "SELECT * FROM api_tokens WHERE token_hash = $1 AND revoked = 0 AND (expires_at IS NULL OR expires_at > $2)",
            [.text(hash), .instant(now)]
        ).first.map(AccessRows.token)
    }

    public func tokens() async throws -> [APIToken] {
        try await rows("SELECT * FROM api_tokens ORDER BY token_id").map(AccessRows.token)
    }

    @discardableResult public func revokeToken(id: Int64) async throws -> APIToken? {
        try await rows("UPDATE api_tokens SET revoked = 1 WHERE token_id = $1 RETURNING *", [.integer(Int(id))])
            .first.map(AccessRows.token)
    }

    public func recordTokenUse(id: Int64, at: Instant, notBefore: Instant) async throws {
        try await run(
            "UPDATE api_tokens SET last_used_at = $1 WHERE token_id = $2 AND (last_used_at IS NULL OR last_used_at < $3)",
            [.instant(at), .integer(Int(id)), .instant(notBefore)])
    }

    @discardableResult public func appendAudit(_ entry: AuditEntry) async throws -> Int64 {
        guard
            let id = try await rows(
                "INSERT INTO audit_log (\(AccessRows.auditColumns)) VALUES ($1, $2, $3, $4, $5, $6) RETURNING audit_id",
                AccessRows.auditValues(entry)
            ).first?.int("audit_id")
        else { throw StoreError("the audit entry was not stored") }
        return Int64(id)
    }

    public func auditEntries(before: Int64?, limit: Int) async throws -> [AuditEntry] {
        try await rows(
            "SELECT * FROM audit_log WHERE audit_id < $1 ORDER BY audit_id DESC LIMIT $2",
            [.integer(Int(before ?? Int64.max)), .integer(max(0, limit))]
        ).map(AccessRows.auditEntry)
    }
}
