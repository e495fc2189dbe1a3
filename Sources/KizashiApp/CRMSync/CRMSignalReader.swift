import KizashiCore
import KizashiStore

/// What is written back for each target account, read from the services that compute it —
/// the account list (engagement score and its 7-day change, intent topics: `KPIComputation`),
/// the approach-now list (`DashboardData`'s day ranking and choice, as `approachNowList` — the
/// `now` command and page — orders it) and the journey (`JourneyService.stages`) — never recomputed here.
public struct CRMSignalReader: Sendable {
    public let store: any WorkspaceStore
    public let data: DashboardData

    /// Every target account's signals on `day` whose company `keep` accepts (by company ID),
    /// ordered by company ID, and how many targets there are in all. Reasons are in `language`.
    /// When `keep` accepts none, nothing but the account list is computed.
    public func signals(asOf day: Day, language: Language, keep: (String) -> Bool) async throws
        -> (signals: [CRMAccountSignals], targets: Int)
    {
        let all = try await data.accountList(asOf: day).rows
        let rows = all.filter { keep($0.companyId) }
        guard !rows.isEmpty else { return ([], all.count) }
        // The approach-now list exactly as `approachNowList` ranks it (the day's chosen candidate),
        // without its buying-group gaps: those take two reads per listed account, and the CRM
        // gets none of them.
        async let choice = data.rankingChoice(asOf: day)
        let ranking = try await data.approachRanking(asOf: day)
        let chosen = await choice
        let list = ranking.ranked(by: chosen?.choice, features: chosen?.features ?? [], tier: nil, limit: nil)
        var rank: [String: Int] = [:]
        var reasons: [String: [String]] = [:]
        for (i, e) in list.entries.enumerated() {
            rank[e.account.companyId] = i + 1
            reasons[e.account.companyId] = e.reasons.map { $0.text(language) }
        }
        for e in list.inDeal { reasons[e.account.companyId] = e.reasons.map { $0.text(language) } }
        var stage: [String: JourneyStage] = [:]
        for s in try await JourneyService(store: store).stages(on: day) { stage[s.companyId] = s.stage }
        let signals = rows.map { r in
            CRMAccountSignals(
                companyId: r.companyId, score: r.score, scoreChange7d: r.scoreChange7d, stage: stage[r.companyId],
                approachRank: rank[r.companyId], reasons: reasons[r.companyId] ?? [], intentTopics: r.topTopics)
        }.sorted { $0.companyId.utf8.lexicographicallyPrecedes($1.companyId.utf8) }
        return (signals, all.count)
    }
}
