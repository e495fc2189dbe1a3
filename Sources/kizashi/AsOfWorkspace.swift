import ArgumentParser
import KizashiApp
import KizashiCore
import KizashiStore

/// What `now` and `model` both start from: the workspace opened, its read model and scoring
/// parameters, and the day asked for (`--as-of`, default today in the workspace time zone).
struct AsOfWorkspace {
    let store: any WorkspaceStore
    let data: DashboardData
    let parameters: ScoringParameters
    let day: Day

    /// Opens the workspace, runs `body`, and closes it however `body` ends.
    static func run(
        _ workspace: WorkspaceOptions, asOf: String?, training: RankingTraining = .inline(),
        _ body: (AsOfWorkspace) async throws -> Void
    ) async throws {
        let store: any WorkspaceStore
        do { store = try await workspace.openStore() } catch let e as StoreError {
            throw ValidationError(e.message)
        }
        do {
            let data = DashboardData(store: store, training: training)
            let (p, _) = try await data.parametersAndGoals()
            let day =
                try asOf.map { t -> Day in
                    guard let d = Day(iso: t) else { throw ValidationError("--as-of must be a date YYYY-MM-DD") }
                    return d
                } ?? WorkspaceClock.today(in: p.timeZone)
            try await body(AsOfWorkspace(store: store, data: data, parameters: p, day: day))
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }
}
