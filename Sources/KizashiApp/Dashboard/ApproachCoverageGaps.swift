import KizashiCore
import KizashiStore

/// The listed accounts' buying-group inputs on one day: their contacts, and which of them were
/// active in the score window. Kept across event batches (issue 23: reading them for every
/// listed account was 50–80 ms of each `/now` after a batch on PostgreSQL at medium): a batch
/// cannot change contacts, and only adds activities, so an account's active contacts after it are
/// the ones before plus the batch's contacts of that account on a day in the window. Any other
/// change drops them (`invalidate`, `importCommitted`).
struct CoverageInputs {
    let day: Day
    let window: ClosedRange<Day>
    let timeZone: WorkspaceTimeZone
    var contacts: [String: [Contact]] = [:]
    var active: [String: Set<String>] = [:]
    /// Accounts whose inputs are here.
    var known: Set<String> = []

    /// Accounts kept at most; beyond, the inputs start again.
    static let maxAccounts = 5_000

    /// An event batch's activities added to the kept accounts' active contacts.
    mutating func add(_ activities: [Activity]) {
        for a in activities {
            guard let company = a.companyId, known.contains(company), let contact = a.contactId,
                window.contains(timeZone.day(of: a.occurredAt))
            else { continue }
            active[company, default: []].insert(contact)
        }
    }
}

extension DashboardData {
    /// Each listed account's buying-group gaps on `day` (issue 26 §3: "no one from 情報システム部
    /// engaged yet" on the approach-now list), as the account page computes them
    /// (`BuyingGroupCoverage.account`). Only the listed entries are read — their contacts, and
    /// which of them were active in the score window, in two reads for the accounts not kept
    /// (`CoverageInputs`) — so the list stays as fast as before for the rest of the workspace.
    func withCoverageGaps(_ list: RankedApproachList, day: Day) async throws -> RankedApproachList {
        let rules = BuyingGroupRules(settings: try await store.settings())
        let (p, _) = try await parametersAndGoals()
        let window = (day - (max(p.windowDays, 1) - 1))...day
        let accounts = (list.entries + list.inDeal).map { ($0.account.companyId, $0.account.tier) }
        let started = generation
        var inputs =
            coverageInputs.flatMap { $0.day == day && $0.window == window ? $0 : nil }
            ?? CoverageInputs(day: day, window: window, timeZone: p.timeZone)
        let unread = Array(Set(accounts.map(\.0)).subtracting(inputs.known)).sorted()
        if !unread.isEmpty {
            async let engaged = store.contactActivityCounts(companyIds: unread, days: window)
            let contacts = try await store.contacts(companyIds: unread)
            let active = try await engaged
            // Kept only if nothing changed during the reads (a batch committed meanwhile may or
            // may not be in them); answered either way.
            if started == generation, let kept = coverageInputs, kept.day == day, kept.window == window {
                inputs = kept
            }
            if inputs.known.count + unread.count > CoverageInputs.maxAccounts {
                inputs = CoverageInputs(day: day, window: window, timeZone: p.timeZone)
            }
            for id in unread {
                inputs.contacts[id] = contacts[id] ?? []
                inputs.active[id] = Set((active[id] ?? [:]).keys)
                inputs.known.insert(id)
            }
            if started == generation { coverageInputs = inputs }
        }
        var gaps: [String: [BuyingGroupRules.Requirement]] = [:]
        for (id, tier) in accounts {
            let coverage = BuyingGroupCoverage.account(
                companyId: id, tier: tier, contacts: inputs.contacts[id] ?? [], engaged: inputs.active[id] ?? [],
                rules: rules)
            gaps[id] = coverage.missing.map(\.requirement)
        }
        var out = list
        for i in out.entries.indices { out.entries[i].coverageGaps = gaps[out.entries[i].account.companyId] ?? [] }
        for i in out.inDeal.indices { out.inDeal[i].coverageGaps = gaps[out.inDeal[i].account.companyId] ?? [] }
        return out
    }
}
