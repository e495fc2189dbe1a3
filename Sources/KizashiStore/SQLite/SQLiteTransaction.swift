import KizashiCore
import Logging

/// The writes of one SQLite transaction, including exact maintenance of the activity roll-ups.
///
/// Roll-ups are kept exact under upserts (`ActivityRollupDeltas`): a replaced activity's old
/// contribution is taken out before the new one is added. Looking up old rows costs a B-tree
/// probe per activity, so when the table was empty at the first activity write (a first load),
/// rows are inserted with `DO NOTHING` instead, and only the rows SQLite reports unchanged (an ID
/// seen earlier in the same import) take the probing path, which then replaces the earlier row
/// (+Activities).
///
/// Each activity written also gets a locator entry under its account (ActivityLocators), written
/// as one chunk per account in `finish()` (+Locators).
actor SQLiteTransaction: SQLTransaction {
    let db: RawSQLiteConnection
    let logger: Logger
    var companyKeys: [String: Int64]?
    var contactCompany: [String: String]?
    var activitiesStartedEmpty: Bool?
    /// Whether `company_match_keys` was empty at this transaction's first match-key write, and
    /// the companies whose keys it has written since (+MatchKeys).
    var matchKeysStartedEmpty: Bool?
    var matchKeysWritten: Set<Int64> = []
    /// Locator entries of this transaction's activity writes, per account (ActivityLocators).
    var locatorAdds = LocatorChunks()
    /// Roll-up deltas, the bulk-move mark and the replaced activities, kept until `finish()`.
    var rollups = RollupBookkeeping()
    var timeZone: WorkspaceTimeZone?
    var activityReplacements: ActivityReplacements { rollups.activityReplacements }

    init(db: RawSQLiteConnection, logger: Logger, cached: SQLiteLookupCache.Maps? = nil) {
        self.db = db
        self.logger = logger
        companyKeys = cached?.companyKeys
        contactCompany = cached?.contactCompany
    }

    /// The lookups this transaction loaded or kept current, for the next transaction.
    func lookups() -> SQLiteLookupCache.Maps? {
        guard let companyKeys, let contactCompany else { return nil }
        return .init(companyKeys: companyKeys, contactCompany: contactCompany)
    }

    // MARK: SQLTransaction

    nonisolated var dialect: SQLDialect { .sqlite }

    func rows(_ sql: StoredSQL) throws -> [StoredRecord] {
        let (text, binds) = sql.rendered(for: .sqlite)
        return try db.query(text, binds)
    }

    func run(_ sql: StoredSQL) throws {
        let (text, binds) = sql.rendered(for: .sqlite)
        try db.execute(text, binds)
    }

    /// Prepared once, bound and stepped per row (a later row of a key replaces the earlier one).
    func upsertRows<E: Sendable>(_ rows: [E], _ spec: UpsertSpec, _ binds: @Sendable (E) -> [StoredValue]) throws {
        var values: [StoredValue] = []
        values.reserveCapacity(rows.count * spec.columns.count)
        for r in rows { values.append(contentsOf: binds(r)) }
        try db.executeEach(spec.sql(rows: 1), width: spec.columns.count, values: values)
    }

    /// SQLite's `events` keeps its primary key on message_id: nothing to prepare.
    func willInsert(events: [StoredEvent]) {}

    // MARK: Companies and contacts

    func upsert(companies: [Company]) async throws {
        try upsertRows(companies, EntityMapping.companies, EntityMapping.binds)
        var keys: [String: Int64] = [:]
        for chunk in companies.chunked(900) {
            let rows = try db.query(
                "SELECT company_id, company_key FROM companies WHERE company_id IN (\(placeholders(chunk.count)))",
                chunk.map { .text($0.id) })
            for r in rows { if let id = r.text("company_id"), let k = r.int64("company_key") { keys[id] = k } }
        }
        if companyKeys != nil { companyKeys!.merge(keys) { $1 } }
        try writeMatchKeys(companies, keys: keys)
    }

    func upsert(contacts: [Contact]) async throws {
        // A contact moving to another company moves the activities resolved through it
        // (data-format.md §activities.csv): detect it and rebuild the roll-ups at the end.
        let known = try contactCompanyMap()
        var moved = false
        for c in contacts {
            if let old = known[c.id], old != c.companyId { moved = true }
            contactCompany![c.id] = c.companyId
        }
        try upsertRows(contacts, EntityMapping.contacts, EntityMapping.binds)
        if moved {
            for chunk in contacts.map(\.id).chunked(900) {
                // The moved rows get locator entries under their new account.
                let movedRows = try db.query(
                    """
                    UPDATE activities SET account_key = coalesce(
                        (SELECT co.company_key FROM contacts c JOIN companies co ON co.company_id = c.company_id
                         WHERE c.contact_id = activities.contact_id), -1)
                    WHERE company_id IS NULL AND contact_id IN (\(placeholders(chunk.count)))
                    RETURNING activity_id, occurred_at, account_key
                    """, chunk.map { .text($0) })
                for r in movedRows {
                    guard let id = r.text("activity_id"), let at = r.int64("occurred_at"),
                        let k = r.int64("account_key")
                    else { throw StoreError("a moved activity is unreadable") }
                    locate(id: id, occurredAt: at, account: k)
                }
            }
            rollups.needsRebuild = true
        }
    }

    /// Bound in place (`SQLiteRowValues`): a million intent rows at large scale, and boxing each
    /// value made the writer, not the parser, the long pole of that file (perf). Many rows per
    /// upsert statement, for the reason `executeGroups` gives: intent has no derived state, so no
    /// savepoint is needed (a repeated ID simply updates the row, the last one winning).
    func upsert(intent: [IntentSignal]) async throws {
        _ = try db.executeGroups(
            rows: intent.count, group: Self.rowsPerStatement, allNew: false,
            sql: { EntityMapping.intent.sql(rows: $0) }
        ) { i, row in
            EntityMapping.bind(intent[i], into: &row)
        }
    }

    /// Rows per statement of a first load's activity inserts and of intent and match-key upserts
    /// (`RawSQLiteConnection.executeGroups`).
    static let rowsPerStatement = 64

    // MARK: Lookups, loaded once per transaction (or kept from the one before)

    func companyKeyMap() throws -> [String: Int64] {
        if let companyKeys { return companyKeys }
        var map: [String: Int64] = [:]
        try db.scan("SELECT company_id, company_key FROM companies") { c in
            if let id = c.text(0), let k = c.int(1) { map[id] = Int64(k) }
        }
        companyKeys = map
        return map
    }

    func contactCompanyMap() throws -> [String: String] {
        if let contactCompany { return contactCompany }
        var map: [String: String] = [:]
        try db.scan("SELECT contact_id, company_id FROM contacts") { c in
            if let id = c.text(0), let co = c.text(1) { map[id] = co }
        }
        contactCompany = map
        return map
    }

    func placeholders(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ",") }
}
