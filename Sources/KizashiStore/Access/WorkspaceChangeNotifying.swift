/// A store several servers share tells each of them when any process committed a write, so a
/// server drops its cached read model and open dashboards refresh (issue 5: "visible on the other
/// within 2 s"). An SQLite workspace has one server by design: its feed never yields.
public protocol WorkspaceChangeNotifying: Sendable {
    /// Yields after each committed write transaction of any process (the new change-sequence
    /// number, or −1 after a reconnect, when some notifications may have been missed).
    func workspaceChanges() -> AsyncStream<Int64>
    /// Whether reports and pages read a replica that may lag this store's own writes (`--read-db`).
    /// A read model must then not patch itself from a write it just made (its next reads could
    /// still miss it): it waits for the feed, which follows the replica.
    var reportsMayLag: Bool { get }
}
