import KizashiCore
import Testing

/// docs/journeys.md §Movement and §Velocity on the hand-worked fixture, period 07-01 … 07-10
/// (at start = 06-30, at end = 07-10). Daily stages, worked from the rules (see
/// `JourneyStageTests` for the scores):
///
///     A  target all along
///     B  aware → engaged 07-03 → aware 07-10
///     C  aware → qualified 07-05 (meeting)
///     D  target → opportunity 07-02
///     E  none → opportunity 07-04 (added to the list; deal open since 06-01) → customer 07-08 (won)
///     F  customer → none 07-06 (removed from the list)
///     G  engaged → aware 07-05 → qualified 07-07 (decision maker)
///     H  target → aware 07-08 (influencer's visit) → qualified 07-09 (SQL)
///     I  target → aware 07-02 → engaged 07-06
@Suite("Journey movement (hand-worked)")
struct JourneyMovementTests {
    typealias F = JourneyFixture
    static let order = JourneyStage.allCases

    @Test("start and end counts, transitions, movement, step conversion")
    func movement() {
        let r = JourneyMovement.report(F.computation(), period: F.period)
        let f = r.accounts
        #expect(r.startDay == F.d("2026-06-30"))
        #expect(r.endDay == F.d("2026-07-10"))
        // At start: target A D H I = 4, aware B C = 2, engaged G = 1, customer F = 1.
        #expect(f.atStart == [4, 2, 1, 0, 0, 1])
        // At end: target A, aware B, engaged I, qualified C G H, opportunity D, customer E.
        #expect(f.atEnd == [1, 1, 1, 3, 1, 1])
        // Matrix (0 = none, k + 1 = stage k): A t→t, B a→a, C a→q, D t→o, E none→c, F c→none,
        // G e→q, H t→q, I t→e.
        var m = Array(repeating: [Int](repeating: 0, count: 7), count: 7)
        m[1][1] = 1  // A
        m[2][2] = 1  // B
        m[2][4] = 1  // C
        m[1][5] = 1  // D
        m[0][6] = 1  // E
        m[6][0] = 1  // F
        m[3][4] = 1  // G
        m[1][4] = 1  // H
        m[1][3] = 1  // I
        #expect(f.matrix == m)
        // Stayed A B; one forward G; skipped C (+2) D (+4) H (+3) I (+2); entered E; left F.
        #expect(f.stayed == 2)
        #expect(f.forward == 1)
        #expect(f.skipped == 4)
        #expect(f.fellBack == 0)
        #expect(f.entered == 1)
        #expect(f.left == 1)
        // Steps: target at start A D H I, further on some day: D (07-02), H (07-08), I (07-02) → 3/4;
        // aware B C both → 2/2; engaged G (07-07) → 1/1; nobody qualified or in a deal at start.
        #expect(f.stepAccounts == [4, 2, 1, 0, 0])
        #expect(f.stepConverted == [3, 2, 1, 0, 0])
        let json = f.json
        #expect(
            json["conversion"]
                == .array([
                    .object([
                        ("from", .string("target")), ("to", .string("aware")), ("accounts", .int(4)),
                        ("converted", .int(3)), ("rate", .number(0.75)),
                    ]),
                    .object([
                        ("from", .string("aware")), ("to", .string("engaged")), ("accounts", .int(2)),
                        ("converted", .int(2)), ("rate", .number(1)),
                    ]),
                    .object([
                        ("from", .string("engaged")), ("to", .string("qualified")), ("accounts", .int(1)),
                        ("converted", .int(1)), ("rate", .number(1)),
                    ]),
                    .object([
                        ("from", .string("qualified")), ("to", .string("opportunity")), ("accounts", .int(0)),
                        ("converted", .int(0)), ("rate", .null),
                    ]),
                    .object([
                        ("from", .string("opportunity")), ("to", .string("customer")), ("accounts", .int(0)),
                        ("converted", .int(0)), ("rate", .null),
                    ]),
                ]))
    }

    @Test("velocity: spells entered in the period, moved on or censored")
    func velocity() {
        let v = JourneyMovement.report(F.computation(), period: F.period).accounts.velocity
        // Target: nobody enters the target stage during the period.
        #expect(v[0].entered == 0 && v[0].medianDays == nil && v[0].meanDays == nil)
        // Aware: G 07-05→07-07 (2), I 07-02→07-06 (4), H 07-08→07-09 (1) moved on; B enters
        // again on L (from engaged) and is censored after 0 days. KM: t=1: at risk 3 (the
        // censored 0 is not) → S = 2/3; t=2: at risk 2 → S = 1/3 ≤ ½ → median 2. Mean (1+2+4)/3.
        #expect(v[1].entered == 4)
        #expect(v[1].movedOn == 3)
        #expect(v[1].stillInStage == 1)
        #expect(v[1].fellBackOrLeft == 0)
        #expect(v[1].medianMethod == .kaplanMeier)
        #expect(v[1].medianDays == 2)
        #expect(v[1].meanDays == 7.0 / 3.0)
        // Engaged: B 07-03, back to aware 07-10 (censored after 07-09 − 07-03 = 6 days, fell
        // back); I 07-06, still on L (censored after 4). No event: no median, no mean.
        #expect(v[2].entered == 2 && v[2].movedOn == 0)
        #expect(v[2].stillInStage == 1 && v[2].fellBackOrLeft == 1)
        #expect(v[2].censoredAt.sorted() == [4, 6])
        #expect(v[2].medianDays == nil && v[2].meanDays == nil)
        // Qualified: C 07-05 (5), G 07-07 (3), H 07-09 (1), all still there.
        #expect(v[3].entered == 3 && v[3].stillInStage == 3 && v[3].censoredAt.sorted() == [1, 3, 5])
        // Opportunity: E 07-04 → customer 07-08 (4 days); D 07-02 still (censored after 8).
        // KM: t=4: at risk E and D (8 ≥ 4) → S = ½ → median 4. Mean 4.
        #expect(v[4].entered == 2 && v[4].movedOn == 1 && v[4].stillInStage == 1)
        #expect(v[4].medianDays == 4 && v[4].meanDays == 4)
    }

    @Test("per tier: the tier on L, else on the last day a target")
    func perTier() {
        let r = JourneyMovement.report(F.computation(), period: F.period)
        let byTier = Dictionary(uniqueKeysWithValues: r.byTier.map { ($0.tier, $0.figures) })
        // Tier 1: A (t→t), B (a→a), E (none→c).
        #expect(byTier[.one]!.atStart == [1, 1, 0, 0, 0, 0])
        #expect(byTier[.one]!.atEnd == [1, 1, 0, 0, 0, 1])
        #expect(byTier[.one]!.stayed == 2 && byTier[.one]!.entered == 1)
        // Tier 2: C (a→q), D (t→o), H (t→q): all skipped.
        #expect(byTier[.two]!.skipped == 3)
        // Tier 3: F (c→none, tier 3 on 07-05, its last day), G (e→q), I (t→e).
        #expect(byTier[.three]!.atStart == [1, 0, 1, 0, 0, 1])
        #expect(byTier[.three]!.left == 1 && byTier[.three]!.forward == 1 && byTier[.three]!.skipped == 1)
        // Tiers add up to all accounts.
        for k in 0..<6 {
            #expect(r.byTier.map { $0.figures.atStart[k] }.reduce(0, +) == r.accounts.atStart[k])
        }
        // --tier 3 keeps only tier 3's accounts.
        let only = JourneyMovement.report(F.computation(), period: F.period, tier: .three)
        #expect(only.accounts == byTier[.three]!)
        #expect(only.byTier.map(\.tier) == [.three])
    }

    @Test("Kaplan–Meier median where censoring matters")
    func kaplanMeier() {
        // Events 3, 5, 8; censored after 4, 10, 10.
        // t=3: at risk 6 → S = 5/6; t=5: at risk 2 events + 2 censored (10, 10; 4 < 5) = 4 →
        // S = 5/6·3/4 = 0.625; t=8: at risk 1 + 2 = 3 → S = 0.625·2/3 = 0.4167 ≤ ½ → median 8.
        // (The median of the moved-on spells alone would say 5.)
        #expect(JourneyVelocity.kaplanMeierMedian(events: [5, 3, 8], censored: [10, 4, 10]) == 8)
        // Never down to ½: t=2, at risk 4 → S = 3/4.
        #expect(JourneyVelocity.kaplanMeierMedian(events: [2], censored: [5, 5, 5]) == nil)
        // A spell censored at t is still at risk at t: S(4) = 1 − 1/2.
        #expect(JourneyVelocity.kaplanMeierMedian(events: [4], censored: [4]) == 4)
        // Without censoring, the sample median: (3 + 5) / 2.
        var v = JourneyVelocity(stage: .aware)
        v.durations = [5, 3, 9, 2]
        #expect(v.medianMethod == .sample)
        #expect(v.medianDays == 4)
        #expect(v.meanDays == 4.75)
    }

    @Test("JSON, CSV and table render the same figures")
    func rendering() {
        let r = JourneyMovement.report(F.computation(), period: F.period)
        let json = r.json
        #expect(json["start_day"] == .string("2026-06-30"))
        #expect(json["accounts"]?["at_end"]?["qualified"] == .int(3))
        #expect(json["accounts"]?["transitions"]?["target"]?["qualified"] == .int(1))
        guard case .array(let velocity) = json["accounts"]?["velocity"] else {
            Issue.record("velocity is not an array")
            return
        }
        #expect(velocity[4]["median_days"] == .number(4))
        let csv = JourneyCSVRenderer.render(r)
        #expect(csv.hasPrefix("tier,figure,stage,to,value\n,at_start,target,,4\n"))
        #expect(csv.contains("\n,transition,none,customer,1\n"))
        #expect(csv.contains("\n3,transition,customer,none,1\n"))
        #expect(csv.contains("\n,median_days,opportunity,customer,4\n"))
        let table = JourneyTableRenderer.render(r, language: .ja)
        #expect(table.contains("期初（2026-06-30）"))
        #expect(table.contains("カプラン・マイヤー"))
    }
}
