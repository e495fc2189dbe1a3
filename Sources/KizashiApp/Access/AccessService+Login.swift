import KizashiCore
import KizashiStore

extension AccessService {
    /// What a login attempt came to.
    public enum LoginOutcome: Sendable {
        /// Signed in: `cookie` is the session cookie's value (only its digest is stored).
        case signedIn(WorkspaceUser, cookie: String, session: BrowserSession)
        /// Wrong e-mail or password, or a disabled user: the client is not told which.
        case refused
        /// Too many failures for this client address or e-mail; the password was not checked.
        case throttled(retryAfterSeconds: Int)
    }

    /// A login from `clientAddress`: throttled per address and per e-mail (the attempt is reserved
    /// before the password is checked, so parallel guesses cannot slip past the limit), audited
    /// either way.
    public func login(email: String, password: String, clientAddress: String?) async throws -> LoginOutcome {
        let email = String(email.trimmingCharacters(in: .whitespaces).prefix(Self.maximumEmailLength + 1))
        let address = clientAddress ?? "-"
        let reservation: LoginThrottle.Reservation
        switch await throttle.reserve(address: address, email: email, now: now()) {
        case .throttled(let seconds):
            logger.notice("login throttled", metadata: ["client": .string(address)])
            return .throttled(retryAfterSeconds: seconds)
        case .allowed(let r):
            reservation = r
        }
        let actor = AuditActor(name: email, clientAddress: clientAddress)
        let verification: Verification
        do {
            verification = try await verify(email: email, password: password)
        } catch {
            // The store failed: the attempt decided nothing, so it costs nothing.
            await throttle.release(reservation)
            throw error
        }
        guard case .verified(let user) = verification else {
            await throttle.failed(reservation, now: now())
            await audit.record(.loginFailed, by: actor, target: email, detail: Self.reason(verification))
            return .refused
        }
        await throttle.succeeded(reservation, now: now())
        let (cookie, session) = try await startSession(for: user)
        await audit.record(.login, by: AuditActor(name: user.email, clientAddress: clientAddress), target: user.email)
        return .signedIn(user, cookie: cookie, session: session)
    }

    static func reason(_ v: Verification) -> String {
        switch v {
        case .unknownEmail: "unknown e-mail"
        case .wrongPassword: "wrong password"
        case .disabled: "user disabled"
        case .verified: "signed in"
        }
    }

    /// Starts a browser session; returns the cookie value (only its digest is stored).
    public func startSession(for user: WorkspaceUser) async throws -> (cookie: String, session: BrowserSession) {
        let secret = Secrets.token()
        let session = BrowserSession(
            idHash: Secrets.digest(secret), userId: user.id, csrfToken: Secrets.token(bytes: 24),
            expiresAt: Instant(millisecondsSinceEpoch: now().millisecondsSinceEpoch + Self.sessionLifetimeMs))
        try await store.createSession(session)
        return (secret, session)
    }

    /// The signed-in user of a session cookie: nil when the session is unknown, expired, or its
    /// user was disabled or deleted (checked on every request, so that takes effect at once).
    public func signedIn(cookie: String) async throws -> (user: WorkspaceUser, session: BrowserSession)? {
        guard cookie.utf8.count <= 128,
            let session = try await store.session(idHash: Secrets.digest(cookie), now: now()),
            let user = try await store.user(id: session.userId), !user.disabled
        else { return nil }
        return (user, session)
    }

    public func logout(_ session: BrowserSession, user: WorkspaceUser?, clientAddress: String?) async throws {
        try await store.deleteSession(idHash: session.idHash)
        if let user {
            await audit.record(
                .logout, by: AuditActor(name: user.email, clientAddress: clientAddress), target: user.email)
        }
    }
}
