import Foundation
import KizashiApp
import KizashiArchive
import KizashiCore
import KizashiStore
import Logging
import Prometheus

/// How `kizashi serve` runs. Every key is read from a command-line option of `kizashi serve`
/// (see ServeCommand); the defaults suit one person on a laptop.
public struct ServerConfiguration: Sendable {
    /// Interface to listen on (`--host`). 127.0.0.1 by default: the dashboard is not exposed until asked.
    public var host: String = "127.0.0.1"
    /// TCP port (`--port`).
    public var port: Int = 8080
    /// Mark cookies `Secure` (`--secure-cookies`): set it when a TLS reverse proxy fronts Kizashi.
    public var secureCookies = false
    /// bcrypt cost of new password hashes, and of the check an unknown e-mail gets (hidden
    /// `--bcrypt-cost`; tests lower it). Kept within 4...16 (`BcryptPasswordHasher.allowedCosts`).
    public var bcryptCost: UInt8 = 12
    /// Login throttling: free failures per e-mail and per client address, then doubling locks
    /// (`LoginThrottle.Policy`; fixed defaults, not options of `kizashi serve`).
    public var login = LoginThrottle.Policy()
    /// Failed logins allowed per e-mail before it is locked (`login.attemptsPerEmail`).
    public var loginAttempts: Int {
        get { login.attemptsPerEmail }
        set { login.attemptsPerEmail = newValue }
    }
    /// Reverse proxies whose `X-Forwarded-For` / `Forwarded` headers are believed
    /// (`--trusted-proxy CIDR`, repeatable). Empty by default: every client is its socket peer.
    public var clientAddresses = ClientAddressResolver()
    /// Page views the tracking tag may post per client address: a burst, then a steady rate
    /// (`--collect-rate-per-address N`, per second; the burst is 30 × N, at least 20). One person
    /// browsing sends a few a minute; an office behind one NAT address, a few a second.
    public var collectPerAddress = TokenBuckets.Rate(capacity: 60, refillPerSecond: 2)
    /// Page views per site key (`--collect-rate-per-site N`, per second; the burst is 10 × N): the
    /// ceiling a flood spread over many addresses meets.
    public var collectPerSiteKey = TokenBuckets.Rate(capacity: 2_000, refillPerSecond: 200)
    /// Largest upload body (`--max-upload-bytes`, default 512 MiB): bigger packages are imported
    /// with `kizashi import` on the server itself.
    public var maxUploadBytes: Int64 = 512 << 20
    /// What an uploaded zip (a package, a workbook, a connector's files) may unpack to
    /// (`--max-unpacked-bytes` sets the total, default 2 GiB; entries ≤ 10,000 and 200 : 1 per
    /// entry, see `ArchiveLimits`): beyond it the upload is refused with 413 before it is unpacked.
    public var archiveLimits = ArchiveLimits.default
    /// The longest CSV record of an upload read as a row (`--max-record-bytes`, default 1 MiB):
    /// a longer one is a bad row on its line, skipped without being held in memory.
    public var maxRecordBytes = CSVTokenizer.defaultMaxRecordBytes
    /// Where uploads are unpacked while they are imported, and rejected rows wait a day for
    /// download (`--upload-dir`, default `$TMPDIR/kizashi-imports`): put it on a disk with room
    /// for the largest package unpacked.
    public var uploadsDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-imports")
    /// `/metrics` (Prometheus text format) answers only with this bearer token
    /// (`--metrics-token`, or `$KIZASHI_METRICS_TOKEN`); without one it is off (404).
    public var metricsToken: String?
    /// Where the metrics live: the registry the process's swift-metrics backend writes to (set by
    /// `kizashi serve`, which bootstraps it once per process).
    public var metricsRegistry: PrometheusCollectorRegistry?
    /// A span per request (`RequestTracingMiddleware`): set by `kizashi serve` when it exports
    /// traces (`OTEL_EXPORTER_OTLP_ENDPOINT`, see `TraceExportSettings`) and has bootstrapped the
    /// tracer; off, no tracing middleware is installed at all.
    public var traceRequests = false
    /// Let webhooks reach loopback, link-local and private addresses (`--allow-private-webhooks`):
    /// for tests and for receivers on the company's own network. Off by default (SSRF).
    public var allowPrivateWebhooks = false
    /// How long a delivery round's claimed deliveries belong to this server (tests shorten it).
    public var webhookLease: Duration = .seconds(300)
    /// The mail relay of the scheduled review (`--smtp URL` or `KIZASHI_SMTP_URL`); nil: the
    /// review's e-mail recipients are logged as failed with the reason.
    public var smtp: SMTPConfiguration?
    /// Load the default pages' figures right after a change rather than on the first request
    /// after it (`ReadModelWarmUp`), and tell open dashboards when they are loaded. On by default.
    public var warmReadModel = true
    /// How long an import's response (the upload API, the mapping editor) waits for that warm-up:
    /// the dashboard then shows the import as soon as the uploader is told, instead of the
    /// uploader's first page loading it (1.1–1.5 s after a contacts import at medium on
    /// PostgreSQL). Past it the response goes and the warm-up goes on.
    public var importWaitsForPages: Duration = .seconds(10)
    /// Send the review on the workspace's `digest.schedule` (tests drive `DigestDelivery` themselves).
    public var sendDigests = true
    /// Refresh the segments that feed the target list once a day (tests refresh them themselves).
    public var feedSegments = true
    /// Run the webhook delivery loop next to the server (tests drive `AlertCenter.deliverDue()` themselves).
    public var deliverAlerts = true
    /// Apply the event inbox next to the server (`EventInboxService`; tests call `applyInbox()` themselves).
    public var applyEventInbox = true
    /// Opens the CRM tokens stored in the workspace (`$KIZASHI_SECRET_KEY`, read by `kizashi serve`
    /// through `CRMSecretBox.fromEnvironment`); nil: `POST /api/v1/sync/hubspot|salesforce` can only dry-run.
    public var secretBox: CRMSecretBox?
    /// HubSpot's API (`--hubspot-base-url`, default https://api.hubapi.com; tests point it at a fake).
    public var hubSpotBaseURL = HubSpotConnection.defaultBaseURL
    /// How the sync's HTTP and 429 waits are done; nil: the live client and real waits (tests inject fakes).
    public var crmHTTP: (any CRMHTTPClient)?
    public var crmPause: (any CRMSyncPause)?
    /// Run the HubSpot and Salesforce write-backs on the workspace's `crm.hubspot.schedule` and
    /// `crm.salesforce.schedule` (tests drive `CRMSyncScheduler.syncDue()` themselves).
    public var syncCRM = true

    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, bcryptCost: UInt8 = 12) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
    }
}
