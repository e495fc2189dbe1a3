import Foundation

/// L2-regularised logistic regression, trained by full-batch gradient descent on standardised
/// features, then calibrated with Platt scaling on a later slice of the training data. Small,
/// deterministic and auditable: the coefficients are printed with every backtest.
public struct LogisticRegression: Sendable {
    public var mean: [Double]
    public var scale: [Double]
    public var weights: [Double]
    public var bias: Double
    /// Platt scaling of the raw logit: p = σ(a·z + b).
    public var plattA = 1.0
    public var plattB = 0.0

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    /// `excluded`: feature indexes left out (their weight stays 0), for feature selection.
    public static func train(
        x: [[Double]], y: [Bool], lambda: Double = 0.001, iterations: Int = 2000, excluded: Set<Int> = []
    ) -> LogisticRegression {
        let d = x.first?.count ?? 0
        let n = Double(max(x.count, 1))
        var mean = [Double](repeating: 0, count: d), scale = [Double](repeating: 1, count: d)
        for j in 0..<d {
            let m = x.reduce(0) { $0 + $1[j] } / n
            let v = x.reduce(0) { $0 + ($1[j] - m) * ($1[j] - m) } / n
            mean[j] = m
            scale[j] = v > 1e-12 ? sqrt(v) : 1
        }
        // Standardised rows in one flat buffer; the loop runs on raw pointers because training
        // runs many times per backtest (feature selection) and debug builds check every index.
        var z = [Double](repeating: 0, count: x.count * d)
        for (i, row) in x.enumerated() {
            for j in 0..<d where !excluded.contains(j) { z[i * d + j] = (row[j] - mean[j]) / scale[j] }
        }
        let labels = y.map { $0 ? 1.0 : 0.0 }
        var w = [Double](repeating: 0, count: d)
        let positives = Double(y.filter { $0 }.count)
        var b = log(max(positives, 0.5) / max(n - positives, 0.5))
        let rate = 0.5
        var gw = [Double](repeating: 0, count: d)
        z.withUnsafeBufferPointer { zp in
            labels.withUnsafeBufferPointer { yp in
                w.withUnsafeMutableBufferPointer { wp in
                    gw.withUnsafeMutableBufferPointer { gp in
                        for _ in 0..<iterations {
                            for j in 0..<d { gp[j] = 0 }
                            var gb = 0.0
                            var base = 0
                            for i in 0..<yp.count {
                                var s = b
                                for j in 0..<d { s += wp[j] * zp[base + j] }
                                let err = 1 / (1 + exp(-s)) - yp[i]
                                for j in 0..<d { gp[j] += err * zp[base + j] }
                                gb += err
                                base += d
                            }
                            for j in 0..<d { wp[j] -= rate * (gp[j] / n + lambda * wp[j]) }
                            b -= rate * gb / n
                        }
                    }
                }
            }
        }
        return LogisticRegression(mean: mean, scale: scale, weights: w, bias: b)
    }

    public func logit(_ row: [Double]) -> Double {
        var s = bias
        for j in 0..<weights.count { s += weights[j] * (row[j] - mean[j]) / scale[j] }
        return s
    }

    public func probability(_ row: [Double]) -> Double { Self.sigmoid(plattA * logit(row) + plattB) }

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
