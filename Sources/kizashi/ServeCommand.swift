import ArgumentParser
import Foundation
import KizashiApp
import KizashiArchive
import KizashiCore
import KizashiServer
import KizashiStore
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    /// The dashboard's page renderer for `kizashi report --format pdf`. This file is the CLI's one
    /// link to the web shell (docs/architecture.md): other commands reach the server's views
    /// only through this `DashboardPageRendering`.
    static let dashboardPages: any DashboardPageRendering = ServerPageRenderer()

    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the dashboard and the REST API.",
        discussion: """
            Open http://HOST:PORT/ in a browser. Stop with Ctrl-C (or SIGTERM): requests in flight finish first.
            With --demo, an empty workspace is filled with the small demo data set, and if it has no users an admin
            is created and its password printed once.
            OpenTelemetry traces go to OTEL_EXPORTER_OTLP_ENDPOINT (OTLP/HTTP) when it is set; see docs/deploy.md.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "Interface to listen on.") var host = "127.0.0.1"
    @Option(help: "TCP port (0: a free one, named in the log line \"kizashi is listening\").") var port = 8080
    @Flag(help: "Load the small demo data set into an empty workspace first, and create an admin if none exists.")
    var demo = false
    @Flag(help: "Mark cookies Secure (set this behind a TLS reverse proxy).") var secureCookies = false
    @Option(
        name: .customLong("trusted-proxy"),
        help: ArgumentHelp(
            "A reverse proxy (CIDR, e.g. 10.0.0.0/8 or ::1/128) whose X-Forwarded-For / Forwarded headers are believed; repeatable.",
            valueName: "CIDR"))
    var trustedProxies: [String] = []
    @Option(help: "Page views the tracking tag may post per client address and second (burst: 30×, at least 20).")
    var collectRatePerAddress: Double = 2
    @Option(help: "Page views the tracking tag may post per site key and second (burst: 10×).")
    var collectRatePerSite: Double = 200
    @Flag(help: "Allow webhooks to loopback, link-local and private addresses (tests, receivers on your own network).")
    var allowPrivateWebhooks = false
    @Option(help: "Largest upload accepted by the import API and page, in bytes (default 512 MiB).")
    var maxUploadBytes: Int64 = 512 << 20
    @Option(help: "Bytes an uploaded zip may unpack to, all entries together (default 2 GiB); more is refused (413).")
    var maxUnpackedBytes: Int64 = ArchiveLimits.default.maxUnpackedBytes
    @Option(help: "The longest CSV record of an upload read as a row, in bytes (default 1 MiB); longer is a bad row.")
    var maxRecordBytes = CSVTokenizer.defaultMaxRecordBytes
    @Option(help: "Folder for uploads while they are imported (default: $TMPDIR/kizashi-imports).")
    var uploadDir: String?
    @Option(
        help: "Seconds requests in flight get to finish on SIGTERM; then long imports are cancelled and rolled back.")
    var shutdownGrace: Int = 10
    @Option(help: "Bearer token of /metrics (Prometheus); default $KIZASHI_METRICS_TOKEN; without one /metrics is off.")
    var metricsToken: String?
    @OptionGroup var mail: SMTPOptions
    @Option(help: "HubSpot API base URL of POST /api/v1/sync/hubspot (default https://api.hubapi.com).")
    var hubspotBaseURL = HubSpotConnection.defaultBaseURL
    @Option(help: "Log level: trace, debug, info, notice, warning, error.") var logLevel = "info"
    @Option(help: "Log lines as text, or as JSON objects one per line (for log collectors).")
    var logFormat: LogFormat = .text
    enum LogFormat: String, ExpressibleByArgument, CaseIterable { case text, json }
    /// Tests lower it to keep real-server tests fast; the dummy check of unknown e-mails uses the same cost.
    @Option(help: .hidden) var bcryptCost: UInt8 = 12

    func run() async throws {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error")
        }
        // Every logger of the server (alerts, store) at the chosen level, not only this one.
        let json = logFormat == .json
        LoggingSystem.bootstrap { label in
            if json {
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "kizashi")
        logger.logLevel = level
        // Traces only with an OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT and the variables listed
        // in TraceExportSettings; docs/deploy.md): otherwise nothing is started and no span made.
        // Checked before the store is opened, so a refused variable leaves nothing open.
        let traces: TraceExportSettings?
        do {
            traces = try TraceExportSettings.read(from: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
        var traceExporter: (any Service)?
        if let traces {
            do {
                traceExporter = try RequestTraces.start(
                    traces, logger: RedactedOTelDiagnostics.logger(label: "kizashi.traces"), level: level)
            } catch {
                throw ValidationError("Traces cannot start (check the OTEL_EXPORTER_OTLP_* variables): \(error)")
            }
            logger.notice(
                "Exporting traces (OTLP, \(traces.encoding.rawValue)) to \(traces.collectorForLog)",
                metadata: ["service.name": "\(traces.serviceName)"])
        }
        let store: any WorkspaceStore
        do {
            // The server reads while an upload imports: no rollback-journal first load.
            store = try await workspace.openStore(servingReaders: true)
        } catch let e as StoreError {
            throw ValidationError(e.message)
        }
        // Every refusal below comes after the store is open: it is closed first, whatever fails
        // (an open SQLite connection left behind stops a debug build with an assertion).
        do {
            guard BcryptPasswordHasher.allowedCosts.contains(bcryptCost) else {
                throw ValidationError("--bcrypt-cost must be from 4 to 16")
            }
            var config = ServerConfiguration(
                host: host, port: port, secureCookies: secureCookies, bcryptCost: bcryptCost)
            var proxies: [IPAddressRange] = []
            for cidr in trustedProxies {
                guard let range = IPAddressRange(cidr: cidr) else {
                    throw ValidationError(
                        "--trusted-proxy \(cidr) is not an address or CIDR block (e.g. 10.0.0.0/8, ::1/128)")
                }
                proxies.append(range)
            }
            config.clientAddresses = ClientAddressResolver(trustedProxies: proxies)
            config.allowPrivateWebhooks = allowPrivateWebhooks
            config.traceRequests = traceExporter != nil
            if let token = metricsToken ?? ProcessInfo.processInfo.environment["KIZASHI_METRICS_TOKEN"], !token.isEmpty
            {
                guard token.count >= 16 else {
                    throw ValidationError("--metrics-token must have at least 16 characters")
                }
                let registry = PrometheusCollectorRegistry()
                MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
                config.metricsToken = token
                config.metricsRegistry = registry
            }
            config.smtp = try mail.configuration()
            // CRM tokens are stored sealed with $KIZASHI_SECRET_KEY (CRMSecretBox); without it the
            // sync API can only dry-run.
            do { config.secretBox = try CRMSecretBox.fromEnvironment(ProcessInfo.processInfo.environment) } catch {
                throw ValidationError("\(error)")
            }
            guard let hubSpot = HubSpotConnection.checkedBaseURL(hubspotBaseURL) else {
                throw ValidationError("--hubspot-base-url must be http(s)://host[:port] without a path")
            }
            config.hubSpotBaseURL = hubSpot
            guard maxUploadBytes > 0 else { throw ValidationError("--max-upload-bytes must be positive") }
            config.maxUploadBytes = maxUploadBytes
            guard maxUnpackedBytes > 0 else { throw ValidationError("--max-unpacked-bytes must be positive") }
            config.archiveLimits.maxUnpackedBytes = maxUnpackedBytes
            guard maxRecordBytes > 0 else { throw ValidationError("--max-record-bytes must be positive") }
            config.maxRecordBytes = maxRecordBytes
            if let uploadDir { config.uploadsDirectory = URL(fileURLWithPath: uploadDir) }
            guard collectRatePerAddress > 0, collectRatePerAddress.isFinite, collectRatePerSite > 0,
                collectRatePerSite.isFinite
            else {
                throw ValidationError("--collect-rate-per-address and --collect-rate-per-site must be positive numbers")
            }
            config.collectPerAddress = .init(
                capacity: max(20, 30 * collectRatePerAddress), refillPerSecond: collectRatePerAddress)
            config.collectPerSiteKey = .init(capacity: 10 * collectRatePerSite, refillPerSecond: collectRatePerSite)
            let services = ServerServices(store: store, configuration: config)
            if demo { try await prepareDemo(store: store, services: services) }
            if try await store.users().isEmpty {
                StandardError.write(
                    "No users yet: create one with `kizashi user create EMAIL --role admin` (or start with --demo).\n")
            }
            StandardError.write("Kizashi is serving \(workspace.location) on http://\(host):\(port)/\n")
            // Before the first event is taken (see AlertCenter.prepare).
            try await services.alerts.prepare()
            guard (0...3600).contains(shutdownGrace) else {
                throw ValidationError("--shutdown-grace must be 0 to 3600 seconds")
            }
            try await KizashiServerApp.run(
                services: services, logger: logger, shutdownGrace: .seconds(shutdownGrace), traceExporter: traceExporter
            )
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }

    func prepareDemo(store: any WorkspaceStore, services: ServerServices) async throws {
        if (try await store.counts(of: [.companies])[.companies] ?? 0) == 0 {
            let day = WorkspaceClock.today(in: .tokyo)
            let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-demo-\(UUID().uuidString)")
                .path
            defer { try? FileManager.default.removeItem(atPath: tmp) }
            StandardError.write("Loading the small demo data set (as of \(day))…\n")
            try DemoPackage.write(scale: .small, seed: 42, asOf: day, to: tmp)
            let bar = ProgressReporter(enabled: true)
            let report = try await PackageImporter(store: store, progress: { bar.update($0) }).importPackage(
                at: tmp, options: .init(rejectedPath: nil))
            bar.finish()
            StandardError.write(ImportSummaryText.render(report) + "\n")
        }
        if try await store.users().isEmpty {
            let password = AccessService.generatedPassword()
            let user = try await services.access.createUser(
                email: "admin@example.com", role: .admin, password: password, actor: .system)
            // Printed once, to standard output, so a script can capture it; only its hash is stored.
            FileHandle.standardOutput.write(Data("Demo admin: \(user.email)  password: \(password)\n".utf8))
        }
    }
}
