import Foundation

/// L2-regularised logistic regression on standardised features, fitted by Newton's method
/// (iteratively reweighted least squares): a handful of exact steps instead of thousands of
/// gradient steps, so the same fit every time and fast enough to train on every as-of day. An
/// optional Platt scaling maps the logit to a calibrated probability. Small, deterministic and
/// auditable: the coefficients are printed with every backtest.
public struct LogisticRegression: Sendable, Equatable, Codable {
    public var mean: [Double]
    public var scale: [Double]
    public var weights: [Double]
    public var bias: Double
    /// Platt scaling of the raw logit: p = σ(a·z + b).
    public var plattA = 1.0
    public var plattB = 0.0

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    /// Minimises mean log-loss + λ/2 · |w|² (the bias is not penalised). `excluded`: feature
    /// indexes left out (their weight stays 0). `iterations` caps the Newton steps.
    public static func train(
        x: [[Double]], y: [Bool], lambda: Double = 0.01, iterations: Int = 50, excluded: Set<Int> = []
    ) -> LogisticRegression {
        let d = x.first?.count ?? 0
        let n = Double(max(x.count, 1))
        var mean = [Double](repeating: 0, count: d), scale = [Double](repeating: 1, count: d)
        var constant = Set<Int>()
        for j in 0..<d {
            let m = x.reduce(0) { $0 + $1[j] } / n
            let v = x.reduce(0) { $0 + ($1[j] - m) * ($1[j] - m) } / n
            mean[j] = m
            scale[j] = v > 1e-12 ? sqrt(v) : 1
            if v <= 1e-12 { constant.insert(j) }
        }
        // The kept features (a constant one says nothing), standardised, with a constant 1 last
        // (the bias), in one flat buffer.
        let kept = (0..<d).filter { !excluded.contains($0) && !constant.contains($0) }
        let m = kept.count + 1
        var z = [Double](repeating: 0, count: x.count * m)
        for (i, row) in x.enumerated() {
            for (a, j) in kept.enumerated() { z[i * m + a] = (row[j] - mean[j]) / scale[j] }
            z[i * m + m - 1] = 1
        }
        let labels = y.map { $0 ? 1.0 : 0.0 }
        let positives = labels.reduce(0, +)
        var beta = [Double](repeating: 0, count: m)
        beta[m - 1] = log(max(positives, 0.5) / max(n - positives, 0.5))
        func objective(_ b: [Double]) -> Double {
            var loss = 0.0
            for i in 0..<x.count {
                var s = 0.0
                for a in 0..<m { s += b[a] * z[i * m + a] }
                loss += GradientBoostedTrees.logLoss(raw: s, label: labels[i])
            }
            var penalty = 0.0
            for a in 0..<(m - 1) { penalty += b[a] * b[a] }
            return loss / n + lambda / 2 * penalty
        }
        var current = objective(beta)
        for _ in 0..<max(iterations, 0) {
            var g = [Double](repeating: 0, count: m)
            var h = [Double](repeating: 0, count: m * m)
            z.withUnsafeBufferPointer { zp in
                for i in 0..<x.count {
                    let row = i * m
                    var s = 0.0
                    for a in 0..<m { s += beta[a] * zp[row + a] }
                    let q = sigmoid(s)
                    let err = q - labels[i], w = max(q * (1 - q), 1e-12)
                    for a in 0..<m {
                        g[a] += err * zp[row + a]
                        let wa = w * zp[row + a]
                        for b in a..<m { h[a * m + b] += wa * zp[row + b] }
                    }
                }
            }
            for a in 0..<m {
                g[a] /= n
                for b in a..<m {
                    h[a * m + b] /= n
                    h[b * m + a] = h[a * m + b]
                }
                if a < m - 1 {
                    g[a] += lambda * beta[a]
                    h[a * m + a] += lambda
                }
            }
            guard let step = LinearSolve.cholesky(h, g, m) else { break }
            // Damped: halve the step while the objective does not decrease.
            var t = 1.0
            var accepted = false
            for _ in 0..<30 {
                let candidate = (0..<m).map { beta[$0] - t * step[$0] }
                let value = objective(candidate)
                if value <= current {
                    beta = candidate
                    current = value
                    accepted = true
                    break
                }
                t /= 2
            }
            if !accepted || step.map({ abs($0) * t }).max() ?? 0 < 1e-9 { break }
        }
        var weights = [Double](repeating: 0, count: d)
        for (a, j) in kept.enumerated() { weights[j] = beta[a] }
        return LogisticRegression(mean: mean, scale: scale, weights: weights, bias: beta[m - 1])
    }

    public func logit(_ row: [Double]) -> Double {
        var s = bias
        for j in 0..<min(weights.count, row.count) { s += weights[j] * (row[j] - mean[j]) / scale[j] }
        return s
    }

    public func probability(_ row: [Double]) -> Double { Self.sigmoid(plattA * logit(row) + plattB) }

    /// Each feature's share of the logit against an average account: coefficient × standardised
    /// value (the bias is what an account with every feature at its mean gets).
    public func contributions(_ row: [Double]) -> [Double] {
        (0..<weights.count).map { j in j < row.count ? weights[j] * (row[j] - mean[j]) / scale[j] : 0 }
    }

    /// Fits Platt's a, b on (logit, label) pairs by gradient descent (maximum likelihood).
    public mutating func calibrate(x: [[Double]], y: [Bool]) {
        let z = x.map(logit)
        var a = 1.0, b = 0.0
        let n = Double(max(z.count, 1))
        for _ in 0..<500 {
            var ga = 0.0, gb = 0.0
            for (i, v) in z.enumerated() {
                let err = Self.sigmoid(a * v + b) - (y[i] ? 1 : 0)
                ga += err * v
                gb += err
            }
            a -= 0.5 * ga / n
            b -= 0.5 * gb / n
        }
        plattA = a
        plattB = b
    }
}

/// Solves H s = g for a symmetric positive-definite H (m × m, row-major) by Cholesky; nil when
/// H is not positive definite.
enum LinearSolve {
    static func cholesky(_ h: [Double], _ g: [Double], _ m: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            for j in 0...i {
                var s = h[i * m + j]
                for k in 0..<j { s -= l[i * m + k] * l[j * m + k] }
                if i == j {
                    guard s > 1e-14 else { return nil }
                    l[i * m + i] = s.squareRoot()
                } else {
                    l[i * m + j] = s / l[j * m + j]
                }
            }
        }
        var y = [Double](repeating: 0, count: m)
        for i in 0..<m {
            var s = g[i]
            for k in 0..<i { s -= l[i * m + k] * y[k] }
            y[i] = s / l[i * m + i]
        }
        var s = [Double](repeating: 0, count: m)
        for i in stride(from: m - 1, through: 0, by: -1) {
            var t = y[i]
            for k in (i + 1)..<m { t -= l[k * m + i] * s[k] }
            s[i] = t / l[i * m + i]
        }
        return s
    }
}
