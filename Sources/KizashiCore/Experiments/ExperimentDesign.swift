/// Who an experiment draws from and in which strata (issue 24 §4), pure.
///
/// The population is the ICP accounts on the day the experiment is created. Each is stratified
/// by its tier of fit — the tier of its target row active that day (kpis.md: the latest added_on
/// decides), "none" when it is not on the list — and its industry (NFKC, lower-cased, trimmed;
/// "none" when empty), so both groups hold the same mix of tiers and industries and a difference
/// between them is not one of mix.
public enum ExperimentDesign {
    /// Why a design cannot be drawn.
    public enum Problem: Error, Sendable, Equatable {
        case noICP
        /// Fewer than two ICP accounts, or a share that leaves a group empty.
        case tooFewAccounts(Int)
    }

    public static func candidates(
        companies: [Company], icp: IdealCustomerProfile?, targets: [TargetMembership], on day: Day
    ) throws -> [HoldoutDraw.Candidate] {
        guard let icp else { throw Problem.noICP }
        var tier: [String: TargetMembership] = [:]
        for t in targets where t.isActive(on: day) {
            if let seen = tier[t.companyId], seen.addedOn >= t.addedOn { continue }
            tier[t.companyId] = t
        }
        let matches = ICPMatcher(icp).matches(companies)
        var out: [HoldoutDraw.Candidate] = []
        for (c, m) in zip(companies, matches) where m {
            let industry = c.industry.map(ICPMatcher.text).flatMap { $0.isEmpty ? nil : $0 } ?? "none"
            let t = tier[c.id].map { String($0.tier.rawValue) } ?? "none"
            out.append(.init(companyId: c.id, stratum: "tier \(t) · \(industry)"))
        }
        return out
    }

    /// Every candidate with its group, in company_id order (code points).
    public static func draw(_ candidates: [HoldoutDraw.Candidate], share: HoldoutShare, seed: UInt64) throws
        -> [ExperimentAccount]
    {
        var unique: [String: String] = [:]
        for c in candidates where unique[c.companyId] == nil { unique[c.companyId] = c.stratum }
        let holdout = HoldoutDraw.holdout(of: candidates, share: share, seed: seed)
        guard unique.count >= 2, !holdout.isEmpty, holdout.count < unique.count else {
            throw Problem.tooFewAccounts(unique.count)
        }
        return unique.keys.sorted(by: HoldoutDraw.codePointOrder).map { id in
            ExperimentAccount(companyId: id, group: holdout.contains(id) ? .holdout : .treated, stratum: unique[id]!)
        }
    }
}
