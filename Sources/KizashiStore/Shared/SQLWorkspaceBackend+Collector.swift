import KizashiCore

/// The /t.js tag's site keys and the IP-range table: the same statements on both backends.
extension SQLWorkspaceBackend {
    public func siteKeys() async throws -> [(key: String, name: String, active: Bool)] {
        try await read("SELECT * FROM site_keys ORDER BY created_at, site_key").compactMap { r in
            guard let k = r.text("site_key"), let n = r.text("name") else { return nil }
            return (k, n, (r.int("active") ?? 0) != 0)
        }
    }

    public func createSiteKey(name: String, key: String, now: Instant) async throws {
        _ = try await write("INSERT INTO site_keys (site_key, name, created_at) VALUES (\(key), \(name), \(now))")
    }

    public func isActiveSiteKey(_ key: String) async throws -> Bool {
        !(try await read("SELECT 1 AS x FROM site_keys WHERE site_key = \(key) AND active = 1").isEmpty)
    }

    public func setSiteKey(_ key: String, active: Bool) async throws -> Bool {
        try await atomically("the site key was not changed") { s in
            !(try await s.rows(
                "UPDATE site_keys SET active = \(active ? 1 : 0) WHERE site_key = \(key) RETURNING site_key")).isEmpty
        }
    }

    /// In the workspace's write transaction: the event API resolves addresses inside its own.
    public func replaceIPRanges(_ ranges: [(range: IPAddressRange, cidr: String, companyId: String)]) async throws {
        try await withTransaction(referencesChecked: false) { tx in try await tx.replaceIPRanges(ranges) }
    }

    public func ipRangeCount() async throws -> Int {
        try await read("SELECT count(*) AS n FROM ip_ranges").first?.int("n") ?? 0
    }
}
