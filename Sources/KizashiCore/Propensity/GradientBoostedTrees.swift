import Foundation

/// Settings of the boosted trees. Defaults: shallow trees (three levels find interactions such
/// as "several people *and* a pricing visit" without memorising accounts), a small learning rate
/// with early stopping deciding the number of trees, L2 on leaf values, 32 bins per feature.
public struct GBDTParameters: Sendable, Equatable, Codable {
    public var maxDepth = 3
    public var learningRate = 0.1
    /// λ: L2 penalty on leaf values (in the gain and the leaf value: −G / (H + λ)).
    public var l2 = 1.0
    public var maxBins = 32
    public var maxTrees = 200
    /// A split must leave at least this many samples on each side.
    public var minChildSamples = 20
    /// Training stops when the validation log-loss has not improved for this many trees; the
    /// model keeps the trees up to the best one.
    public var earlyStoppingRounds = 20
    /// Share of samples each tree is grown on (1 = all; below 1 drawn with `seed`).
    public var subsample = 1.0
    public var seed: UInt64 = 42

    public init() {}
}

/// Gradient-boosted decision trees for a yes/no label (log-loss), histogram-based like LightGBM:
/// features are cut into bins once, each tree grows level by level to `maxDepth`, choosing at
/// each node the split with the largest second-order gain. Deterministic: the same data,
/// parameters and seed give the same trees (ties between splits go to the lower feature, then the
/// lower cut). Pure computation: no I/O.
public struct GradientBoostedTrees: Sendable, Equatable, Codable {
    /// The log-odds before any tree: log(positives / negatives) of the training labels.
    public var bias: Double
    public var trees: [RegressionTree]
    public var parameters: GBDTParameters
    public var featureCount: Int
    /// Validation log-loss after each tree (empty without validation data).
    public var validationLoss: [Double] = []

    public func rawScore(_ x: [Double]) -> Double { trees.reduce(bias) { $0 + $1.predict(x) } }

    public func probability(_ x: [Double]) -> Double { 1 / (1 + exp(-rawScore(x))) }

    /// Trains on `x`/`y`; with `validation`, stops early on its log-loss. `excluded`: feature
    /// indexes no split may use (feature selection).
    public static func train(
        x: [[Double]], y: [Bool], validation: (x: [[Double]], y: [Bool])? = nil,
        parameters p: GBDTParameters = GBDTParameters(), excluded: Set<Int> = []
    ) -> GradientBoostedTrees {
        let n = x.count
        let d = x.first?.count ?? 0
        let positives = Double(y.filter { $0 }.count)
        let bias = log(max(positives, 0.5) / max(Double(n) - positives, 0.5))
        var model = GradientBoostedTrees(bias: bias, trees: [], parameters: p, featureCount: d)
        guard n > 0, d > 0 else { return model }
        let columns = (0..<d).map { j in x.map { $0[j] } }
        let binning = FeatureBinning(columns: columns, maxBins: p.maxBins)
        // Column-major bins: the histogram pass reads one feature's bins contiguously.
        var bins = [UInt8](repeating: 0, count: n * d)
        for j in 0..<d { for i in 0..<n { bins[j * n + i] = binning.bin(columns[j][i], feature: j) } }
        let labels = y.map { $0 ? 1.0 : 0.0 }
        var raw = [Double](repeating: bias, count: n)
        var grad = [Double](repeating: 0, count: n)
        var hess = [Double](repeating: 0, count: n)
        let validationLabels = validation?.y.map { $0 ? 1.0 : 0.0 } ?? []
        var validationRaw = [Double](repeating: bias, count: validationLabels.count)
        var best = (loss: Double.infinity, trees: 0)
        var rng = SplitMix64(seed: p.seed)
        let grower = TreeGrower(
            parameters: p, binning: binning, n: n, d: d, used: (0..<d).filter { !excluded.contains($0) })
        for t in 0..<max(p.maxTrees, 0) {
            for i in 0..<n {
                let q = 1 / (1 + exp(-raw[i]))
                grad[i] = q - labels[i]
                hess[i] = max(q * (1 - q), 1e-16)
            }
            var inBag = [Bool](repeating: true, count: n)
            if p.subsample < 1 { for i in 0..<n { inBag[i] = rng.nextUnit() < p.subsample } }
            let tree = grower.grow(bins: bins, grad: grad, hess: hess, inBag: inBag)
            model.trees.append(tree)
            for i in 0..<n { raw[i] += tree.predict(x[i]) }
            guard let validation else { continue }
            var loss = 0.0
            for i in validationLabels.indices {
                validationRaw[i] += tree.predict(validation.x[i])
                loss += logLoss(raw: validationRaw[i], label: validationLabels[i])
            }
            loss /= Double(max(validationLabels.count, 1))
            model.validationLoss.append(loss)
            if loss < best.loss - 1e-12 {
                best = (loss, t + 1)
            } else if t + 1 - best.trees >= p.earlyStoppingRounds {
                break
            }
        }
        if validation != nil, !validationLabels.isEmpty { model.trees = Array(model.trees.prefix(best.trees)) }
        return model
    }

    /// −[y log q + (1−y) log(1−q)] with q = σ(raw), computed stably from the log-odds.
    static func logLoss(raw: Double, label: Double) -> Double {
        // log(1 + e^z) without overflow.
        func softplus(_ z: Double) -> Double { z > 0 ? z + log1p(exp(-z)) : log1p(exp(z)) }
        return label * softplus(-raw) + (1 - label) * softplus(raw)
    }

    /// Split gain summed per feature over every tree.
    public var gainImportance: [Double] {
        var out = [Double](repeating: 0, count: featureCount)
        for t in trees { t.addGain(to: &out) }
        return out
    }
}

/// The second-order gain of splitting a node with gradient sum G and hessian sum H into (G_L,
/// H_L) and (G_R, H_R): ½ [G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)].
public func splitGain(gl: Double, hl: Double, gr: Double, hr: Double, l2: Double) -> Double {
    let g = gl + gr, h = hl + hr
    return 0.5 * (gl * gl / (hl + l2) + gr * gr / (hr + l2) - g * g / (h + l2))
}
