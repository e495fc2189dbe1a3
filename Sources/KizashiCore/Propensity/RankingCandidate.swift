/// The ways the approach-now list can be ordered. The list uses whichever ranks best on
/// validation days before the as-of day (`CandidateSelection`); sorting by engagement is always a
/// candidate, so the list can never be worse than it on validation.
public enum RankingCandidate: String, Sendable, CaseIterable, Comparable, Codable, CodingKeyRepresentable {
    /// The engagement score of kpis.md, highest first: the plainest alternative.
    case engagement
    /// The transparent rule score of `ApproachWeights`.
    case rule
    /// L2-regularised logistic regression on the propensity features.
    case logistic
    /// Gradient-boosted decision trees on the same features.
    case gbdt

    /// Selection order: on equal validation figures the earlier (simpler) candidate is kept.
    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var isModel: Bool { self == .logistic || self == .gbdt }

    public func name(_ lang: Language) -> String { L10n.t("now.candidate.\(rawValue)", lang) }
}

/// A trained (or fixed) way to score an account-day's features; higher ranks first.
public enum PropensityScorer: Sendable, Codable {
    case engagement
    case rule
    case logistic(LogisticRegression)
    case gbdt(GradientBoostedTrees)

    public var candidate: RankingCandidate {
        switch self {
        case .engagement: .engagement
        case .rule: .rule
        case .logistic: .logistic
        case .gbdt: .gbdt
        }
    }

    public func score(_ f: PropensityFeatures) -> Double {
        switch self {
        case .engagement: f.values[PropensityFeatures.engagementIndex]
        case .rule: RuleScore.score(f)
        case .logistic(let m): m.logit(f.values)
        case .gbdt(let m): m.rawScore(f.values)
        }
    }

    /// The model's probability of a new opportunity within the horizon; nil for the scores.
    public func probability(_ f: PropensityFeatures) -> Double? {
        switch self {
        case .engagement, .rule: nil
        case .logistic(let m): m.probability(f.values)
        case .gbdt(let m): m.probability(f.values)
        }
    }

    /// Each feature's contribution to the log-odds against an average account (coefficient ×
    /// standardised value, or exact TreeSHAP); nil for the scores, whose points are their factors.
    public func contributions(_ f: PropensityFeatures) -> [Double]? {
        switch self {
        case .engagement, .rule: nil
        case .logistic(let m): m.contributions(f.values)
        case .gbdt(let m): TreeSHAP.contributions(m, f.values)
        }
    }
}
