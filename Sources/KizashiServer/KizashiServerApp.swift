import Foundation
import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore
import Logging
import NIOCore
import ServiceLifecycle

/// Builds the Hummingbird application of `kizashi serve`: the same store and KizashiCore
/// computations as the CLI, behind authentication.
public enum KizashiServerApp {
    public static func router(services: ServerServices) -> Router<KizashiRequestContext> {
        let router = Router(context: KizashiRequestContext.self)
        // First, so the span covers every other middleware; named by the route, carrying no input.
        if services.configuration.traceRequests { router.add(middleware: RequestTracingMiddleware()) }
        router.add(middleware: ClientAddressMiddleware(resolver: services.configuration.clientAddresses))
        router.add(middleware: RequestLogMiddleware())
        // Requests by route and status, with durations (recorded when a metrics backend is set).
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: AuthenticationMiddleware(services: services))
        router.add(middleware: ArchivedActivitiesMiddleware())
        let routes = RouteTable()
        router.add(middleware: MethodNotAllowedMiddleware(table: routes))

        router.get("/healthz") { _, _ in
            Responses.text("{\"status\":\"ok\"}\n", contentType: "application/json")
        }
        // Ready for traffic: the workspace answers (migrations are applied when it is opened, so
        // an open store is a migrated one). A load balancer sends requests only when this is 200.
        router.get("/readyz") { _, _ in
            do {
                _ = try await services.store.settings()
                return Responses.text("{\"status\":\"ready\"}\n", contentType: "application/json")
            } catch {
                return Responses.text(
                    "{\"status\":\"unavailable\"}\n", contentType: "application/json", status: .serviceUnavailable)
            }
        }
        router.get("/static/app.css") { _, _ in
            Responses.text(Assets.css, contentType: "text/css; charset=utf-8", extra: [.cacheControl: "max-age=3600"])
        }
        for path in ["/static/favicon.svg", "/favicon.ico"] {
            router.get(RouterPath(path)) { _, _ in
                Responses.text(
                    Assets.favicon, contentType: "image/svg+xml", extra: [.cacheControl: "max-age=86400"])
            }
        }
        router.get("/static/app.js") { _, _ in
            Responses.text(
                Assets.js, contentType: "text/javascript; charset=utf-8", extra: [.cacheControl: "max-age=3600"])
        }
        router.get("/api/openapi.yaml") { _, _ in
            Responses.text(OpenAPIDocument.yaml, contentType: "application/yaml; charset=utf-8")
        }
        AuthRoutes.add(to: router, services: services)
        PageRoutes.add(to: router, services: services)
        MorePageRoutes.add(to: router, services: services)
        SettingsIPRangeRoutes.add(to: router, services: services)
        SettingsOwnerRouteRoutes.add(to: router, services: services)
        ImportEditorRoutes.add(to: router, services: services)
        APIRoutes.add(to: router, services: services)
        AttributionRoutes.add(to: router, services: services)
        JourneyRoutes.add(to: router, services: services)
        DigestRoutes.add(to: router, services: services)
        CRMSyncRoutes.add(to: router, services: services)
        RankingModelRoutes.add(to: router, services: services)
        ExperimentRoutes.add(to: router, services: services)
        SegmentRoutes.add(to: router, services: services)
        ReviewRoutes.add(to: router, services: services)
        AudienceRoutes.add(to: router, services: services)
        WorkspaceRoutes.add(to: router, services: services)
        TransferRoutes.add(to: router, services: services)
        AdminRoutes.add(to: router, services: services)
        UserAdminRoutes.add(to: router, services: services)
        AuditRoutes.add(to: router, services: services)
        AccessAdminPageRoutes.add(to: router, services: services)
        EventRoutes.add(to: router, services: services)
        AlertRoutes.add(to: router, services: services)
        OwnerRouteRoutes.add(to: router, services: services)
        CollectRoutes.add(to: router, services: services)
        SiteKeyRoutes.add(to: router, services: services)
        MetricsRoutes.add(to: router, services: services)
        routes.load(router.routes.map { ("\($0.path)", $0.method.rawValue) })
        return router
    }

    public static func application(services: ServerServices, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: router(services: services),
            configuration: .init(
                address: .hostname(services.configuration.host, port: services.configuration.port),
                serverName: "kizashi"),
            services: backgroundServices(services),
            // The port really bound, at notice level (shown by default and by `--log-level
            // notice`): with `--port 0` the system picks a free one, and whoever started the
            // server (a test, a supervisor) reads it here instead of guessing a free port.
            onServerRunning: { channel in
                logger.notice(
                    "kizashi is listening",
                    metadata: ["port": "\(channel.localAddress?.port ?? -1)", "host": "\(services.configuration.host)"])
            },
            logger: logger)
    }
}

extension KizashiServerApp {
    /// Runs until SIGTERM or SIGINT. Requests in flight get `shutdownGrace` to finish; then they
    /// are cancelled — a long import rolls back (its transaction never commits) — and the
    /// process exits instead of waiting for it.
    ///
    /// `traceExporter` (swift-otel's, when traces are on) runs first in the group, so it is shut
    /// down last — after the HTTP server, flushing the spans of the last requests — and as a
    /// `BestEffortService`: its end or failure is logged and never stops the server.
    public static func run(
        services: ServerServices, logger: Logger, shutdownGrace: Duration, traceExporter: (any Service)? = nil
    ) async throws {
        var list: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let traceExporter {
            list.append(
                .init(
                    service: BestEffortService(name: "The trace exporter", wrapped: traceExporter, logger: logger),
                    successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore))
        }
        list.append(.init(service: application(services: services, logger: logger)))
        var configuration = ServiceGroupConfiguration(
            services: list, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = shutdownGrace
        try await ServiceGroup(configuration: configuration).run()
    }

    /// What runs beside the HTTP server: the event inbox, alert delivery, the scheduled review, the scheduled
    /// HubSpot and Salesforce write-backs, the daily refresh of segments that feed the target list, and the change watcher
    /// (which hears other servers' writes on a shared database; on SQLite it never fires).
    static func backgroundServices(_ services: ServerServices) -> [any Service] {
        var list: [any Service] = []
        if services.configuration.applyEventInbox { list.append(EventInboxService(services: services)) }
        if services.configuration.deliverAlerts { list.append(services.alerts) }
        if services.configuration.sendDigests { list.append(DigestScheduler(delivery: services.digestDelivery)) }
        if services.configuration.feedSegments {
            list.append(
                SegmentFeedScheduler(
                    segments: SegmentService(store: services.store, data: services.data, now: services.now),
                    changed: { await services.changed() }))
        }
        if services.configuration.syncCRM {
            for (_, make) in CRMSyncRoutes.providers {
                list.append(CRMSyncScheduler(service: make(services), gate: services.crmSyncGate))
            }
        }
        list.append(WorkspaceChangeWatcher(source: services.store, services: services))
        return list
    }
}

/// The OpenAPI 3.1 description, committed as Sources/KizashiServer/Resources/openapi.yaml.
enum OpenAPIDocument {
    static let yaml: String = {
        guard
            let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            // A build without its resource bundle beside the binary (see docs/deploy.md): say so.
            Logger(label: "kizashi").error(
                "openapi.yaml is missing from the resource bundle; /api/openapi.yaml is empty")
            return "openapi: 3.1.0\ninfo: {title: Kizashi, version: '1'}\npaths: {}\n"
        }
        return text
    }()
}
