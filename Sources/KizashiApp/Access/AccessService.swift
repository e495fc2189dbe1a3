import Foundation
import KizashiCore
import KizashiStore
import Logging

/// Users, passwords, sessions and API tokens: the use cases behind login, the admin pages and
/// API, and `kizashi user` / `kizashi token`. Every security-relevant change is written to the
/// audit log here, so the CLI and the server cannot record differently.
public struct AccessService: Sendable {
    public let store: any AccessStore
    public let passwords: any PasswordHashing
    public let audit: AuditTrail
    /// Login attempts per client and e-mail (per server process: each server limits its own share).
    public let throttle: LoginThrottle
    let tokenUses: TokenUseRecorder
    let now: @Sendable () -> Instant
    let logger: Logger

    /// How long a browser stays signed in.
    public static let sessionLifetimeMs: Int64 = 14 * 86_400_000
    public static let tokenPrefix = "kz_"
    public static let minimumPasswordLength = 10
    /// bcrypt reads 72 bytes; a longer password would be cut without anyone noticing.
    public static let maximumPasswordBytes = 72
    /// What an e-mail may be long (RFC 5321's path limit); longer input is not looked up at all.
    public static let maximumEmailLength = 254

    public init(
        store: any AccessStore, passwords: any PasswordHashing = BcryptPasswordHasher(),
        throttle: LoginThrottle = LoginThrottle(), now: @escaping @Sendable () -> Instant = WorkspaceClock.now,
        logger: Logger = Logger(label: "kizashi.access")
    ) {
        self.store = store
        self.passwords = passwords
        self.throttle = throttle
        self.now = now
        self.logger = logger
        self.audit = AuditTrail(store: store, now: now, logger: logger)
        self.tokenUses = TokenUseRecorder()
    }

    /// bcrypt at `bcryptCost` (12 in production; tests lower it).
    public init(store: any AccessStore, bcryptCost: UInt8, now: @escaping @Sendable () -> Instant = WorkspaceClock.now)
    {
        self.init(store: store, passwords: BcryptPasswordHasher(cost: bcryptCost), now: now)
    }

    // MARK: Users

    public static func checkPassword(_ password: String) throws(AccessError) {
        guard password.count >= minimumPasswordLength else {
            throw .passwordTooShort(minimum: minimumPasswordLength)
        }
        guard password.utf8.count <= maximumPasswordBytes else {
            throw .passwordTooLong(maximumBytes: maximumPasswordBytes)
        }
        guard !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .passwordHasControlCharacters
        }
    }

    public static func checkEmail(_ email: String) throws(AccessError) {
        guard email.count <= maximumEmailLength, FieldValidity.isValidEmail(email) else { throw .invalidEmail(email) }
    }

    public func createUser(
        email: String, role: UserRole, password: String, actor: AuditActor = .commandLine
    ) async throws -> WorkspaceUser {
        let email = email.trimmingCharacters(in: .whitespaces)
        try Self.checkEmail(email)
        try Self.checkPassword(password)
        if try await store.user(email: email) != nil { throw AccessError.emailTaken(email) }
        let user = try await store.createUser(
            email: email, role: role, passwordHash: await passwords.hash(password), createdAt: now())
        await audit.record(.userCreate, by: actor, target: user.email, detail: "role \(role.rawValue)")
        return user
    }

    /// A random password that is easy to copy (no ambiguous characters), for `serve --demo` and resets.
    public static func generatedPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
    }

    /// What a password check found. The caller of `login` learns only signed in or not.
    public enum Verification: Sendable, Equatable {
        case unknownEmail
        case wrongPassword(WorkspaceUser)
        case disabled(WorkspaceUser)
        case verified(WorkspaceUser)
    }

    /// Checks an e-mail and password, spending the same time whether the e-mail exists or not
    /// (one verification at the configured cost either way).
    public func verify(email: String, password: String) async throws -> Verification {
        let email = email.trimmingCharacters(in: .whitespaces)
        guard email.count <= Self.maximumEmailLength, let user = try await store.user(email: email) else {
            await passwords.spendVerification(password)
            return .unknownEmail
        }
        let ok = await passwords.verify(password, against: user.passwordHash)
        if !ok { return .wrongPassword(user) }
        return user.disabled ? .disabled(user) : .verified(user)
    }
}
