// swift-tools-version:6.1
import PackageDescription

// Kizashi — an open, self-hostable Account-Based Marketing platform.
//
// Targets, from the inside out (data flows one way: sources → import → store → core → outputs):
// - KizashiCore: the domain and every computation (KPIs, scores, parsing of the canonical
//   package, name normalisation, the demo generator). Pure Swift + Foundation's value types;
//   no file or network I/O, no database.
// - KizashiStore: persistence behind `WorkspaceStore`: SQLite (embedded default) and PostgreSQL.
// - KizashiApp: the use cases the CLI and the server share (import a folder, export, run
//   the KPI report, load demo data). Reads and writes files; talks to a store.
// - KizashiArchive: the containers outside files come in — zip packages and .xlsx workbooks —
//   read within limits (no zip bomb, no zip-slip); depends on Core and the system zlib only, so
//   the fuzz targets (Fuzz/) build without the store or the server.
// - KizashiServer: `kizashi serve` — the dashboard and the REST API (Hummingbird), a thin shell
//   over KizashiApp/KizashiCore like the CLI.
// - kizashi: the command-line shell.
// - L10nTables (Plugins/): a build plugin making KizashiCore's localisation tables, I18n/Strings/*.json,
//   Swift at build time.
let package = Package(
    name: "Kizashi",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kizashi", targets: ["kizashi"]),
        .library(name: "KizashiCore", targets: ["KizashiCore"]),
        // For the fuzz targets (Fuzz/Package.swift), which depend on this package by path.
        .library(name: "KizashiArchive", targets: ["KizashiArchive"]),
        .library(name: "KizashiFuzzTargets", targets: ["KizashiFuzzTargets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // /metrics: swift-metrics in the code, the Prometheus text format from swift-prometheus.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Webhook delivery: URLSession on Linux sent about 350 POSTs/s to a loopback receiver that
        // takes over 2,000/s (BENCHMARKS.md, event → webhook).
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // Mapping files (`kizashi import --mapping`, the import page): nested YAML (columns, value
        // maps, constants, files), read by App's MappingFileReader within its limits.
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        // Optional traces (`kizashi serve` with OTEL_EXPORTER_OTLP_ENDPOINT set): only the OTLP/HTTP
        // exporter — the gRPC trait would build grpc-swift too. Only the `kizashi` executable links it.
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
        // InstrumentationSystem, where `kizashi serve` installs swift-otel's tracer (Hummingbird already builds it).
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
    ],
    targets: [
        // The localisation tables are data, I18n/Strings/<table>.json, made Swift at build time by
        // the L10nTables plugin (no file read at run time; Core stays free of I/O).
        .plugin(name: "L10nTables", capability: .buildTool()),
        .target(name: "KizashiCore", exclude: ["I18n/Strings"], plugins: ["L10nTables"]),
        .systemLibrary(name: "KizashiZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "KizashiArchive", dependencies: ["KizashiCore", "KizashiZlib"]),
        // The parsers that read outside bytes, one function each: the fuzz targets (Fuzz/) and
        // the corpus replay test (KizashiArchiveTests) call the same entry points.
        .target(name: "KizashiFuzzTargets", dependencies: ["KizashiCore", "KizashiArchive"]),
        .target(
            name: "KizashiStore",
            dependencies: [
                "KizashiCore",
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "KizashiApp",
            dependencies: [
                "KizashiCore", "KizashiStore", "KizashiArchive", .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // AccessService: bcrypt for passwords, SHA-256 and the CSPRNG for session and API tokens.
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // The review's e-mail (SMTPMailSender): a connection and STARTTLS.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                // The alert service runs beside the HTTP server under ServiceLifecycle.
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                // WorkspaceSpan: child spans of a request's (no-op unless `kizashi serve` traces).
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Yams", package: "Yams"),
                // The meeting workbook (.xlsx) is a zip of its parts.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "KizashiServer",
            dependencies: [
                "KizashiCore", "KizashiStore", "KizashiApp", "KizashiArchive",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "kizashi",
            dependencies: [
                "KizashiCore", "KizashiStore", "KizashiApp", "KizashiServer", "KizashiArchive",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "Instrumentation", package: "swift-distributed-tracing"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "KizashiCoreTests", dependencies: ["KizashiCore"], resources: [.copy("Fixtures")]),
        // Writes hostile zips byte by byte for the archive and the upload tests.
        .target(name: "KizashiTestZips", dependencies: ["KizashiZlib"], path: "Tests/Support/KizashiTestZips"),
        .testTarget(
            name: "KizashiArchiveTests",
            dependencies: [
                "KizashiArchive", "KizashiCore", "KizashiZlib", "KizashiFuzzTargets", "KizashiTestZips",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "KizashiStoreTests",
            dependencies: [
                "KizashiStore", "KizashiCore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "KizashiServerTests",
            dependencies: [
                "KizashiServer", "KizashiApp", "KizashiStore", "KizashiCore", "kizashi", "KizashiTestZips",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "KizashiAppTests",
            // Depends on the executable so `swift test` builds it: the CLI and crash-safety tests run it.
            dependencies: [
                "KizashiApp", "KizashiStore", "KizashiCore", "kizashi",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                // FakeSMTPRelay: a loopback SMTP relay with STARTTLS for the review's e-mail.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                // FakeOTLPCollector: a loopback OTLP/HTTP receiver for the trace export tests.
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
