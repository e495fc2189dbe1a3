/// Computes an experiment's report from the KPI computation of its period (issue 24 §4), with
/// kpis.md's definitions: engaged = score ≥ engaged_threshold on L; an opportunity is created in
/// the period; pipeline = Σ amount of those (an open deal without amount adds 0); win rate =
/// won / (won + lost) over opportunities closed in the period; revenue = Σ amount of the won.
///
/// Groups are compared as assigned (intent to treat): a holdout account that was targeted anyway
/// stays in the holdout, so the difference is never flattered by who was actually reached.
public enum ExperimentAnalysis {
    public static func report(_ experiment: Experiment, computation c: KPIComputation, period: KPIPeriod)
        -> ExperimentReport
    {
        let f = PeriodFigures(c, period)
        let scores = f.score
        var group = [Int8](repeating: -1, count: c.n)  // 0 treated, 1 holdout
        var missing = 0
        for a in experiment.accounts {
            guard let i = c.companyIndex[a.companyId] else {
                missing += 1
                continue
            }
            group[i] = a.group == .treated ? 0 : 1
        }
        var pipeline = [[Double]](repeating: [], count: 2), revenue = [[Double]](repeating: [], count: 2)
        var perPipeline = [Double](repeating: 0, count: c.n), perRevenue = [Double](repeating: 0, count: c.n)
        var hasOpportunity = [Bool](repeating: false, count: c.n)
        var won = [0, 0], closed = [0, 0]
        for o in c.data.opportunities {
            guard let i = c.companyIndex[o.companyId], group[i] >= 0 else { continue }
            if period.start <= o.createdOn && o.createdOn < period.end {
                hasOpportunity[i] = true
                perPipeline[i] += o.amount ?? 0
            }
            if let d = o.closedOn, period.start <= d && d < period.end, o.status != .open {
                closed[Int(group[i])] += 1
                if o.status == .won {
                    won[Int(group[i])] += 1
                    perRevenue[i] += o.amount ?? 0
                }
            }
        }
        var figures = [ExperimentReport.GroupFigures](
            repeating: .init(accounts: 0, engaged: 0, withOpportunity: 0, pipeline: 0, won: 0, closed: 0, revenue: 0),
            count: 2)
        for i in 0..<c.n where group[i] >= 0 {
            let g = Int(group[i])
            figures[g].accounts += 1
            if scores[i] >= c.p.engagedThreshold { figures[g].engaged += 1 }
            if hasOpportunity[i] { figures[g].withOpportunity += 1 }
            figures[g].pipeline += perPipeline[i]
            figures[g].revenue += perRevenue[i]
            pipeline[g].append(perPipeline[i])
            revenue[g].append(perRevenue[i])
        }
        for g in 0..<2 {
            figures[g].won = won[g]
            figures[g].closed = closed[g]
        }
        let t = figures[0], h = figures[1]
        let pipelineDiff = MeanComparison(pipeline[0], minus: pipeline[1])
        let revenueDiff = MeanComparison(revenue[0], minus: revenue[1])
        let incrementalPipeline = pipelineDiff.scaled(by: Double(t.accounts))
        let incrementalRevenue = revenueDiff.scaled(by: Double(t.accounts))
        let cost = f.abmCost
        return ExperimentReport(
            experiment: experiment.name, period: period, treated: t, holdout: h, missingAccounts: missing,
            engagedRate: ProportionComparison(t.engaged, of: t.accounts, minus: h.engaged, of: h.accounts),
            opportunityRate: ProportionComparison(
                t.withOpportunity, of: t.accounts, minus: h.withOpportunity, of: h.accounts),
            winRate: ProportionComparison(t.won, of: t.closed, minus: h.won, of: h.closed),
            pipelinePerAccount: pipelineDiff, revenuePerAccount: revenueDiff,
            incrementalPipeline: incrementalPipeline, incrementalRevenue: incrementalRevenue, abmCost: cost,
            impliedROI: cost > 0 ? incrementalRevenue.map { ($0.value - cost) / cost } : nil,
            incrementalPipelinePerCost: cost > 0 ? incrementalPipeline.map { $0.value / cost } : nil,
            parameters: c.p)
    }
}
