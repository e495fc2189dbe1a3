import KizashiCore

/// The accounts an event batch's or an import's activities are counted under, the same
/// statements on both backends.
extension SQLWorkspaceBackend {
    /// Why a read of its own: the read model keeps each account's engaged contacts
    /// (`AccountEngagement`) and adds a change's rows to them; only their accounts are the
    /// store's (a row may name its account through its contact only). Before, the touched
    /// accounts' contacts were counted again over their windows here: 100–130 ms of the first
    /// `/now` after a one-day import on PostgreSQL at medium, about 1,000 target accounts.
    /// EXISTS, not `IN (SELECT … FROM targets)`: SQLite drove that from the targets, probing each
    /// target's contacts for every listed ID (1.25M probes a list at medium; /accounts after an
    /// import 93 → 350 ms). Both plan this as a probe per listed row.
    public func activityAccounts(of activities: [Activity], targetsOnly: Bool) async throws -> ActivityAccounts {
        var named = Set<String>()
        var people = Set<String>()
        for a in activities {
            if let c = a.companyId { named.insert(c) } else if let p = a.contactId { people.insert(p) }
        }
        let targets: StoredSQL =
            targetsOnly ? " AND EXISTS (SELECT 1 FROM targets t WHERE t.company_id = c.company_id)" : ""
        async let companyRows = concurrentReads(Self.chunks(named)) { part in
            "SELECT company_id AS id FROM companies c WHERE company_id IN (\(list: part))\(targets)"
        }
        let contactRows = try await concurrentReads(Self.chunks(people)) { part in
            """
            SELECT p.contact_id AS id, c.company_id AS company FROM contacts p JOIN companies c
            ON c.company_id = p.company_id WHERE p.contact_id IN (\(list: part))\(targets)
            """
        }
        var out = ActivityAccounts()
        for r in try await companyRows {
            if let id = r.text("id") { out.companies[id] = id }
        }
        for r in contactRows {
            if let id = r.text("id"), let company = r.text("company") { out.contacts[id] = company }
        }
        return out
    }

    /// The rows of one statement per part, a few at once (`boundedConcurrently`).
    private func concurrentReads(
        _ parts: [[StoredValue]], _ statement: @escaping @Sendable ([StoredValue]) -> StoredSQL
    )
        async throws -> [StoredRecord]
    {
        try await boundedConcurrently(parts) { try await self.reportRead(statement($0)) }.flatMap { $0 }
    }

    private static func chunks(_ ids: Set<String>) -> [[StoredValue]] {
        ids.sorted().chunked(listWidth).map { $0.map { StoredValue.text($0) } }
    }

    /// Values per `IN (…)` list: well under both backends' limits on bound parameters.
    static var listWidth: Int { 500 }
}
