import KizashiApp
import KizashiCore

/// Loads what the dashboard's default pages read right after a change (an import, a setting, a
/// merge), instead of on the first request after it: issue 23, "a dashboard that never stalls
/// after a change". An import of contacts drops the read model; the first `/now` after it then
/// took 1.1 s at medium on PostgreSQL (BENCHMARKS.md, fifteenth session), while a person opening
/// the page a second or two later now finds it loaded. A request that comes during the warm-up
/// waits for the same loads (`DashboardData` shares its tasks), never for a second one.
///
/// One at a time, the newest change wins: a warm-up started before another change is cancelled
/// between its steps (the loads it started finish and are dropped by the change).
actor ReadModelWarmUp {
    private var running: Task<Void, Never>?

    func start(_ steps: [@Sendable () async -> Void]) {
        running?.cancel()
        let previous = running
        running = Task {
            // After the cancelled one's current step: two warm-ups would share the cores.
            await previous?.value
            for step in steps {
                if Task.isCancelled { return }
                await step()
            }
        }
    }

    /// The current warm-up, finished (tests).
    func finished() async { await running?.value }
}

extension ServerServices {
    /// Warms the read model for today's default pages, in the order a person most often opens
    /// them, each exactly as its route asks (so the loads are the ones the pages will share):
    /// the overview of the current quarter (also the API's last full quarter, its previous
    /// period), the account list, then the approach-now page. Off with
    /// `ServerConfiguration.warmReadModel`.
    func warmReadModel() async {
        guard configuration.warmReadModel else { return }
        let services = self
        await warmUp.start([
            {
                guard let today = try? await services.today() else { return }
                let picker = PeriodPicker(period: KPIPeriod.currentQuarter(of: today), tier: nil)
                _ = try? await PageRoutes.overview(services: services, picker: picker)
            },
            {
                guard let today = try? await services.today() else { return }
                _ = try? await services.data.accountList(asOf: today)
            },
            {
                guard let today = try? await services.today() else { return }
                _ = try? await services.data.approachNowList(
                    asOf: today, tier: nil, limit: MorePageRoutes.nowPageLength)
            },
        ])
    }
}
