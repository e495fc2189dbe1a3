import KizashiApp
import Testing

/// Which OTEL_* variables turn `kizashi serve`'s traces on, and which values it refuses to start with.
@Suite("Trace export settings")
struct TraceExportSettingsTests {
    @Test("No endpoint: traces are off, whatever else is set")
    func offWithoutEndpoint() throws {
        #expect(try TraceExportSettings.read(from: [:]) == nil)
        #expect(
            try TraceExportSettings.read(from: [
                "OTEL_SERVICE_NAME": "abm", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc", "OTEL_EXPORTER_OTLP_ENDPOINT": " ",
            ]) == nil)
    }

    @Test("The base endpoint gets /v1/traces (with or without its slash); service name defaults to kizashi")
    func baseEndpoint() throws {
        let s = try #require(try TraceExportSettings.read(from: ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://otel:4318"]))
        #expect(
            s
                == TraceExportSettings(
                    serviceName: "kizashi", tracesEndpoint: "http://otel:4318/v1/traces", encoding: .protobuf))
        let slash = try TraceExportSettings.read(from: ["OTEL_EXPORTER_OTLP_ENDPOINT": "https://otel.example/base/"])
        #expect(slash?.tracesEndpoint == "https://otel.example/base/v1/traces")
    }

    @Test("The traces endpoint is used as given and wins; OTEL_SERVICE_NAME and the traces protocol are honoured")
    func signalEndpoint() throws {
        let s = try TraceExportSettings.read(from: [
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://ignored:4318",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://otel:9999/custom",
            "OTEL_SERVICE_NAME": "abm-prod",
            "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
            "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "http/json",
        ])
        #expect(
            s
                == TraceExportSettings(
                    serviceName: "abm-prod", tracesEndpoint: "http://otel:9999/custom", encoding: .json))
    }

    @Test("OTEL_SDK_DISABLED=true and OTEL_TRACES_EXPORTER=none turn traces off even with an endpoint")
    func switchedOff() throws {
        let endpoint = ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://otel:4318"]
        #expect(try TraceExportSettings.read(from: endpoint.merging(["OTEL_SDK_DISABLED": "TRUE"]) { $1 }) == nil)
        #expect(try TraceExportSettings.read(from: endpoint.merging(["OTEL_TRACES_EXPORTER": "none"]) { $1 }) == nil)
        #expect(try TraceExportSettings.read(from: endpoint.merging(["OTEL_SDK_DISABLED": "false"]) { $1 }) != nil)
        #expect(try TraceExportSettings.read(from: endpoint.merging(["OTEL_TRACES_EXPORTER": "otlp"]) { $1 }) != nil)
    }

    @Test("Values swift-otel would trap or throw on, and typos, are refused with the variable's name")
    func refused() {
        let endpoint = ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://otel:4318"]
        let cases: [([String: String], String)] = [
            (endpoint.merging(["OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"]) { $1 }, "OTEL_EXPORTER_OTLP_PROTOCOL"),
            (
                endpoint.merging(["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "thrift"]) { $1 },
                "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"
            ),
            (endpoint.merging(["OTEL_TRACES_EXPORTER": "zipkin"]) { $1 }, "OTEL_TRACES_EXPORTER"),
            (endpoint.merging(["OTEL_TRACES_EXPORTER": "otlp,console"]) { $1 }, "OTEL_TRACES_EXPORTER"),
            (endpoint.merging(["OTEL_SDK_DISABLED": "1"]) { $1 }, "OTEL_SDK_DISABLED"),
            (["OTEL_EXPORTER_OTLP_ENDPOINT": "otel:4318"], "OTEL_EXPORTER_OTLP_ENDPOINT"),
            (["OTEL_EXPORTER_OTLP_ENDPOINT": "ftp://otel"], "OTEL_EXPORTER_OTLP_ENDPOINT"),
            (["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://"], "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
        ]
        for (environment, variable) in cases {
            #expect(throws: TraceExportSettingsProblem.self) { try TraceExportSettings.read(from: environment) }
            do {
                _ = try TraceExportSettings.read(from: environment)
            } catch {
                #expect(error.variable == variable, "\(environment)")
            }
        }
    }

    @Test("The log names the collector without the URL's password, path or query")
    func collectorForLog() throws {
        let s = try TraceExportSettings.read(from: [
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "https://user:hunter2@otel.example:4318/v1/traces?key=abc"
        ])
        #expect(s?.collectorForLog == "https://otel.example:4318")
    }
}
