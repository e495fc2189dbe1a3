import KizashiCore

/// The approach-now ranking trained for the workspace (issue 20 §4), kept so `kizashi now`, the
/// page and the API reuse it instead of retraining on every call. One per workspace: a new
/// training replaces it. The store keeps the body opaque (the service's JSON); the as-of day and
/// the fingerprint sit beside it so `kizashi model show` can say what it is without decoding.
public protocol RankingModelStore: Sendable {
    /// The stored ranking, or nil before the first training.
    func rankingModel() async throws -> StoredRankingModel?
    /// Stores `model`, replacing the one before.
    func saveRankingModel(_ model: StoredRankingModel) async throws
}

public struct StoredRankingModel: Sendable, Equatable {
    public var trainedAt: Instant
    public var asOf: Day
    public var fingerprint: String
    public var body: String

    public init(trainedAt: Instant, asOf: Day, fingerprint: String, body: String) {
        self.trainedAt = trainedAt
        self.asOf = asOf
        self.fingerprint = fingerprint
        self.body = body
    }
}
