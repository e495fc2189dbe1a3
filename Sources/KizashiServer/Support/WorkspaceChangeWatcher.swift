import KizashiStore
import Logging
import ServiceLifecycle

/// Follows the writes of other servers on a shared database (PostgreSQL's LISTEN/NOTIFY): each one
/// drops this server's cached read model and tells its open dashboards (`changedElsewhere`: not
/// warmed, unlike a local write).
struct WorkspaceChangeWatcher: Service {
    let source: any WorkspaceChangeNotifying
    let services: ServerServices

    func run() async throws {
        let changes = source.workspaceChanges()
        // On shutdown the loop is cancelled; the stream then ends, and with it the LISTEN task.
        await cancelWhenGracefulShutdown {
            for await _ in changes { await services.changedElsewhere() }
        }
    }
}
