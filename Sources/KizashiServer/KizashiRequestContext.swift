import Hummingbird
import KizashiCore
import KizashiStore
import NIOCore

/// Who is making a request: a signed-in browser or an API token.
public struct Identity: Sendable {
    public enum Kind: Sendable {
        case browser(user: WorkspaceUser, session: BrowserSession)
        case token(APIToken)
    }
    public var kind: Kind
    public var role: UserRole {
        switch kind {
        case .browser(let user, _): user.role
        case .token(let t): t.role
        }
    }
    public var user: WorkspaceUser? {
        if case .browser(let user, _) = kind { return user }
        return nil
    }
    public var session: BrowserSession? {
        if case .browser(_, let s) = kind { return s }
        return nil
    }
}

/// The per-request context: Hummingbird's core storage, plus who is asking and in which language.
public struct KizashiRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    public var language: Language = .en
    /// The socket peer's address (behind a reverse proxy: the proxy's).
    public let remoteAddress: String?
    /// The client's address: the peer, or what a trusted proxy says it forwarded for
    /// (`ClientAddressMiddleware`). Rate limits, the IP-range lookup and the audit log use this.
    public var clientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
        clientAddress = remoteAddress
    }

    /// Uploads (CSV or a zipped package) may be large; everything else is small.
    public var maxUploadSize: Int { 512 * 1024 * 1024 }

    /// The identity, or a 401 problem (the auth middleware only lets public routes through without one).
    public func requireIdentity() throws -> Identity {
        guard let identity else { throw ProblemDetails.unauthorized() }
        return identity
    }

    /// Fails with 403 unless the caller's role is at least `role`.
    public func require(_ role: UserRole) throws {
        let id = try requireIdentity()
        guard id.role >= role else { throw ProblemDetails.forbidden(needed: role) }
    }
}
