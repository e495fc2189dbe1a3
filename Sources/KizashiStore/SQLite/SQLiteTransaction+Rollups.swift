import Dispatch
import KizashiCore

/// The end of a transaction: its roll-up changes applied (or every roll-up rebuilt) and its
/// locators written.
extension SQLiteTransaction {
    /// Recomputes each activity's local day (the time zone may have changed) and every roll-up.
    func rebuildActivityRollups() async throws {
        let tz = try await workspaceTimeZone()
        // `day` recomputed in Swift, page by page, so any IANA zone (with DST) is exact.
        var after = ""
        while true {
            let rows = try db.query(
                "SELECT activity_id, occurred_at, day FROM activities WHERE activity_id > ? ORDER BY activity_id LIMIT 5000",
                [.text(after)])
            guard let last = rows.last?.text("activity_id") else { break }
            for r in rows {
                guard let id = r.text("activity_id"), let at = r.instant("occurred_at") else {
                    throw StoreError("a stored activity is unreadable")
                }
                let day = Int(tz.day(of: at).daysSinceEpoch)
                if r.int("day") != day {
                    try db.execute("UPDATE activities SET day = ? WHERE activity_id = ?", [.integer(day), .text(id)])
                }
            }
            after = last
        }
        try await rebuildRollupsFromActivities(logger: logger)
        rollups.rebuilt()
    }

    /// Applies the roll-up changes of this transaction and writes its locators; called once,
    /// just before COMMIT.
    func finish() async throws {
        if rollups.needsRebuild {
            try writeLocators()
            try await rebuildActivityRollups()
            return
        }
        let stored = try await storedRollups(days: rollups.deltas.sortedDays)
        // The locators are written (SQLite, this actor) while the roll-ups are merged (pure, on
        // another thread): after a first load these two were the import's last steps, one after
        // the other, with one core idle for most of them (perf).
        let pending = rollups.deltas
        let tail = MergedRollups()
        let merging = DispatchGroup()
        DispatchQueue.global().async(group: merging) { tail.merged = pending.merged(with: stored) }
        let locatorFailure: (any Error)?
        do {
            try writeLocators()
            locatorFailure = nil
        } catch {
            locatorFailure = error
        }
        merging.wait()
        if let locatorFailure { throw locatorFailure }
        switch tail.merged {
        case .success(let merged):
            try await writeRollups(merged)
            rollups.deltas.removeAll()
        case .failure(let problem):
            logger.error(
                "activity roll-ups are inconsistent; rebuilding them from the activities",
                metadata: ["problem": "\(problem)"])
            try await rebuildActivityRollups()
        case nil:
            throw StoreError("the activity roll-ups were not merged")
        }
    }

    /// The roll-ups `finish` merges on another thread: written there once, read after the
    /// group's wait.
    final class MergedRollups: @unchecked Sendable {
        var merged: Result<[(day: Int32, encoded: [UInt8])], ActivityRollupInconsistency>?
    }
}
