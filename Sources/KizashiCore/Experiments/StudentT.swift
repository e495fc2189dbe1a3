import Foundation

/// Student's t distribution for real (non-integer) degrees of freedom, as Welch's interval needs.
///
/// The upper tail is `P(T > t) = ½ I_{ν/(ν+t²)}(ν/2, ½)` with `I` the regularized incomplete beta
/// function, evaluated by its continued fraction (modified Lentz; Numerical Recipes §6.4), and the
/// quantile is found by bisection on that tail — slow next to a closed form, but monotone, so it
/// cannot miss, and exact to the last bits of a double after 200 halvings. Above ν = 10⁵ the
/// fraction needs ~√ν terms; there the Cornish–Fisher expansion in 1/ν (Abramowitz & Stegun
/// 26.7.5, four terms) is already exact to better than 10⁻¹⁵.
public enum StudentT {
    /// `t` with `P(T ≤ t) = p`, for 0.5 ≤ p < 1 and ν > 0 (nil otherwise).
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double? {
        guard p >= 0.5, p < 1, nu > 0, nu.isFinite else { return nil }
        if p == 0.5 { return 0 }
        let tail = 1 - p
        if nu > 100_000 { return cornishFisher(p, nu) }
        var lo = 0.0, hi = 2.0
        while upperTail(hi, nu) > tail {
            hi *= 2
            if hi > 1e300 { return nil }
        }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if mid == lo || mid == hi { break }
            if upperTail(mid, nu) > tail { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// P(T > t) for t ≥ 0.
    public static func upperTail(_ t: Double, _ nu: Double) -> Double {
        0.5 * regularizedIncompleteBeta(nu / (nu + t * t), nu / 2, 0.5)
    }

    /// I_x(a, b) for 0 ≤ x ≤ 1, a, b > 0.
    public static func regularizedIncompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x))
        if x < (a + 1) / (a + b + 2) { return front * continuedFraction(x, a, b) / a }
        return 1 - front * continuedFraction(1 - x, b, a) / b
    }

    /// The continued fraction of I_x(a, b) (Numerical Recipes `betacf`, modified Lentz).
    static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300, eps = 1e-16
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0, d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let mm = Double(m), m2 = 2 * mm
            var aa = mm * (b - mm) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + mm) * (qab + mm) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < eps { break }
        }
        return h
    }

    /// The standard normal quantile (Acklam's rational approximation, then one Halley step on
    /// erfc, which makes it exact to double precision) — for the large-ν expansion.
    public static func normalQuantile(_ p: Double) -> Double {
        let a = [
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
        ]
        let b = [
            -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01,
        ]
        let c = [
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
        ]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        var x: Double
        if p < 0.02425 {
            let q = (-2 * log(p)).squareRoot()
            x =
                (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - 0.02425 {
            let q = p - 0.5, r = q * q
            x =
                (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log1p(-p)).squareRoot()
            x =
                -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }

    /// A&S 26.7.5: t ≈ z + g₁/ν + g₂/ν² + g₃/ν³ + g₄/ν⁴.
    static func cornishFisher(_ p: Double, _ nu: Double) -> Double {
        let z = normalQuantile(p), z2 = z * z
        let g1 = (z2 + 1) * z / 4
        let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
        let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
        let g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
        return z + g1 / nu + g2 / (nu * nu) + g3 / (nu * nu * nu) + g4 / (nu * nu * nu * nu)
    }
}
