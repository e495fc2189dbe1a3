/// The data-driven model of attribution.md §The data-driven model: a first-order absorbing
/// Markov chain over channels, and each channel's removal effect.
///
/// States: `start` (0), channel i (1 + i), `conv`, `null`. Each journey adds one to every
/// transition it takes. Solved exactly (linear systems, no simulation).
///
/// Removal effect. With h(s) the probability of absorbing in `conv` from s and hit(x) the
/// probability of ever entering x from `start`, removing x (every transition into x goes to
/// `null`) keeps exactly the paths that never enter x, so P₋ₓ(conv) = P(conv) − hit(x)·h(x) and
/// RE(x) = 1 − P₋ₓ(conv)/P(conv) = hit(x)·h(x)/P(conv). We compute that product: it is the
/// same number without the cancellation of `1 − P₋ₓ/P`, and it is exactly 0 when x cannot be
/// reached from `start` or cannot reach `conv` (those states are left out of the systems by
/// graph search, not by rounding), which decides edge cases 2 and 3 ("RE = 0") exactly.
public struct MarkovChain: Sendable {
    public let channelCount: Int
    /// transitions[from][to] over the K + 3 states.
    public private(set) var transitions: [[Int]]
    public private(set) var journeys = 0

    var conv: Int { channelCount + 1 }
    var null: Int { channelCount + 2 }

    public init(channelCount: Int) {
        self.channelCount = channelCount
        transitions = Array(repeating: Array(repeating: 0, count: channelCount + 3), count: channelCount + 3)
    }

    /// Adds one journey: its channel sequence (channel indices), consecutive repeats collapsed here.
    public mutating func add(channels: [Int], converted: Bool) {
        var from = 0
        for c in channels where c + 1 != from {
            transitions[from][c + 1] += 1
            from = c + 1
        }
        transitions[from][converted ? conv : null] += 1
        journeys += 1
    }

    /// P(conv) and the removal effect of every channel; nil probability when there is no journey,
    /// nil effects when the probability is 0 or nil (edge case 3).
    public func solve() -> (conversion: Double?, removalEffects: [Double?]) {
        guard journeys > 0 else { return (nil, Array(repeating: nil, count: channelCount)) }
        let states = channelCount + 3
        let totals = transitions.map { $0.reduce(0, +) }
        // Reachable from start, and able to reach conv, along transitions that occurred.
        var reached = [Bool](repeating: false, count: states)
        var stack = [0]
        reached[0] = true
        while let s = stack.popLast() {
            for t in 0..<states where transitions[s][t] > 0 && !reached[t] {
                reached[t] = true
                stack.append(t)
            }
        }
        var reaches = [Bool](repeating: false, count: states)
        reaches[conv] = true
        var changed = true
        while changed {
            changed = false
            for s in 0..<states
            where !reaches[s] && (0..<states).contains(where: { transitions[s][$0] > 0 && reaches[$0] }) {
                reaches[s] = true
                changed = true
            }
        }
        // The transient states that matter: start and the channels both reached and reaching conv.
        let active = (0..<(channelCount + 1)).filter { reached[$0] && reaches[$0] }
        guard active.first == 0 else { return (0, Array(repeating: nil, count: channelCount)) }
        func p(_ s: Int, _ t: Int) -> Double { Double(transitions[s][t]) / Double(totals[s]) }

        // h over the active states: h(s) − Σ p(s,t) h(t) = p(s, conv); others absorb with 0.
        let h = Self.solve(
            matrix: active.map { s in active.map { t in (s == t ? 1 : 0) - p(s, t) } },
            rhs: active.map { p($0, conv) })
        let probability = h[0]
        guard probability > 0 else { return (0, Array(repeating: nil, count: channelCount)) }
        var effects = [Double?](repeating: 0, count: channelCount)
        for (xi, x) in active.enumerated() where x != 0 {
            // hit(x): g(s) − Σ_{t ≠ x} p(s,t) g(t) = p(s, x) over the active states but x.
            let others = active.filter { $0 != x }
            let g = Self.solve(
                matrix: others.map { s in others.map { t in (s == t ? 1 : 0) - p(s, t) } },
                rhs: others.map { p($0, x) })
            effects[x - 1] = g[0] * h[xi] / probability
        }
        return (probability, effects)
    }

    /// Solves `matrix · x = rhs` by Gaussian elimination with partial pivoting (a handful of
    /// channels: the system is tiny). The matrices here are I − Q of an absorbing chain
    /// restricted to states that reach absorption, so they are nonsingular.
    static func solve(matrix: [[Double]], rhs: [Double]) -> [Double] {
        var a = matrix
        var b = rhs
        let n = b.count
        for col in 0..<n {
            var pivot = col
            for r in (col + 1)..<max(n, col + 1) where abs(a[r][col]) > abs(a[pivot][col]) { pivot = r }
            if pivot != col {
                a.swapAt(pivot, col)
                b.swapAt(pivot, col)
            }
            let d = a[col][col]
            guard d != 0 else { continue }
            for r in (col + 1)..<max(n, col + 1) where a[r][col] != 0 {
                let f = a[r][col] / d
                for k in col..<n { a[r][k] -= f * a[col][k] }
                b[r] -= f * b[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            var s = b[r]
            for k in (r + 1)..<max(n, r + 1) { s -= a[r][k] * x[k] }
            x[r] = a[r][r] == 0 ? 0 : s / a[r][r]
        }
        return x
    }
}
