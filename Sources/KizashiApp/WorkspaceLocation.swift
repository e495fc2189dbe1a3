import Foundation
import KizashiCore
import KizashiStore

/// Which workspace a command works on: `--db PATH|URL`, else `KIZASHI_DATABASE_URL`, else
/// `./kizashi.sqlite`; and, on PostgreSQL, the read replica its reports read from: `--read-db URL`,
/// else `KIZASHI_READ_DATABASE_URL`, else none (docs/scale.md, "Read replicas").
public enum WorkspaceLocation {
    /// The environment variable read when no `--db` is given.
    public static let environmentKey = "KIZASHI_DATABASE_URL"
    /// The environment variable read when no `--read-db` is given: a PostgreSQL URL of a streaming
    /// replica of the `--db` database. Empty means none.
    public static let readReplicaEnvironmentKey = "KIZASHI_READ_DATABASE_URL"
    public static let defaultPath = "kizashi.sqlite"

    public static func resolve(_ db: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        if let db, !db.isEmpty { return db }
        if let env = environment[environmentKey], !env.isEmpty { return env }
        return defaultPath
    }

    /// The read replica: `--read-db`, else `KIZASHI_READ_DATABASE_URL`, else nil.
    public static func resolveReadReplica(
        _ readDb: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        if let readDb, !readDb.isEmpty { return readDb }
        if let env = environment[readReplicaEnvironmentKey], !env.isEmpty { return env }
        return nil
    }

    /// Opens the store for a location: a `postgres://user:pass@host:5432/db[?sslmode=require]` URL,
    /// or a file path (`sqlite:PATH` / `file:PATH` accepted) for the embedded SQLite store. With
    /// `readReplica` (PostgreSQL only) the reports read from that replica, the writes go to
    /// `location`. `servingReaders`: the caller reads while it writes (the server); see
    /// `SQLiteWorkspaceStore.open`.
    public static func open(_ location: String, readReplica: String? = nil, servingReaders: Bool = false)
        async throws -> any WorkspaceStore
    {
        if PostgresLocation.isPostgresURL(location) {
            let replica = try readReplica.map { url -> PostgresLocation in
                guard PostgresLocation.isPostgresURL(url) else {
                    throw StoreError(
                        "--read-db (\(readReplicaEnvironmentKey)) must be a postgres:// URL of a replica of the --db database"
                    )
                }
                return try PostgresLocation(url: url)
            }
            return try await PostgresWorkspaceStore.open(try PostgresLocation(url: location), readReplica: replica)
        }
        if readReplica != nil {
            throw StoreError(
                "--read-db (\(readReplicaEnvironmentKey)) needs a PostgreSQL workspace (--db postgres://…): "
                    + "a SQLite workspace has no replicas")
        }
        var path = location
        for prefix in ["sqlite://", "sqlite:", "file://", "file:"] where path.hasPrefix(prefix) {
            path = String(path.dropFirst(prefix.count))
            break
        }
        return try await SQLiteWorkspaceStore.open(path: path, servingReaders: servingReaders)
    }
}
