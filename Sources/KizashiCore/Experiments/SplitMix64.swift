/// The random number generator of holdout draws: SplitMix64 (Steele, Lea & Flood, "Fast
/// splittable pseudorandom number generators", OOPSLA 2014; the reference C is Vigna's
/// `splitmix64.c`). Why our own: a holdout must be drawn again, account for account, from its
/// seed on any machine and any Swift version, which `SystemRandomNumberGenerator` (not seedable)
/// and the standard library's unspecified algorithms cannot promise. Integer arithmetic only.
///
/// The gradient-boosted trees' subsampling uses it too (`nextUnit`).
///
/// Seed 0 gives 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F first (the reference
/// outputs; tested).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1): the top 53 bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A uniform integer in `0..<bound` (bound ≥ 1), without modulo bias: draws that fall in the
    /// incomplete last block of 2⁶⁴ are rejected and drawn again. Written out (not Swift's
    /// `Int.random(in:using:)`, whose algorithm the standard library does not fix) so that the
    /// same seed selects the same accounts everywhere.
    public mutating func below(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0)
        // 2⁶⁴ mod bound, computed without 2⁶⁴: (2⁶⁴ − bound) mod bound.
        let threshold = (0 &- bound) % bound
        while true {
            let x = next()
            if x >= threshold { return x % bound }
        }
    }
}
