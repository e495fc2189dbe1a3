/// Platform-independent elementary functions for the demo generator.
///
/// libm's `exp` is accurate to about one ulp but not correctly rounded, and Glibc, Darwin and musl
/// round differently; a single differing bit in a Poisson threshold would change which rows the demo
/// produces. These versions use only + − × ÷, which IEEE 754 rounds identically everywhere.
enum DemoMath {
    private static let ln2 = 0.693_147_180_559_945_3

    /// e^x for |x| ≲ 700, to about 1e-15 relative error.
    @inline(__always)
    static func exp(_ x: Double) -> Double {
        if x < -700 { return 0 }
        if x > 700 { return .infinity }
        // x = k·ln2 + r with |r| ≤ ln2/2, then e^r by its degree-13 Taylor polynomial (remainder
        // below 1e-17 there), evaluated by Estrin's scheme — short dependency chains, fixed order.
        let kd = (x / ln2).rounded()
        let r = x - kd * ln2
        let r2 = r * r
        let r4 = r2 * r2
        let r8 = r4 * r4
        let a0 = 1.0 + r
        let a1 = 0.5 + 0.166_666_666_666_666_66 * r
        let a2 = 0.041_666_666_666_666_664 + 0.008_333_333_333_333_333 * r
        let a3 = 0.001_388_888_888_888_889 + 0.000_198_412_698_412_698_4 * r
        let a4 = 2.480_158_730_158_73e-05 + 2.755_731_922_398_589_3e-06 * r
        let a5 = 2.755_731_922_398_589e-07 + 2.505_210_838_544_172e-08 * r
        let a6 = 2.087_675_698_786_81e-09 + 1.605_904_383_682_161_3e-10 * r
        let b0 = a0 + a1 * r2
        let b1 = a2 + a3 * r2
        let b2 = a4 + a5 * r2
        let c0 = b0 + b1 * r4
        let c1 = b2 + a6 * r4
        return (c0 + c1 * r8) * pow2(Int(kd))
    }

    /// 2^k, exactly, for |k| ≤ 1000.
    static func pow2(_ k: Int) -> Double {
        var result = 1.0
        var n = k
        let step = n >= 0 ? 2.0 : 0.5
        n = abs(n)
        var base = step
        while n > 0 {
            if n & 1 == 1 { result *= base }
            base *= base
            n >>= 1
        }
        return result
    }

    /// Money rounded to a step and clamped, so every amount is a whole, plausible figure.
    static func money(_ v: Double, _ step: Double, min lo: Double, max hi: Double) -> Double {
        let r = (v / step).rounded() * step
        return r < lo ? lo : r > hi ? hi : r
    }
}
