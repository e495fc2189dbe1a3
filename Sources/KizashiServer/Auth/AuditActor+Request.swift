import KizashiApp
import KizashiCore

extension KizashiRequestContext {
    /// Who is asking, for the audit log: the signed-in user's e-mail or the token's name, and the
    /// client address (`ClientAddressMiddleware`: trusted-proxy aware).
    public var auditActor: AuditActor {
        switch identity?.kind {
        case .browser(let user, _): AuditActor(name: user.email, clientAddress: clientAddress)
        case .token(let token): .token(named: token.name, from: clientAddress)
        case nil: AuditActor(name: "anonymous", clientAddress: clientAddress)
        }
    }
}
