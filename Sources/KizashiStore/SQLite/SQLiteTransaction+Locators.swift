import KizashiCore

/// Where each account's activities are (ActivityLocators, migration 10): this transaction's
/// entries written as one chunk per account, chunks compacted, and a company's removed.
extension SQLiteTransaction {
    /// Writes this transaction's locator entries: one chunk per account. An account that has
    /// gathered many chunks (event batches write one each) has them merged.
    func writeLocators() throws {
        guard !locatorAdds.isEmpty else { return }
        let firstLoad = activitiesStartedEmpty == true
        for key in locatorAdds.accounts {
            guard let chunk = locatorAdds[key] else { continue }
            try ActivityLocators.insert(chunk, account: Int(key), on: db)
            locatorAdds[key] = nil
            if !firstLoad {
                let n =
                    try db.query("SELECT count(*) AS n FROM activity_locators WHERE account_key = ?", [.integer(key)])
                    .first?.int("n") ?? 0
                if n > ActivityLocators.chunksBeforeCompaction { try compactLocators(account: key) }
            }
        }
    }

    /// The merged locator entries of `account` (stored chunks, then this transaction's).
    func locatedEntries(account: Int64) throws -> [String: Int64] {
        var entries = try ActivityLocators.stored(account: Int(account), on: db)
        if let pending = locatorAdds[account] {
            pending.withUnsafeBytes { ActivityLocators.decode($0, into: &entries) }
        }
        return entries
    }

    /// Merges an account's newest chunks into one, without the entries of rows that are no
    /// longer its. Which chunks: `ActivityLocators.mergeStart(sizes:)`. The big first-load chunk
    /// stays as it is until the newer ones together outgrow it: merging everything each time
    /// re-wrote an account's whole history every 32 event batches (16 % of the server's time
    /// under event load, BENCHMARKS.md).
    func compactLocators(account: Int64) throws {
        let chunks = try db.query(
            "SELECT rowid AS id, length(entries) AS size FROM activity_locators WHERE account_key = ? ORDER BY rowid",
            [.integer(account)])
        let start = ActivityLocators.mergeStart(sizes: chunks.map { $0.int("size") ?? 0 })
        guard start < chunks.count - 1, let first = chunks[start].int("id") else { return }
        var entries: [String: Int64] = [:]
        try db.scan(
            "SELECT entries FROM activity_locators WHERE account_key = ? AND rowid >= ? ORDER BY rowid",
            [.integer(account), .integer(first)]
        ) { ActivityLocators.decode($0.blob(0), into: &entries) }
        var chunk: [UInt8] = []
        for part in Array(entries.keys).chunked(900) {
            for r in try db.query(
                "SELECT activity_id, occurred_at FROM activities WHERE account_key = ? AND activity_id IN (\(placeholders(part.count)))",
                [.integer(account)] + part.map { .text($0) })
            {
                guard let id = r.text("activity_id"), let at = r.int64("occurred_at") else {
                    throw StoreError("a stored activity is unreadable")
                }
                ActivityLocators.append(occurredAt: at, id: id, to: &chunk)
            }
        }
        // The merged chunk gets a rowid above every remaining one, so it still wins over them.
        try db.execute(
            "DELETE FROM activity_locators WHERE account_key = ? AND rowid >= ?",
            [.integer(account), .integer(first)])
        if !chunk.isEmpty { try ActivityLocators.insert(chunk, account: Int(account), on: db) }
    }

    /// Builds the locators of every stored activity (a workspace written before migration 10).
    func backfillLocators() async throws {
        try db.execute("DELETE FROM activity_locators")
        try db.scan("SELECT activity_id, occurred_at, account_key FROM activities WHERE account_key >= 0") { c in
            guard let id = c.text(0), let at = c.int(1), let k = c.int(2) else { return }
            locate(id: id, occurredAt: Int64(at), account: Int64(k))
        }
        activitiesStartedEmpty = true  // nothing to compact: every account gets one chunk
        try writeLocators()
        activitiesStartedEmpty = nil
        try db.execute("DROP TABLE IF EXISTS activity_locators_backfill")
    }

    // MARK: Merges

    /// Deletes a company nothing refers to any more, with its memberships, match keys and locators.
    func deleteCompany(id: String) async throws {
        let key = try db.query("SELECT company_key FROM companies WHERE company_id = ?", [.text(id)]).first?.int64(
            "company_key")
        try db.execute("DELETE FROM targets WHERE company_id = ?", [.text(id)])
        if let key {
            try db.execute("DELETE FROM company_match_keys WHERE company_key = ?", [.integer(key)])
            // Rows still resolved to the company through old contacts (none after a merge) are
            // unresolved; its locators go.
            let ids = Array(try locatedEntries(account: key).keys)
            for chunk in ids.chunked(900) {
                try db.execute(
                    "UPDATE activities SET account_key = -1 WHERE account_key = ? AND activity_id IN (\(placeholders(chunk.count)))",
                    [.integer(key)] + chunk.map { .text($0) })
            }
            try db.execute("DELETE FROM activity_locators WHERE account_key = ?", [.integer(key)])
            locatorAdds[key] = nil
        }
        do {
            try db.execute("DELETE FROM companies WHERE company_id = ?", [.text(id)])
        } catch {
            throw StoreError("company \(id) is still referred to and cannot be deleted: \(error)")
        }
        companyKeys?[id] = nil
        rollups.needsRebuild = true
    }
}
