import KizashiCore
import Logging
import PostgresNIO

/// The change feed of a shared database: every write transaction sends `NOTIFY kizashi_changes`
/// at commit (`withTransaction`), and each server LISTENs for the other servers' commits.
extension PostgresWorkspaceStore {
    /// LISTEN on one pooled connection; after a lost connection, reconnects every second and yields
    /// −1 once it is back (notifications sent meanwhile are lost, so the reader must refresh).
    /// With a read replica, the feed follows the replica instead (`replicatedChanges`).
    public func workspaceChanges() -> AsyncStream<Int64> {
        if let replica { return replicatedChanges(of: replica) }
        let (stream, continuation) = AsyncStream<Int64>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let client = self.client
        let logger = self.logger
        let task = Task {
            var reconnecting = false
            while !Task.isCancelled {
                do {
                    // The pooled connection UNLISTENs when the closure ends (a lost feed too).
                    try await client.withConnection { conn in
                        try await conn.listen(on: Self.changeChannel) { notifications in
                            if reconnecting { continuation.yield(-1) }
                            reconnecting = false
                            for try await n in notifications {
                                let version = Int64(n.payload) ?? -1
                                // This store's own commit: the server updated its read model as it
                                // wrote (an event batch patches it). Heard as another server's, every
                                // batch dropped the read model and the alerts' seen contacts on
                                // PostgreSQL (a 1–2 s reload at large, under event load each time).
                                if version >= 0, self.cacheLock.withLock({ self.ownVersions.take(version) }) {
                                    continue
                                }
                                continuation.yield(version)
                            }
                        }
                    }
                } catch {
                    if Task.isCancelled { break }
                    logger.warning("lost the change feed; reconnecting", metadata: ["error": "\(Self.describe(error))"])
                }
                reconnecting = true
                try? await Task.sleep(for: .seconds(1))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
