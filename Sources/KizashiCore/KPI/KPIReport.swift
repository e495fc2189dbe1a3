/// The KPI report of one period (kpis.md §Output). STUB — replaced by the KPI engine work.
public struct KPIReport: Sendable {
    public var period: KPIPeriod
    public var parameters: ScoringParameters
    /// When set, `kpis` is computed with `T` replaced by that tier's targets.
    public var tier: Tier?
    /// Every key of `KPICatalog.all`, in that order.
    public var kpis: [(key: String, value: KPIValue)]
    public var byTier: [(tier: Tier, kpis: [(key: String, value: KPIValue)])]
    public var funnel: [FunnelStep]
    public var topTopics: [TopicCount]
    public var goals: [GoalAttainment]
    public var bottleneck: Bottleneck?

    public subscript(key: String) -> KPIValue? { kpis.first { $0.key == key }?.value }

    /// The spec's JSON object.
    public func json() -> JSONValue { .object([]) }
}

public struct FunnelStep: Sendable, Equatable {
    public var step: String
    public var count: Int
    public var conversion: KPIValue
    public init(step: String, count: Int, conversion: KPIValue) {
        self.step = step
        self.count = count
        self.conversion = conversion
    }
}

public struct TopicCount: Sendable, Equatable {
    public var topic: String
    public var accounts: Int
    public init(topic: String, accounts: Int) {
        self.topic = topic
        self.accounts = accounts
    }
}

public struct GoalAttainment: Sendable, Equatable {
    public var kpi: String
    public var tier: Tier?
    public var target: Double
    public var actual: KPIValue
    public var attainment: KPIValue
}

public enum Bottleneck: Sendable, Equatable {
    /// The phase holding the KPI with the lowest attainment.
    case byGoals(phase: ABMPhase, kpi: String, attainment: Double)
    /// Without goals: the funnel step whose conversion fell most against the previous period.
    case byFunnel(step: String, conversion: KPIValue, previousConversion: KPIValue, change: Double)
}

public enum KPIEngine {
    /// Computes every KPI of kpis.md for `period`. STUB.
    public static func report(
        dataset: KPIDataset, period: KPIPeriod, parameters: ScoringParameters, tier: Tier? = nil,
        goals: [KPIGoal] = []
    ) -> KPIReport {
        KPIReport(
            period: period, parameters: parameters, tier: tier, kpis: [], byTier: [], funnel: [], topTopics: [],
            goals: [], bottleneck: nil)
    }
}
