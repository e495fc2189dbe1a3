/// Every parameter kpis.md names, with the spec's defaults. Stored in the workspace settings;
/// every KPI output states the values it used (kpis.md §Output `parameters`).
public struct ScoringParameters: Sendable, Equatable {
    public var timeZone: WorkspaceTimeZone = .tokyo
    /// kpis.md §engagement score: default weights.
    public var weights: [ActivityType: Double] = [
        .webVisit: 1, .emailOpen: 1, .emailClick: 3, .contentView: 4, .adClick: 2, .formSubmit: 10, .eventAttend: 12,
    ]
    public var halfLifeDays: Double = 30
    /// Activities with `0 ≤ D − d ≤ windowDays − 1` count (90 → 0…89).
    public var windowDays: Int = 90
    public var scoreScale: Double = 50
    public var engagedThreshold: Double = 40
    public var freshnessDays: Int = 180
    public var surgeMinCurrent: Int = 60
    public var surgeMinDelta: Int = 20
    public var grossMargin: Double = 0.7
    public var lifetimeCapYears: Double = 10
    public var currency: String = "JPY"

    public init() {}

    public func weight(_ type: ActivityType) -> Double { weights[type] ?? 0 }

    /// The settings keys, in the order kpis.md §Output lists them.
    public static let keys: [String] = [
        "time_zone", "weights", "half_life_days", "window_days", "score_scale", "engaged_threshold",
        "freshness_days", "surge_min_current", "surge_min_delta", "gross_margin", "lifetime_cap_years", "currency",
    ]
}
