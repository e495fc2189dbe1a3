/// The workspace versions a store committed, until its change feed hears them back.
///
/// Bounded: a version whose notification never comes back (the LISTEN connection was lost
/// meanwhile; the feed then asks for a full refresh anyway) is forgotten once it is far behind.
struct OwnVersions {
    private var versions: Set<Int64> = []
    /// How far behind the newest a version is kept.
    static let window: Int64 = 4096

    mutating func insert(_ version: Int64) {
        versions.insert(version)
        if versions.count > Int(Self.window) {
            let oldest = version &- Self.window
            versions = versions.filter { $0 > oldest }
        }
    }

    /// Whether `version` was this store's commit (and forgets it).
    mutating func take(_ version: Int64) -> Bool { versions.remove(version) != nil }
}
