import Foundation

/// Whether `kizashi serve` sends traces, and where: read from the standard OpenTelemetry variables
/// (opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables). Pure — the
/// environment is passed in — so the decision is tested without a process.
///
/// Traces are off (nil, nothing is started) unless an endpoint is given. swift-otel reads the
/// same variables again for what is only its business (headers, timeouts, batch sizes, sampler,
/// resource attributes); this refuses, with the variable's name, the values that would make it
/// stop the process (it traps on `grpc`, which this build leaves out to save its build time, and
/// throws on exporters it does not implement), and values a typo would otherwise turn into
/// "silently off".
///
/// Variables read here:
/// - `OTEL_EXPORTER_OTLP_ENDPOINT`: the collector's base URL (`http://collector:4318`); spans go
///   to its `/v1/traces`. Setting it (or the next) turns traces on.
/// - `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`: the full URL for spans, used as given; wins over the above.
/// - `OTEL_SERVICE_NAME`: the spans' `service.name`; default `kizashi`.
/// - `OTEL_SDK_DISABLED`: `true` turns traces off even with an endpoint; `false` or unset: on.
/// - `OTEL_TRACES_EXPORTER`: `otlp` (default) or `none` (off).
/// - `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, else `OTEL_EXPORTER_OTLP_PROTOCOL`: `http/protobuf`
///   (default) or `http/json`; `grpc` is refused (not in this build).
public struct TraceExportSettings: Equatable, Sendable {
    /// The `service.name` resource attribute of every span.
    public var serviceName: String
    /// The URL spans are POSTed to.
    public var tracesEndpoint: String
    /// How spans are encoded over OTLP/HTTP.
    public var encoding: Encoding

    public enum Encoding: String, Equatable, Sendable {
        case protobuf = "http/protobuf"
        case json = "http/json"
    }

    public init(serviceName: String, tracesEndpoint: String, encoding: Encoding) {
        self.serviceName = serviceName
        self.tracesEndpoint = tracesEndpoint
        self.encoding = encoding
    }

    /// The collector as `scheme://host:port`, for the log line: a URL's user, password, path and
    /// query are left out (a collector's URL may carry credentials).
    public var collectorForLog: String {
        guard let url = URLComponents(string: tracesEndpoint), let scheme = url.scheme, let host = url.host else {
            return "the configured collector"
        }
        return url.port.map { "\(scheme)://\(host):\($0)" } ?? "\(scheme)://\(host)"
    }

    /// The settings, or nil when traces are off. Empty values count as unset, as the spec says.
    public static func read(from environment: [String: String]) throws(TraceExportSettingsProblem)
        -> TraceExportSettings?
    {
        func value(_ name: String) -> String? {
            guard let v = environment[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        let base = value("OTEL_EXPORTER_OTLP_ENDPOINT")
        let signal = value("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
        guard base != nil || signal != nil else { return nil }
        if let disabled = value("OTEL_SDK_DISABLED") {
            switch disabled.lowercased() {
            case "true": return nil
            case "false": break
            default: throw .init(variable: "OTEL_SDK_DISABLED", reason: "must be true or false, not \(disabled)")
            }
        }
        if let exporter = value("OTEL_TRACES_EXPORTER") {
            switch exporter.lowercased() {
            case "otlp": break
            case "none": return nil
            default:
                throw .init(
                    variable: "OTEL_TRACES_EXPORTER", reason: "must be otlp or none (this build has no \(exporter))")
            }
        }
        let protocolVariable =
            value("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") != nil
            ? "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL" : "OTEL_EXPORTER_OTLP_PROTOCOL"
        var encoding = Encoding.protobuf
        if let name = value(protocolVariable) {
            guard let chosen = Encoding(rawValue: name.lowercased()) else {
                let hint = name.lowercased() == "grpc" ? " (this build exports over OTLP/HTTP only, port 4318)" : ""
                throw .init(
                    variable: protocolVariable, reason: "must be http/protobuf or http/json, not \(name)\(hint)")
            }
            encoding = chosen
        }
        let endpoint: String
        if let signal {
            try checkURL(signal, variable: "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
            endpoint = signal
        } else if let base {
            try checkURL(base, variable: "OTEL_EXPORTER_OTLP_ENDPOINT")
            endpoint = base.hasSuffix("/") ? base + "v1/traces" : base + "/v1/traces"
        } else {
            return nil
        }
        return TraceExportSettings(
            serviceName: value("OTEL_SERVICE_NAME") ?? "kizashi", tracesEndpoint: endpoint, encoding: encoding)
    }

    /// An absolute http or https URL with a host: anything else would only fail later, at each export.
    /// The value is not repeated in the message: a collector's URL may carry a password.
    private static func checkURL(_ text: String, variable: String) throws(TraceExportSettingsProblem) {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else {
            throw .init(variable: variable, reason: "must be an http:// or https:// URL with a host")
        }
    }
}

/// A tracing variable `kizashi serve` refuses to start with: which one, and why.
public struct TraceExportSettingsProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var variable: String
    public var reason: String
    public var description: String { "\(variable) \(reason)" }
}
