import KizashiCore

/// The owner route map (issue 27 §3): which webhook and addresses get an account owner's alerts
/// and reviews. Keyed by `OwnerRoute.key` of the owner's name, so "Emily Clark" and
/// "emily clark " are one route.
public protocol OwnerRouteStore: Sendable {
    /// Every route, by owner key.
    func ownerRoutes() async throws -> [OwnerRoute]
    /// Adds or replaces the route of `route.owner` (already validated by the App).
    func setOwnerRoute(_ route: OwnerRoute, now: Instant) async throws
    /// Removes the owner's route; false when there was none.
    func removeOwnerRoute(owner: String) async throws -> Bool
}
