import KizashiCore
import Testing

/// Issue 24 §4: an experiment report over a small workspace, every figure worked out by hand.
@Suite("Experiment report: groups, differences, intervals, incremental pipeline and ROI")
struct ExperimentAnalysisTests {
    static func day(_ s: String) -> Day { Day(iso: s)! }
    static let period = KPIPeriod(start: day("2026-07-01"), end: day("2026-10-01"))

    /// Treated T1–T4, holdout H1–H2 (and X1, not in the experiment).
    /// - T1: 3 event_attend on L (2026-09-30): raw 36, score 100 × (1 − e^(−36/50)) = 51.3 ≥ 40 → engaged;
    ///   an opportunity of 1,000 created 07-10, won 09-01.
    /// - T2: an open opportunity of 500 created 08-01. H1: an opportunity of 200 created 07-15, lost 08-20.
    /// - X1: a won opportunity of 9,999 (not in the experiment: counts nowhere).
    /// - One ABM campaign of cost 100 over exactly the period: abm_cost 100.
    static func computation() -> KPIComputation {
        let ids = ["T1", "T2", "T3", "T4", "H1", "H2", "X1"]
        let dataset = KPIDataset(
            companies: ids.map { Company(id: $0, name: $0, industry: "SaaS") },
            activities: ActivityRollup(
                accountIds: ["T1"], entries: [.init(day: day("2026-09-30"), account: 0, type: .eventAttend, count: 3)]),
            opportunities: [
                Opportunity(
                    id: "O1", companyId: "T1", createdOn: day("2026-07-10"), amount: 1000, status: .won,
                    closedOn: day("2026-09-01")),
                Opportunity(id: "O2", companyId: "T2", createdOn: day("2026-08-01"), amount: 500, status: .open),
                Opportunity(
                    id: "O3", companyId: "H1", createdOn: day("2026-07-15"), amount: 200, status: .lost,
                    closedOn: day("2026-08-20")),
                Opportunity(
                    id: "O4", companyId: "X1", createdOn: day("2026-07-15"), amount: 9999, status: .won,
                    closedOn: day("2026-08-20")),
            ],
            campaigns: [
                Campaign(
                    id: "K1", name: "ABM", startOn: day("2026-07-01"), endOn: day("2026-09-30"), cost: 100, abm: true)
            ])
        return KPIComputation(dataset: dataset, parameters: ScoringParameters())
    }

    static let experiment = Experiment(
        name: "FY26 H2", population: .icp, share: HoldoutShare(basisPoints: 3300)!, seed: 7, start: day("2026-07-01"),
        createdAt: Instant(millisecondsSinceEpoch: 0),
        accounts: ["T1", "T2", "T3", "T4"].map { ExperimentAccount(companyId: $0, group: .treated, stratum: "s") }
            + ["H1", "H2", "GONE"].map { ExperimentAccount(companyId: $0, group: .holdout, stratum: "s") })

    @Test("group figures")
    func groups() {
        let r = ExperimentAnalysis.report(Self.experiment, computation: Self.computation(), period: Self.period)
        #expect(r.missingAccounts == 1)  // GONE
        #expect(
            r.treated
                == .init(accounts: 4, engaged: 1, withOpportunity: 2, pipeline: 1500, won: 1, closed: 1, revenue: 1000))
        #expect(
            r.holdout
                == .init(accounts: 2, engaged: 0, withOpportunity: 1, pipeline: 200, won: 0, closed: 1, revenue: 0))
        #expect(r.treated.pipelinePerAccount == 375)
        #expect(r.holdout.pipelinePerAccount == 100)
    }

    @Test("differences and intervals")
    func differences() throws {
        let r = ExperimentAnalysis.report(Self.experiment, computation: Self.computation(), period: Self.period)
        func close(_ a: Double?, _ b: Double, _ tol: Double = 1e-8) -> Bool { a.map { abs($0 - b) <= tol } ?? false }
        // Engaged 1/4 − 0/2 = 0.25; Newcombe (statsmodels): [−0.43865690522747447, 0.6993581574175982].
        #expect(close(r.engagedRate.difference, 0.25))
        #expect(close(r.engagedRate.interval?.lower, -0.438_656_905_227_474_47))
        #expect(close(r.engagedRate.interval?.upper, 0.699_358_157_417_598_2))
        // With an opportunity 2/4 − 1/2 = 0, interval symmetric ±0.535609608051411.
        #expect(close(r.opportunityRate.difference, 0))
        #expect(close(r.opportunityRate.interval?.upper, 0.535_609_608_051_411))
        // Win rate 1/1 − 0/1 = 1; [−0.12210872068194178, 1].
        #expect(close(r.winRate.difference, 1))
        #expect(close(r.winRate.interval?.lower, -0.122_108_720_681_941_78))
        // Pipeline per account: [1000, 500, 0, 0] (mean 375, s² = 687500/3) − [200, 0] (mean 100, s² = 20000):
        // d = 275; s²/n = 57291.67 and 10000, se² = 67291.67;
        // ν = 67291.67² / (57291.67²/3 + 10000²/1) = 4.52817e9 / 1.19412e9 = 3.79208;
        // scipy: [−461.07213151581675, 1011.0721315158167].
        #expect(close(r.pipelinePerAccount.difference, 275))
        #expect(close(r.pipelinePerAccount.degreesOfFreedom, 3.792_081_127_252_019_6, 1e-9))
        #expect(close(r.pipelinePerAccount.interval?.lower, -461.072_131_515_816_75, 1e-6))
        #expect(close(r.pipelinePerAccount.interval?.upper, 1011.072_131_515_816_7, 1e-6))
        // Revenue per account: [1000, 0, 0, 0] − [0, 0]: d = 250, s² = 250000, se = √(250000/4) = 250, ν = 3,
        // t(0.975, 3) = 3.182446305 → 250 ± 795.6115763 = [−545.6115763, 1045.6115763].
        #expect(close(r.revenuePerAccount.difference, 250))
        #expect(close(r.revenuePerAccount.interval?.lower, -545.611_576_320_926_9, 1e-6))
        // Incremental pipeline 275 × 4 = 1100 (interval × 4); revenue 250 × 4 = 1000.
        #expect(close(r.incrementalPipeline?.value, 1100))
        #expect(close(r.incrementalPipeline?.interval?.lower, -461.072_131_515_816_75 * 4, 1e-5))
        #expect(close(r.incrementalRevenue?.value, 1000))
        // abm_cost 100 (the campaign lies wholly in the period); ROI (1000 − 100) / 100 = 9; 1100 / 100 = 11.
        #expect(close(r.abmCost, 100))
        #expect(close(r.impliedROI, 9))
        #expect(close(r.incrementalPipelinePerCost, 11))
    }

    @Test("the JSON names every figure and writes null for what cannot be computed")
    func json() {
        let empty = Experiment(
            name: "E", population: .icp, share: HoldoutShare(basisPoints: 2000)!, seed: 1,
            start: Self.day("2026-07-01"),
            createdAt: Instant(millisecondsSinceEpoch: 0), accounts: [])
        let r = ExperimentAnalysis.report(empty, computation: Self.computation(), period: Self.period)
        let j = ExperimentRendering.json(r)
        #expect(j["groups"]?["treated"]?["engaged_rate"] == .null)
        #expect(j["differences"]?["pipeline_per_account"]?["ci95"] == .null)
        #expect(j["implied_roi"] == .null)
        let full = ExperimentRendering.json(
            ExperimentAnalysis.report(Self.experiment, computation: Self.computation(), period: Self.period))
        #expect(full["differences"]?["engaged_rate"]?["method"] == .string("newcombe_hybrid_score"))
        #expect(full["incremental_pipeline"]?["value"] == .number(1100))
    }

    @Test("ICP candidates are stratified by tier of fit and industry")
    func design() throws {
        let companies = [
            Company(id: "A", name: "A", industry: "ＳａａＳ "), Company(id: "B", name: "B", industry: "saas"),
            Company(id: "C", name: "C", industry: "製造"), Company(id: "D", name: "D", industry: "Retail"),
            Company(id: "E", name: "E"),
        ]
        let icp = IdealCustomerProfile(industries: ["SaaS", "製造"])
        let targets = [TargetMembership(companyId: "A", tier: .one, addedOn: Self.day("2026-01-01"))]
        let c = try ExperimentDesign.candidates(
            companies: companies, icp: icp, targets: targets, on: Self.day("2026-06-01"))
        #expect(
            c == [
                .init(companyId: "A", stratum: "tier 1 · saas"), .init(companyId: "B", stratum: "tier none · saas"),
                .init(companyId: "C", stratum: "tier none · 製造"),
            ])
        #expect(throws: ExperimentDesign.Problem.noICP) {
            try ExperimentDesign.candidates(companies: companies, icp: nil, targets: [], on: Self.day("2026-06-01"))
        }
        // 3 accounts at 20 %: every stratum rounds to 0 → no holdout → refused.
        #expect(throws: ExperimentDesign.Problem.tooFewAccounts(3)) {
            try ExperimentDesign.draw(c, share: HoldoutShare(basisPoints: 2000)!, seed: 7)
        }
    }
}
