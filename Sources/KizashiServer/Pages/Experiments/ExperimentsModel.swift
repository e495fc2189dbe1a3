import KizashiApp
import KizashiCore

/// The experiments page without HTML: every experiment, the one chosen (`?name=`, else the
/// newest) and its report up to today (none before its start).
struct ExperimentsModel: Sendable {
    var experiments: [Experiment]
    var chosen: Experiment?
    var report: ExperimentReport?

    static func load(_ service: ExperimentService, name: String?, today: Day) async throws -> ExperimentsModel {
        let all = try await service.list()
        let chosen = name.flatMap { n in all.first { $0.name == n } } ?? all.last
        var report: ExperimentReport?
        if let chosen, chosen.start < today {
            report = try await service.report(named: chosen.name, end: nil, today: today).1
        }
        return ExperimentsModel(experiments: all, chosen: chosen, report: report)
    }
}
