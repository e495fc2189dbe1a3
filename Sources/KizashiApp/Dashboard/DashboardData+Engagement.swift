import KizashiCore
import KizashiStore

extension DashboardData {
    /// Each account's engaged contacts in `days` and its latest activity: read whole once, then
    /// kept across event batches and imports that only add activities, and patched with their
    /// rows in memory (`AccountEngagement.add`: a contact joins its account's set, the latest
    /// moves forward), so the first `/accounts` or `/now` after a change neither scans every
    /// activity again nor counts the touched accounts' windows (issue 23: the first page after a
    /// change ≤ 200 ms). Only the rows' accounts are read (`activityAccounts`). Exact because
    /// such changes only add rows or rows equal to stored ones; applying a batch twice (one
    /// committed while a read ran) changes nothing. Each patch waits for the load or patch before
    /// it. Only target accounts are patched: the account list shows no others (a targets change
    /// is not an activities-only change, so it reads whole).
    func accountEngagement(engagedDays days: ClosedRange<Day>, timeZone: WorkspaceTimeZone) async throws
        -> [String: AccountEngagement]
    {
        let store = self.store
        let task: Task<[String: AccountEngagement], any Error>
        if let load = engagementLoad, load.days == days {
            guard !engagementEvents.isEmpty else { return try await settled(load.task) }
            let batch = engagementEvents
            let previous = load.task
            task = Task {
                async let accounts = store.activityAccounts(of: batch, targetsOnly: true)
                var value = try await previous.value
                AccountEngagement.add(batch, under: try await accounts, window: days, timeZone: timeZone, to: &value)
                return value
            }
        } else {
            task = Task { try await store.accountEngagement(engagedDays: days) }
        }
        engagementEvents = []
        engagementLoad = (days, task)
        return try await settled(task)
    }

    /// The task's engagement; a failed load or patch is forgotten, so the next use reads whole.
    private func settled(_ task: Task<[String: AccountEngagement], any Error>) async throws
        -> [String: AccountEngagement]
    {
        do { return try await task.value } catch {
            if engagementLoad?.task == task {
                engagementLoad = nil
                engagementEvents = []
            }
            throw error
        }
    }

    /// A change's added activities, for the next use of the kept engagement; beyond
    /// `maxPendingActivities` it is read whole instead.
    func keepForEngagement(_ activities: [Activity]) {
        guard engagementLoad != nil, !activities.isEmpty else { return }
        if engagementEvents.count + activities.count > Self.maxPendingActivities {
            engagementLoad = nil
            engagementEvents = []
        } else {
            engagementEvents += activities
        }
    }
}
