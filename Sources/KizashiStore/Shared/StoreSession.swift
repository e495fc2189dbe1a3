import KizashiCore
import Logging

/// A connection inside one transaction, as the shared store code sees it: run a statement, read
/// its rows. Each backend's write transaction is one (`SQLiteTransaction`, `PostgresTransaction`),
/// and so is the short transaction of an access or alert write (`SQLWorkspaceBackend.atomically`).
protocol StoreSession: Sendable {
    var dialect: SQLDialect { get }
    func rows(_ sql: StoredSQL) async throws -> [StoredRecord]
    func run(_ sql: StoredSQL) async throws
}

extension StoreSession {
    /// Runs `make(chunk)` for each slice of `values` short enough for one statement's `IN (…)` list.
    func forEachChunk<T>(of values: [T], _ make: (ArraySlice<T>) -> StoredSQL, _ body: (StoredRecord) throws -> Void)
        async throws
    {
        for chunk in values.chunked(Self.inListLimit) {
            for r in try await rows(make(chunk)) { try body(r) }
        }
    }

    /// Values per `IN (…)` list: under SQLite's historical limit of 999 parameters.
    static var inListLimit: Int { 900 }
}

extension StoreSession {
    /// The workspace's time zone: the `time_zone` setting, Asia/Tokyo when none is set (the
    /// documented default). A stored zone this build does not know is logged, and Tokyo used, so
    /// the import goes on; `kizashi settings` shows and fixes it.
    func storedTimeZone(logger: Logger) async throws -> WorkspaceTimeZone {
        let id = try await rows("SELECT value FROM settings WHERE key = 'time_zone'").first?.text("value")
        switch WorkspaceTimeZone.fromSetting(id) {
        case .success(let tz): return tz
        case .failure(let unknown):
            logger.warning(
                "the stored time zone is unknown; activities are counted in Asia/Tokyo",
                metadata: ["time_zone": "\(unknown.identifier)"])
            return unknown.fallback
        }
    }
}
