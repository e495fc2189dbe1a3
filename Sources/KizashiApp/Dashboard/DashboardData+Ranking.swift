import KizashiCore
import KizashiStore
import Logging

/// The day's ranking choice and its background training (issue 20 §4).
extension DashboardData {
    /// The day's ranking (the stored one while valid, `RankingModelService`) and the targets'
    /// features on `day`; nil means the rule score. A failure is logged and the list falls back
    /// to the rule score.
    public func rankingChoice(asOf day: Day) async -> RankingChoice? {
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

    /// Reads every kept day's choice again in the background, after a change to the activities
    /// its features count (an import), once no other change came for `choiceRefreshDelay`.
    /// Meanwhile the kept one ranks the lists: reading the features is most of `/now` after an
    /// import (170 ms of 320 at medium, BENCHMARKS.md), so a page never waits for it, and a
    /// series of imports reads them once. When the fresh one is in, the lists are made again
    /// with it; a change while it was read starts another read.
    func refreshChoices() {
        choiceVersion += 1
        let version = choiceVersion
        let delay = Self.choiceRefreshDelay
        Task {
            try? await Task.sleep(for: delay)
            self.refreshIfQuiet(version)
        }
    }

    /// How long after the last import the day's features are read again.
    static let choiceRefreshDelay: Duration = .seconds(1)

    private func refreshIfQuiet(_ version: Int) {
        // A later change scheduled its own.
        guard version == choiceVersion else { return }
        for day in choices.keys where !refreshingChoices.contains(day) { refreshChoice(asOf: day) }
    }

    private func refreshChoice(asOf day: Day) {
        refreshingChoices.insert(day)
        let version = choiceVersion
        Task {
            var fresh: Result<RankingChoice?, any Error>
            do {
                let parameters = try await self.parametersAndGoals().0
                fresh = .success(try await self.loadChoice(asOf: day, parameters: parameters))
            } catch {
                fresh = .failure(error)
            }
            self.choiceRefreshed(asOf: day, version: version, fresh)
        }
    }

    private func choiceRefreshed(
        asOf day: Day, version: Int,
        _ fresh: Result<RankingChoice?, any Error>
    ) {
        refreshingChoices.remove(day)
        // Dropped meanwhile (`invalidate`): the next request reads it.
        guard choices[day] != nil else { return }
        guard version == choiceVersion else { return refreshChoice(asOf: day) }
        switch fresh {
        case .success(let value): choices[day] = Task { value }
        // Read again (and the failure logged) on the next request.
        case .failure: choices[day] = nil
        }
        lists = [:]
    }

    private func loadChoice(asOf day: Day, parameters: ScoringParameters) async throws -> RankingChoice? {
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
