import KizashiCore
import KizashiStore

/// `kizashi archive` (issue 23): old months of activities and tracked events detached from the
/// live tables and kept aside on PostgreSQL (`ActivityArchiving`), and attached back on request.
/// Reports whose windows reach an archived month refuse to run (`ActivitiesArchivedError`) until
/// restored.
public struct ArchiveService: Sendable {
    /// What the shells asked for, checked.
    public enum Request: Sendable, Equatable {
        /// Archive every month wholly before this one.
        case archive(before: ActivityMonth)
        /// Attach back every archived month from this one on.
        case restore(from: ActivityMonth)
        case restoreAll
        /// List what is archived.
        case list
    }

    /// A request that cannot be done as asked (a usage error in the CLI).
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public let store: any WorkspaceStore
    let now: @Sendable () -> Instant

    public init(store: any WorkspaceStore, now: @escaping @Sendable () -> Instant = WorkspaceClock.now) {
        self.store = store
        self.now = now
    }

    /// Parses the shells' options: exactly one of `before`, `restore`, `restoreAll`, or none (list).
    public static func request(before: String?, restore: String?, restoreAll: Bool) throws -> Request {
        let given = [before != nil, restore != nil, restoreAll].filter { $0 }.count
        guard given <= 1 else { throw Refusal(description: "give one of --before, --restore and --restore-all") }
        if let before { return .archive(before: try month(before, option: "--before")) }
        if let restore { return .restore(from: try month(restore, option: "--restore")) }
        return restoreAll ? .restoreAll : .list
    }

    static func month(_ text: String, option: String) throws -> ActivityMonth {
        // Bounded before parsing: the text comes from outside.
        guard text.utf8.count == 7, let m = ActivityMonth(parsing: text) else {
            throw Refusal(description: "\(option) must be a month as YYYY-MM (got \(text.prefix(40)))")
        }
        return m
    }

    /// Runs the request; returns the months it archived, restored or lists, oldest first.
    public func run(_ request: Request) async throws -> [ArchivedActivityMonth] {
        guard let archive = store as? any ActivityArchiving else {
            throw Refusal(
                description:
                    "archiving activities needs a PostgreSQL workspace (its activities and events are partitioned by month); "
                    + "this workspace is SQLite")
        }
        switch request {
        case .archive(let before):
            // Events arrive in the current month (UTC) and are written to its partition: an
            // archived current month would refuse every event batch until restored.
            let at = now()
            if let current = ActivityMonth(utcMonthOf: at), current < before {
                throw Refusal(
                    description:
                        "--before \(before) would archive the current month (\(current)), where events still arrive; "
                        + "give \(current) or earlier")
            }
            return try await archive.archiveActivities(before: before, at: at)
        case .restore(let from): return try await archive.restoreActivities(from: from)
        case .restoreAll: return try await archive.restoreActivities(from: nil)
        case .list: return try await archive.archivedActivityMonths()
        }
    }

    /// The lines the CLI prints.
    public static func render(_ request: Request, _ months: [ArchivedActivityMonth]) -> String {
        let verb: String
        switch request {
        case .archive: verb = "archived"
        case .restore, .restoreAll: verb = "restored"
        case .list: verb = "archived"
        }
        guard !months.isEmpty else {
            switch request {
            case .archive(let before): return "nothing to archive before \(before)"
            case .list: return "no months are archived"
            default: return "nothing to restore"
            }
        }
        func rows(_ activities: Int64, _ events: Int64) -> String {
            "\(activities) activit\(activities == 1 ? "y" : "ies"), \(events) event\(events == 1 ? "" : "s")"
        }
        var lines = months.map { "\(verb) \($0.month): \(rows($0.rows, $0.events))" }
        let activities = months.reduce(Int64(0)) { $0 &+ $1.rows }
        let events = months.reduce(Int64(0)) { $0 &+ $1.events }
        lines.append("\(months.count) month\(months.count == 1 ? "" : "s"), \(rows(activities, events)) \(verb)")
        if case .archive = request, let last = months.last {
            lines.append(
                "reports reaching before \(last.month.next.description.prefix(7)) now stop until restored "
                    + "(kizashi archive --restore YYYY-MM, or --restore-all)")
        }
        return lines.joined(separator: "\n")
    }
}
