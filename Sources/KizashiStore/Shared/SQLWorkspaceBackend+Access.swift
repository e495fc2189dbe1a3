import Foundation
import KizashiCore

/// Users, sessions, tokens and the audit log: the same rows and statements on both backends.
extension SQLWorkspaceBackend {
    /// The key of the lock a user update holds: the last-admin check and the change are one step
    /// across every server on the database (READ COMMITTED alone would let two admins disable
    /// each other at once).
    static var usersLockKey: Int64 { 0x4B_495A_5553_4552 }  // "KIZUSER"

    public func createUser(email: String, role: UserRole, passwordHash: String) async throws -> WorkspaceUser {
        let normalized = email.trimmingCharacters(in: .whitespaces)
        if try await user(email: normalized) != nil {
            throw StoreError("a user with the e-mail address \(normalized) already exists")
        }
        let now = Instant(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000))
        guard
            let r = try await write(
                """
                INSERT INTO users (email, role, password_hash, created_at)
                VALUES (\(normalized), \(role.rawValue), \(passwordHash), \(now)) RETURNING *
                """
            ).first
        else { throw StoreError("the user was not created") }
        return try AccessRows.user(r)
    }

    public func users() async throws -> [WorkspaceUser] {
        try await read("SELECT * FROM users ORDER BY email").map(AccessRows.user)
    }

    /// Case-insensitive in ASCII (SQLite's NOCASE column; `lower(email)` on PostgreSQL).
    public func user(email: String) async throws -> WorkspaceUser? {
        try await read("SELECT * FROM users WHERE \(caseless: "email", equals: email)").first.map(AccessRows.user)
    }

    public func user(id: Int64) async throws -> WorkspaceUser? {
        try await read("SELECT * FROM users WHERE user_id = \(id)").first.map(AccessRows.user)
    }

    public func updateUser(id: Int64, _ update: UserUpdate) async throws -> WorkspaceUser {
        let lock = dialect.transactionLock(Self.usersLockKey)
        return try await atomically("the user was not changed") { s in
            if let lock { try await s.run(lock) }
            guard let row = try await s.rows("SELECT * FROM users WHERE user_id = \(id)").first else {
                throw UserUpdateError.notFound
            }
            let user = try AccessRows.user(row)
            if update.removesActiveAdmin(from: user) {
                let others =
                    try await s.rows(
                        "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND user_id <> \(id)"
                    ).first?.int("n") ?? 0
                if others == 0 { throw UserUpdateError.lastActiveAdmin }
            }
            try await s.run("DELETE FROM sessions WHERE user_id = \(id)")
            var after = user
            switch update {
            case .disable, .enable:
                after.disabled = update == .disable
                try await s.run("UPDATE users SET disabled = \(after.disabled ? 1 : 0) WHERE user_id = \(id)")
            case .delete:
                try await s.run("DELETE FROM users WHERE user_id = \(id)")
            case .role(let role):
                after.role = role
                try await s.run("UPDATE users SET role = \(role.rawValue) WHERE user_id = \(id)")
            case .password(let hash):
                after.passwordHash = hash
                try await s.run("UPDATE users SET password_hash = \(hash) WHERE user_id = \(id)")
            }
            return after
        }
    }

    public func setLanguage(userId: Int64, language: String) async throws {
        _ = try await write("UPDATE users SET language = \(language) WHERE user_id = \(userId)")
    }

    public func createSession(_ s: BrowserSession) async throws {
        _ = try await write(
            """
            INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at)
            VALUES (\(s.idHash), \(s.userId), \(s.csrfToken), \(s.expiresAt))
            """)
        // Expired sessions are swept when new ones are made: no background job needed.
        let sweep = Instant(millisecondsSinceEpoch: s.expiresAt.millisecondsSinceEpoch - 86_400_000 * 60)
        _ = try await write("DELETE FROM sessions WHERE expires_at < \(sweep)")
    }

    public func session(idHash: String, now: Instant) async throws -> BrowserSession? {
        try await read(
            """
            SELECT s.* FROM sessions s JOIN users u ON u.user_id = s.user_id
            WHERE s.id_hash = \(idHash) AND s.expires_at > \(now) AND u.disabled = 0
            """
        ).first.map(AccessRows.session)
    }

    public func deleteSession(idHash: String) async throws {
        _ = try await write("DELETE FROM sessions WHERE id_hash = \(idHash)")
    }

    public func createToken(
        name: String, role: UserRole, tokenHash: String, prefix: String, createdAt: Instant, expiresAt: Instant?
    ) async throws -> APIToken {
        guard
            let r = try await write(
                """
                INSERT INTO api_tokens (name, role, token_hash, prefix, created_at, expires_at)
                VALUES (\(name), \(role.rawValue), \(tokenHash), \(prefix), \(createdAt), \(expiresAt.map { StoredValue.instant($0) } ?? .null))
                RETURNING *
                """
            ).first
        else { throw StoreError("the API token was not created") }
        return try AccessRows.token(r)
    }

    public func token(hash: String, now: Instant) async throws -> APIToken? {
        try await read(
            """
            SELECT * FROM api_tokens
            WHERE token_hash = \(hash) AND revoked = 0 AND (expires_at IS NULL OR expires_at > \(now))
            """
        ).first.map(AccessRows.token)
    }

    public func tokens() async throws -> [APIToken] {
        try await read("SELECT * FROM api_tokens ORDER BY token_id").map(AccessRows.token)
    }

    @discardableResult public func revokeToken(id: Int64) async throws -> APIToken? {
        try await write("UPDATE api_tokens SET revoked = 1 WHERE token_id = \(id) RETURNING *").first.map(
            AccessRows.token)
    }

    public func recordTokenUse(id: Int64, at: Instant, notBefore: Instant) async throws {
        _ = try await write(
            """
            UPDATE api_tokens SET last_used_at = \(at)
            WHERE token_id = \(id) AND (last_used_at IS NULL OR last_used_at < \(notBefore))
            """)
    }

    @discardableResult public func appendAudit(_ e: AuditEntry) async throws -> Int64 {
        guard
            let id = try await write(
                """
                INSERT INTO audit_log (at, actor, action, target, client_address, detail)
                VALUES (\(e.at), \(e.actor), \(e.action), \(e.target), \(e.clientAddress), \(e.detail)) RETURNING audit_id
                """
            ).first?.int64("audit_id")
        else { throw StoreError("the audit entry was not stored") }
        return id
    }

    public func auditEntries(before: Int64?, limit: Int) async throws -> [AuditEntry] {
        try await read(
            "SELECT * FROM audit_log WHERE audit_id < \(before ?? Int64.max) ORDER BY audit_id DESC LIMIT \(max(0, limit))"
        ).map(AccessRows.auditEntry)
    }
}
