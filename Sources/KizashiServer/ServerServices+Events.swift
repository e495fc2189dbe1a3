import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Logging

extension ServerServices {
    /// Takes one event batch. While an import runs in this server its transaction holds the
    /// writer, so the valid events go to the event inbox (durable at once) and are applied when
    /// the import has ended (`applyInbox`), in arrival order: until the inbox is applied, new
    /// batches join it. Otherwise they are applied now.
    public func ingestEvents(_ items: [Any]) async throws -> EventIngestSummary {
        let received = now()
        if await imports.holdsEvents {
            let (valid, rejected) = try await EventIngestor(store: store).validate(items, receivedAt: received)
            if !valid.isEmpty { try await store.appendToInbox(events: valid, receivedAt: received) }
            var summary = EventIngestSummary()
            summary.accepted = valid.count
            summary.queued = valid.count
            summary.rejected = rejected
            WorkspaceMetrics.events(accepted: summary.accepted, rejected: rejected.count, queued: summary.queued)
            return summary
        }
        let summary = try await applyEvents(items, receivedAt: received)
        WorkspaceMetrics.events(accepted: summary.accepted, rejected: summary.rejected.count, queued: 0)
        return summary
    }

    /// Applies a batch: the read model gets its activities added instead of being reloaded
    /// (`DashboardData.eventsCommitted`), open pages are told, and the alert rules see the batch.
    func applyEvents(_ items: [Any], receivedAt: Instant) async throws -> EventIngestSummary {
        await data.beginEventWrite()
        let summary: EventIngestSummary
        do {
            summary = try await EventIngestor(store: store).ingest(items, receivedAt: receivedAt)
        } catch {
            await data.eventsCommitted(activities: [])
            throw error
        }
        await data.eventsCommitted(activities: summary.newActivities)
        if summary.accepted > 0 {
            // New activities can be touches: attribution is recomputed on its next request.
            await attribution.invalidate()
            await changes.publish()
            await alerts.submit(summary)
        }
        return summary
    }

    /// Applies the batches waiting in the event inbox, oldest first, until it is empty or an
    /// import starts; returns how many batches were applied. A batch is removed after it is
    /// applied: a crash in between applies it again, which changes nothing (events are
    /// idempotent by messageId).
    /// New batches join the inbox while it is applied (`ImportActivity.holdsEvents`); one that
    /// joins after its last read is applied on the next call (`EventInboxService`, every 2 s).
    @discardableResult
    public func applyInbox() async throws -> Int {
        let first = try await store.inboxBatches(limit: 16)
        guard !first.isEmpty else {
            await imports.inboxApplied()
            return 0
        }
        return try await imports.whileApplyingInbox {
            var (applied, batches) = (0, first)
            while !batches.isEmpty, !(await imports.isRunning) {
                for batch in batches {
                    let items = batch.events.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) }
                    if items.count < batch.events.count {
                        // Written by this server from parsed JSON: only a damaged inbox gets here.
                        Logger(label: "kizashi.events").error(
                            "event inbox: unreadable events left out",
                            metadata: ["batch": "\(batch.id)", "unreadable": "\(batch.events.count - items.count)"])
                    }
                    _ = try await applyEvents(items, receivedAt: batch.receivedAt)
                    try await store.removeFromInbox(ids: [batch.id])
                    applied += 1
                }
                batches = try await store.inboxBatches(limit: 16)
            }
            // Still held (`applyingInbox`) until this returns: no batch overtakes those read.
            if batches.isEmpty { await imports.inboxApplied() }
            return applied
        }
    }
}
