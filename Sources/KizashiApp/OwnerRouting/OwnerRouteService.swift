import KizashiCore
import KizashiStore

/// Manages the owner route map (issue 27 §3) for the CLI, the API and the Settings page: every
/// value is checked here, once, so the three shells refuse the same input with the same words.
public struct OwnerRouteService: Sendable {
    public let store: any WorkspaceStore
    public var webhookGuard: WebhookGuard
    public var now: @Sendable () -> Instant

    public init(
        store: any WorkspaceStore, webhookGuard: WebhookGuard = WebhookGuard(),
        now: @escaping @Sendable () -> Instant = WorkspaceClock.now
    ) {
        self.store = store
        self.webhookGuard = webhookGuard
        self.now = now
    }

    /// A route as listed: the webhook's kind and state, never its URL (a Slack URL is a secret).
    public struct Listed: Sendable, Equatable {
        public var route: OwnerRoute
        public var webhook: Webhook?
        /// How many target accounts the owner has today (0: a name no account carries, e.g. misspelt).
        public var accounts: Int
    }

    /// The longest webhook text accepted (an id or a URL).
    public static let maxWebhookLength = 2_048

    /// Adds or replaces the route of `owner`. `webhook`: nil or empty for none, a webhook number
    /// of the workspace, or a URL (checked as every webhook is; registered as a new Slack
    /// webhook that only this owner's alerts go to). A webhook the route named before and no
    /// route names now is disabled (`retire`). Returns the stored route and, for a URL, the
    /// webhook created (its secret is shown once).
    public func set(owner rawOwner: String, webhook rawWebhook: String?, emails rawEmails: [String]) async throws
        -> (route: OwnerRoute, created: Webhook?)
    {
        let owner = try OwnerRoute.validOwner(rawOwner).get()
        let emails = try OwnerRoute.validEmails(rawEmails).get()
        var webhookId: Int64?
        var created: Webhook?
        let text = (rawWebhook ?? "").trimmingASCIIWhitespace()
        if text.utf8.count > Self.maxWebhookLength {
            throw OwnerRouteProblem(field: "webhook", reason: "must be at most \(Self.maxWebhookLength) bytes")
        }
        if text.isEmpty {
            webhookId = nil
        } else if text.utf8.allSatisfy({ (48...57).contains($0) }) {
            guard let id = Int64(text),
                let hook = try await store.webhooks().first(where: { $0.id == id })
            else { throw OwnerRouteProblem(field: "webhook", reason: "there is no webhook \(text.prefix(20))") }
            guard hook.active else {
                throw OwnerRouteProblem(field: "webhook", reason: "webhook \(id) was removed")
            }
            webhookId = id
        } else {
            if case .failure(let refusal) = await webhookGuard.check(text) {
                throw OwnerRouteProblem(field: "webhook", reason: refusal.description)
            }
            created = try await store.addWebhook(
                url: text, kind: .slack, secret: Secrets.token(bytes: 24), now: now())
            webhookId = created?.id
        }
        guard webhookId != nil || !emails.isEmpty else {
            throw OwnerRouteProblem(field: "webhook", reason: "give a webhook, e-mail addresses or both")
        }
        let previous = try await route(of: owner)
        let route = OwnerRoute(owner: owner, webhookId: webhookId, emails: emails)
        try await store.setOwnerRoute(route, now: now())
        try await retire(previous?.webhookId, unless: webhookId)
        return (route, created)
    }

    /// Removes the route of `owner` (matched as routes are); false when there was none.
    public func remove(owner: String) async throws -> Bool {
        let name = try OwnerRoute.validOwner(owner).get()
        let previous = try await route(of: name)
        guard try await store.removeOwnerRoute(owner: name) else { return false }
        try await retire(previous?.webhookId, unless: nil)
        return true
    }

    func route(of owner: String) async throws -> OwnerRoute? {
        try await store.ownerRoutes().first { OwnerRoute.key($0.owner) == OwnerRoute.key(owner) }
    }

    /// A webhook an owner's route no longer names is disabled (unless another route names it):
    /// left active it would become a team webhook, and a rep's own channel would start receiving
    /// every account's alerts. An admin who wants it for the team adds it again.
    func retire(_ old: Int64?, unless kept: Int64?) async throws {
        guard let old, old != kept else { return }
        guard try await !store.ownerRoutes().contains(where: { $0.webhookId == old }) else { return }
        try await store.setWebhook(id: old, active: false)
    }

    /// Every route with its webhook and its number of target accounts today.
    public func list(on day: Day) async throws -> [Listed] {
        let routes = try await store.ownerRoutes()
        let hooks = Dictionary(try await store.webhooks().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let owned = OwnerRoute.accountsByOwner(try await store.targets(), on: day)
        return routes.map { r in
            Listed(
                route: r, webhook: r.webhookId.flatMap { hooks[$0] },
                accounts: owned[OwnerRoute.key(r.owner)]?.count ?? 0)
        }
    }
}
