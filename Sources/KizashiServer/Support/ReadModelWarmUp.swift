import KizashiApp
import KizashiCore
import KizashiStore
import Logging
import Synchronization

/// Loads what the dashboard's default pages read right after a change (an import, a setting, a
/// merge), instead of on the first request after it: issue 23, "a dashboard that never stalls
/// after a change". An import of contacts drops the read model; the first `/now` after it then
/// took 1.1–1.5 s at medium on PostgreSQL (BENCHMARKS.md, fifteenth session). Open dashboards are
/// told of the change when the warm-up is done (`then`), so their refresh finds the pages loaded,
/// and a person opening a page a little later too. A request during the warm-up waits for the
/// same loads (`DashboardData` shares its tasks), never for a second one.
///
/// The pages load at once (the store and this process work on both cores meanwhile). One
/// warm-up at a time, the newest change wins: an older one is cancelled (the loads it started
/// finish and are dropped by the change) and still tells the dashboards when it ends.
actor ReadModelWarmUp {
    private var running: Task<Void, Never>?
    private let logger = Logger(label: "kizashi.readmodel")

    func start(_ pages: [@Sendable () async -> Void], then done: @escaping @Sendable () async -> Void) {
        running?.cancel()
        let previous = running
        let logger = self.logger
        running = Task {
            await previous?.value
            if !Task.isCancelled {
                let started = ContinuousClock.now
                await withTaskGroup(of: Void.self) { group in
                    for page in pages { group.addTask { await page() } }
                }
                logger.info(
                    "read model warmed", metadata: ["ms": "\((ContinuousClock.now - started) / .milliseconds(1))"])
            }
            await done()
        }
    }

    /// The current warm-up, finished (tests).
    func finished() async { await running?.value }

    /// The current warm-up finished, or `limit` passed: an import's response waits so, and means
    /// "the dashboard shows it" (`ServerConfiguration.importWaitsForPages`); the warm-up goes on.
    /// Not a task group: awaiting a task's value does not end on cancellation, so the group
    /// would wait for the warm-up whatever the limit.
    func finished(within limit: Duration) async {
        guard let running else { return }
        let first = FirstOf()
        await withCheckedContinuation { (resume: CheckedContinuation<Void, Never>) in
            first.wait(resume)
            let timer = Task {
                try? await Task.sleep(for: limit)
                first.resume()
            }
            Task {
                await running.value
                timer.cancel()
                first.resume()
            }
        }
    }
}

/// Resumes one waiter once, whichever comes first.
private final class FirstOf: Sendable {
    private let waiter = Mutex<CheckedContinuation<Void, Never>?>(nil)

    func wait(_ c: CheckedContinuation<Void, Never>) { waiter.withLock { $0 = c } }

    func resume() {
        let c = waiter.withLock { w -> CheckedContinuation<Void, Never>? in
            defer { w = nil }
            return w
        }
        c?.resume()
    }
}

extension ServerServices {
    /// Warms the read model for today's default pages, each exactly as its route asks (so the
    /// loads are the ones the pages will share): the overview of the current quarter (also the
    /// API's last full quarter, its previous period), the account list and the approach-now page;
    /// then tells open dashboards. Off (`ServerConfiguration.warmReadModel`), it tells them at once.
    func warmReadModelThenPublish() async {
        let changes = self.changes
        guard configuration.warmReadModel else { return await changes.publish() }
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
        ]) { await changes.publish() }
    }
}

extension ServerServices {
    /// After an import through this server: the read model patched (`activitiesImported`, when
    /// the import only added activities and `mark` is given) or dropped (`changed`), then warmed;
    /// waits up to `importWaitsForPages` for the default pages, so the response means "the
    /// dashboard shows it". Not with a lagging replica: its catching up reloads the pages anyway.
    ///
    /// Call it inside `imports.during`: event batches then keep joining the inbox until the pages
    /// are loaded. Applied at once meanwhile, a batch waited for the loads (a dataset read and an
    /// event write exclude each other, `DashboardData.beginEventWrite`): 6.6–7.6 s answers at
    /// medium on PostgreSQL (`bench/events-during-import`).
    ///
    /// When event batches waited in the inbox during the import, nothing is warmed: the inbox is
    /// applied right after, and a warm-up beside it kept the cores from the batches still
    /// arriving (queued batches answered in 1–2.4 s instead of within 0.25 s). The pages are then
    /// loaded by the first request, as without the warm-up. New batches keep joining the inbox
    /// until it has been applied (`ImportActivity.holdUntilInboxApplied`).
    func importCommitted(wroteData: Bool, addedActivitiesOnly: [Activity]?, since mark: DashboardData.ImportMark?)
        async
    {
        let lagging = store.reportsMayLag
        let waiting: [InboxBatch]
        do { waiting = try await store.inboxBatches(limit: 1) } catch {
            // Taken as empty: the pages are warmed, and the inbox service applies what waits.
            Logger(label: "kizashi.events").error(
                "the event inbox is unreadable after an import", metadata: ["error": "\(error)"])
            waiting = []
        }
        let eventsWaited = !waiting.isEmpty
        if eventsWaited { await imports.holdUntilInboxApplied() }
        if let added = addedActivitiesOnly, let mark, !lagging {
            await activitiesImported(added, since: mark, warm: !eventsWaited)
        } else if wroteData {
            await changed(warm: !eventsWaited)
        }
        if wroteData, !lagging, !eventsWaited { await warmUp.finished(within: configuration.importWaitsForPages) }
    }
}
