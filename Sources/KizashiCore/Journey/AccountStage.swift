/// One target account's stage on a day.
public struct AccountStage: Sendable, Equatable {
    public var companyId: String
    public var tier: Tier
    public var stage: JourneyStage

    public init(companyId: String, tier: Tier, stage: JourneyStage) {
        self.companyId = companyId
        self.tier = tier
        self.stage = stage
    }

    /// Every target's stage on `day`, ordered by company ID (code points).
    public static func list(_ c: JourneyComputation, on day: Day) -> [AccountStage] {
        let tiers = c.tiers(on: day)
        let stages = c.stages(on: day, tiers: tiers)
        var out: [AccountStage] = []
        for i in c.companyIds.indices {
            guard let s = stages[i], let t = Tier(rawValue: Int(tiers[i])) else { continue }
            out.append(AccountStage(companyId: c.companyIds[i], tier: t, stage: s))
        }
        return out.sorted { $0.companyId.unicodeScalars.lexicographicallyPrecedes($1.companyId.unicodeScalars) }
    }
}
