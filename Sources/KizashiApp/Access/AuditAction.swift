/// The security-relevant actions the audit log keeps (stored as the raw value).
public enum AuditAction: String, CaseIterable, Sendable {
    case login = "login"
    case loginFailed = "login.failed"
    case logout = "logout"
    case userCreate = "user.create"
    case userDisable = "user.disable"
    case userEnable = "user.enable"
    case userDelete = "user.delete"
    case userPasswordReset = "user.password"
    case userRoleChange = "user.role"
    case tokenCreate = "token.create"
    case tokenRevoke = "token.revoke"
    case webhookAdd = "webhook.add"
    case webhookRemove = "webhook.remove"
    case deliveryResend = "webhook.resend"
    case webhookTest = "webhook.test"
    case ownerRouteSet = "owner_route.set"
    case ownerRouteRemove = "owner_route.remove"
    case digestSend = "digest.send"
    case crmSync = "crm.sync"
    case siteKeyCreate = "site_key.create"
    case siteKeyRevoke = "site_key.revoke"
    case ipRangesReplace = "ip_ranges.replace"
    case dataImport = "data.import"
    case dataExport = "data.export"
    case companyMerge = "company.merge"
    case companyMergeUndo = "company.merge.undo"
}

/// Who did something: a signed-in user (their e-mail), an API token ("token: NAME"), the command
/// line, and from which client address.
public struct AuditActor: Sendable, Equatable {
    public var name: String
    public var clientAddress: String?
    public init(name: String, clientAddress: String?) {
        self.name = name
        self.clientAddress = clientAddress
    }

    /// `kizashi` run on the server's machine: whoever can run it there owns the workspace file or URL.
    public static let commandLine = AuditActor(name: "cli", clientAddress: nil)
    /// Kizashi itself (e.g. the demo admin `serve --demo` creates).
    public static let system = AuditActor(name: "system", clientAddress: nil)
    public static func token(named name: String, from address: String?) -> AuditActor {
        AuditActor(name: "token: \(name)", clientAddress: address)
    }
}
