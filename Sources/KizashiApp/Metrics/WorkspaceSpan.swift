import Tracing

/// A child span of the request being served, around a long step of a use case (an import, an event
/// batch, a read-model load), when `kizashi serve` exports traces; without a tracer (the CLI, a
/// server without OTEL_EXPORTER_OTLP_ENDPOINT) it costs a no-op span. Attributes are the
/// caller's, chosen from values the code names (a source, a count), never outside text; a
/// failure marks the span as an error without recording the error's text, which can quote input.
public enum WorkspaceSpan {
    public static func around<T>(
        _ name: String, attributes: SpanAttributes = [:], isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> T
    ) async throws -> T {
        let span = startSpan(name, ofKind: .internal)
        defer { span.end() }
        span.attributes = attributes
        do {
            return try await body()
        } catch {
            span.setStatus(SpanStatus(code: .error))
            throw error
        }
    }
}
