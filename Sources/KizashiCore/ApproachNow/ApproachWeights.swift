/// The weights of the transparent "approach now" rule score. Every factor is scaled to 0…1 and
/// the priority is 100 × Σ weight × factor, so the weights say directly how many points a factor
/// can give. Shown with every list (nothing hidden).
public struct ApproachWeights: Sendable, Equatable {
    public var fit = 0.15
    public var engagement = 0.20
    public var momentum = 0.15
    public var intent = 0.20
    public var committee = 0.15
    public var highIntent = 0.15
    /// Multiplier for accounts with an open opportunity that are not re-engaging: they already
    /// have a salesperson, so BDRs should look elsewhere first.
    public var openPipelineMultiplier = 0.5
    /// A 7-day score rise of at least this many points counts as re-engaging.
    public var reengagingMomentum = 10.0
    /// Days of activity that count as "now" for the committee and high-intent factors.
    public var recentDays = 7

    public init() {}

    public var all: [(factor: ApproachFactor, weight: Double)] {
        [
            (.fit, fit), (.engagement, engagement), (.momentum, momentum), (.intent, intent),
            (.committee, committee), (.highIntent, highIntent),
        ]
    }
}

public enum ApproachFactor: String, Sendable, CaseIterable {
    case fit, engagement, momentum, intent, committee
    case highIntent = "high_intent"

    public func name(_ lang: Language) -> String { L10n.t("now.factor.\(rawValue)", lang) }
}
