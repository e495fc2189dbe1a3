import Foundation
import KizashiCore
import KizashiStore
import Logging

/// Sends the review on the workspace's schedule (issue 24 §1), and on demand (`kizashi digest
/// send`): Slack webhooks get the Slack text, generic webhooks the JSON (signed like alerts),
/// e-mail recipients the Markdown text, one message each so one bad address does not stop the
/// others and the log says which failed. Every number comes from `DigestService`, so a sent
/// review equals `kizashi digest` for the same period and day.
public struct DigestDelivery: Sendable {
    public let store: any WorkspaceStore
    public let digests: DigestService
    public var webhookGuard: WebhookGuard
    public var webhookSender: any WebhookSender
    /// The relay of `serve --smtp`; nil: e-mail recipients are logged as failed with the reason.
    public var mail: (any MailSender)?
    /// This server's name in slot claims (a random one per process by default).
    public var server: String
    public var now: @Sendable () -> Instant
    public var logger = Logger(label: "kizashi.digest")
    /// The slot name of a review sent on demand (`kizashi digest send`, `POST /api/v1/digest/send`).
    public static let manualSlot = "manual"

    public init(
        store: any WorkspaceStore, data: DashboardData, webhookGuard: WebhookGuard = WebhookGuard(),
        webhookSender: any WebhookSender = HTTPWebhookSender(), mail: (any MailSender)? = nil,
        server: String = "server-" + UUID().uuidString.prefix(8).lowercased(),
        now: @escaping @Sendable () -> Instant = WorkspaceClock.now
    ) {
        self.store = store
        self.digests = DigestService(store: store, data: data)
        self.webhookGuard = webhookGuard
        self.webhookSender = webhookSender
        self.mail = mail
        self.server = server
        self.now = now
    }

    /// Sends the slot that is due now, if the schedule has one and this server wins its claim;
    /// returns what was logged (nil when nothing was due or another server has the slot).
    public func sendDue() async throws -> [DigestDeliveryRecord]? {
        let settings = try await store.settings()
        let plan = DigestDeliverySettings(settings: settings)
        guard let schedule = plan.schedule else { return nil }
        let zone = try WorkspaceSettings.parameters(from: settings).timeZone
        let t = now()
        let stale = Instant(millisecondsSinceEpoch: t.millisecondsSinceEpoch - Self.claimLeaseMilliseconds)
        guard let slot = schedule.dueSlot(at: t, in: zone),
            try await store.claimDigestSlot(slot.key, by: server, at: t, staleBefore: stale)
        else { return nil }
        // A slot taken over from a server that died while sending: what it sent is not sent again.
        let sent = Set(
            try await store.digestDeliveries(slot: slot.key).filter { $0.status == .sent }.map {
                Self.destinationKey($0.channel, $0.destination)
            })
        logger.info("sending the scheduled review", metadata: ["slot": "\(slot.key)", "server": "\(server)"])
        let records = try await send(plan, slot: slot.key, asOf: slot.day, skipping: sent)
        try await store.finishDigestSlot(slot.key, at: now())
        return records
    }

    /// How long a claimed, unfinished slot belongs to its server: longer than a sending can take
    /// (20 addresses × a 30 s deadline, plus the webhooks), so only a dead server's slot is taken over.
    public static let claimLeaseMilliseconds: Int64 = 30 * 60_000

    static func destinationKey(_ channel: DigestDeliveryRecord.Channel, _ destination: String) -> String {
        channel.rawValue + ":" + destination
    }

    /// Sends the review now to the destinations the settings name, logged under `slot`, each
    /// outcome written as soon as it is known (a crash loses at most the one being sent);
    /// `skipping` names destinations (`destinationKey`) already sent for this slot.
    /// `perOwner`: also send each routed owner their own review (nil: as `digest.per_owner` says);
    /// logged as `ADDRESS (owner: NAME)` and `WEBHOOK (owner: NAME)`. Each of `digest.segments`'
    /// reviews is logged as `ADDRESS (segment: NAME)` and `WEBHOOK (segment: NAME)`.
    public func send(
        _ plan: DigestDeliverySettings, slot: String, asOf: Day, skipping: Set<String> = [], perOwner: Bool? = nil
    ) async throws -> [DigestDeliveryRecord] {
        guard let period = DigestPeriod.resolve(plan.period, asOf: asOf) else {
            throw StoreError("digest.period \(plan.period) is not a period")
        }
        let digest = try await digests.digest(period: period, asOf: asOf, tier: nil)
        var stored: [DigestDeliveryRecord] = []
        func log(_ channel: DigestDeliveryRecord.Channel, _ destination: String, _ failure: String?) async throws {
            let r = DigestDeliveryRecord(
                slot: slot, channel: channel, destination: destination, status: failure == nil ? .sent : .failed,
                error: failure, at: now())
            stored += try await store.recordDigestDeliveries([r])
            if failure != nil {
                logger.warning(
                    "review delivery failed", metadata: ["channel": "\(channel.rawValue)", "slot": "\(slot)"])
            }
        }
        // A webhook an owner route names is that owner's channel: never the team's review.
        let routes = try await store.ownerRoutes()
        let ownerHooks = Set(routes.compactMap(\.webhookId))
        let hooks = try await store.webhooks()
        for hook in hooks where hook.active && Self.chosen(hook, plan.webhooks) && !ownerHooks.contains(hook.id) {
            guard !skipping.contains(Self.destinationKey(.webhook, String(hook.id))) else { continue }
            try await log(.webhook, String(hook.id), await post(digest, to: hook, language: plan.language))
        }
        for address in plan.emailTo where !skipping.contains(Self.destinationKey(.email, address)) {
            try await log(.email, address, await email(digest, to: address, language: plan.language, slot: slot))
        }
        let activeHooks = Dictionary(hooks.filter(\.active).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Each saved segment's own review (issue 26 §4) to the destinations `digest.segments` names.
        for review in plan.segmentReviews {
            let label = " (segment: \(review.segment))"
            let destinations =
                review.webhooks.map { (DigestDeliveryRecord.Channel.webhook, String($0) + label) }
                + review.emailTo.map { (DigestDeliveryRecord.Channel.email, $0 + label) }
            let pending = destinations.filter { !skipping.contains(Self.destinationKey($0.0, $0.1)) }
            guard !pending.isEmpty else { continue }
            let own: Digest
            do {
                own = try await digests.digest(period: period, asOf: asOf, tier: nil, segment: review.segment)
            } catch let refusal as SegmentService.Refusal {
                // A deleted or renamed segment: each destination's log line says why nothing came.
                for (channel, destination) in pending { try await log(channel, destination, refusal.description) }
                continue
            }
            for id in review.webhooks where !skipping.contains(Self.destinationKey(.webhook, String(id) + label)) {
                let failure: String? =
                    if let hook = activeHooks[id] {
                        await post(own, to: hook, language: plan.language)
                    } else { "webhook \(id) does not exist or is off" }
                try await log(.webhook, String(id) + label, failure)
            }
            for address in review.emailTo where !skipping.contains(Self.destinationKey(.email, address + label)) {
                try await log(
                    .email, address + label, await email(own, to: address, language: plan.language, slot: slot))
            }
        }
        guard perOwner ?? plan.perOwner, !routes.isEmpty else { return stored }
        // Each routed owner's own review: their accounts on the review's day. An owner no account
        // carries (a misspelt name) gets nothing rather than an empty review.
        let owned = OwnerRoute.accountsByOwner(try await store.targets(), on: asOf)
        for route in routes {
            guard let accounts = owned[OwnerRoute.key(route.owner)], !accounts.isEmpty else { continue }
            let own = try await digests.digest(
                period: period, asOf: asOf, tier: nil, owner: (route.owner, accounts))
            let label = " (owner: \(route.owner))"
            if let id = route.webhookId, let hook = activeHooks[id],
                !skipping.contains(Self.destinationKey(.webhook, String(id) + label))
            {
                try await log(.webhook, String(id) + label, await post(own, to: hook, language: plan.language))
            }
            for address in route.emails where !skipping.contains(Self.destinationKey(.email, address + label)) {
                try await log(
                    .email, address + label, await email(own, to: address, language: plan.language, slot: slot))
            }
        }
        return stored
    }

    /// Mails the review to one address; nil when the relay accepted it, else the reason.
    func email(_ digest: Digest, to address: String, language: Language, slot: String) async -> String? {
        guard let mail else { return "no SMTP relay: start the server with --smtp URL (or KIZASHI_SMTP_URL)" }
        let at = now()
        let message = MailMessage(
            from: mail.from, to: [address], subject: DigestText.title(digest, language),
            text: DigestMarkdown.render(digest, language: language),
            date: at.millisecondsSinceEpoch / 1000, messageId: "\(slot).\(UUID().uuidString)@kizashi")
        do { try await mail.send(message) } catch { return WebhookDeliverer.describe(error) }
        return nil
    }

    static func chosen(_ hook: Webhook, _ choice: DigestDeliverySettings.WebhookChoice) -> Bool {
        switch choice {
        case .all: true
        case .none: false
        case .only(let ids): ids.contains(hook.id)
        }
    }

    /// Posts the review to one webhook, checked and signed as alert deliveries are; nil when the
    /// receiver answered 2xx, else the reason (never the URL: a Slack URL is a secret).
    func post(_ digest: Digest, to hook: Webhook, language: Language) async -> String? {
        let body: Data
        switch hook.kind {
        case .slack:
            body = Data(
                JSONValue.object([("text", .string(DigestSlack.render(digest, language: language)))]).serialized().utf8)
        case .generic:
            body = Data(JSONValue.object([("digest", digest.json(language))]).serialized().utf8)
        }
        return await SignedWebhookPost(webhookGuard: webhookGuard, sender: webhookSender, now: now).send(
            body, event: "digest", to: hook)
    }
}
