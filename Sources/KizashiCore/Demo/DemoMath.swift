/// Platform-independent elementary functions for the demo generator.
///
/// libm's `exp` is accurate to about one ulp but not correctly rounded, and Glibc, Darwin and musl
/// round differently; a single differing bit in a Poisson threshold would change which rows the demo
/// produces. These versions use only + − × ÷, which IEEE 754 rounds identically everywhere.
enum DemoMath {
    private static let ln2 = 0.693_147_180_559_945_3

    /// e^x for |x| ≲ 700, to about 1e-15 relative error.
    static func exp(_ x: Double) -> Double {
        if x < -700 { return 0 }
        if x > 700 { return .infinity }
        // x = k·ln2 + r with |r| ≤ ln2/2, then e^r by its Taylor series.
        let kd = (x / ln2).rounded()
        let r = x - kd * ln2
        var term = 1.0
        var sum = 1.0
        for n in 1...18 {
            term = term * r / Double(n)
            sum += term
        }
        return sum * pow2(Int(kd))
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
