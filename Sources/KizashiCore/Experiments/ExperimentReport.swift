/// What `kizashi experiment report` shows (issue 24 §4): per group the accounts and the outcome
/// figures of the period `[start, end)`, and for each figure the difference treated − holdout with
/// its 95 % interval.
public struct ExperimentReport: Sendable, Equatable {
    public var experiment: String
    public var period: KPIPeriod
    public var treated: GroupFigures
    public var holdout: GroupFigures
    /// Experiment accounts no longer in the workspace (merged or deleted): left out of both groups.
    public var missingAccounts: Int
    public var engagedRate: ProportionComparison
    public var opportunityRate: ProportionComparison
    public var winRate: ProportionComparison
    public var pipelinePerAccount: MeanComparison
    public var revenuePerAccount: MeanComparison
    /// (pipeline per treated account − per holdout account) × treated accounts, with the interval
    /// scaled the same way: the pipeline the treatment added, if the holdout shows what it would
    /// have been without it.
    public var incrementalPipeline: MeanComparison.Scaled?
    /// The same for closed-won revenue.
    public var incrementalRevenue: MeanComparison.Scaled?
    /// kpis.md abm_cost over the period.
    public var abmCost: Double
    /// (incremental revenue − abm_cost) / abm_cost: kpis.md's roi with only the revenue the
    /// treatment added (nil without cost).
    public var impliedROI: Double?
    /// incremental pipeline / abm_cost.
    public var incrementalPipelinePerCost: Double?
    public var parameters: ScoringParameters

    public struct GroupFigures: Sendable, Equatable {
        public var accounts: Int
        /// score ≥ engaged_threshold on L.
        public var engaged: Int
        /// Accounts with an opportunity created in the period.
        public var withOpportunity: Int
        public var pipeline: Double
        /// Opportunities closed in the period, won and lost (win rate's numerator and denominator).
        public var won: Int
        public var closed: Int
        public var revenue: Double

        public init(
            accounts: Int, engaged: Int, withOpportunity: Int, pipeline: Double, won: Int, closed: Int, revenue: Double
        ) {
            self.accounts = accounts
            self.engaged = engaged
            self.withOpportunity = withOpportunity
            self.pipeline = pipeline
            self.won = won
            self.closed = closed
            self.revenue = revenue
        }

        public var engagedRate: Double? { ratio(engaged, accounts) }
        public var opportunityRate: Double? { ratio(withOpportunity, accounts) }
        public var winRate: Double? { ratio(won, closed) }
        public var pipelinePerAccount: Double? { accounts > 0 ? pipeline / Double(accounts) : nil }
        public var revenuePerAccount: Double? { accounts > 0 ? revenue / Double(accounts) : nil }

        func ratio(_ a: Int, _ b: Int) -> Double? { b > 0 ? Double(a) / Double(b) : nil }
    }
}

/// p(treated) − p(holdout) with Newcombe's interval.
public struct ProportionComparison: Sendable, Equatable {
    public var treated: Double?
    public var holdout: Double?
    public var difference: Double?
    public var interval: ConfidenceIntervals.Interval?

    public init(_ x1: Int, of n1: Int, minus x2: Int, of n2: Int) {
        treated = n1 > 0 ? Double(x1) / Double(n1) : nil
        holdout = n2 > 0 ? Double(x2) / Double(n2) : nil
        difference = treated.flatMap { a in holdout.map { a - $0 } }
        interval = ConfidenceIntervals.newcombe(x1, of: n1, minus: x2, of: n2)
    }
}

/// mean(treated) − mean(holdout) with Welch's interval.
public struct MeanComparison: Sendable, Equatable {
    public var treated: Double?
    public var holdout: Double?
    public var difference: Double?
    public var interval: ConfidenceIntervals.Interval?
    public var degreesOfFreedom: Double?

    public init(_ a: [Double], minus b: [Double]) {
        treated = a.isEmpty ? nil : ConfidenceIntervals.meanAndVariance(a).mean
        holdout = b.isEmpty ? nil : ConfidenceIntervals.meanAndVariance(b).mean
        difference = treated.flatMap { x in holdout.map { x - $0 } }
        let w = ConfidenceIntervals.welch(a, minus: b)
        interval = w?.interval
        degreesOfFreedom = w?.degreesOfFreedom
    }

    public struct Scaled: Sendable, Equatable {
        public var value: Double
        public var interval: ConfidenceIntervals.Interval?
    }

    /// The difference and its interval times `factor`.
    public func scaled(by factor: Double) -> Scaled? {
        guard let difference else { return nil }
        return Scaled(
            value: difference * factor,
            interval: interval.map { .init(lower: $0.lower * factor, upper: $0.upper * factor) })
    }
}
