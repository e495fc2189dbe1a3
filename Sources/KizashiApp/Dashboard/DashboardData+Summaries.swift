import KizashiCore
import KizashiStore

extension DashboardData {
    /// The account summaries (latest activity, engaged contacts) of `days`: read whole once, then
    /// kept across event batches and patched with them (`summaryPatch`: the touched accounts'
    /// contacts counted again, their latest activity moved to the batch's), so the first
    /// `/accounts` or `/now` after a batch does not scan every activity again (issue 23: the
    /// first page after a change ≤ 200 ms). Events only add activities, so the patch is exact;
    /// applying a batch twice (one committed while a read ran) changes nothing. Each patch
    /// waits for the load or patch before it. Only target accounts are patched: the account list
    /// shows no others (a targets change is not an activities-only change, so it reads whole),
    /// and a one-day import touched 3,297 accounts at medium, each counted over its window.
    func accountSummaries(engagedDays days: ClosedRange<Day>) async throws -> [String: AccountActivitySummary] {
        let store = self.store
        let task: Task<[String: AccountActivitySummary], any Error>
        if let load = summaryLoad, load.days == days {
            guard !summaryEvents.isEmpty else { return try await settled(load.task) }
            let batch = summaryEvents
            let previous = load.task
            task = Task {
                var value = try await previous.value
                for (id, patch) in try await store.summaryPatch(for: batch, engagedDays: days, targetsOnly: true) {
                    let latest = [value[id]?.lastActivity, patch.lastActivity].compactMap { $0 }.max()
                    value[id] = AccountActivitySummary(engagedContacts: patch.engagedContacts, lastActivity: latest)
                }
                return value
            }
        } else {
            task = Task { try await store.accountActivitySummaries(engagedDays: days) }
        }
        summaryEvents = []
        summaryLoad = (days, task)
        return try await settled(task)
    }

    /// The task's summaries; a failed load or patch is forgotten, so the next use reads whole.
    private func settled(_ task: Task<[String: AccountActivitySummary], any Error>) async throws
        -> [String: AccountActivitySummary]
    {
        do { return try await task.value } catch {
            if summaryLoad?.task == task {
                summaryLoad = nil
                summaryEvents = []
            }
            throw error
        }
    }

    /// An event batch's activities, for the next use of the kept summaries; beyond
    /// `maxPendingActivities` the summaries are read whole instead.
    func keepForSummaries(_ activities: [Activity]) {
        guard summaryLoad != nil, !activities.isEmpty else { return }
        if summaryEvents.count + activities.count > Self.maxPendingActivities {
            summaryLoad = nil
            summaryEvents = []
        } else {
            summaryEvents += activities
        }
    }
}
