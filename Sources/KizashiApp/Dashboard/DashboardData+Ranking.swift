import KizashiCore
import KizashiStore
import Logging

/// The day's ranking choice and its background training (issue 20 §4).
extension DashboardData {
    /// The day's ranking (the stored one while valid, `RankingModelService`) and the targets'
    /// features on `day`; nil means the rule score. A failure is logged and the list falls back
    /// to the rule score.
    public func rankingChoice(asOf day: Day) async -> (choice: CandidateChoice, features: [PropensityFeatures])? {
        if choices[day] == nil {
            let parameters: ScoringParameters
            do { parameters = try await parametersAndGoals().0 } catch { return nil }
            if choices[day] == nil {
                choices[day] = Task { try await self.loadChoice(asOf: day, parameters: parameters) }
            }
        }
        do { return try await choices[day]!.value } catch {
            choices[day] = nil
            Logger(label: "kizashi.approach-now").warning(
                "choosing the ranking failed; ranking by the rule score", metadata: ["error": "\(error)"])
            return nil
        }
    }

    private func loadChoice(asOf day: Day, parameters: ScoringParameters) async throws -> (
        choice: CandidateChoice, features: [PropensityFeatures]
    )? {
        let models = RankingModelService(store: store)
        let (stored, verdict) = try await models.usable(asOf: day)
        if let stored, verdict == .reuse {
            return (stored.choice, try await models.features(on: day, parameters: parameters))
        }
        switch training {
        case .inline(let announce):
            announce?(day)
            let trained = try await models.train(asOf: day, parameters: parameters)
            return (trained.choice, try await models.features(on: day, parameters: parameters))
        case .background:
            // Never block a request on a training (issue 20 §4): train in the background and,
            // meanwhile, use the stored ranking if it was validated on days before this one
            // (it is only older), else the rule score.
            trainInBackground(asOf: day, parameters: parameters)
            guard let stored, stored.choice.asOf <= day else { return nil }
            return (stored.choice, try await models.features(on: day, parameters: parameters))
        }
    }

    /// One background training at a time; when it is stored, the day's choice is dropped so the
    /// next request uses it.
    func trainInBackground(asOf day: Day, parameters: ScoringParameters) {
        guard backgroundTraining == nil else { return }
        let store = self.store
        backgroundTraining = Task {
            do {
                try await RankingModelService(store: store).train(asOf: day, parameters: parameters)
            } catch {
                Logger(label: "kizashi.approach-now").warning(
                    "training the ranking failed", metadata: ["error": "\(error)"])
            }
            self.backgroundTrainingEnded(asOf: day)
        }
    }

    private func backgroundTrainingEnded(asOf day: Day) {
        backgroundTraining = nil
        choices[day] = nil
        lists = [:]
    }

    /// Starts a training as of `day` in the background (`POST /api/v1/model/train`), unless one
    /// runs already.
    public func startTraining(asOf day: Day) async throws {
        let (parameters, _) = try await parametersAndGoals()
        trainInBackground(asOf: day, parameters: parameters)
    }

    /// Whether a background training is running.
    public var isTraining: Bool { backgroundTraining != nil }

    /// Waits for a background training in progress (tests, and `serve` shutting down).
    public func waitForTraining() async {
        await backgroundTraining?.value
    }
}
