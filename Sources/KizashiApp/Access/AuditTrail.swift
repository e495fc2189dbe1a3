import KizashiCore
import KizashiStore
import Logging

/// Writes and reads the audit log. Recording never fails the action it records: a store error is
/// logged (the action already happened), so an audit write cannot be used to block logins.
public struct AuditTrail: Sendable {
    public let store: any AuditLogStore
    let now: @Sendable () -> Instant
    let logger: Logger

    /// Longest text kept per field: the log is bounded even when an attacker chooses the e-mail
    /// of a failed login.
    public static let maxFieldLength = 320

    public init(
        store: any AuditLogStore, now: @escaping @Sendable () -> Instant = WorkspaceClock.now,
        logger: Logger = Logger(label: "kizashi.audit")
    ) {
        self.store = store
        self.now = now
        self.logger = logger
    }

    public func record(_ action: AuditAction, by actor: AuditActor, target: String? = nil, detail: String? = nil)
        async
    {
        let entry = AuditEntry(
            at: now(), actor: Self.clean(actor.name) ?? "", action: action.rawValue, target: Self.clean(target),
            clientAddress: Self.clean(actor.clientAddress), detail: Self.clean(detail))
        do {
            try await store.appendAudit(entry)
        } catch {
            logger.error(
                "audit entry not stored", metadata: ["action": .string(entry.action), "error": .string("\(error)")])
        }
    }

    /// Newest first, at most `limit` (capped at 1,000) entries older than the entry `before`.
    public func entries(before: Int64? = nil, limit: Int = 100) async throws -> [AuditEntry] {
        try await store.auditEntries(before: before, limit: min(max(limit, 1), 1000))
    }

    /// Every entry, newest first, page by page (for the CSV export).
    public func allEntries(_ each: ([AuditEntry]) async throws -> Void) async throws {
        var before: Int64?
        while true {
            let page = try await store.auditEntries(before: before, limit: 1000)
            if page.isEmpty { return }
            try await each(page)
            before = page.last?.id
        }
    }

    /// Control characters become spaces (a log line or table row cannot be forged with a newline)
    /// and text is cut at `maxFieldLength` characters.
    static func clean(_ text: String?) -> String? {
        guard let text else { return nil }
        let scalars = text.unicodeScalars.prefix(maxFieldLength).map { s -> Character in
            s.properties.generalCategory == .control ? " " : Character(s)
        }
        return String(scalars)
    }
}
