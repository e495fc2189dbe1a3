import KizashiCore

/// CRM write-back: values last accepted, sealed credentials and the sync log; the same statements
/// on both backends.
extension SQLWorkspaceBackend {
    public func crmSentValues(provider: String, objectType: String) async throws -> [String: [String: String]] {
        var out: [String: [String: String]] = [:]
        for r in try await read(
            """
            SELECT record_id, property, value FROM crm_sent_values
            WHERE provider = \(provider) AND object_type = \(objectType)
            """)
        {
            guard let id = r.text("record_id"), let p = r.text("property"), let v = r.text("value") else {
                throw StoreError("a sent CRM value is unreadable (table crm_sent_values)")
            }
            out[id, default: [:]][p] = v
        }
        return out
    }

    public func recordCRMSentValues(
        provider: String, objectType: String, values: [String: [String: String]], at: Instant
    ) async throws {
        var rows: [[StoredValue]] = []
        for (record, properties) in values.sorted(by: { $0.key < $1.key }) {
            for (p, v) in properties.sorted(by: { $0.key < $1.key }) {
                rows.append([.text(provider), .text(objectType), .text(record), .text(p), .text(v), .instant(at)])
            }
        }
        guard !rows.isEmpty else { return }
        let chunks = rows.chunked(150).map(Array.init)
        try await atomically("the values sent to the CRM were not recorded") { s in
            for chunk in chunks {
                try await s.run(
                    """
                    INSERT INTO crm_sent_values (provider, object_type, record_id, property, value, sent_at)
                    VALUES \(rows: chunk)
                    ON CONFLICT (provider, object_type, record_id, property)
                    DO UPDATE SET value = excluded.value, sent_at = excluded.sent_at
                    """)
            }
        }
    }

    public func linkCRMRecords(provider: String, objectType: String, links: [String: String], at: Instant)
        async throws
    {
        let rows: [[StoredValue]] = links.sorted { $0.key < $1.key }.map {
            [.text(provider), .text(objectType), .text($0.key), .text($0.value), .instant(at)]
        }
        guard !rows.isEmpty else { return }
        let chunks = rows.chunked(150).map(Array.init)
        try await atomically("the matched CRM records were not recorded") { s in
            for chunk in chunks {
                try await s.run(
                    """
                    INSERT INTO crm_record_links (provider, object_type, record_id, company_id, linked_at)
                    VALUES \(rows: chunk)
                    ON CONFLICT (provider, object_type, record_id)
                    DO UPDATE SET company_id = excluded.company_id, linked_at = excluded.linked_at
                    """)
            }
        }
    }

    public func crmRecordLinks(provider: String, objectType: String) async throws -> [String: String] {
        var out: [String: String] = [:]
        for r in try await read(
            """
            SELECT record_id, company_id FROM crm_record_links
            WHERE provider = \(provider) AND object_type = \(objectType)
            """)
        {
            guard let id = r.text("record_id"), let company = r.text("company_id") else {
                throw StoreError("a matched CRM record is unreadable (table crm_record_links)")
            }
            out[id] = company
        }
        return out
    }

    public func crmCredential(provider: String) async throws -> String? {
        try await read("SELECT sealed FROM crm_credentials WHERE provider = \(provider)").first?.text("sealed")
    }

    public func setCRMCredential(provider: String, sealed: String?, at: Instant) async throws {
        if let sealed {
            _ = try await write(
                """
                INSERT INTO crm_credentials (provider, sealed, updated_at) VALUES (\(provider), \(sealed), \(at))
                ON CONFLICT (provider) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at
                """)
        } else {
            _ = try await write("DELETE FROM crm_credentials WHERE provider = \(provider)")
        }
    }

    @discardableResult
    public func recordCRMSyncRun(_ run: CRMSyncRun) async throws -> CRMSyncRun {
        try await atomically("the CRM sync run was not logged") { s in
            guard
                let id = try await s.rows(
                    """
                    INSERT INTO crm_sync_runs (provider, started_at, finished_at, status, records_changed,
                        records_sent, records_failed, message)
                    VALUES (\(run.provider), \(run.startedAt), \(run.finishedAt), \(run.status.rawValue),
                        \(run.recordsChanged), \(run.recordsSent), \(run.recordsFailed), \(run.message))
                    RETURNING run_id
                    """
                ).first?.int64("run_id")
            else { throw StoreError("the CRM sync run was not logged") }
            let rows: [[StoredValue]] = run.failures.map {
                [.integer(id), .text($0.objectType), .text($0.recordId), .text($0.error)]
            }
            for chunk in rows.chunked(200) {
                try await s.run(
                    """
                    INSERT INTO crm_sync_failures (run_id, object_type, record_id, error) VALUES \(rows: Array(chunk))
                    ON CONFLICT (run_id, object_type, record_id) DO NOTHING
                    """)
            }
            var stored = run
            stored.id = id
            return stored
        }
    }

    public func crmSyncRuns(limit: Int) async throws -> [CRMSyncRun] {
        var runs = try await read("SELECT * FROM crm_sync_runs ORDER BY run_id DESC LIMIT \(max(0, limit))").map(
            Self.crmSyncRun)
        guard let oldest = runs.last?.id else { return runs }
        var failures: [Int64: [CRMSyncFailure]] = [:]
        for r in try await read(
            "SELECT * FROM crm_sync_failures WHERE run_id >= \(oldest) ORDER BY run_id, object_type, record_id")
        {
            guard let id = r.int64("run_id"), let o = r.text("object_type"), let rec = r.text("record_id"),
                let e = r.text("error")
            else { throw StoreError("a CRM sync failure is unreadable (table crm_sync_failures)") }
            failures[id, default: []].append(CRMSyncFailure(objectType: o, recordId: rec, error: e))
        }
        for i in runs.indices { runs[i].failures = failures[runs[i].id] ?? [] }
        return runs
    }

    static func crmSyncRun(_ r: StoredRecord) throws -> CRMSyncRun {
        guard let id = r.int64("run_id"), let provider = r.text("provider"), let started = r.int64("started_at"),
            let finished = r.int64("finished_at"),
            let status = r.text("status").flatMap(CRMSyncRun.Status.init(rawValue:)),
            let changed = r.int("records_changed"), let sent = r.int("records_sent"),
            let failed = r.int("records_failed")
        else { throw StoreError("a CRM sync run is unreadable (table crm_sync_runs)") }
        return CRMSyncRun(
            id: id, provider: provider, startedAt: Instant(millisecondsSinceEpoch: started),
            finishedAt: Instant(millisecondsSinceEpoch: finished), status: status, recordsChanged: changed,
            recordsSent: sent, recordsFailed: failed, message: r.text("message"), failures: [])
    }
}
