/// The lookups a transaction needs, carried from one transaction to the next (the event API
/// writes many small ones, and loading every company key each time would dominate them).
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
