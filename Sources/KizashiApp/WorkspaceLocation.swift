import Foundation
import KizashiCore
import KizashiStore

/// Which workspace a command works on: `--db PATH|URL`, else `KIZASHI_DATABASE_URL`, else
/// `./kizashi.sqlite`.
public enum WorkspaceLocation {
    /// The environment variable read when no `--db` is given.
    public static let environmentKey = "KIZASHI_DATABASE_URL"
    public static let defaultPath = "kizashi.sqlite"

    public static func resolve(_ db: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        if let db, !db.isEmpty { return db }
        if let env = environment[environmentKey], !env.isEmpty { return env }
        return defaultPath
    }

    /// Opens the store for a location: a `postgres://user:pass@host:5432/db[?sslmode=require]` URL,
    /// or a file path (`sqlite:PATH` / `file:PATH` accepted) for the embedded SQLite store.
    public static func open(_ location: String) async throws -> any WorkspaceStore {
        if PostgresLocation.isPostgresURL(location) {
            return try await PostgresWorkspaceStore.open(try PostgresLocation(url: location))
        }
        var path = location
        for prefix in ["sqlite://", "sqlite:", "file://", "file:"] where path.hasPrefix(prefix) {
            path = String(path.dropFirst(prefix.count))
            break
        }
        return try await SQLiteWorkspaceStore.open(path: path)
    }
}
