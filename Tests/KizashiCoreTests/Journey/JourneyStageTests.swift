import KizashiCore
import Testing

/// docs/journeys.md §Stages on the hand-worked fixture (`JourneyFixture`, every expectation
/// worked from the rules, not read from the code).
@Suite("Journey stages (hand-worked)")
struct JourneyStageTests {
    typealias F = JourneyFixture

    func stages(_ c: JourneyComputation, _ day: String) -> [String: JourneyStage?] {
        Dictionary(uniqueKeysWithValues: zip(F.ids, c.stages(on: F.d(day))))
    }

    @Test("stages on 2026-06-30, 07-05 and 07-10")
    func stagesOnDays() {
        let c = F.computation()
        // 06-30: A no activity → target; B visit 04-05 in [04-02, 06-30] → aware; C visit 06-01
        // → aware; D deal not yet created → target; E not a target yet → none; F active contract
        // → customer; G forms 06-28, raw 30·0.5^(2/30) = 28.65 ≥ 25.541 → engaged; H, I nothing
        // yet → target.
        let s0 = stages(c, "2026-06-30")
        #expect(s0["A"] == .target)
        #expect(s0["B"] == .aware)
        #expect(s0["C"] == .aware)
        #expect(s0["D"] == .target)
        #expect(s0["E"] == .some(nil))
        #expect(s0["F"] == .customer)
        #expect(s0["G"] == .engaged)
        #expect(s0["H"] == .target)
        #expect(s0["I"] == .target)
        // 07-05: B forms 07-03, raw 30·0.5^(2/30) → engaged; C meeting today → qualified (its
        // score ≈ 0.5: qualified without being engaged, the furthest rule wins); D open deal;
        // E target since 07-04, deal open 06-01 … 07-07 → opportunity; F removed 07-06, still
        // active → customer; G 30·0.5^(7/30) = 25.520 < 25.541 → aware; H → target; I visit
        // 07-02 → aware.
        let s5 = stages(c, "2026-07-05")
        #expect(s5["A"] == .target)
        #expect(s5["B"] == .engaged)
        #expect(s5["C"] == .qualified)
        #expect(s5["D"] == .opportunity)
        #expect(s5["E"] == .opportunity)
        #expect(s5["F"] == .customer)
        #expect(s5["G"] == .aware)
        #expect(s5["H"] == .target)
        #expect(s5["I"] == .aware)
        // 07-10: B raw 30·0.5^(7/30) = 25.520 → aware; C meeting 5 days ago → qualified; E won
        // 07-08 (within 365 days) → customer; F removed → none; G decision maker visited 07-07 →
        // qualified; H SQL at 07-08 15:30 UTC = 07-09 JST → qualified; I forms 07-06:
        // 30·0.5^(4/30) + 0.5^(8/30) = 28.18 → engaged.
        let s10 = stages(c, "2026-07-10")
        #expect(s10["A"] == .target)
        #expect(s10["B"] == .aware)
        #expect(s10["C"] == .qualified)
        #expect(s10["D"] == .opportunity)
        #expect(s10["E"] == .customer)
        #expect(s10["F"] == .some(nil))
        #expect(s10["G"] == .qualified)
        #expect(s10["H"] == .qualified)
        #expect(s10["I"] == .engaged)
        // H on 07-08: only the influencer's visit → aware (an influencer does not qualify); the
        // SQL is on local day 07-09, not 07-08 (UTC).
        #expect(stages(c, "2026-07-08")["H"] == .aware)
    }

    @Test("the rules follow the journey.* settings")
    func configuredRules() {
        // Only SQLs qualify: C's meeting and G's decision maker no longer do; H's SQL still does.
        let sqlOnly = F.computation(settings: ["journey.qualified_signals": "sql"])
        #expect(stages(sqlOnly, "2026-07-05")["C"] == .aware)
        #expect(stages(sqlOnly, "2026-07-10")["G"] == .aware)
        #expect(stages(sqlOnly, "2026-07-10")["H"] == .qualified)
        // Won deals do not make customers: E on 07-10 is back to its touch, a visit 07-01 → aware.
        let contractsOnly = F.computation(settings: ["journey.customer_won_days": "0"])
        #expect(stages(contractsOnly, "2026-07-10")["E"] == .aware)
        // An aware window of 5 days: C's visit of 06-01 is too old on 06-30 → target.
        let shortAware = F.computation(settings: ["journey.aware_window_days": "5"])
        #expect(stages(shortAware, "2026-06-30")["C"] == .target)
        // Engaged at 43: G on 06-30 has raw 30·0.5^(2/30) = 28.645, score 100·(1 − e^(−28.645/50))
        // = 43.61 ≥ 43; on 07-01 raw 30·0.5^(3/30) = 27.991, score 42.87 < 43 → aware.
        let higher = F.computation(settings: ["journey.engaged_threshold": "43"])
        #expect(stages(higher, "2026-06-30")["G"] == .engaged)
        #expect(stages(higher, "2026-07-01")["G"] == .aware)
        // Invalid stored values fall back to the defaults (a report never fails on a setting).
        let bad = F.computation(settings: ["journey.aware_window_days": "-3", "journey.qualified_signals": "sql,sql"])
        #expect(bad.rules == JourneyRules(parameters: ScoringParameters()))
    }

    @Test("settings are validated and listed")
    func settingsValidation() throws {
        #expect(throws: WorkspaceSettings.InvalidSetting.self) {
            try WorkspaceSettings.validate(key: "journey.aware_window_days", value: "0")
        }
        #expect(throws: WorkspaceSettings.InvalidSetting.self) {
            try WorkspaceSettings.validate(key: "journey.qualified_signals", value: "sql,demo")
        }
        #expect(throws: WorkspaceSettings.InvalidSetting.self) {
            try WorkspaceSettings.validate(key: "journey.name.aware", value: "a\u{7}b")
        }
        #expect(try WorkspaceSettings.validate(key: "journey.name.aware", value: " 認知済み ") == "認知済み")
        #expect(try WorkspaceSettings.validate(key: "journey.customer_won_days", value: "0") == "0")
        let shown = try WorkspaceSettings.describe(["journey.name.aware": "認知済み", "window_days": "60"])
        let value = Dictionary(shown.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        // Unset windows follow window_days.
        #expect(value["journey.aware_window_days"] == "60")
        #expect(value["journey.qualified_window_days"] == "60")
        #expect(value["journey.engaged_threshold"] == "40")
        #expect(value["journey.name.aware"] == "認知済み")
        #expect(
            L10n.stageName(
                .aware, rules: JourneyRules(settings: ["journey.name.aware": "認知済み"], parameters: ScoringParameters()),
                .en) == "認知済み")
        #expect(L10n.stageName(.aware, rules: JourneyRules(), .ja) == "認知")
    }

    @Test("stage history of one account")
    func history() {
        let c = F.computation()
        let t = c.timeline(F.d("2026-06-30")...F.d("2026-07-10"))
        let b = t.history(of: F.ids.firstIndex(of: "B")!)
        #expect(b.map(\.day) == [F.d("2026-06-30"), F.d("2026-07-03"), F.d("2026-07-10")])
        #expect(b.map(\.stage) == [.aware, .engaged, .aware])
        // The one-account path gives the same changes as the whole timeline, for every company.
        for (i, id) in F.ids.enumerated() {
            let one = c.history(companyId: id, days: F.d("2026-06-30")...F.d("2026-07-10"))
            #expect(one.map(\.day) == t.history(of: i).map(\.day), "\(id)")
            #expect(one.map(\.stage) == t.history(of: i).map(\.stage), "\(id)")
        }
        // E: not a target until 07-04, then opportunity, customer from 07-08.
        #expect(
            c.history(companyId: "E", days: F.d("2026-06-30")...F.d("2026-07-10")).map(\.stage) == [
                nil, .opportunity, .customer,
            ])
        #expect(c.history(companyId: "nobody", days: F.d("2026-06-30")...F.d("2026-07-10")).isEmpty)
        let list = AccountStage.list(c, on: F.d("2026-07-10"))
        // Eight targets on 07-10 (F left), ordered by ID.
        #expect(list.map(\.companyId) == ["A", "B", "C", "D", "E", "G", "H", "I"])
        #expect(list.first { $0.companyId == "E" } == AccountStage(companyId: "E", tier: .one, stage: .customer))
    }

    /// A stage reads no intent and no duplicates, and a dataset read that way never serves a
    /// KPI report, which needs both (`covers`); the windows are those of §Inputs: with the
    /// default 90-day rules a stage on 09-30 reads from 07-03 (09-30 − 89 days).
    @Test("a stage's dataset skips intent and duplicates, and covers no KPI report")
    func requirementsSkipIntent() {
        let p = ScoringParameters()
        let stage = JourneyInput.requirements(
            days: F.d("2026-09-30")...F.d("2026-09-30"), rules: JourneyRules(parameters: p), parameters: p)
        #expect(!stage.readsIntentAndDuplicates)
        #expect(stage.earliestStart == F.d("2026-07-03"))
        let report = KPIDataRequirements(
            periods: [KPIPeriod(start: F.d("2026-09-30"), end: F.d("2026-10-01"))], parameters: p,
            includePrevious: false)
        #expect(!stage.covers(report))
        // The other way round a report's dataset holds all a stage needs, if its windows reach.
        var wide = report
        wide.periods = stage.periods
        #expect(wide.covers(stage))
    }
}
