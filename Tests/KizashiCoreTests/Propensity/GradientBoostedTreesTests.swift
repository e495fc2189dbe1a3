import Foundation
import Testing

@testable import KizashiCore

/// Issue 20 §3: histogram GBDT and exact TreeSHAP, on cases small enough to work by hand.
@Suite("Gradient-boosted trees and TreeSHAP")
struct GradientBoostedTreesTests {
    /// Four samples: feature 0 separates the labels (0, 0 → no; 1, 1 → yes), feature 1 (0, 1,
    /// 0, 1) does not. One level, learning rate 0.5, λ = 1, a split may leave 1 sample a side.
    static let x: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
    static let y = [false, false, true, true]
    static func parameters(trees: Int) -> GBDTParameters {
        var p = GBDTParameters()
        p.maxDepth = 1
        p.learningRate = 0.5
        p.l2 = 1
        p.minChildSamples = 1
        p.maxTrees = trees
        return p
    }

    @Test("a single split's gain: ½ [G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)]")
    func singleSplit() throws {
        // Bias log(2/2) = 0, so every q = σ(0) = ½: g = q − y = +½, +½, −½, −½ and h = q(1 − q) = ¼.
        // Split x0 ≤ 0: G_L = 1, H_L = ½, G_R = −1, H_R = ½, G = 0 → gain ½ (1/1.5 + 1/1.5) = 2/3.
        // Split x1 ≤ 0: G_L = ½ − ½ = 0 = G_R → gain 0: not taken.
        #expect(abs(splitGain(gl: 1, hl: 0.5, gr: -1, hr: 0.5, l2: 1) - 2.0 / 3.0) < 1e-12)
        let m = GradientBoostedTrees.train(x: Self.x, y: Self.y, parameters: Self.parameters(trees: 1))
        #expect(m.bias == 0)
        let root = try #require(m.trees.first?.nodes.first)
        #expect(root.feature == 0 && root.threshold == 0)
        #expect(abs(root.gain - 2.0 / 3.0) < 1e-12)
        // Leaves −G/(H+λ) × learning rate: −1/1.5 × 0.5 = −1/3 and +1/3.
        #expect(abs(m.rawScore([0, 1]) - -1.0 / 3.0) < 1e-12)
        #expect(abs(m.rawScore([1, 0]) - 1.0 / 3.0) < 1e-12)
    }

    @Test("a two-tree prediction: the second tree fits the gradients left by the first")
    func twoTrees() {
        let m = GradientBoostedTrees.train(x: Self.x, y: Self.y, parameters: Self.parameters(trees: 2))
        #expect(m.trees.count == 2)
        // After tree 1 the negatives sit at −1/3: q = σ(−1/3) = 1/(1 + e^{1/3}) ≈ 0.41743,
        // g = q − 0 = q, h = q(1 − q) ≈ 0.24318. Tree 2 splits x0 again; its left leaf is
        // −(2q)/(2h + 1) × 0.5 ≈ −0.83486/1.48637 × 0.5 ≈ −0.28084. By symmetry the right leaf is
        // the opposite. Prediction for x0 = 0: 0 − 1/3 − 0.28084 ≈ −0.61417.
        let q = 1 / (1 + exp(1.0 / 3.0))
        let h = q * (1 - q)
        let leaf = -(2 * q) / (2 * h + 1) * 0.5
        #expect(abs(leaf - -0.28084) < 1e-5)
        #expect(abs(m.rawScore([0, 0]) - (-1.0 / 3.0 + leaf)) < 1e-12)
        #expect(abs(m.rawScore([1, 1]) - (1.0 / 3.0 - leaf)) < 1e-12)
        #expect(abs(m.probability([0, 0]) - 1 / (1 + exp(1.0 / 3.0 - leaf))) < 1e-12)
    }

    /// Root x0 ≤ 0.5 (cover 10) → left: x1 ≤ 0.5 (cover 6) → leaves 1 (cover 2) and 3 (cover 4);
    /// right: leaf 5 (cover 4).
    static let twoFeatureTree = RegressionTree(nodes: [
        .init(feature: 0, threshold: 0.5, left: 1, right: 2, value: 0, cover: 10, gain: 1),
        .init(feature: 1, threshold: 0.5, left: 3, right: 4, value: 0, cover: 6, gain: 1),
        .leaf(5, cover: 4), .leaf(1, cover: 2), .leaf(3, cover: 4),
    ])

    @Test("TreeSHAP equals the Shapley values worked by hand from the tree's cover")
    func shapByHand() {
        // x = (0, 1) lands in the leaf 3. v(S) = the tree's expectation knowing only S:
        // v(∅) = (2·1 + 4·3 + 4·5)/10 = 3.4; v({0}) = (2·1 + 4·3)/6 = 7/3; v({1}) = 0.6·3 + 0.4·5
        // = 3.8; v({0,1}) = 3. φ0 = ½[(7/3 − 3.4) + (3 − 3.8)] = −14/15; φ1 = ½[(3.8 − 3.4) +
        // (3 − 7/3)] = 8/15; together 3 − 3.4.
        let t = Self.twoFeatureTree
        #expect(abs(t.expectedValue - 3.4) < 1e-12)
        let phi = TreeSHAP.contributions(t, [0, 1])
        #expect(abs(phi[0] - -14.0 / 15.0) < 1e-12)
        #expect(abs(phi[1] - 8.0 / 15.0) < 1e-12)
    }

    @Test("TreeSHAP with a feature split twice on one path (the path is unwound and redone)")
    func shapRepeatedFeature() {
        // Root x0 ≤ 0.5 (10) → left x1 ≤ 0.5 (6) → left x0 ≤ 0.2 (2) → leaves 1 (1), 2 (1);
        // left-right leaf 3 (4); right leaf 5 (4). x = (0.1, 0) lands in the leaf 1.
        // v(∅) = (1 + 2 + 12 + 20)/10 = 3.5; v({0}) = (2/6)·1 + (4/6)·3 = 7/3;
        // v({1}) = 0.6·(½·1 + ½·2) + 0.4·5 = 2.9; v({0,1}) = 1.
        // φ0 = ½[(7/3 − 3.5) + (1 − 2.9)] = −23/15; φ1 = ½[(2.9 − 3.5) + (1 − 7/3)] = −29/30.
        let t = RegressionTree(nodes: [
            .init(feature: 0, threshold: 0.5, left: 1, right: 2, value: 0, cover: 10, gain: 1),
            .init(feature: 1, threshold: 0.5, left: 3, right: 4, value: 0, cover: 6, gain: 1),
            .leaf(5, cover: 4),
            .init(feature: 0, threshold: 0.2, left: 5, right: 6, value: 0, cover: 2, gain: 1),
            .leaf(3, cover: 4), .leaf(1, cover: 1), .leaf(2, cover: 1),
        ])
        let phi = TreeSHAP.contributions(t, [0.1, 0])
        #expect(abs(phi[0] - -23.0 / 15.0) < 1e-12)
        #expect(abs(phi[1] - -29.0 / 30.0) < 1e-12)
        #expect(abs(t.predict([0.1, 0]) - 1) < 1e-12)
    }

    /// 600 samples of three features; the label follows x0 > 0.6 and x1 > 0.5 together.
    static func interaction(seed: UInt64) -> (x: [[Double]], y: [Bool]) {
        var rng = SplitMix64(seed: seed)
        var x: [[Double]] = [], y: [Bool] = []
        for _ in 0..<600 {
            let r = [rng.nextUnit(), rng.nextUnit(), rng.nextUnit()]
            x.append(r)
            y.append((r[0] > 0.6 && r[1] > 0.5) != (rng.nextUnit() < 0.05))
        }
        return (x, y)
    }

    @Test("deterministic for a seed; early stopping keeps the trees up to the lowest validation loss")
    func determinismAndEarlyStopping() {
        let train = Self.interaction(seed: 7), check = Self.interaction(seed: 8)
        var p = GBDTParameters()
        p.subsample = 0.8
        p.maxTrees = 120
        p.earlyStoppingRounds = 10
        p.learningRate = 0.3
        let a = GradientBoostedTrees.train(x: train.x, y: train.y, validation: check, parameters: p)
        let b = GradientBoostedTrees.train(x: train.x, y: train.y, validation: check, parameters: p)
        #expect(a == b)
        p.seed = 43
        #expect(GradientBoostedTrees.train(x: train.x, y: train.y, validation: check, parameters: p).trees != a.trees)
        let best = a.validationLoss.indices.min { a.validationLoss[$0] < a.validationLoss[$1] }!
        #expect(a.trees.count == best + 1)
        #expect(a.validationLoss.count < 120, "stopped early: \(a.validationLoss.count) trees grown")
        // The interaction is learned: inside the corner, well above outside it.
        #expect(a.probability([0.9, 0.9, 0.5]) > 0.8 && a.probability([0.9, 0.1, 0.5]) < 0.2)
        // Exact attributions add up: expected log-odds + Σ φ = the log-odds, for any account.
        for r in check.x.prefix(20) {
            let phi = TreeSHAP.contributions(a, r)
            #expect(abs(TreeSHAP.expectedValue(a) + phi.reduce(0, +) - a.rawScore(r)) < 1e-9)
        }
    }

    @Test("logistic reasons: coefficient × standardised value, adding up to the logit")
    func logisticContributions() {
        var m = LogisticRegression(mean: [1, 10], scale: [2, 5], weights: [0.5, -1], bias: -2)
        m.plattA = 1
        // x = (5, 0): 0.5 × (5 − 1)/2 = 1; −1 × (0 − 10)/5 = 2; logit −2 + 1 + 2 = 1.
        #expect(m.contributions([5, 0]) == [1, 2])
        #expect(m.logit([5, 0]) == 1)
        let drivers = ScoreDriver.top(m.contributions([5, 0]), values: [5, 0])
        #expect(drivers.map(\.feature) == [PropensityFeatures.names[1], PropensityFeatures.names[0]])
        #expect(drivers.first?.text(.en) == "Tier: +2.00")
    }
}
