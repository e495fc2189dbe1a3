import Foundation
import NIOSSL
import PostgresNIO

/// A `postgres://user:password@host:5432/database?sslmode=require` URL, as libpq reads it.
///
/// Why our own parser: the URL is what operators already write for `psql` and `pg_dump`, so the
/// same string must work here, including `sslmode` and percent-encoded passwords.
public struct PostgresLocation: Sendable, Equatable {
    public enum SSLMode: String, Sendable {
        /// No TLS.
        case disable
        /// TLS when the server offers it (libpq's default).
        case prefer
        /// TLS, without checking the certificate (libpq's meaning of `require`).
        case require
        /// TLS, certificate checked against the trusted roots; `verify-full` also checks the host name.
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    /// `application_name`, shown in `pg_stat_activity`.
    public var applicationName: String
    /// Largest number of pooled connections (`pool_max` in the URL's query; default 10).
    public var maximumConnections: Int

    public static func isPostgresURL(_ s: String) -> Bool {
        s.hasPrefix("postgres://") || s.hasPrefix("postgresql://")
    }

    public init(url string: String) throws {
        guard Self.isPostgresURL(string), let c = URLComponents(string: string) else {
            throw StoreError("not a PostgreSQL URL: expected postgres://user:password@host:5432/database")
        }
        guard let host = c.host, !host.isEmpty else {
            throw StoreError("the PostgreSQL URL has no host: expected postgres://user:password@host:5432/database")
        }
        self.host = host
        self.port = c.port ?? 5432
        self.username = c.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        self.password = c.password.flatMap { $0.removingPercentEncoding }
        let path = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        self.database = path.isEmpty ? username : (path.removingPercentEncoding ?? path)
        var mode = SSLMode.prefer
        var app = "kizashi"
        var poolMax = 10
        for item in c.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let v = item.value, let m = SSLMode(rawValue: v) else {
                    throw StoreError(
                        "sslmode=\(item.value ?? "") is not supported: use disable, prefer, require, verify-ca or verify-full"
                    )
                }
                mode = m
            case "application_name":
                app = item.value ?? app
            case "pool_max":
                guard let v = item.value.flatMap(Int.init), (1...200).contains(v) else {
                    throw StoreError("pool_max must be a number from 1 to 200")
                }
                poolMax = v
            default:
                throw StoreError(
                    "unknown PostgreSQL URL option \(item.name): Kizashi reads sslmode, application_name and pool_max")
            }
        }
        sslMode = mode
        applicationName = app
        maximumConnections = poolMax
    }

    /// The same location with another database (tests create one per run).
    public func with(database: String) -> PostgresLocation {
        var copy = self
        copy.database = database
        return copy
    }

    /// The URL again, password hidden: for logs and messages.
    public var redacted: String {
        "postgres://\(username)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
    }

    /// The URL again, password included (to hand a location to a child process).
    public var url: String {
        var c = URLComponents()
        c.scheme = "postgres"
        c.host = host
        c.port = port
        c.user = username
        c.password = password
        c.path = "/" + database
        c.queryItems = [URLQueryItem(name: "sslmode", value: sslMode.rawValue)]
        return c.string ?? redacted
    }

    /// The TLS settings of `sslmode` (nil: no TLS).
    private var tlsConfiguration: TLSConfiguration? {
        var t = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable: return nil
        case .prefer, .require: t.certificateVerification = .none
        case .verifyCA: t.certificateVerification = .noHostnameVerification
        case .verifyFull: break
        }
        return t
    }

    /// One connection with the pool's settings: `open` tries it first, so a refused connection, a
    /// bad password or a missing database is reported at once, in PostgreSQL's words.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var tls = PostgresConnection.Configuration.TLS.disable
        if let t = tlsConfiguration {
            let context = try NIOSSLContext(configuration: t)
            tls = sslMode == .prefer ? .prefer(context) : .require(context)
        }
        var config = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        config.options.connectTimeout = .seconds(10)
        config.options.additionalStartupParameters = [("application_name", applicationName)]
        return config
    }

    func clientConfiguration() -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch (sslMode, tlsConfiguration) {
            case (_, nil): .disable
            case (.prefer, let t?): .prefer(t)
            case (_, let t?): .require(t)
            }
        var config = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        config.options.maximumConnections = maximumConnections
        config.options.minimumConnections = 0
        config.options.connectTimeout = .seconds(10)
        config.options.additionalStartupParameters = [("application_name", applicationName)]
        return config
    }
}
