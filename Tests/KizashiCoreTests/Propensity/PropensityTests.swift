import Foundation
import KizashiCore
import Testing

@Suite("Propensity model and backtest metrics")
struct PropensityTests {
    @Test("AUC is the share of (positive, negative) pairs ranked right, ties half; lift of the top 10 %")
    func rankingQuality() {
        // Positives 0.9 and 0.7, negatives 0.8 and 0.1: pairs (0.9,0.8) ✓ (0.9,0.1) ✓ (0.7,0.8) ✗ (0.7,0.1) ✓ → 3/4.
        let q = PropensityBacktest.quality([0.9, 0.8, 0.7, 0.1], [true, false, true, false], [0, 0, 0, 0])
        #expect(q.auc == 0.75)
        // Top 10 % of 4 = the best one (0.9, a positive): rate 1 ÷ base rate 0.5 = 2.
        #expect(q.liftTop10 == 2)
        #expect(PropensityBacktest.quality([0.5, 0.5], [true, false], [0, 0]).auc == 0.5)
        #expect(PropensityBacktest.quality([0.5, 0.4], [true, true], [0, 0]).auc == nil)
    }

    @Test("precision at 10 is the mean over days of the top ten's hit rate, days with fewer rows left out")
    func precisionAtTen() {
        // Days 0, 1, 2 with ten rows each (the top ten is every row): 7, 6 and 7 positives;
        // day 3 has five rows (fewer than ten: not counted). (7 + 6 + 7) ÷ (10 · 3) = 2/3.
        var s: [Double] = [], y: [Bool] = [], days: [Int32] = []
        for (day, positives) in [(Int32(0), 7), (1, 6), (2, 7), (3, 5)] {
            let n = day == 3 ? 5 : 10
            for i in 0..<n {
                s.append(Double(n - i))
                y.append(i < positives)
                days.append(day)
            }
        }
        let q = PropensityBacktest.quality(s, y, days)
        #expect(q.precisionAt[10] == 2.0 / 3.0)
        #expect(q.precisionAt[25] == nil)
        #expect(q.precisionAt[50] == nil)
    }

    @Test("logistic regression learns a monotone relation and calibrated probabilities stay in (0, 1)")
    func logistic() {
        let x: [[Double]] = (0..<40).map { [Double($0 % 10)] }
        let y = x.map { $0[0] >= 6 }
        var m = LogisticRegression.train(x: x, y: y)
        #expect(m.weights[0] > 0)
        #expect(m.probability([9]) > 0.5 && m.probability([0]) < 0.5)
        m.calibrate(x: x, y: y)
        let p = (0..<10).map { m.probability([Double($0)]) }
        #expect(zip(p, p.dropFirst()).allSatisfy { $0 < $1 })
        #expect(p.allSatisfy { $0 > 0 && $0 < 1 })
    }
}

@Suite("JSON from Foundation values")
struct JSONFoundationTests {
    @Test("booleans stay booleans, integers integers, nested values kept")
    func roundTrip() throws {
        let text = #"{"a":true,"b":1,"c":1.5,"d":[null,"x",false],"e":{"f":0}}"#
        let any = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let v = JSONValue(foundation: any)
        #expect(v["a"] == .bool(true))
        #expect(v["b"] == .int(1))
        #expect(v["c"] == .number(1.5))
        #expect(v["d"] == .array([.null, .string("x"), .bool(false)]))
        #expect(v["e"]?["f"] == .int(0))
    }
}

@Suite("Buying-committee breadth as of a past day")
struct CommitteeActivityTests {
    static func touch(_ day: String, _ contact: String, _ role: ContactRole?) -> RecentAccountActivity {
        RecentAccountActivity(
            companyId: "A", day: Day(iso: day)!, type: .webVisit, contactId: contact, department: nil, role: role,
            contactName: nil, url: nil, topic: nil)
    }

    @Test("distinct people in the 7 days ending on the day; (decision makers + ½ influencers) / 2, at most 1")
    func breadth() {
        let c = CommitteeActivity([
            Self.touch("2026-09-01", "dm1", .decisionMaker),  // outside 09-04…09-10
            Self.touch("2026-09-04", "dm2", .decisionMaker),
            Self.touch("2026-09-05", "in1", .influencer),
            Self.touch("2026-09-05", "in1", .influencer),  // same person twice
            Self.touch("2026-09-10", "u1", .user),
            Self.touch("2026-09-11", "dm3", .decisionMaker),  // after the day
            Self.touch("2026-09-11", "dm4", .decisionMaker),
        ])
        // On 09-10: dm2, in1, u1 → 3 people; (1 + 0.5) / 2 = 0.75.
        let b = c.breadth(companyId: "A", on: Day(iso: "2026-09-10")!)
        #expect(b.contacts == 3 && b.committee == 0.75)
        // On 09-11 (window 09-05…09-11, dm2 has left it): in1, u1, dm3, dm4 → (2 + 0.5) / 2 = 1.25 → 1.
        #expect(c.breadth(companyId: "A", on: Day(iso: "2026-09-11")!).committee == 1)
        #expect(c.breadth(companyId: "B", on: Day(iso: "2026-09-11")!).contacts == 0)
    }

    @Test("an excluded feature keeps weight 0")
    func excluded() {
        let x: [[Double]] = (0..<40).map { [Double($0 % 10), Double($0 % 3)] }
        let y = x.map { $0[0] >= 6 }
        let m = LogisticRegression.train(x: x, y: y, excluded: [1])
        #expect(m.weights[1] == 0 && m.weights[0] > 0)
    }
}
