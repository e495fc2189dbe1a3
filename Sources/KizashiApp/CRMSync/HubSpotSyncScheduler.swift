import Foundation
import KizashiCore
import KizashiStore
import Logging
import ServiceLifecycle

/// Runs beside `kizashi serve`: twice a minute, looks at `crm.hubspot.schedule` and runs the
/// HubSpot write-back for the slot that is due. Every server sharing the workspace runs one; the
/// slot claim (the review's `digest_slots` claims, under the key `hubspot:<slot>`) makes exactly
/// one of them run it. A slot whose server died mid-run is taken over once its claim is stale;
/// running it again is harmless, since only values HubSpot has not accepted are sent.
public struct HubSpotSyncScheduler: Service {
    public let service: HubSpotSyncService
    /// This server's name in slot claims.
    public var server: String
    public var interval: Duration = .seconds(30)
    public var logger = Logger(label: "kizashi.crm-sync")
    public static let slotPrefix = "hubspot:"
    /// Longer than a run takes (a few thousand records, 100 a request), so only a dead server's
    /// slot is taken over.
    public static let claimLeaseMilliseconds: Int64 = 30 * 60_000

    public init(service: HubSpotSyncService, server: String = "server-" + UUID().uuidString.prefix(8).lowercased()) {
        self.service = service
        self.server = server
    }

    /// Runs the slot that is due now, if the schedule has one and this server wins its claim.
    /// A run that cannot start for its configuration (no token, no key) is logged and the slot
    /// finished: trying again before someone fixes it would change nothing.
    public func syncDue() async throws -> HubSpotSyncReport? {
        let store = service.store
        let settings = try await store.settings()
        let plan = CRMSyncSettings(settings: settings)
        guard let schedule = plan.schedule else { return nil }
        let zone = try WorkspaceSettings.parameters(from: settings).timeZone
        let t = service.now()
        let stale = Instant(millisecondsSinceEpoch: t.millisecondsSinceEpoch - Self.claimLeaseMilliseconds)
        guard let slot = schedule.dueSlot(at: t, in: zone) else { return nil }
        let key = Self.slotPrefix + slot.key
        guard try await store.claimDigestSlot(key, by: server, at: t, staleBefore: stale) else { return nil }
        logger.info("running the scheduled HubSpot write-back", metadata: ["slot": "\(key)", "server": "\(server)"])
        do {
            let report = try await service.run(
                .init(asOf: slot.day, dryRun: false, contacts: plan.contacts, language: plan.language))
            try await store.finishDigestSlot(key, at: service.now())
            return report
        } catch let e as CRMSyncProblem {
            logger.error("the scheduled HubSpot write-back cannot run", metadata: ["reason": "\(e.description)"])
            try await store.finishDigestSlot(key, at: service.now())
            return nil
        } catch let e as CRMSecretProblem {
            logger.error("the scheduled HubSpot write-back cannot run", metadata: ["reason": "\(e.description)"])
            try await store.finishDigestSlot(key, at: service.now())
            return nil
        }
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if let r = try await syncDue() {
                    logger.info(
                        "scheduled HubSpot write-back done",
                        metadata: [
                            "status": "\(r.run.status.rawValue)", "sent": "\(r.run.recordsSent)",
                            "refused": "\(r.run.recordsFailed)",
                        ])
                }
            } catch {
                logger.error("the scheduled HubSpot write-back failed", metadata: ["error": "\(error)"])
            }
            var waited = Duration.zero
            while waited < interval && !Task.isShuttingDownGracefully && !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                waited += .milliseconds(250)
            }
        }
    }
}
