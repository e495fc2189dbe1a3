import KizashiCore
import KizashiStore
import Logging

/// The alert rules' input, put together for one round of event batches: scores as of today and
/// yesterday, surging topics, each new activity with its contact's role and whether it is that
/// contact's first engagement (kpis.md scores; the rules themselves are `AlertEvaluation`, Core).
public struct AlertEvaluator: Sendable {
    public let store: any WorkspaceStore
    public let data: DashboardData
    public let now: @Sendable () -> Instant

    /// The candidates for the target accounts `summary` touched, and the rules (for their
    /// cool-down). `isFirstEngagement(contact, batchActivityIds)` says whether a decision maker's
    /// activity is the first of that contact (the caller keeps the contacts it has seen).
    public func candidates(
        for summary: EventIngestSummary,
        isFirstEngagement: (String, [String]) async throws -> Bool
    ) async throws -> ([AlertCandidate], AlertRules) {
        let settings = try await store.settings()
        let rules: AlertRules
        do {
            rules = try AlertRules(settingJSON: settings["alerts.rules"])
        } catch {
            // A stored setting the rules cannot read: alert with the defaults, and say so.
            Logger(label: "kizashi.alerts").warning(
                "alerts.rules is unreadable; using the default rules", metadata: ["error": "\(error)"])
            rules = AlertRules()
        }
        let (p, _) = try await data.parametersAndGoals()
        let today = p.timeZone.day(of: now())
        let c = try await data.computation(for: [KPIPeriod(start: today - 7, end: today + 1)])
        // The rules read score, momentum, tier and name only: the rows come straight from the
        // computation, without the list's engaged-contact and last-activity summaries (a scan of
        // the activities that, reloaded after every ingested batch, took seconds at medium scale).
        let list = AccountList(computation: c, asOf: today, activity: [:], openOpportunities: [])
        let targets = try await store.targets()
        // Everything per account comes from memory (the dataset holds the targets' contacts):
        // under event load each store query would wait behind the ingestion writes.
        var contactsOf: [String: [Contact]] = [:]
        for ct in c.dataset.contacts where summary.touchedCompanies.contains(ct.companyId) {
            contactsOf[ct.companyId, default: []].append(ct)
        }
        var newActivitiesOf: [String: [Activity]] = [:]
        for a in summary.newActivities {
            if let id = a.companyId { newActivitiesOf[id, default: []].append(a) }
        }
        var intentOf: [String: [IntentSignal]] = [:]
        for s in c.dataset.intent where summary.touchedCompanies.contains(s.companyId) {
            intentOf[s.companyId, default: []].append(s)
        }
        // Yesterday's scores in one pass over the roll-ups (per account, a filter of the whole
        // window each: under event load hundreds of accounts a round made that the bottleneck).
        let yesterday = c.engagementScores(asOf: today - 1)
        let membership = try await segmentMembership(rules.segments, on: today, computation: c)
        var out: [AlertCandidate] = []
        for row in list.rows where summary.touchedCompanies.contains(row.companyId) {
            let intent = intentOf[row.companyId] ?? []
            let surgingToday = IntentSurge.topics(of: intent, asOf: today, parameters: p).filter { $0.isSurging(p) }
            let surgingYesterday = Set(
                IntentSurge.topics(of: intent, asOf: today - 1, parameters: p).filter { $0.isSurging(p) }.map(\.topic))
            let contacts = contactsOf[row.companyId] ?? []
            let news = newActivitiesOf[row.companyId] ?? []
            var enriched: [(activity: Activity, role: ContactRole?, contactIsNew: Bool, contactName: String?)] = []
            for a in news {
                let contact = a.contactId.flatMap { id in contacts.first { $0.id == id } }
                var isNew = false
                if let id = a.contactId, contact?.role == .decisionMaker {
                    isNew = try await isFirstEngagement(id, news.map(\.id))
                }
                enriched.append((a, contact?.role, isNew, contact?.name))
            }
            let owner = targets.last { $0.companyId == row.companyId && $0.isActive(on: today) }?.owner
            var state = AlertEvaluation.AccountState(
                row: row, owner: owner, scoreYesterday: c.companyPosition(row.companyId).map { yesterday[$0] } ?? 0,
                surgingToday: surgingToday, surgingYesterday: surgingYesterday, newActivities: enriched)
            state.segments = membership[row.companyId] ?? []
            let found = AlertEvaluation.candidates(state, rules: rules)
            // The owner rides with the alert, so the store routes it to the owner's webhook.
            out += found.map {
                var c = $0
                c.owner = owner
                return c
            }
        }
        return (out, rules)
    }

    /// The segments of `names` each account is a member of on `day` (none read when no rule
    /// names a segment). A segment that no longer exists has no members, and is logged.
    ///
    /// Cost: the facts come from the round's computation (`computation`, already in memory), not
    /// from the accounts list, whose activity scan a change invalidates: under event load a
    /// scoped rule would otherwise rescan the activities every round. Only a rule on the journey
    /// stage or buying-group coverage reads the store.
    func segmentMembership(_ names: Set<String>, on day: Day, computation: KPIComputation) async throws
        -> [String: Set<String>]
    {
        var out: [String: Set<String>] = [:]
        let segments = SegmentService(store: store, data: data, now: now)
        for name in names.sorted() {
            do {
                for m in try await segments.evaluate(name: name, on: day, computation: computation).members {
                    out[m.companyId, default: []].insert(name)
                }
            } catch let r as SegmentService.Refusal {
                Logger(label: "kizashi.alerts").warning(
                    "alerts.rules names a segment that cannot be read; no account is in it",
                    metadata: ["segment": "\(name)", "reason": "\(r.description)"])
            }
        }
        return out
    }
}
