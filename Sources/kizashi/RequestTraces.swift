import Instrumentation
import KizashiApp
import Logging
import OTel
import ServiceLifecycle

/// `kizashi serve`'s traces over OTLP/HTTP (swift-otel), started only when `TraceExportSettings`
/// says so (an `OTEL_EXPORTER_OTLP_ENDPOINT`; every variable is listed there and in docs/deploy.md).
/// swift-otel's batch span processor keeps at most `OTEL_BSP_MAX_QUEUE_SIZE` spans (2048) and drops
/// the rest; exports run off the request path, each bounded by `OTEL_BSP_EXPORT_TIMEOUT` and
/// `OTEL_EXPORTER_OTLP_TIMEOUT`, and a failed one is a warning in the log. Only the tracer is
/// installed: swift-otel's logs and metrics backends stay off (logs and `/metrics` are ours).
enum RequestTraces {
    /// Installs the process's tracer and returns the exporter's service, for the server's `ServiceGroup`.
    /// `logger` gets swift-otel's own messages (a failed export is a warning) at `level`, unless
    /// `OTEL_LOG_LEVEL` says otherwise.
    static func start(_ settings: TraceExportSettings, logger: Logger, level: Logger.Level) throws -> any Service {
        var configuration = OTel.Configuration.default
        // swift-otel applies the OTEL_* variables over this; these are only the defaults.
        configuration.serviceName = settings.serviceName
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        configuration.traces.enabled = true
        configuration.traces.exporter = .otlp
        configuration.diagnosticLogger = .custom(logger)
        configuration.diagnosticLogLevel = diagnosticLevel(level)
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        InstrumentationSystem.bootstrap(backend.factory)
        return backend.service
    }

    /// swift-otel's levels have no notice or critical: the nearest that still shows warnings and errors.
    static func diagnosticLevel(_ level: Logger.Level) -> OTel.Configuration.LogLevel {
        switch level {
        case .trace: .trace
        case .debug: .debug
        case .info: .info
        case .notice, .warning: .warning
        case .error, .critical: .error
        }
    }
}
