/// The demo generator's pseudo-random source: SplitMix64.
///
/// Foundation's generators are seeded differently on every platform (or not at all), and the demo
/// must be byte-identical on every machine for a given seed. SplitMix64 is a few integer operations,
/// passes BigCrush, and lets every generation stage take its own independent stream (`stream:`), so
/// changing how many numbers one stage draws never shifts another stage's data.
///
/// Everything here uses only integer operations and correctly rounded IEEE arithmetic (+ − × ÷ √),
/// never libm's `exp`/`log`, whose last bits differ between platforms; see `DemoMath`.
struct DemoRandom {
    private var state: UInt64

    init(seed: UInt64, stream: UInt64) {
        // Mix the stream into the seed so that streams of neighbouring seeds do not overlap.
        var s = seed &+ 0x9E37_79B9_7F4A_7C15 &* (stream &+ 1)
        state = DemoRandom.mix(&s)
    }

    private static func mix(_ s: inout UInt64) -> UInt64 {
        s &+= 0x9E37_79B9_7F4A_7C15
        var z = s
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always) mutating func next() -> UInt64 { DemoRandom.mix(&state) }

    /// Uniform in [0, 1), 53 random bits.
    @inline(__always) mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in `0..<n` (n > 0), by Lemire's multiply-shift (the tiny bias is irrelevant for a demo
    /// and the result is the same everywhere).
    @inline(__always) mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform in the closed range.
    @inline(__always) mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + below(r.count) }

    @inline(__always) mutating func chance(_ p: Double) -> Bool { unit() < p }

    @inline(__always) mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Approximately standard normal (Irwin–Hall sum of 12 uniforms): deterministic and bounded (±6σ).
    mutating func normal() -> Double {
        var s = 0.0
        for _ in 0..<12 { s += unit() }
        return s - 6
    }

    /// Log-normal with median `median` and log-space spread `sigma`.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * DemoMath.exp(sigma * normal())
    }

    /// Poisson-distributed count with mean `lambda` (Knuth for small means, rounded normal beyond).
    mutating func poisson(_ lambda: Double) -> Int {
        if lambda <= 0 { return 0 }
        if lambda > 30 {
            let v = lambda + (lambda.squareRoot() * normal()) + 0.5
            return v < 0 ? 0 : Int(v)
        }
        let limit = DemoMath.exp(-lambda)
        var k = 0
        var p = unit()
        while p > limit {
            k += 1
            p *= unit()
        }
        return k
    }
}

/// A weighted choice among `count` options, prepared once (cumulative weights) and drawn in
/// O(log n) — used for every categorical distribution of the demo (industries, prefectures, types…).
struct DemoWeighted: Sendable {
    private let cumulative: [Double]

    init(_ weights: [Double]) {
        var c: [Double] = []
        c.reserveCapacity(weights.count)
        var sum = 0.0
        for w in weights {
            sum += w
            c.append(sum)
        }
        cumulative = c.map { $0 / sum }
    }

    var count: Int { cumulative.count }

    func draw(_ rng: inout DemoRandom) -> Int {
        let u = rng.unit()
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if u < cumulative[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
