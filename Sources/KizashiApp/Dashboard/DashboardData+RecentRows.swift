import KizashiCore
import KizashiStore

/// The approach ranking's raw rows: the target accounts' activities of the last days, with
/// their contacts (`AccountReading.recentActivityRows`).
///
/// Read whole once, then kept across event batches: only a batch's own rows are read
/// (`recentActivityRows(since:ids:)`) and added in their accounts' order, so the first `/now`
/// after a batch does not read every target's week again (issue 23: 95–185 ms of its 238 ms p95
/// on PostgreSQL at medium). Exact because events only add activities. The ranking groups the
/// rows by account and keeps their order within one (`ApproachNowList.ranking`), so where an
/// account's rows stand in the array does not matter.
struct RecentRows {
    let since: Day
    var task: Task<RecentActivityRows, any Error>
    /// IDs of activities written since `task` began, to add on the next use.
    var added: [String] = []

    /// Activities to add beyond this, and the next use reads every row instead.
    static let maxAddedActivities = 50_000
}

extension DashboardData {
    /// The target accounts' rows from `since` on: kept, or with a batch's rows added, or read whole.
    func recentActivities(since: Day) async throws -> [RecentAccountActivity] {
        let store = self.store
        if var kept = recentRows, kept.since == since {
            if !kept.added.isEmpty {
                let (base, ids) = (kept.task, kept.added)
                kept.added = []
                kept.task = Task {
                    let rows = try await base.value
                    return rows.adding(try await store.recentActivityRows(since: since, ids: ids))
                }
                recentRows = kept
            }
            return try await settled(kept.task).rows
        }
        let task = Task { try await store.recentActivityRows(since: since, ids: nil) }
        recentRows = RecentRows(since: since, task: task)
        return try await settled(task).rows
    }

    /// The task's rows; a failed read or patch is forgotten, so the next use reads whole.
    private func settled(_ task: Task<RecentActivityRows, any Error>) async throws -> RecentActivityRows {
        do { return try await task.value } catch {
            if recentRows?.task == task { recentRows = nil }
            throw error
        }
    }

    /// An event batch's activities were written: their rows are added on the next use (a row
    /// read again by a load that saw the batch is not added twice). Beyond
    /// `maxAddedActivities`, the next use reads whole.
    func recentRowsAdded(_ activities: [Activity]) {
        guard var kept = recentRows, !activities.isEmpty else { return }
        guard kept.added.count + activities.count <= RecentRows.maxAddedActivities else {
            recentRows = nil
            return
        }
        kept.added += activities.map(\.id)
        recentRows = kept
    }
}
