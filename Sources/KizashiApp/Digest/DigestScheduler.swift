import KizashiCore
import Logging
import ServiceLifecycle

/// Runs beside `kizashi serve`: looks at the schedule twice a minute and sends the slot that is
/// due (`DigestDelivery.sendDue`). Every server sharing the workspace runs one; the store's slot
/// claim makes exactly one of them send.
public struct DigestScheduler: Service {
    public let delivery: DigestDelivery
    /// How often the schedule is looked at: a slot is sent at most this long after its time.
    public var interval: Duration = .seconds(30)

    public init(delivery: DigestDelivery) {
        self.delivery = delivery
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if let records = try await delivery.sendDue() {
                    delivery.logger.info(
                        "scheduled review sent",
                        metadata: [
                            "sent": "\(records.filter { $0.status == .sent }.count)",
                            "failed": "\(records.filter { $0.status == .failed }.count)",
                        ])
                }
            } catch {
                delivery.logger.error("the scheduled review failed", metadata: ["error": "\(error)"])
            }
            await ScheduledPause.wait(interval)
        }
    }
}
