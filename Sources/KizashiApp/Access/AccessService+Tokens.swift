import Foundation
import KizashiCore
import KizashiStore

/// API tokens: made and revoked by admins, checked on every API request.
extension AccessService {
    public static let maximumTokenNameLength = 100
    /// A token's last use is written at most this often (per token and server).
    public static let tokenUseIntervalMs: Int64 = 60_000

    /// A lifetime as typed (`90d`, `12h`, `30m`); nil when none is given (the token lasts until revoked).
    public static func tokenLifetime(_ text: String?) throws(AccessError) -> TokenLifetime? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        do { return try TokenLifetime(text) } catch { throw .invalidTokenLifetime(error.description) }
    }

    /// Creates an API token; the returned secret is shown once and never stored.
    public func createToken(
        name: String, role: UserRole, now: Instant, expiresIn lifetime: TokenLifetime? = nil,
        actor: AuditActor = .commandLine
    ) async throws -> (secret: String, token: APIToken) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        // A name is shown in lists and the audit log: control characters (a form feed, an escape)
        // have no place in it, and a name of only those is no name.
        guard !trimmed.isEmpty, !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw AccessError.tokenNameMissing }
        guard trimmed.count <= Self.maximumTokenNameLength else {
            throw AccessError.tokenNameTooLong(maximum: Self.maximumTokenNameLength)
        }
        let secret = Self.tokenPrefix + Secrets.token()
        let token = try await store.createToken(
            name: trimmed, role: role, tokenHash: Secrets.digest(secret), prefix: String(secret.prefix(10)),
            createdAt: now, expiresAt: lifetime?.expiry(from: now))
        await audit.record(
            .tokenCreate, by: actor, target: "token \(token.id) (\(token.name))",
            detail: "role \(role.rawValue)" + (lifetime.map { ", expires in \($0)" } ?? ""))
        return (secret, token)
    }

    @discardableResult
    public func revokeToken(id: Int64, actor: AuditActor) async throws -> APIToken {
        guard let token = try await store.revokeToken(id: id) else { throw AccessError.tokenNotFound }
        await audit.record(.tokenRevoke, by: actor, target: "token \(token.id) (\(token.name))")
        return token
    }

    /// The token a bearer secret names, unless unknown, revoked or expired. Its use is recorded
    /// at most once a minute, off the request's path (a write must not wait for an import).
    public func identity(bearer secret: String) async throws -> APIToken? {
        guard secret.utf8.count <= 256 else { return nil }
        let at = now()
        guard let token = try await store.token(hash: Secrets.digest(secret), now: at), !token.isUnusable(at: at)
        else { return nil }
        let notBefore = Instant(millisecondsSinceEpoch: at.millisecondsSinceEpoch - Self.tokenUseIntervalMs)
        let stale = token.lastUsedAt.map { $0 < notBefore } ?? true
        if stale, await tokenUses.claim(token.id, at: at, interval: Self.tokenUseIntervalMs) {
            let store = store, logger = logger
            Task {
                do {
                    try await store.recordTokenUse(id: token.id, at: at, notBefore: notBefore)
                } catch {
                    logger.warning("token use not recorded", metadata: ["token": .stringConvertible(token.id)])
                }
            }
        }
        return token
    }
}
