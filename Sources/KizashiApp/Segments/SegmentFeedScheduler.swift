import KizashiCore
import Logging
import ServiceLifecycle

/// Runs beside `kizashi serve`: once a day (the workspace's local day), refreshes every segment
/// that feeds the target list, so accounts enter and leave the list as the rule changes without
/// anyone running `segment refresh`. A refresh of a day already refreshed changes nothing, so
/// several servers on one database may both run it.
public struct SegmentFeedScheduler: Service {
    public let segments: SegmentService
    /// Told after a refresh changed the target list (the server reloads its read model).
    public let changed: @Sendable () async -> Void
    /// How often the day is looked at: a feed runs at most this long after local midnight.
    public var interval: Duration = .seconds(300)
    var logger = Logger(label: "kizashi.segments")

    public init(segments: SegmentService, changed: @escaping @Sendable () async -> Void) {
        self.segments = segments
        self.changed = changed
    }

    /// Refreshes the feeding segments not yet refreshed on the workspace's today; what each did.
    public func refreshDue() async throws -> [SegmentRefresh] {
        let (p, _) = try await segments.data.parametersAndGoals()
        let today = p.timeZone.day(of: segments.now())
        var done: [SegmentRefresh] = []
        for s in try await segments.list() where s.feed != nil && (s.refreshedOn.map { $0 < today } ?? true) {
            do {
                let r = try await segments.refresh(name: s.name, on: today)
                done.append(r)
                logger.info(
                    "segment feed refreshed",
                    metadata: [
                        "segment": "\(s.name)", "added": "\(r.addedToTargets.count)",
                        "removed": "\(r.removedFromTargets.count)", "held_out": "\(r.heldOut.count)",
                    ])
            } catch {
                // One segment's failure (a rule a newer build wrote, a deleted segment) never stops the others.
                logger.error("segment feed failed", metadata: ["segment": "\(s.name)", "error": "\(error)"])
            }
        }
        if done.contains(where: { !$0.addedToTargets.isEmpty || !$0.removedFromTargets.isEmpty }) { await changed() }
        return done
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do { _ = try await refreshDue() } catch {
                logger.error("the segment feeds could not be read", metadata: ["error": "\(error)"])
            }
            await ScheduledPause.wait(interval)
        }
    }
}
