import KizashiApp
import Logging
import ServiceLifecycle

/// Runs beside the HTTP server: applies the event inbox when no import runs — at start (a batch
/// may have waited through a restart), within a quarter second of each import's end, and every 2 s (a batch taken
/// by another server sharing the database).
struct EventInboxService: Service {
    let services: ServerServices
    let logger = Logger(label: "kizashi.events")

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if await services.imports.isRunning {
                try? await Task.sleep(for: .milliseconds(250))
                continue
            }
            do {
                let n = try await services.applyInbox()
                if n > 0 { logger.info("applied waiting event batches", metadata: ["batches": "\(n)"]) }
            } catch {
                logger.error("applying waiting event batches failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(2))
        }
    }
}
