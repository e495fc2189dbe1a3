import Logging

/// The logger swift-otel reports through. swift-otel logs each OTEL_* variable it applies with its
/// value, at info ("Configuration updated from environment"); the value of
/// `OTEL_EXPORTER_OTLP_HEADERS` (and of each per-signal `…_HEADERS`) is the collector's credentials
/// — an API key, a bearer token — so those values are replaced with `[redacted]` before the
/// process's own handler (text or JSON lines) writes them.
enum RedactedOTelDiagnostics {
    static func logger(label: String) -> Logger {
        let plain = Logger(label: label)
        return Logger(label: label) { _ in RedactingHandler(wrapped: plain.handler) }
    }

    struct RedactingHandler: LogHandler {
        var wrapped: any LogHandler
        /// swift-otel's metadata keys that carry a variable's value.
        static let valueKeys = ["environment_value", "previous_value", "new_value"]

        func log(event: LogEvent) {
            var event = event
            if let key = event.metadata?["environment_key"] ?? wrapped.metadata["environment_key"],
                "\(key)".hasSuffix("_HEADERS")
            {
                var metadata = event.metadata ?? [:]
                for name in Self.valueKeys { metadata[name] = "[redacted]" }
                event.metadata = metadata
            }
            wrapped.log(event: event)
        }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { wrapped[metadataKey: key] }
            set { wrapped[metadataKey: key] = newValue }
        }
        var metadata: Logger.Metadata {
            get { wrapped.metadata }
            set { wrapped.metadata = newValue }
        }
        var logLevel: Logger.Level {
            get { wrapped.logLevel }
            set { wrapped.logLevel = newValue }
        }
        var metadataProvider: Logger.MetadataProvider? {
            get { wrapped.metadataProvider }
            set { wrapped.metadataProvider = newValue }
        }
    }
}
