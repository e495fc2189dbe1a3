import KizashiCore

/// What a user may do. Ordered: each role can do everything the previous one can.
///
/// viewer reads; editor also imports and changes targets, settings and goals; admin also
/// manages users and API tokens (issue 3 §Security).
public enum UserRole: String, Sendable, CaseIterable, Comparable, Codable {
    case viewer, editor, admin

    public static func < (a: UserRole, b: UserRole) -> Bool { a.rank < b.rank }
    private var rank: Int {
        switch self {
        case .viewer: 0
        case .editor: 1
        case .admin: 2
        }
    }
}

/// A person who signs in to the dashboard.
public struct WorkspaceUser: Sendable, Equatable {
    public var id: Int64
    public var email: String
    public var role: UserRole
    /// A bcrypt hash; never the password.
    public var passwordHash: String
    /// "ja" or "en" once the user picked one (the language switch is remembered per user).
    public var language: String?
    /// A disabled user cannot sign in and has no sessions; the account (and its audit history) stays.
    public var disabled: Bool
    public init(
        id: Int64, email: String, role: UserRole, passwordHash: String, language: String?, disabled: Bool = false
    ) {
        self.id = id
        self.email = email
        self.role = role
        self.passwordHash = passwordHash
        self.language = language
        self.disabled = disabled
    }

    /// An admin who can still sign in: a workspace always keeps at least one.
    public var isActiveAdmin: Bool { role == .admin && !disabled }
}

/// A signed-in browser. Only the SHA-256 of the cookie value is stored, so a copy of the
/// database does not let anyone sign in.
public struct BrowserSession: Sendable, Equatable {
    public var idHash: String
    public var userId: Int64
    /// Sent back with every form and state-changing request (CSRF protection).
    public var csrfToken: String
    public var expiresAt: Instant
    public init(idHash: String, userId: Int64, csrfToken: String, expiresAt: Instant) {
        self.idHash = idHash
        self.userId = userId
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}

/// An API token (`Authorization: Bearer …`). Shown once at creation; stored as its SHA-256.
public struct APIToken: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var role: UserRole
    /// The first characters of the token, so a user can tell tokens apart in a list.
    public var prefix: String
    public var createdAt: Instant
    public var revoked: Bool
    /// After this instant the token is refused; nil: it lasts until revoked.
    public var expiresAt: Instant?
    /// When the token was last accepted, to within a minute (it is not written on every request).
    public var lastUsedAt: Instant?
    public init(
        id: Int64, name: String, role: UserRole, prefix: String, createdAt: Instant, revoked: Bool,
        expiresAt: Instant? = nil, lastUsedAt: Instant? = nil
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.prefix = prefix
        self.createdAt = createdAt
        self.revoked = revoked
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
    }

    /// Whether the token is refused at `now` (revoked or past its expiry).
    public func isUnusable(at now: Instant) -> Bool {
        revoked || expiresAt.map { now.millisecondsSinceEpoch >= $0.millisecondsSinceEpoch } ?? false
    }
}

/// Users, browser sessions, API tokens and the audit log. Kept in the workspace database (not in
/// server memory) so sessions survive a restart and work across several servers on one database.
public protocol AccessStore: AuditLogStore {
    /// Fails with a `StoreError` when the e-mail address is taken (case-insensitive). `createdAt`
    /// comes from the caller's clock (`WorkspaceClock`), so the store reads no time of its own.
    func createUser(email: String, role: UserRole, passwordHash: String, createdAt: Instant) async throws
        -> WorkspaceUser
    func users() async throws -> [WorkspaceUser]
    func user(email: String) async throws -> WorkspaceUser?
    func user(id: Int64) async throws -> WorkspaceUser?
    /// Disables, enables, deletes, re-roles or re-passwords a user and ends every session of theirs,
    /// in one transaction. Returns the user as it is afterwards (as it was, for a deletion).
    /// Throws `UserUpdateError.notFound`, or `.lastActiveAdmin` when the change would leave the
    /// workspace without an active admin (checked under a lock, so two admins demoting each other
    /// at once cannot both succeed).
    func updateUser(id: Int64, _ update: UserUpdate) async throws -> WorkspaceUser
    func setLanguage(userId: Int64, language: String) async throws

    func createSession(_ session: BrowserSession) async throws
    /// The session, if it exists, has not expired at `now` and its user is not disabled.
    func session(idHash: String, now: Instant) async throws -> BrowserSession?
    func deleteSession(idHash: String) async throws

    func createToken(
        name: String, role: UserRole, tokenHash: String, prefix: String, createdAt: Instant, expiresAt: Instant?
    ) async throws -> APIToken
    /// The token with this hash, unless revoked or expired at `now`.
    func token(hash: String, now: Instant) async throws -> APIToken?
    func tokens() async throws -> [APIToken]
    /// Revokes the token; returns it (nil when there is no token with this id).
    @discardableResult func revokeToken(id: Int64) async throws -> APIToken?
    /// Records a use of the token at `at`, unless one at or after `notBefore` is already recorded
    /// (so several servers write at most about once per interval).
    func recordTokenUse(id: Int64, at: Instant, notBefore: Instant) async throws
}
