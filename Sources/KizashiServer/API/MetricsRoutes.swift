import Hummingbird
import KizashiApp
import KizashiCore
import NIOCore
import Prometheus

/// `GET /metrics`: the Prometheus text format — requests by route and status with latency
/// histograms (Hummingbird's `MetricsMiddleware`), import rows and rejects, events accepted,
/// refused and queued, alert deliveries by outcome and the deliveries due, the read model's load
/// time. Behind its own bearer token (a scraper is not a user of the workspace).
enum MetricsRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        router.get("/metrics") { request, _ in
            guard let expected = services.configuration.metricsToken,
                let registry = services.configuration.metricsRegistry
            else { throw ProblemDetails.notFound("/metrics (start the server with --metrics-token)") }
            let sent = request.headers[.authorization].flatMap { h -> String? in
                h.lowercased().hasPrefix("bearer ") ? String(h.dropFirst(7)) : nil
            }
            guard let sent, Secrets.constantTimeEquals(sent, expected) else {
                throw ProblemDetails(
                    status: .unauthorized, title: "Metrics token required",
                    detail: "Send the server's --metrics-token as Authorization: Bearer <token>.")
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }
}
