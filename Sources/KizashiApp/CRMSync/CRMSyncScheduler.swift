import Foundation
import KizashiCore
import KizashiStore
import Logging
import ServiceLifecycle

/// A CRM write-back the scheduler can run: `HubSpotSyncService`, `SalesforceSyncService`.
public protocol CRMWriteBack: Sendable {
    /// `hubspot`, `salesforce`: the provider of its settings (`crm.<provider>.*`) and log.
    var provider: String { get }
    var store: any WorkspaceStore { get }
    var now: @Sendable () -> Instant { get }
    func run(_ options: HubSpotSyncService.Options) async throws -> CRMSyncReport
}

extension HubSpotSyncService: CRMWriteBack {
    public var provider: String { HubSpotCredentials.provider }
}

extension SalesforceSyncService: CRMWriteBack {
    public var provider: String { SalesforceCredentials.provider }
}

public typealias HubSpotSyncScheduler = CRMSyncScheduler

/// Runs beside `kizashi serve`: twice a minute, looks at `crm.<provider>.schedule` and runs the
/// write-back for the slot that is due. Every server sharing the workspace runs one per provider;
/// the slot claim (the review's `digest_slots` claims, under the key `<provider>:<slot>`) makes
/// exactly one of them run it. A slot whose server died mid-run is taken over once its claim is
/// stale; running it again is harmless, since only values the CRM has not accepted are sent.
public struct CRMSyncScheduler: Service {
    public let service: any CRMWriteBack
    /// This server's name in slot claims.
    public var server: String
    public var interval: Duration = .seconds(30)
    public var logger = Logger(label: "kizashi.crm-sync")
    /// `hubspot:` and `salesforce:`: each provider's slots are claimed apart.
    public var slotPrefix: String { service.provider + ":" }
    /// Longer than a run takes (a few thousand records, 100 a request), so only a dead server's
    /// slot is taken over.
    public static let claimLeaseMilliseconds: Int64 = 30 * 60_000

    /// Shared with the server's Settings and API runs, so the schedule waits for theirs.
    public var gate: CRMSyncGate

    public init(
        service: any CRMWriteBack, gate: CRMSyncGate = .shared,
        server: String = "server-" + UUID().uuidString.prefix(8).lowercased()
    ) {
        self.service = service
        self.gate = gate
        self.server = server
    }

    /// Runs the slot that is due now, if the schedule has one and this server wins its claim.
    /// A run that cannot start for its configuration (no token, no key) is logged and the slot
    /// finished: trying again before someone fixes it would change nothing.
    public func syncDue() async throws -> CRMSyncReport? {
        let store = service.store
        let settings = try await store.settings()
        let plan = CRMSyncSettings(settings: settings, provider: service.provider)
        guard let schedule = plan.schedule else { return nil }
        let zone = try WorkspaceSettings.parameters(from: settings).timeZone
        let t = service.now()
        let stale = Instant(millisecondsSinceEpoch: t.millisecondsSinceEpoch - Self.claimLeaseMilliseconds)
        guard let slot = schedule.dueSlot(at: t, in: zone) else { return nil }
        let key = slotPrefix + slot.key
        guard try await store.claimDigestSlot(key, by: server, at: t, staleBefore: stale) else { return nil }
        logger.info(
            "running the scheduled CRM write-back",
            metadata: ["provider": "\(service.provider)", "slot": "\(key)", "server": "\(server)"])
        do {
            // Queued behind a run started from Settings or the API meanwhile: the slot still runs.
            let report = try await service.exclusiveRun(
                .init(asOf: slot.day, dryRun: false, contacts: plan.contacts, language: plan.language),
                by: "the schedule (\(server))", wait: true, gate: gate)
            try await store.finishDigestSlot(key, at: service.now())
            return report
        } catch  where error is CRMSyncProblem || error is CRMSecretProblem {
            // The write-back refused to run (its settings or its secret): the slot is done, the next one tries again.
            logger.error(
                "the scheduled CRM write-back cannot run",
                metadata: ["provider": "\(service.provider)", "reason": "\(error)"])
            try await store.finishDigestSlot(key, at: service.now())
            return nil
        }
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if let r = try await syncDue() {
                    logger.info(
                        "scheduled CRM write-back done",
                        metadata: [
                            "provider": "\(service.provider)", "status": "\(r.run.status.rawValue)",
                            "sent": "\(r.run.recordsSent)",
                            "refused": "\(r.run.recordsFailed)",
                        ])
                }
            } catch {
                logger.error(
                    "the scheduled CRM write-back failed",
                    metadata: ["provider": "\(service.provider)", "error": "\(error)"])
            }
            await ScheduledPause.wait(interval)
        }
    }
}
