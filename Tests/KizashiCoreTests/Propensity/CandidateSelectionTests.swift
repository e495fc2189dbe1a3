import Testing

@testable import KizashiCore

/// Issue 20 §1, §5: the list ranks by the candidate with the most hits in the top k on
/// validation days strictly before the as-of day; sorting by engagement is a candidate, so a
/// model that loses to it is never used; labels are new opportunities within the horizon.
@Suite("Honest choice of the approach-now ranking")
struct CandidateSelectionTests {
    static let asOf = Day(year: 2026, month: 4, day: 1)!

    @Test("sample days: the as-of day's weekday, label windows ending before it, back 270 days")
    func trainingDays() {
        let days = PropensityBacktest.trainingDays(asOf: Self.asOf, horizon: 30, trainDays: 270)
        // m = (30 + 7) / 7 = 5: the last day is 04-01 − 35 = 02-25, whose window (02-25, 03-27]
        // ends before 04-01; the first is 04-01 − 7·42 = 2025-06-11 (7·43 = 301 > 30 + 270).
        #expect(days.last == Day(year: 2026, month: 2, day: 25)!)
        #expect(days.first == Day(year: 2025, month: 6, day: 11)!)
        #expect(days.count == 42 - 5 + 1)
        #expect(days.allSatisfy { ($0 + 30) < Self.asOf && (Self.asOf - $0) % 7 == 0 })
    }

    /// Four accounts on each of four days, features hand-set: A engagement 0.9; B engagement
    /// 0.1 with 2 forms this week; C engagement 0.5; D nothing. Rule points (ApproachWeights):
    /// A 20 × 0.9 = 18, B 20 × 0.1 + 15 × min(1, 2/2) = 17, C 10, D 0. Engagement order A C B D,
    /// rule order A B C D. Days 3 and 4 are the validation days (the last min(8, 4/2) = 2).
    static func samples(positive: String) -> PropensitySamples {
        var s = PropensitySamples()
        let accounts: [(String, Double, Double)] = [("A", 0.9, 0), ("B", 0.1, 2), ("C", 0.5, 0), ("D", 0, 0)]
        for d in 0..<4 {
            for (id, engagement, forms) in accounts {
                var v = [Double](repeating: 0, count: PropensityFeatures.names.count)
                v[2] = engagement
                v[5] = forms
                s.features.append(PropensityFeatures(values: v, companyId: id, day: Self.asOf - 70 + 7 * d))
                s.labels.append(id == positive)
            }
        }
        return s
    }

    @Test("the candidate with more hits in the top k on the validation days wins")
    func mostHitsWins() {
        // B is the positive: engagement's top 2 (A, C) hold 0 on each validation day, the rule's
        // (A, B) 1 each: hits 2 against 0, precision 2 / (2 · 2) = 0.5 against 0.
        let c = CandidateSelection.select(
            samples: Self.samples(positive: "B"), asOf: Self.asOf, horizon: 30, k: 2, candidates: [.engagement, .rule])
        #expect(c.validated)
        #expect(c.chosen == .rule)
        #expect(c.validation(of: .rule)?.hitsAt[2] == 2 && c.validation(of: .engagement)?.hitsAt[2] == 0)
        #expect(c.validation(of: .rule)?.precisionAt[2] == 0.5)
        #expect(c.validationDayCount == 2 && c.validationSamples == 8 && c.validationPositives == 2)
        #expect(c.validationDays == (Self.asOf - 56)...(Self.asOf - 49))
    }

    @Test("on equal hits and AUC the simpler candidate (engagement) is kept")
    func tieKeepsEngagement() {
        // A is the positive: both top 2s hold it on both days (2 hits each), and both rank A
        // first on each day (AUC 1 each).
        let c = CandidateSelection.select(
            samples: Self.samples(positive: "A"), asOf: Self.asOf, horizon: 30, k: 2, candidates: [.engagement, .rule])
        #expect(c.validation(of: .rule)?.hitsAt[2] == 2 && c.validation(of: .engagement)?.hitsAt[2] == 2)
        #expect(c.chosen == .engagement)
    }

    @Test("a lead over engagement within the noise of the counts is no evidence: engagement is kept")
    func marginOverEngagement() {
        // Eight days of the same four accounts; the last four are the validation days. Positives
        // there: B on the first three, C on the fourth. The rule's top 2 (A, B) hold 3, engagement's
        // (A, C) 1. A lead of 3 − 1 = 2 is not more than √(3 + 1) = 2: engagement is kept.
        var s = PropensitySamples()
        let accounts: [(String, Double, Double)] = [("A", 0.9, 0), ("B", 0.1, 2), ("C", 0.5, 0), ("D", 0, 0)]
        for d in 0..<8 {
            for (id, engagement, forms) in accounts {
                var v = [Double](repeating: 0, count: PropensityFeatures.names.count)
                v[2] = engagement
                v[5] = forms
                s.features.append(PropensityFeatures(values: v, companyId: id, day: Self.asOf - 98 + 7 * d))
                s.labels.append(d == 7 ? id == "C" : id == "B")
            }
        }
        let c = CandidateSelection.select(
            samples: s, asOf: Self.asOf, horizon: 30, k: 2, candidates: [.engagement, .rule])
        #expect(c.validation(of: .rule)?.hitsAt[2] == 3 && c.validation(of: .engagement)?.hitsAt[2] == 1)
        #expect(c.chosen == .engagement)
    }

    @Test("without a new opportunity on the validation days nothing is validated: the rule score, said so")
    func unvalidated() {
        var s = Self.samples(positive: "B")
        for i in 8..<16 { s.labels[i] = false }
        let c = CandidateSelection.select(samples: s, asOf: Self.asOf, horizon: 30, k: 2)
        #expect(!c.validated && c.chosen == .rule)
        #expect(c.why(.en).hasPrefix("Ranked by the rule score: the history before today"))
        // Four accounts a day and k = 25: precision at 25 exists on no day — nothing to choose on.
        let few = CandidateSelection.select(samples: Self.samples(positive: "B"), asOf: Self.asOf, horizon: 30, k: 25)
        #expect(!few.validated && few.chosen == .rule && few.validation.isEmpty)
    }

    /// 24 days × 120 accounts; the label is planted in "forms and events this week" (index 5)
    /// and "people this week" together, while the engagement score is noise.
    static func planted(seed: UInt64) -> PropensitySamples {
        var rng = SplitMix64(seed: seed)
        var s = PropensitySamples()
        for d in 0..<24 {
            for a in 0..<120 {
                var v = (0..<PropensityFeatures.names.count).map { _ in rng.nextUnit() }
                let buying = rng.nextUnit() < 0.08
                v[5] = buying ? 1 + rng.nextUnit() : rng.nextUnit() * 0.8
                v[9] = buying ? 1 + rng.nextUnit() : rng.nextUnit()
                v[7] = 0
                s.features.append(PropensityFeatures(values: v, companyId: "C\(a)", day: Self.asOf - 200 + 7 * d))
                s.labels.append(buying ? rng.nextUnit() < 0.7 : rng.nextUnit() < 0.01)
            }
        }
        return s
    }

    @Test("a signal the engagement score does not carry: a model is chosen, never one losing to engagement")
    func modelWhenItWins() {
        for seed in [1, 2, 3] as [UInt64] {
            let c = CandidateSelection.select(samples: Self.planted(seed: seed), asOf: Self.asOf, horizon: 30)
            let chosen = c.validation(of: c.chosen)?.hitsAt[25] ?? -1
            #expect(c.chosen.isModel, "seed \(seed): \(c.chosen)")
            for v in c.validation { #expect(chosen >= v.quality.hitsAt[25] ?? 0, "seed \(seed): \(v.candidate)") }
            #expect(c.scorers[c.chosen] != nil)
        }
    }
}

@Suite("Words of the approach-now choice")
struct CandidateWordsTests {
    @Test("every candidate and feature has a name in both languages")
    func names() {
        for c in RankingCandidate.allCases { #expect(L10n.table["now.candidate.\(c.rawValue)"] != nil, "\(c)") }
        for f in PropensityFeatures.names { #expect(L10n.table["now.feature.\(f)"] != nil, "\(f)") }
    }
}

@Suite("Features added one at a time")
struct FeatureStudyTests {
    @Test("a feature carrying the planted signal is kept; the base set is measured first")
    func keepsPlanted() {
        // The label follows pricing_7d (index 10); the base features are noise.
        var rng = SplitMix64(seed: 5)
        var s = PropensitySamples()
        let asOf = CandidateSelectionTests.asOf
        let pricing = PropensityFeatures.names.firstIndex(of: "pricing_7d")!
        for d in 0..<20 {
            for a in 0..<100 {
                var v = (0..<PropensityFeatures.names.count).map { _ in rng.nextUnit() }
                let buying = rng.nextUnit() < 0.1
                v[pricing] = buying ? 1 + rng.nextUnit() : rng.nextUnit()
                s.features.append(PropensityFeatures(values: v, companyId: "C\(a)", day: asOf - 180 + 7 * d))
                s.labels.append(buying ? rng.nextUnit() < 0.8 : rng.nextUnit() < 0.01)
            }
        }
        let steps = FeatureStudy.run(days: [(asOf, s)], horizon: 30, k: 25, candidates: ["pricing_7d"])
        #expect(steps.map(\.feature) == [nil, "pricing_7d"])
        #expect(steps[0].kept && steps[1].kept)
        #expect(steps[1].gbdtHits > steps[0].gbdtHits && steps[1].logisticHits > steps[0].logisticHits)
    }
}
