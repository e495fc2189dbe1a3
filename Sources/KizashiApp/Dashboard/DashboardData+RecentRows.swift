import KizashiCore
import KizashiStore

/// The approach ranking's raw rows: the target accounts' activities of the last days, with
/// their contacts (`AccountReading.recentActivities(since:)`).
///
/// Read whole once, then kept across event batches: a batch's accounts are read again
/// (`recentActivities(since:of:)`) and their rows replaced, so the first `/now` after a batch
/// does not read every target's week again (issue 23: 95–185 ms of its 238 ms p95 on
/// PostgreSQL at medium). Exact because events only add activities, each counted under the
/// company it names: an account's rows read after the batch are all its rows, in the store's
/// order. The ranking groups the rows by account and keeps their order within one
/// (`ApproachNowList.ranking`), so where an account's rows stand in the array does not matter.
struct RecentRows {
    let since: Day
    var task: Task<[RecentAccountActivity], any Error>
    /// Accounts with activities written since `task` began, to read again on the next use.
    var stale: Set<String> = []

    /// Accounts to read again beyond this, and the next use reads every row instead.
    static let maxStaleAccounts = 2_000
}

extension DashboardData {
    /// The target accounts' rows from `since` on: kept, or patched, or read whole.
    func recentActivities(since: Day) async throws -> [RecentAccountActivity] {
        let store = self.store
        if var kept = recentRows, kept.since == since {
            if !kept.stale.isEmpty {
                let (base, accounts) = (kept.task, kept.stale.sorted())
                kept.stale = []
                kept.task = Task {
                    let rows = try await base.value
                    let fresh = try await store.recentActivities(since: since, of: accounts)
                    let replaced = Set(accounts)
                    return rows.filter { !replaced.contains($0.companyId) } + fresh
                }
                recentRows = kept
            }
            return try await settled(kept.task)
        }
        let task = Task { try await store.recentActivities(since: since) }
        recentRows = RecentRows(since: since, task: task)
        return try await settled(task)
    }

    /// The task's rows; a failed read or patch is forgotten, so the next use reads whole.
    private func settled(_ task: Task<[RecentAccountActivity], any Error>) async throws -> [RecentAccountActivity] {
        do { return try await task.value } catch {
            if recentRows?.task == task { recentRows = nil }
            throw error
        }
    }

    /// Activities were written (an event batch, or an import that only added rows): their
    /// accounts are read again on the next use. Rows without a company (an import's contact-only
    /// rows, counted under the contact's company) or too many accounts: read whole instead.
    func recentRowsAdded(_ activities: [Activity]) {
        guard var kept = recentRows, !activities.isEmpty else { return }
        for a in activities {
            guard let company = a.companyId, kept.stale.count < RecentRows.maxStaleAccounts else {
                recentRows = nil
                return
            }
            kept.stale.insert(company)
        }
        recentRows = kept
    }
}
