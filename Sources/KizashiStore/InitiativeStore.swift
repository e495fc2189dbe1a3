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

/// The review note of each period and tier (issue 24 §3).
public protocol PeriodReviewStore: Sendable {
    /// The note of exactly this period and tier (nil tier = all tiers), if any.
    func periodReview(_ period: KPIPeriod, tier: Tier?) async throws -> PeriodReview?
    /// Stores the note, replacing the one before; an empty note removes it.
    func setPeriodReview(_ review: PeriodReview) async throws
}
