import KizashiCore

/// The duplicate-detection keys of the companies a transaction writes (kpis.md §duplicate_rate;
/// CompanyMatchKeys, migration 2).
extension SQLiteTransaction {
    /// Replaces the match keys of these companies.
    ///
    /// When the table was empty at this transaction's first write (a first load), only companies
    /// written earlier in the transaction can have keys to delete: a first load of 100k companies
    /// otherwise ran 100k deletes that found nothing.
    func writeMatchKeys(_ companies: [Company], keys: [String: Int64]) throws {
        if matchKeysStartedEmpty == nil {
            matchKeysStartedEmpty = try db.query("SELECT 1 AS x FROM company_match_keys LIMIT 1").isEmpty
        }
        let keyed = companies.compactMap { c in keys[c.id].map { (key: $0, company: c) } }
        let computed = Self.matchKeys(of: keyed.map(\.company))
        var deletes: [StoredValue] = []
        var rows: [(kind: String, key: String, company: Int64)] = []
        for (i, (k, _)) in keyed.enumerated() {
            if matchKeysStartedEmpty == true {
                if !matchKeysWritten.insert(k).inserted { deletes.append(.integer(k)) }
            } else {
                deletes.append(.integer(k))
            }
            for (kind, key) in computed[i] { rows.append((kind.rawValue, key, k)) }
        }
        try db.executeEach("DELETE FROM company_match_keys WHERE company_key = ?", width: 1, values: deletes)
        // Many rows per statement (`executeGroups`): a key already there is simply skipped.
        _ = try db.executeGroups(
            rows: rows.count, group: Self.rowsPerStatement, allNew: false,
            sql: { EntityMapping.matchKeys.insertNewSQL(rows: $0) }
        ) { i, row in
            row.text(rows[i].kind)
            row.text(rows[i].key)
            row.integer(rows[i].company)
        }
    }

    /// `CompanyMatchKeys.keys` of each company, on both cores for a large batch: the names'
    /// Unicode normalisation was a third of a first load's company writes (perf), while the
    /// parser waits for the writer.
    private static func matchKeys(of companies: [Company]) -> [[(kind: CompanyMatchKeys.Kind, key: String)]] {
        guard companies.count >= 2_000 else { return companies.map(CompanyMatchKeys.keys) }
        return concurrentMap(companies.count, empty: []) { CompanyMatchKeys.keys(of: companies[$0]) }
    }

    /// Fills the match keys of every company (a workspace written before migration 2).
    func backfillMatchKeys() throws {
        var after = ""
        while true {
            let rows = try db.query(
                "SELECT * FROM companies WHERE company_id > ? ORDER BY company_id LIMIT 5000", [.text(after)])
            guard let last = rows.last?.text("company_id") else { break }
            var keys: [String: Int64] = [:]
            var companies: [Company] = []
            for r in rows {
                let company = try EntityMapping.company(r)
                guard let k = r.int64("company_key") else { throw StoreError("company \(company.id) has no key") }
                keys[company.id] = k
                companies.append(company)
            }
            try writeMatchKeys(companies, keys: keys)
            after = last
        }
    }
}
