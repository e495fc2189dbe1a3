import Foundation
import KizashiCore
import KizashiStore

/// Moves a workspace between backends (`kizashi copy`): everything it holds, read from one
/// snapshot of the source and written in one destination transaction, so the copy is one moment
/// of the source and a failure leaves the destination as it was.
///
/// Why the canonical entities go through the store protocol rather than a dump: both backends
/// then apply their own rules (roll-ups, locators, match keys) to what they receive, so the copy
/// is checked by the same code as an import, and `kizashi kpi` gives the same bytes on both
/// sides. Everything else (users, tokens, webhooks, site keys, events, alerts and their
/// deliveries, IP ranges, the merge and audit logs) is copied row for row (`PortableTable`).
/// Browser sessions are not: users sign in again.
public struct WorkspaceCopier: Sendable {
    /// What was copied.
    public struct Summary: Sendable {
        public var counts: [StoredEntity: Int] = [:]
        public var settings = 0
        public var goals = 0
        /// Rows per portable table (`PortableTable.all`), in copy order.
        public var tables: [(name: String, rows: Int)] = []
        public var total: Int { counts.values.reduce(0, +) + tables.reduce(0) { $0 + $1.rows } }
    }

    let pageSize: Int

    public init(pageSize: Int = 10_000) { self.pageSize = pageSize }

    /// Copies `source` into `destination`, which must be empty unless `allowNonEmpty` (then rows
    /// with the same IDs are replaced, as on import). `progress` gets (what, rows so far).
    public func copy(
        from source: any WorkspaceStore, to destination: any WorkspaceStore,
        allowNonEmpty: Bool = false, progress: @escaping @Sendable (String, Int) -> Void = { _, _ in }
    ) async throws -> Summary {
        if !allowNonEmpty {
            let existing = try await destination.counts().filter { $0.value > 0 }
            if !existing.isEmpty {
                let list = existing.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                    "\($0.key.rawValue) \($0.value)"
                }
                throw StoreError(
                    "the destination workspace is not empty (\(list.joined(separator: ", "))); copy into an empty one, or pass --replace"
                )
            }
        }
        // Archived months (`kizashi archive`) are outside the activities and events a copy reads:
        // copying would lose them while the roll-ups still count them.
        if let archive = source as? any ActivityArchiving, let first = try await archive.archivedActivityMonths().first
        {
            throw StoreError(
                "the source has archived months from \(first.month) on (activities and events); "
                    + "restore them first (kizashi archive --restore-all)"
            )
        }
        let pageSize = self.pageSize
        return try await source.withSnapshot { snapshot in
            let settings = try await snapshot.settings()
            let icp = try await snapshot.icp()
            let goals = try await snapshot.goals()
            return try await destination.transaction { tx in
                var summary = Summary()
                // The time zone first: activity days (and so the roll-ups) are computed in it.
                for key in settings.keys.sorted(by: { a, _ in a == "time_zone" }) {
                    try await tx.setSetting(key, to: settings[key])
                }
                summary.settings = settings.count
                try await tx.setICP(icp)
                for g in goals { try await tx.setGoal(g) }
                summary.goals = goals.count
                try await Self.copyEntities(from: snapshot, to: tx, pageSize: pageSize, into: &summary, progress)
                for table in PortableTable.all {
                    var after: [StoredValue]?
                    var n = 0
                    while true {
                        let page = try await snapshot.portableRows(table, after: after, limit: pageSize)
                        guard let last = page.last else { break }
                        try await tx.insert(portable: table, rows: page, replace: allowNonEmpty)
                        n += page.count
                        progress(table.name, n)
                        after = table.keyValues(of: last)
                    }
                    summary.tables.append((table.name, n))
                }
                return summary
            }
        }
    }

    static func copyEntities(
        from source: any WorkspaceStore, to tx: any WorkspaceTransaction, pageSize: Int, into summary: inout Summary,
        _ progress: @escaping @Sendable (String, Int) -> Void
    ) async throws {
        func paged<E: Sendable>(
            _ entity: StoredEntity, _ read: (String?) async throws -> [E], id: (E) -> String,
            write: ([E]) async throws -> Void
        ) async throws {
            var after: String?
            var n = 0
            while true {
                let page = try await read(after)
                guard let last = page.last else { break }
                try await write(page)
                n += page.count
                progress(entity.rawValue, n)
                after = id(last)
            }
            summary.counts[entity] = n
        }
        func whole<E: Sendable>(_ entity: StoredEntity, _ rows: [E], write: ([E]) async throws -> Void) async throws {
            try await write(rows)
            summary.counts[entity] = rows.count
            progress(entity.rawValue, rows.count)
        }
        try await paged(.companies, { try await source.companies(after: $0, limit: pageSize) }, id: \.id) {
            try await tx.upsert(companies: $0)
        }
        try await whole(.targets, try await source.targets()) { try await tx.upsert(targets: $0) }
        try await paged(.contacts, { try await source.contacts(after: $0, limit: pageSize) }, id: \.id) {
            try await tx.upsert(contacts: $0)
        }
        try await paged(.activities, { try await source.activities(after: $0, limit: pageSize) }, id: \.id) {
            try await tx.upsert(activities: $0)
        }
        try await paged(.intent, { try await source.intent(after: $0, limit: pageSize) }, id: \.id) {
            try await tx.upsert(intent: $0)
        }
        try await whole(.leadStages, try await source.leadStages()) { try await tx.upsert(leadStages: $0) }
        try await whole(.meetings, try await source.meetings()) { try await tx.upsert(meetings: $0) }
        try await whole(.opportunities, try await source.opportunities()) { try await tx.upsert(opportunities: $0) }
        try await whole(.contracts, try await source.contracts()) { try await tx.upsert(contracts: $0) }
        try await whole(.campaigns, try await source.campaigns()) { try await tx.upsert(campaigns: $0) }
    }
}
