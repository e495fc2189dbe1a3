import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Logging

/// What every route handler needs: the store, the shared read model, access control and a clock.
public struct ServerServices: Sendable {
    public let store: any WorkspaceStore
    public let data: DashboardData
    /// Attribution reports (issue 21), computed once per change like `data`'s KPI reports.
    public let attribution: AttributionReports
    /// Journey movement reports (issue 26), computed once per change like `attribution`.
    public let journey: JourneyReports
    /// Users, sessions, tokens, login throttling and the audit log (KizashiApp).
    public let access: AccessService
    /// The audit log (`access.audit`): routes record imports, exports and webhook changes here.
    public var audit: AuditTrail { access.audit }
    /// Token buckets of the public collect endpoint (per client address and per site key).
    public let collectLimiter: CollectRateLimiter
    /// Open dashboards listen here for changes.
    public let changes = ChangeFeed()
    /// The read model loaded again right after a change (`warmReadModelThenPublish`).
    let warmUp = ReadModelWarmUp()
    /// Imports running in this server (events wait in the inbox meanwhile).
    public let imports = ImportActivity()
    /// One CRM write-back at a time per CRM in this server: Settings, the API and the schedule.
    public let crmSyncGate = CRMSyncGate()
    /// Alert rules and webhook delivery (a service running next to the HTTP server).
    public let alerts: AlertCenter
    /// The review sent on the workspace's schedule and by `POST /api/v1/digest/send` (issue 24 §1).
    public let digestDelivery: DigestDelivery
    /// Which webhook destinations are allowed (checked at registration and before each delivery).
    public let webhookGuard: WebhookGuard
    /// Settings' and the API's test message to one webhook, sent at once.
    public let webhookTest: WebhookTestSend
    public let configuration: ServerConfiguration
    /// The wall clock, injectable so tests can fix "today".
    public let now: @Sendable () -> Instant

    public init(
        store: any WorkspaceStore, configuration: ServerConfiguration,
        now: @escaping @Sendable () -> Instant = WorkspaceClock.now
    ) {
        self.store = store
        self.data = DashboardData(store: store, training: .background)
        self.attribution = AttributionReports(service: AttributionService(store: store))
        self.journey = JourneyReports(service: JourneyService(store: store))
        self.access = AccessService(
            store: store, passwords: BcryptPasswordHasher(cost: configuration.bcryptCost),
            throttle: LoginThrottle(policy: configuration.login), now: now)
        self.collectLimiter = CollectRateLimiter(
            perKey: configuration.collectPerSiteKey, perAddress: configuration.collectPerAddress)
        self.configuration = configuration
        self.now = now
        self.webhookGuard = WebhookGuard(allowPrivate: configuration.allowPrivateWebhooks)
        self.webhookTest = WebhookTestSend(post: SignedWebhookPost(webhookGuard: webhookGuard, now: now))
        self.alerts = AlertCenter(
            store: store, data: data, now: now, logger: Logger(label: "kizashi.alerts"),
            deliverer: WebhookDeliverer(guardrail: webhookGuard, lease: configuration.webhookLease))
        self.digestDelivery = DigestDelivery(
            store: store, data: data, webhookGuard: webhookGuard,
            mail: configuration.smtp.map { SMTPMailSender(configuration: $0) }, now: now)
    }

    /// The workspace changed through this server: recompute, starting now, and tell open pages
    /// when done (`warmReadModelThenPublish`); with `warm` false, tell them at once and let the
    /// first page load what it reads.
    public func changed(warm: Bool = true) async {
        await dropReadModel()
        await publishChange(warm: warm)
    }

    /// Another process changed the workspace (the change feed: another server, a CLI import on
    /// PostgreSQL, a replica catching up). Warmed, then told, only while a dashboard is open here:
    /// its refresh would load the pages anyway, so it finds them loaded. With none open, the read
    /// model is only dropped: on a shared database every other server's event batch arrives
    /// here, and a warm-up for each would keep a core busy with no one asking.
    func changedElsewhere() async {
        await dropReadModel()
        if await changes.subscriberCount > 0 {
            await warmReadModelThenPublish()
        } else {
            await changes.publish()
        }
    }

    private func publishChange(warm: Bool) async {
        if warm { await warmReadModelThenPublish() } else { await changes.publish() }
    }

    private func dropReadModel() async {
        await data.invalidate()
        await attribution.invalidate()
        await journey.invalidate()
        await alerts.forgetSeenContacts()
    }

    /// An import only added `activities` (`ImportService.Outcome.addedActivitiesOnly`): the read
    /// model adds them instead of reloading (`DashboardData.importCommitted`); the rest is as
    /// `changed()`.
    public func activitiesImported(_ activities: [Activity], since mark: DashboardData.ImportMark, warm: Bool = true)
        async
    {
        await data.importCommitted(mark, activities: activities)
        await attribution.invalidate()
        await journey.invalidate()
        await alerts.seenContacts(of: activities)
        await publishChange(warm: warm)
    }

    /// Today in the workspace time zone.
    public func today() async throws -> Day {
        let (p, _) = try await data.parametersAndGoals()
        return p.timeZone.day(of: now())
    }
}
