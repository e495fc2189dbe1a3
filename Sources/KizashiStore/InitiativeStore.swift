import KizashiCore

/// The initiative log (施策ログ, issue 24 §3).
public protocol InitiativeStore: Sendable {
    /// Every initiative, by day, then in the order they were added.
    func initiatives() async throws -> [Initiative]
    /// Stores `initiative` and returns it with its number.
    func addInitiative(_ initiative: Initiative) async throws -> Initiative
    /// False when no initiative has that number.
    func removeInitiative(id: Int64) async throws -> Bool
}
