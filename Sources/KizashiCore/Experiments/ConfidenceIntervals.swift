import Foundation

/// The 95 % intervals of an experiment report (issue 24 §4), pure arithmetic.
///
/// - Differences of proportions: Newcombe's hybrid score interval (Newcombe 1998, method 10),
///   built from the two Wilson score intervals without continuity correction — what statsmodels'
///   `confint_proportions_2indep(method="newcomb", compare="diff")` computes.
/// - Differences of means: Welch's interval, `d ± t(0.975, ν) × se` with the Welch–Satterthwaite
///   degrees of freedom `ν` — what scipy's `ttest_ind(equal_var=False).confidence_interval()` gives.
///
/// A figure that cannot be computed (an empty group, fewer than two accounts, no spread at all)
/// is nil, never NaN (kpis.md: a ratio over 0 is null).
public enum ConfidenceIntervals {
    /// Φ⁻¹(0.975), the standard normal quantile of a two-sided 95 % interval.
    public static let z95 = 1.959_963_984_540_054

    public struct Interval: Sendable, Equatable {
        public var lower: Double
        public var upper: Double
        public func contains(_ x: Double) -> Bool { lower <= x && x <= upper }
    }

    /// Wilson's score interval for `x` successes of `n` (n ≥ 1, 0 ≤ x ≤ n):
    /// `(p + z²/2n ± z √(p(1−p)/n + z²/4n²)) / (1 + z²/n)`.
    public static func wilson(_ x: Int, of n: Int, z: Double = z95) -> Interval? {
        guard n > 0, x >= 0, x <= n else { return nil }
        let nn = Double(n), p = Double(x) / nn, z2 = z * z
        let denominator = 1 + z2 / nn
        let centre = (p + z2 / (2 * nn)) / denominator
        let half = z * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot() / denominator
        return Interval(lower: max(0, centre - half), upper: min(1, centre + half))
    }

    /// Newcombe's hybrid score interval for p₁ − p₂ (p₁ = x₁/n₁, p₂ = x₂/n₂), from the Wilson
    /// intervals (l₁, u₁), (l₂, u₂): `d − √((p₁−l₁)² + (u₂−p₂)²)` to `d + √((u₁−p₁)² + (p₂−l₂)²)`.
    public static func newcombe(_ x1: Int, of n1: Int, minus x2: Int, of n2: Int, z: Double = z95) -> Interval? {
        guard let w1 = wilson(x1, of: n1, z: z), let w2 = wilson(x2, of: n2, z: z) else { return nil }
        let p1 = Double(x1) / Double(n1), p2 = Double(x2) / Double(n2), d = p1 - p2
        let below = ((p1 - w1.lower) * (p1 - w1.lower) + (w2.upper - p2) * (w2.upper - p2)).squareRoot()
        let above = ((w1.upper - p1) * (w1.upper - p1) + (p2 - w2.lower) * (p2 - w2.lower)).squareRoot()
        return Interval(lower: d - below, upper: d + above)
    }

    /// Welch's interval for mean(a) − mean(b), and its degrees of freedom.
    public struct Welch: Sendable, Equatable {
        public var difference: Double
        public var standardError: Double
        public var degreesOfFreedom: Double
        public var interval: Interval
    }

    /// nil when a group has fewer than two values or both have no spread (se = 0: ν is 0/0).
    public static func welch(_ a: [Double], minus b: [Double], level: Double = 0.95) -> Welch? {
        guard a.count >= 2, b.count >= 2 else { return nil }
        let (ma, va) = meanAndVariance(a), (mb, vb) = meanAndVariance(b)
        let qa = va / Double(a.count), qb = vb / Double(b.count)
        let se2 = qa + qb
        guard se2 > 0, se2.isFinite else { return nil }
        let df = se2 * se2 / (qa * qa / Double(a.count - 1) + qb * qb / Double(b.count - 1))
        guard let t = StudentT.quantile(1 - (1 - level) / 2, degreesOfFreedom: df) else { return nil }
        let se = se2.squareRoot(), d = ma - mb
        return Welch(
            difference: d, standardError: se, degreesOfFreedom: df,
            interval: Interval(lower: d - t * se, upper: d + t * se))
    }

    /// The mean and the sample variance (n − 1), in two passes (no cancellation from Σx² − n·x̄²).
    public static func meanAndVariance(_ x: [Double]) -> (mean: Double, variance: Double) {
        guard !x.isEmpty else { return (0, 0) }
        let mean = x.reduce(0, +) / Double(x.count)
        guard x.count > 1 else { return (mean, 0) }
        let ss = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (mean, ss / Double(x.count - 1))
    }
}
