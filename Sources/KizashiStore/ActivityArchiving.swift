import KizashiCore

/// Old months of activities and events detached from the live tables and kept aside (`kizashi
/// archive`, issue 23), on PostgreSQL where both are partitioned by month (migrations 15, 17).
/// The day roll-ups keep counting archived activities; reads of raw rows (attribution, the
/// journey, the KPI dataset) refuse a window that reaches an archived month rather than count
/// part of it. An archived event keeps its messageId taken (a resend is still a duplicate), but
/// while archived it is not resolved when its visitor is identified later.
public protocol ActivityArchiving: Sendable {
    /// Detaches every month wholly before `before` and keeps it in schema `kizashi_archive`;
    /// returns the months archived, oldest first (none when there were none).
    func archiveActivities(before: ActivityMonth, at: Instant) async throws -> [ArchivedActivityMonth]
    /// Attaches back every archived month from `from` on (nil: all); returns them, oldest first.
    func restoreActivities(from: ActivityMonth?) async throws -> [ArchivedActivityMonth]
    /// The archived months, oldest first.
    func archivedActivityMonths() async throws -> [ArchivedActivityMonth]
}

/// One archived month and the rows it holds.
public struct ArchivedActivityMonth: Sendable, Equatable {
    public var month: ActivityMonth
    /// Activities (of the month's local days).
    public var rows: Int64
    /// Tracked events (received in the month, UTC).
    public var events: Int64
    public init(month: ActivityMonth, rows: Int64, events: Int64 = 0) {
        self.month = month
        self.rows = rows
        self.events = events
    }
}

/// A read of raw activities refused because its window reaches an archived month.
public struct ActivitiesArchivedError: Error, CustomStringConvertible, Sendable {
    /// The first month not archived: every month before it is.
    public var boundary: ActivityMonth
    /// The first day the refused read needed.
    public var from: Day
    public var description: String {
        "activities before \(boundary) are archived, and this report reads activities from \(from); "
            + "restore them first with `kizashi archive --restore \(ActivityMonth(containing: from))` "
            + "(or `kizashi archive --restore-all`)"
    }
}
