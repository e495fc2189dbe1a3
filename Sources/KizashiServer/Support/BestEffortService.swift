import Logging
import ServiceLifecycle

/// A service the server can do without (the trace exporter): its failure is logged as a warning
/// and the server goes on. Run under `ServiceGroup` with `.ignore` termination behaviours (see
/// `KizashiServerApp.run`), so neither its end nor its failure stops the HTTP server.
struct BestEffortService: Service {
    let name: String
    let wrapped: any Service
    let logger: Logger

    func run() async throws {
        do {
            try await wrapped.run()
        } catch is CancellationError {
            return
        } catch {
            logger.warning("\(name) stopped; the server goes on without it", metadata: ["error": "\(error)"])
        }
    }
}
