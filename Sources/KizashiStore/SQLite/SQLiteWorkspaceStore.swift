import Foundation
import KizashiCore
import Logging
import SQLiteNIO

/// The embedded default store: one SQLite file (WAL, foreign keys on, migrations on open).
///
/// Three connections to the one file: SQLiteNIO's `writer` applies migrations; `raw` runs every
/// write transaction (serialised, prepared statements bound per row); SQLiteNIO's `reader` serves
/// reads, so a long import never blocks a reader and readers only see committed data (WAL).
/// `raw` calls SQLite synchronously: fine for the CLI; a server should move them off the
/// cooperative thread pool (as SQLiteNIO does with its thread pool).
public final class SQLiteWorkspaceStore: WorkspaceStore {
    let writer: SQLiteConnection
    let reader: SQLiteConnection
    /// Write transactions run here: prepared once, bound per row (see RawSQLiteConnection).
    let raw: RawSQLiteConnection
    /// Bulk reads of the KPI dataset: decoded without SQLiteNIO's per-row overhead. Two, so the
    /// dataset's large reads run on both cores at once (WAL readers do not block each other).
    private let rawReaders: [RawSQLiteConnection]
    private let rawReaderLocks = [NSLock(), NSLock()]
    /// Counts the free raw readers, so a waiting read takes whichever frees first.
    private let rawReaderFree = DispatchSemaphore(value: 2)
    let path: String
    /// Event batches waiting while an import holds the writer (`EventInbox`), in a file of their own.
    let inbox: SQLiteInboxFile
    private let lock = AsyncSerialLock()
    /// company_id → company_key and contact_id → company_id, kept between transactions (the event
    /// API writes many small ones); only touched under `lock`.
    private let lookupCache = SQLiteLookupCache()
    /// Set while the file is in rollback-journal mode for its first load (see `open`); only
    /// touched under `lock`.
    private let firstLoad = FirstLoadJournal()

    private init(
        writer: SQLiteConnection, reader: SQLiteConnection, raw: RawSQLiteConnection,
        rawReaders: [RawSQLiteConnection], path: String
    ) {
        self.writer = writer
        self.reader = reader
        self.raw = raw
        self.rawReaders = rawReaders
        self.path = path
        self.inbox = SQLiteInboxFile(workspacePath: path)
    }

    /// Runs `body` on a free raw reader (waiting for the first when both are busy), on a Dispatch
    /// thread: SQLite calls block, and a server must not block Swift's cooperative thread pool.
    func onRawReader<T: Sendable>(_ body: @escaping @Sendable (RawSQLiteConnection) throws -> T) async throws
        -> T
    {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                rawReaderFree.wait()
                // One reader is free: take it.
                var k = rawReaderLocks.firstIndex { $0.try() }
                while k == nil { k = rawReaderLocks.firstIndex { $0.try() } }
                defer {
                    rawReaderLocks[k!].unlock()
                    rawReaderFree.signal()
                }
                continuation.resume(with: Result { try body(rawReaders[k!]) })
            }
        }
    }

    /// A bulk read on a raw reader.
    func bulkRead(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [RawSQLiteRow] {
        try await onRawReader { try $0.query(sql, binds) }
    }

    /// A bulk scan on a raw reader: `row` decodes each row in place.
    func bulkScan<T: Sendable>(
        _ sql: String, _ binds: [SQLiteData] = [],
        _ row: @escaping @Sendable (RawSQLiteCursor, inout StoredStringInterner) throws -> T
    ) async throws -> [T] {
        try await onRawReader { reader in
            var out: [T] = []
            var strings = StoredStringInterner()
            try reader.scan(sql, binds) { out.append(try row($0, &strings)) }
            return out
        }
    }

    /// Opens (creating if needed) the workspace file at `path` and applies pending migrations.
    public static func open(path: String, logger: Logger = Logger(label: "kizashi.sqlite")) async throws
        -> SQLiteWorkspaceStore
    {
        let writer: SQLiteConnection
        do {
            writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        } catch {
            throw StoreError("cannot open the workspace file \(path): \(error)")
        }
        do {
            // page_size: takes effect only on a new, empty file (so first, before WAL writes the
            // header); an existing workspace keeps its own. 16 KiB pages: a first load writes
            // its pages out as it goes, one pwrite each, and with 4 KiB pages those calls were
            // 7 % of a medium import's CPU samples (perf, BENCHMARKS.md).
            // WAL: readers never block the writer. synchronous=FULL: a commit survives power loss.
            // foreign_keys: references are enforced by the database as well as by the importer.
            for pragma in [
                "PRAGMA page_size=16384", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                "PRAGMA foreign_keys=ON",
                "PRAGMA busy_timeout=60000", "PRAGMA cache_size=-262144", "PRAGMA temp_store=MEMORY",
            ] {
                _ = try await writer.query(pragma)
            }
            try await migrate(writer)
            // A workspace without activities is about to get its first load. In WAL mode every
            // page of it is written twice: to the WAL at commit, then to the file by the
            // checkpoint (1.3 s of a 8.6 s medium import, 6 s of a large one). A rollback journal
            // writes new pages once, and keeps only the few pages that existed: the load is as
            // atomic and as durable. The switch needs the file to itself, so it is tried without
            // waiting and simply not made when another process has the workspace open; the first
            // commit switches back to WAL (`returnToWAL`), and every open asks for WAL again.
            var rollbackJournal = false
            if try await writer.query("SELECT 1 AS x FROM activities LIMIT 1").isEmpty {
                _ = try await writer.query("PRAGMA busy_timeout=0")
                let mode = try? await writer.query("PRAGMA journal_mode=DELETE").first?.column("journal_mode")?.string
                _ = try await writer.query("PRAGMA busy_timeout=60000")
                rollbackJournal = mode == "delete"
            }
            let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            for pragma in ["PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=10000", "PRAGMA cache_size=-131072"] {
                _ = try await reader.query(pragma)
            }
            let raw = try RawSQLiteConnection(path: path)
            let store = SQLiteWorkspaceStore(
                writer: writer, reader: reader, raw: raw,
                rawReaders: [
                    try RawSQLiteConnection(path: path, mappedRead: true),
                    try RawSQLiteConnection(path: path, mappedRead: true),
                ], path: path)
            store.firstLoad.active = rollbackJournal
            // A first load appends: a small page cache lets SQLite write full pages out while
            // the load runs, instead of all of them in the commit, on one core, at the end.
            if rollbackJournal { try raw.execute("PRAGMA cache_size=\(RawSQLiteConnection.firstLoadCacheKiB)") }
            // Match keys came with migration 2: fill them for companies imported before it.
            let hasCompanies = !(try await reader.query("SELECT 1 AS x FROM companies LIMIT 1").isEmpty)
            let hasKeys = !(try await reader.query("SELECT 1 AS x FROM company_match_keys LIMIT 1").isEmpty)
            if hasCompanies && !hasKeys {
                try await store.transaction { tx in try await (tx as! SQLiteTransaction).backfillMatchKeys() }
            }
            // Locators came with migration 10: build them for activities written before it.
            let backfill = try await reader.query(
                "SELECT 1 AS x FROM sqlite_master WHERE name = 'activity_locators_backfill'")
            if !backfill.isEmpty {
                try await store.transaction { tx in try await (tx as! SQLiteTransaction).backfillLocators() }
            }
            return store
        } catch {
            try? await writer.close()
            if error is StoreError { throw error }
            throw StoreError("cannot prepare the workspace file \(path): \(error)")
        }
    }

    static func migrate(_ db: SQLiteConnection) async throws {
        _ = try await db.query(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        let rows = try await db.query("SELECT max(version) AS v FROM schema_migrations")
        let current = rows.first?.int("v") ?? 0
        if let newest = SQLiteMigrations.all.last?.version, current > newest {
            throw StoreError(
                "this workspace was written by a newer Kizashi (schema \(current) > \(newest)); upgrade Kizashi")
        }
        for migration in SQLiteMigrations.all where migration.version > current {
            _ = try await db.query("BEGIN IMMEDIATE")
            do {
                for statement in migration.sql { _ = try await db.query(statement) }
                _ = try await db.query(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, datetime('now'))",
                    [.integer(migration.version), .text(migration.name)])
                _ = try await db.query("COMMIT")
            } catch {
                _ = try? await db.query("ROLLBACK")
                throw StoreError("migration \(migration.version) (\(migration.name)) failed: \(error)")
            }
        }
    }

    public func close() async throws {
        await lock.acquire()
        returnToWAL(closing: true)
        raw.close()
        for (reader, lock) in zip(rawReaders, rawReaderLocks) { lock.withLock { reader.close() } }
        await lock.release()
        await inbox.close()
        try await reader.close()
        try await writer.close()
    }

    // MARK: Transactions

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any WorkspaceTransaction) async throws -> T)
        async throws -> T
    {
        try await transaction(referencesChecked: false, body)
    }

    /// With `referencesChecked`, foreign keys are off for this one transaction (the pragma is a
    /// no-op inside a transaction, so it is set around BEGIN and restored after COMMIT/ROLLBACK,
    /// before the next transaction may start).
    public func transaction<T: Sendable>(
        referencesChecked: Bool, _ body: @escaping @Sendable (any WorkspaceTransaction) async throws -> T
    ) async throws -> T {
        await lock.acquire()
        func release() async {
            if referencesChecked { try? raw.execute("PRAGMA foreign_keys=ON") }
            await lock.release()
        }
        do {
            if referencesChecked { try raw.execute("PRAGMA foreign_keys=OFF") }
            try raw.execute("BEGIN IMMEDIATE")
            // Another process may have committed since (an import while serving): then the cached
            // lookups are stale. PRAGMA data_version changes exactly when another connection commits.
            let version = try raw.query("PRAGMA data_version").first?.int("data_version") ?? -1
            let tx = SQLiteTransaction(db: raw, cached: lookupCache.take(ifVersion: version))
            do {
                let result = try await body(tx)
                try await tx.finish()
                try raw.execute("COMMIT")
                returnToWAL()
                lookupCache.keep(await tx.lookups(), version: version)
                await release()
                return result
            } catch {
                try? raw.execute("ROLLBACK")
                throw error
            }
        } catch {
            await release()
            throw error
        }
    }

    /// After the first commit of activities in rollback-journal mode (see `open`): back to WAL, so readers
    /// never block the writer again. Tried briefly; if a reader holds the file, the next commit
    /// tries again. Called under `lock`.
    private func returnToWAL(closing: Bool = false) {
        guard firstLoad.active else { return }
        // Writes before the first load (settings, the ICP) keep the rollback journal for it.
        if !closing, (try? raw.query("SELECT 1 AS x FROM activities LIMIT 1").isEmpty) ?? false { return }
        try? raw.execute("PRAGMA busy_timeout=200")
        if (try? raw.query("PRAGMA journal_mode=WAL").first?.text("journal_mode")) == "wal" {
            firstLoad.active = false
            try? raw.execute("PRAGMA cache_size=\(RawSQLiteConnection.cacheKiB)")
        }
        try? raw.execute("PRAGMA busy_timeout=10000")
    }

    /// A short write on the raw connection, queued with the transactions (FIFO).
    ///
    /// Why: alert and delivery rows written on SQLiteNIO's connection had to win SQLite's file
    /// lock by polling (busy_timeout) against back-to-back event batches on this one, and under
    /// event load they never did: no alert went out until the load stopped. Here they take
    /// their turn. An own commit also keeps the import lookups cached (`PRAGMA data_version`
    /// only moves for other connections' commits).
    func rawWrite<T: Sendable>(_ body: @Sendable (RawSQLiteConnection) throws -> T) async throws -> T {
        await lock.acquire()
        let result: Result<T, any Error>
        do {
            try raw.execute("BEGIN IMMEDIATE")
            let version = try raw.query("PRAGMA data_version").first?.int("data_version") ?? -1
            let cached = lookupCache.take(ifVersion: version)
            do {
                let r = try body(raw)
                try raw.execute("COMMIT")
                returnToWAL()
                lookupCache.keep(cached, version: version)
                result = .success(r)
            } catch {
                try? raw.execute("ROLLBACK")
                lookupCache.keep(cached, version: version)
                result = .failure(error)
            }
        } catch {
            result = .failure(error)
        }
        await lock.release()
        return try result.get()
    }

    // MARK: Settings

    public func settings() async throws -> [String: String] {
        var out: [String: String] = [:]
        for r in try await reader.query("SELECT key, value FROM settings WHERE key <> 'icp'") {
            if let k = r.text("key"), let v = r.text("value") { out[k] = v }
        }
        return out
    }

    public func icp() async throws -> IdealCustomerProfile? {
        guard let text = try await reader.query("SELECT value FROM settings WHERE key = 'icp'").first?.text("value")
        else { return nil }
        return try ICPDocument.decode(Array(text.utf8))
    }

    public func goals() async throws -> [KPIGoal] {
        try await reader.query(
            "SELECT kpi, period_start, period_end, tier, value FROM kpi_goals ORDER BY kpi, period_start, tier"
        )
        .map { r in
            KPIGoal(
                kpi: try r.requiredText("kpi"),
                period: KPIPeriod(start: try r.requiredDay("period_start"), end: try r.requiredDay("period_end")),
                tier: r.int("tier").flatMap(Tier.init(rawValue:)), value: r.double("value") ?? 0)
        }
    }

    // MARK: Reads

    public func companyIds() async throws -> Set<String> {
        var ids = Set<String>()
        for r in try await reader.query("SELECT company_id FROM companies") {
            if let id = r.text("company_id") { ids.insert(id) }
        }
        return ids
    }

    public func contactCompanies() async throws -> [String: String] {
        var out: [String: String] = [:]
        for r in try await reader.query("SELECT contact_id, company_id FROM contacts") {
            if let c = r.text("contact_id"), let co = r.text("company_id") { out[c] = co }
        }
        return out
    }

    public func counts() async throws -> [StoredEntity: Int] {
        var out: [StoredEntity: Int] = [:]
        for e in StoredEntity.allCases {
            out[e] = try await reader.query("SELECT count(*) AS n FROM \(e.rawValue)").first?.int("n") ?? 0
        }
        return out
    }

    public func companies(after: String?, limit: Int) async throws -> [Company] {
        try await page("companies", key: "company_id", after: after, limit: limit).map(SQLiteEntityMapping.company)
    }
    public func targets() async throws -> [TargetMembership] {
        try await reader.query("SELECT * FROM targets ORDER BY company_id, added_on").map(SQLiteEntityMapping.target)
    }
    public func contacts(after: String?, limit: Int) async throws -> [Contact] {
        try await page("contacts", key: "contact_id", after: after, limit: limit).map(SQLiteEntityMapping.contact)
    }
    public func activities(after: String?, limit: Int) async throws -> [Activity] {
        try await page("activities", key: "activity_id", after: after, limit: limit).map(SQLiteEntityMapping.activity)
    }
    public func intent(after: String?, limit: Int) async throws -> [IntentSignal] {
        try await page("intent", key: "signal_id", after: after, limit: limit).map(SQLiteEntityMapping.intentSignal)
    }
    public func leadStages() async throws -> [LeadStageTransition] {
        try await reader.query("SELECT * FROM lead_stages ORDER BY contact_id, stage, reached_at").map(
            SQLiteEntityMapping.leadStage)
    }
    public func meetings() async throws -> [Meeting] {
        try await reader.query("SELECT * FROM meetings ORDER BY meeting_id").map(SQLiteEntityMapping.meeting)
    }
    public func opportunities() async throws -> [Opportunity] {
        try await reader.query("SELECT * FROM opportunities ORDER BY opportunity_id").map(
            SQLiteEntityMapping.opportunity)
    }
    public func contracts() async throws -> [Contract] {
        try await reader.query("SELECT * FROM contracts ORDER BY contract_id").map(SQLiteEntityMapping.contract)
    }
    public func campaigns() async throws -> [Campaign] {
        try await reader.query("SELECT * FROM campaigns ORDER BY campaign_id").map(SQLiteEntityMapping.campaign)
    }

    public func merges() async throws -> [MergeLogEntry] {
        try await reader.query("SELECT * FROM merge_log ORDER BY merge_id DESC").map { r in
            guard let id = r.int("merge_id"), let at = r.column("merged_at")?.instantValue else {
                throw StoreError("stored merge log entry is unreadable")
            }
            return MergeLogEntry(id: Int64(id), mergedAt: at, record: try r.requiredText("record"))
        }
    }

    private func page(_ table: String, key: String, after: String?, limit: Int) async throws -> [SQLiteRow] {
        if let after {
            return try await reader.query(
                "SELECT * FROM \(table) WHERE \(key) > ? ORDER BY \(key) LIMIT ?", [.text(after), .integer(limit)])
        }
        return try await reader.query("SELECT * FROM \(table) ORDER BY \(key) LIMIT ?", [.integer(limit)])
    }

    // MARK: The KPI dataset

    public func kpiDataset(_ req: KPIDataRequirements) async throws -> KPIDataset {
        // Decoded in place by position (the largest read of a report at scale).
        // The four large reads run two at a time, one per raw reader; each decodes in place by position.
        async let companyScan = bulkScan(
            """
            SELECT company_key, company_id, name, corporate_number, domain, industry, employees, annual_revenue,
                   country, region, updated_on, verified_on FROM companies ORDER BY company_key
            """
        ) { r, strings in
            (
                key: r.int(0) ?? -1,
                company: Company(
                    id: try r.requiredText(1, "company_id"), name: try r.requiredText(2, "name"),
                    corporateNumber: r.text(3), domain: r.text(4),
                    industry: r.isNull(5) ? nil : strings.string(r.bytes(5)), employees: r.text(6),
                    annualRevenue: r.text(7), country: r.isNull(8) ? nil : strings.string(r.bytes(8)),
                    region: r.isNull(9) ? nil : strings.string(r.bytes(9)), updatedOn: r.day(10), verifiedOn: r.day(11))
            )
        }
        let days = req.activityDays
        // Each day's packed cells into one array per day; accounts stay company_keys until the
        // companies are read (then mapped to their positions below).
        async let dayScan = bulkScan(
            "SELECT day, entries FROM activity_days WHERE day BETWEEN ? AND ? ORDER BY day",
            [.integer(Int(days.lowerBound.daysSinceEpoch)), .integer(Int(days.upperBound.daysSinceEpoch))]
        ) { r, _ -> [ActivityRollup.Entry] in
            guard let d = r.int(0) else { return [] }
            let day = Day(daysSinceEpoch: Int32(d))
            let blob = r.blob(1)
            var out: [ActivityRollup.Entry] = []
            out.reserveCapacity(blob.count / 9)
            try ActivityDayRollup.forEachCell(in: blob) { account, type, n in
                guard let t = ActivityType(index: Int(type)) else { return }
                out.append(.init(day: day, account: account, type: t, count: n))
            }
            return out
        }
        let intentDays = req.intentDays
        async let intentScan = bulkScan(
            // Only indexed columns (intent_kpi covers them); `source` is not read by the KPIs.
            "SELECT signal_id, company_id, observed_on, topic, kind, score FROM intent WHERE observed_on BETWEEN ? AND ?",
            [.day(intentDays.lowerBound), .day(intentDays.upperBound)]
        ) { r, strings in
            guard let kind = IntentKind(rawValue: strings.string(r.bytes(4))) else {
                throw StoreError("stored row has an unknown kind")
            }
            return IntentSignal(
                id: try r.requiredText(0, "signal_id"), companyId: try r.requiredText(1, "company_id"),
                observedOn: try r.requiredDay(2, "observed_on"), topic: strings.string(r.bytes(3)), kind: kind,
                score: r.int(5) ?? 0)
        }
        // Contacts of every company that was ever a target: data quality and sql_count only
        // look at contacts of T (kpis.md §data_quality, §Phase 3).
        async let contactScan = bulkScan(
            """
            SELECT contact_id, company_id, name, email, department, title, role, phone, updated_on FROM contacts
            WHERE company_id IN (SELECT company_id FROM targets) ORDER BY contact_id
            """
        ) { r, strings in
            Contact(
                id: try r.requiredText(0, "contact_id"), companyId: try r.requiredText(1, "company_id"),
                name: r.text(2), email: r.text(3), department: r.isNull(4) ? nil : strings.string(r.bytes(4)),
                title: r.isNull(5) ? nil : strings.string(r.bytes(5)),
                role: r.text(6).flatMap(ContactRole.init(rawValue:)), phone: r.text(7), updatedOn: r.day(8))
        }

        let companyRows = try await companyScan
        var companies: [Company] = []
        companies.reserveCapacity(companyRows.count)
        // company_key is the rowid: dense enough to index an array (−1 = no such company).
        var accountIndex: [Int32] = []
        for (key, company) in companyRows {
            if key >= 0 {
                if key >= accountIndex.count {
                    accountIndex += Array(repeating: -1, count: key + 1 - accountIndex.count)
                }
                accountIndex[key] = Int32(companies.count)
            }
            companies.append(company)
        }
        let targets = try await targets()
        let contacts = try await contactScan
        let perDay = try await dayScan
        var entries: [ActivityRollup.Entry] = []
        entries.reserveCapacity(perDay.reduce(0) { $0 + $1.count })
        for day in perDay { entries += day }
        for i in entries.indices {
            let key = Int(entries[i].account)
            entries[i].account = key < 0 || key >= accountIndex.count ? -1 : accountIndex[key]
        }
        let rollup = ActivityRollup(accountIds: companies.map(\.id), entries: entries)

        let intent = try await intentScan
        let (from, to) = req.instantRange
        let leadStages = try await bulkRead(
            "SELECT * FROM lead_stages WHERE stage = 'sql' AND reached_at BETWEEN ? AND ?",
            [.instant(from), .instant(to)]
        ).map(SQLiteEntityMapping.leadStage)
        let meetings = try await bulkRead(
            "SELECT * FROM meetings WHERE held_at BETWEEN ? AND ?", [.instant(from), .instant(to)]
        ).map(SQLiteEntityMapping.meeting)
        let startText = SQLiteData.day(req.earliestStart), endText = SQLiteData.day(req.latestLastDay)
        let opportunities = try await bulkRead(
            "SELECT * FROM opportunities WHERE created_on BETWEEN ?1 AND ?2 OR closed_on BETWEEN ?1 AND ?2",
            [startText, endText]
        ).map(SQLiteEntityMapping.opportunity)
        // kpis.md §duplicate_rate from the stored match keys: companies sharing a key with another.
        var duplicates = Set<String>()
        for r in try await bulkRead(
            """
            SELECT company_key AS k FROM company_match_keys WHERE (kind, key) IN (
                SELECT kind, key FROM company_match_keys GROUP BY kind, key HAVING count(*) > 1)
            """)
        {
            if let k = r.int("k"), k >= 0, k < accountIndex.count, accountIndex[k] >= 0 {
                duplicates.insert(companies[Int(accountIndex[k])].id)
            }
        }
        return KPIDataset(
            companies: companies, targets: targets, icp: try await icp(), contacts: contacts, activities: rollup,
            intent: intent, leadStages: leadStages, meetings: meetings, opportunities: opportunities,
            contracts: try await contracts(), campaigns: try await campaigns(),
            duplicateCompanyIds: duplicates)
    }
}

/// Whether the workspace file is still in rollback-journal mode for its first load.
final class FirstLoadJournal: @unchecked Sendable {
    var active = false
}

/// The lookups a transaction needs, carried from one transaction to the next.
final class SQLiteLookupCache: @unchecked Sendable {
    struct Maps: Sendable {
        var companyKeys: [String: Int64]
        var contactCompany: [String: String]
    }
    private var maps: Maps?
    private var version = -2

    /// The maps, if no other connection committed since they were kept.
    func take(ifVersion v: Int) -> Maps? {
        defer { maps = nil }
        return v == version ? maps : nil
    }

    func keep(_ m: Maps?, version v: Int) {
        maps = m
        version = v
    }
}
