import Foundation
import KizashiCore
import KizashiStore

/// Moves a workspace between backends (`kizashi copy`): every canonical entity, the settings, the
/// ICP and the KPI targets, in one destination transaction, so a failure leaves the destination
/// as it was.
///
/// Why through the store protocol rather than a dump: both backends then apply their own rules
/// (roll-ups, match keys) to what they receive, so the copy is checked by the same code as an
/// import, and `kizashi kpi` gives the same bytes on both sides.
public struct WorkspaceCopier: Sendable {
    /// What was copied, per entity.
    public struct Summary: Sendable {
        public var counts: [StoredEntity: Int] = [:]
        public var settings = 0
        public var goals = 0
        /// Users (with their password hashes and languages), webhooks (with their signing secrets)
        /// and site keys copied by `copyAccess`.
        public var users = 0
        public var webhooks = 0
        public var siteKeys = 0
        public var total: Int { counts.values.reduce(0, +) }
    }

    let pageSize: Int

    public init(pageSize: Int = 10_000) { self.pageSize = pageSize }

    /// Copies `source` into `destination`, which must be empty unless `allowNonEmpty` (then rows
    /// with the same IDs are replaced, as on import). `progress` gets (entity, rows so far).
    public func copy(
        from source: any WorkspaceStore, to destination: any WorkspaceStore, allowNonEmpty: Bool = false,
        progress: @escaping @Sendable (StoredEntity, Int) -> Void = { _, _ in }
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
        let settings = try await source.settings()
        let icp = try await source.icp()
        let goals = try await source.goals()
        let pageSize = self.pageSize
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
                    progress(entity, n)
                    after = id(last)
                }
                summary.counts[entity] = n
            }
            try await paged(.companies, { try await source.companies(after: $0, limit: pageSize) }, id: \.id) {
                try await tx.upsert(companies: $0)
            }
            let targets = try await source.targets()
            try await tx.upsert(targets: targets)
            summary.counts[.targets] = targets.count
            try await paged(.contacts, { try await source.contacts(after: $0, limit: pageSize) }, id: \.id) {
                try await tx.upsert(contacts: $0)
            }
            try await paged(.activities, { try await source.activities(after: $0, limit: pageSize) }, id: \.id) {
                try await tx.upsert(activities: $0)
            }
            try await paged(.intent, { try await source.intent(after: $0, limit: pageSize) }, id: \.id) {
                try await tx.upsert(intent: $0)
            }
            let leadStages = try await source.leadStages()
            try await tx.upsert(leadStages: leadStages)
            summary.counts[.leadStages] = leadStages.count
            let meetings = try await source.meetings()
            try await tx.upsert(meetings: meetings)
            summary.counts[.meetings] = meetings.count
            let opportunities = try await source.opportunities()
            try await tx.upsert(opportunities: opportunities)
            summary.counts[.opportunities] = opportunities.count
            let contracts = try await source.contracts()
            try await tx.upsert(contracts: contracts)
            summary.counts[.contracts] = contracts.count
            let campaigns = try await source.campaigns()
            try await tx.upsert(campaigns: campaigns)
            summary.counts[.campaigns] = campaigns.count
            for e in [StoredEntity.targets, .leadStages, .meetings, .opportunities, .contracts, .campaigns] {
                progress(e, summary.counts[e] ?? 0)
            }
            return summary
        }
    }

    /// Copies who may use the workspace: users (same password hashes, so the same passwords work),
    /// webhooks (same signing secrets) and the tag's site keys; ones already in the destination
    /// (same e-mail, URL or key) are left alone. API tokens are not copied on purpose: only their
    /// hashes are stored, and a moved workspace should get new secrets (`kizashi token create`).
    public func copyAccess(
        from source: any DashboardStore, to destination: any DashboardStore, into summary: inout Summary
    )
        async throws
    {
        let now = Instant(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000))
        for u in try await source.users() where try await destination.user(email: u.email) == nil {
            let created = try await destination.createUser(email: u.email, role: u.role, passwordHash: u.passwordHash)
            if let l = u.language { try await destination.setLanguage(userId: created.id, language: l) }
            summary.users += 1
        }
        let existingHooks = Set(try await destination.webhooks().map(\.url))
        for w in try await source.webhooks() where !existingHooks.contains(w.url) {
            let created = try await destination.addWebhook(url: w.url, kind: w.kind, secret: w.secret, now: now)
            if !w.active { try await destination.setWebhook(id: created.id, active: false) }
            summary.webhooks += 1
        }
        let existingKeys = Set(try await destination.siteKeys().map(\.key))
        for k in try await source.siteKeys() where k.active && !existingKeys.contains(k.key) {
            try await destination.createSiteKey(name: k.name, key: k.key, now: now)
            summary.siteKeys += 1
        }
    }
}
