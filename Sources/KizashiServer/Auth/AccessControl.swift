import Dispatch
import Foundation
import HummingbirdBcrypt
import KizashiCore
import KizashiStore

/// Users, passwords, sessions and API tokens: the use cases behind login, `kizashi user create`
/// and `kizashi token create`.
public struct AccessControl: Sendable {
    public let store: any AccessStore
    /// bcrypt cost: 12 in production (about a quarter of a second per hash on these cores, which is
    /// what makes a stolen hash expensive to crack); tests pass 4.
    public let bcryptCost: UInt8
    /// How long a browser stays signed in.
    public static let sessionLifetimeMs: Int64 = 14 * 86_400_000
    public static let tokenPrefix = "kz_"

    public init(store: any AccessStore, bcryptCost: UInt8 = 12) {
        self.store = store
        self.bcryptCost = bcryptCost
    }

    /// bcrypt blocks for a long time: run it on a Dispatch thread, not the cooperative pool.
    private static func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { c in DispatchQueue.global().async { c.resume(returning: work()) } }
    }

    public func hash(password: String) async -> String {
        let cost = bcryptCost
        return await Self.offload { Bcrypt.hash(password, cost: cost) }
    }

    public static func checkPassword(_ password: String) throws {
        guard password.count >= 10 else {
            throw StoreError("the password must have at least 10 characters")
        }
    }

    public static func checkEmail(_ email: String) throws {
        guard FieldValidity.isValidEmail(email) else { throw StoreError("\(email) is not a valid e-mail address") }
    }

    public func createUser(email: String, role: UserRole, password: String) async throws -> WorkspaceUser {
        try Self.checkEmail(email)
        try Self.checkPassword(password)
        return try await store.createUser(email: email, role: role, passwordHash: await hash(password: password))
    }

    /// A random password that is easy to copy (no ambiguous characters), for `serve --demo`.
    public static func generatedPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
    }

    /// The user, when the e-mail and password match; nil otherwise (the caller does not learn which was wrong).
    public func verify(email: String, password: String) async throws -> WorkspaceUser? {
        guard let user = try await store.user(email: email.trimmingCharacters(in: .whitespaces)) else {
            // Spend the same time as a real check, so response times do not reveal which addresses exist.
            _ = await Self.offload { Bcrypt.verify(password, hash: Self.dummyHash) }
            return nil
        }
        let ok = await Self.offload { Bcrypt.verify(password, hash: user.passwordHash) }
        return ok ? user : nil
    }
    private static let dummyHash = Bcrypt.hash("not a password", cost: 4)

    /// Starts a browser session; returns the cookie value (only its digest is stored).
    public func startSession(for user: WorkspaceUser, now: Instant) async throws -> (
        cookie: String, session: BrowserSession
    ) {
        let secret = Secrets.token()
        let session = BrowserSession(
            idHash: Secrets.digest(secret), userId: user.id, csrfToken: Secrets.token(bytes: 24),
            expiresAt: Instant(millisecondsSinceEpoch: now.millisecondsSinceEpoch + Self.sessionLifetimeMs))
        try await store.createSession(session)
        return (secret, session)
    }

    /// Creates an API token; the returned secret is shown once and never stored.
    public func createToken(name: String, role: UserRole, now: Instant) async throws -> (
        secret: String, token: APIToken
    ) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw StoreError("give the token a name (what will use it)") }
        let secret = Self.tokenPrefix + Secrets.token()
        let token = try await store.createToken(
            name: trimmed, role: role, tokenHash: Secrets.digest(secret), prefix: String(secret.prefix(10)),
            createdAt: now)
        return (secret, token)
    }

    public func identity(bearer secret: String) async throws -> APIToken? {
        try await store.token(hash: Secrets.digest(secret))
    }
}
