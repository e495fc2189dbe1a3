import Testing

@testable import KizashiCore

/// attribution.md §The data-driven model, on chains small enough to solve by hand.
@Suite("Markov removal effects")
struct MarkovChainTests {
    /// Channels: 0 = A, 1 = B, 2 = C.
    ///
    /// Journeys: A → B → conv, A → conv, B → null. Counts: start→A 2, start→B 1, A→B 1, A→conv 1,
    /// B→conv 1, B→null 1. h(B) = ½; h(A) = ½·h(B) + ½ = ¾; P(conv) = ⅔·¾ + ⅓·½ = ⅔.
    /// Without A (start→A goes to null): P = ⅓·½ = ⅙ → RE(A) = 1 − ⅙ / ⅔ = ¾.
    /// Without B (A→B and start→B go to null): h′(A) = ½, P = ⅔·½ = ⅓ → RE(B) = 1 − ⅓ / ⅔ = ½.
    /// C is never visited: RE 0.
    @Test("two channels: P(conv) = 2/3, RE(A) = 3/4, RE(B) = 1/2, unvisited C = 0")
    func twoChannels() {
        var chain = MarkovChain(channelCount: 3)
        chain.add(channels: [0, 1], converted: true)
        chain.add(channels: [0], converted: true)
        chain.add(channels: [1], converted: false)
        let (p, re) = chain.solve()
        #expect(abs(p! - 2.0 / 3) < 1e-15)
        #expect(abs(re[0]! - 0.75) < 1e-15)
        #expect(abs(re[1]! - 0.5) < 1e-15)
        #expect(re[2] == 0)
        // A → B's credit: RE(A) / (RE(A) + RE(B)) = (3/4) / (5/4) = 3/5, B 2/5.
        let touches = [
            Touch(day: Day(daysSinceEpoch: 0), time: Instant(millisecondsSinceEpoch: 0), key: 0, type: .webVisit),
            Touch(
                day: Day(daysSinceEpoch: 1), time: Instant(millisecondsSinceEpoch: 86_400_000), key: 1, type: .webVisit),
        ]
        let credits = JourneyCredits.credits(
            .markov, touches: touches, createdOn: Day(daysSinceEpoch: 1), halfLifeDays: 7, channelOfKey: [0, 1],
            removalEffects: re)
        #expect(abs(credits![0] - 0.6) < 1e-15 && abs(credits![1] - 0.4) < 1e-15)
    }

    /// A channel seen only on null journeys cannot reach conv: its RE is exactly 0, not a
    /// rounding residue, so a deal touched only there is unattributed (edge case 2).
    /// start→A 1, start→C 1; A→conv 1; C→null 1. P = ½; without A, P = 0 → RE(A) = 1; RE(C) = 0.
    @Test("a channel only on null journeys has RE exactly 0")
    func deadEnd() {
        var chain = MarkovChain(channelCount: 3)
        chain.add(channels: [0], converted: true)
        chain.add(channels: [2], converted: false)
        let (p, re) = chain.solve()
        #expect(p == 0.5)
        #expect(re[0] == 1)
        #expect(re[2] == 0 && re[1] == 0)
        let onlyC = [
            Touch(day: Day(daysSinceEpoch: 0), time: Instant(millisecondsSinceEpoch: 0), key: 2, type: .webVisit)
        ]
        #expect(
            JourneyCredits.credits(
                .markov, touches: onlyC, createdOn: Day(daysSinceEpoch: 0), halfLifeDays: 7, channelOfKey: [0, 1, 2],
                removalEffects: re) == nil)
    }

    @Test("repeats are collapsed: A, A, B counts start→A, A→B once each (no A→A)")
    func collapse() {
        var chain = MarkovChain(channelCount: 2)
        chain.add(channels: [0, 0, 1, 1], converted: true)
        #expect(chain.transitions[0][1] == 1)
        #expect(chain.transitions[1][1] == 0)
        #expect(chain.transitions[1][2] == 1)
        #expect(chain.transitions[2][3] == 1)  // B → conv
    }

    @Test("edge case 3: no journey → probability and effects null; only null journeys → 0 and null")
    func degenerate() {
        let empty = MarkovChain(channelCount: 2).solve()
        #expect(empty.conversion == nil && empty.removalEffects == [nil, nil])
        var lost = MarkovChain(channelCount: 2)
        lost.add(channels: [0, 1], converted: false)
        let r = lost.solve()
        #expect(r.conversion == 0 && r.removalEffects == [nil, nil])
    }

    @Test("the linear solver: a 3×3 system with a pivot swap")
    func solver() {
        // 2y + z = 5; x + y + z = 5; 2x + y − z = 0 (the first pivot is 0) → x = 1, y = 1, z = 3.
        let x = MarkovChain.solve(matrix: [[0, 2, 1], [1, 1, 1], [2, 1, -1]], rhs: [5, 5, 0])
        #expect(abs(x[0] - 1) < 1e-12 && abs(x[1] - 1) < 1e-12 && abs(x[2] - 3) < 1e-12)
    }
}
