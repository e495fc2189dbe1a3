import KizashiCore

/// One security-relevant action: who did what to what, from where, when.
public struct AuditEntry: Sendable, Equatable {
    /// Assigned by the store (0 before it is stored); newer entries have larger ids.
    public var id: Int64
    public var at: Instant
    /// A user's e-mail, a token's name ("token: ci"), or "cli" for the command line.
    public var actor: String
    /// What happened, e.g. `login.failed`, `user.disable` (see `AuditAction` in KizashiApp).
    public var action: String
    /// What it happened to: a user's e-mail, a token, a webhook, a file.
    public var target: String?
    public var clientAddress: String?
    public var detail: String?

    public init(
        id: Int64 = 0, at: Instant, actor: String, action: String, target: String? = nil,
        clientAddress: String? = nil, detail: String? = nil
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.clientAddress = clientAddress
        self.detail = detail
    }
}

/// The audit log, kept in the workspace (both backends), append-only.
public protocol AuditLogStore: Sendable {
    /// Stores the entry; returns its id.
    @discardableResult func appendAudit(_ entry: AuditEntry) async throws -> Int64
    /// Newest first: at most `limit` entries with an id below `before` (all when nil).
    func auditEntries(before: Int64?, limit: Int) async throws -> [AuditEntry]
}
