import Foundation
import KizashiCore
import KizashiStore
import Logging

/// Train once, use all day (issue 20 §4): the approach-now ranking is chosen and fitted by
/// `BacktestService.choose` (validation days strictly before the as-of day), stored in the
/// workspace, and reused by `kizashi now`, the page and the API until `TrainedRanking.reuse` says
/// the data, the settings or the day moved on. Using it needs only the features of one day, read
/// from a short window of history instead of the year the training reads.
public struct RankingModelService: Sendable {
    public let store: any WorkspaceStore
    public let now: @Sendable () -> Instant

    public init(store: any WorkspaceStore, now: @escaping @Sendable () -> Instant = WorkspaceClock.now) {
        self.store = store
        self.now = now
    }

    /// What a training would learn from, as it stands now.
    public func fingerprint() async throws -> TrainingFingerprint {
        var settings = try await store.settings()
        if let icp = try await store.icp() {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            settings["icp"] = String(decoding: try encoder.encode(icp), as: UTF8.self)
        }
        let counts = try await store.counts(of: [.companies, .contacts, .targets])
        return TrainingFingerprint(
            settings: settings, companies: counts[.companies] ?? 0, contacts: counts[.contacts] ?? 0,
            targets: counts[.targets] ?? 0, opportunities: try await store.opportunities())
    }

    /// The stored ranking. A body this version cannot read (written by a newer or broken build)
    /// counts as none — it is retrained, never misread — and is logged.
    public func stored() async throws -> TrainedRanking? {
        guard let row = try await store.rankingModel() else { return nil }
        do {
            return try Self.decoder.decode(TrainedRanking.self, from: Data(row.body.utf8))
        } catch {
            Self.logger.warning(
                "the stored ranking cannot be read; it will be retrained", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Chooses and fits the ranking as of `day` and stores it.
    @discardableResult
    public func train(asOf day: Day, parameters: ScoringParameters) async throws -> TrainedRanking {
        let fingerprint = try await fingerprint()
        let (choice, _) = try await BacktestService(store: store).choose(asOf: day, parameters: parameters)
        let trained = TrainedRanking(trainedAt: now(), fingerprint: fingerprint, choice: choice)
        let body = String(decoding: try Self.encoder.encode(trained), as: UTF8.self)
        try await store.saveRankingModel(
            StoredRankingModel(
                trainedAt: trained.trainedAt, asOf: day, fingerprint: fingerprint.description, body: body))
        return trained
    }

    /// The stored ranking if it may order the list of `day`, else why not.
    public func usable(asOf day: Day) async throws -> (TrainedRanking?, TrainedRanking.Reuse) {
        guard let stored = try await stored() else { return (nil, .retrain(.dataChanged)) }
        return (stored, stored.reuse(asOf: day, fingerprint: try await fingerprint()))
    }

    /// The ranking for `day`: the stored one when still valid, else trained now and stored.
    public func ranking(asOf day: Day, parameters: ScoringParameters) async throws -> (
        ranking: TrainedRanking, trainedNow: Bool
    ) {
        let (stored, verdict) = try await usable(asOf: day)
        if let stored, verdict == .reuse { return (stored, false) }
        return (try await train(asOf: day, parameters: parameters), true)
    }

    /// Every target's features on `day`, from the history the features look back over.
    public func features(on day: Day, parameters: ScoringParameters) async throws -> [PropensityFeatures] {
        try await BacktestService(store: store).features(on: day, parameters: parameters)
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        // Trees' thresholds and a model's figures may be infinite or undefined (an empty day).
        e.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }()

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }()

    static let logger = Logger(label: "kizashi.ranking-model")
}
