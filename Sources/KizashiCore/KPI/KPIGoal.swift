/// A KPI target (目標) for one period, for the whole target set (`tier == nil`) or one tier.
public struct KPIGoal: Sendable, Equatable {
    public var kpi: String
    public var period: KPIPeriod
    public var tier: Tier?
    public var value: Double

    public init(kpi: String, period: KPIPeriod, tier: Tier? = nil, value: Double) {
        self.kpi = kpi
        self.period = period
        self.tier = tier
        self.value = value
    }
}
