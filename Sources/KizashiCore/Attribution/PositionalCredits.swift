import Foundation

/// The rule-based models of attribution.md §Models: the credit of each touch t1 … tn of one
/// opportunity, from positions, lead types and days alone. Credits sum to 1; n = 0 gives none.
public enum PositionalCredits {
    /// Credits of `touches` (in journey order) under `model`; `createdOn` is the opportunity's
    /// day (time decay), `halfLifeDays` the time-decay half-life. `markov` is not positional:
    /// see `MarkovChain`.
    public static func credits(
        _ model: AttributionModel, touches: [Touch], createdOn c: Day, halfLifeDays: Double
    ) -> [Double] {
        let n = touches.count
        guard n > 0 else { return [] }
        switch model {
        case .firstTouch:
            var out = [Double](repeating: 0, count: n)
            out[0] = 1
            return out
        case .lastTouch:
            var out = [Double](repeating: 0, count: n)
            out[n - 1] = 1
            return out
        case .linear:
            return [Double](repeating: 1 / Double(n), count: n)
        case .uShaped:
            return uShaped(n)
        case .wShaped:
            // The lead touch is the *first* touch of a lead type (edge case 5); when it is t1 or
            // tn (or there is none) the model is u_shaped.
            guard let m = touches.firstIndex(where: \.isLead), m > 0, m < n - 1 else { return uShaped(n) }
            if n == 3 { return [Double](repeating: 1.0 / 3.0, count: 3) }
            var out = [Double](repeating: 0.1 / Double(n - 3), count: n)
            out[0] = 0.3
            out[m] = 0.3
            out[n - 1] = 0.3
            return out
        case .timeDecay:
            // weight = 0.5^((c − day) / half-life), whole local days. Measured from the latest
            // touch's day instead of c: the ratios are the same, and a short half-life cannot
            // underflow every weight to 0.
            let nearest = touches.map { c - $0.day }.min()!
            let weights = touches.map { pow(0.5, Double((c - $0.day) - nearest) / halfLifeDays) }
            let total = weights.reduce(0, +)
            return weights.map { $0 / total }
        case .markov:
            preconditionFailure("markov credits come from MarkovChain")
        }
    }

    /// u_shaped: n = 1 → 1; n = 2 → ½ each; n ≥ 3 → 0.4 to t1 and tn, 0.2/(n − 2) to each middle touch.
    static func uShaped(_ n: Int) -> [Double] {
        switch n {
        case 1: return [1]
        case 2: return [0.5, 0.5]
        default:
            var out = [Double](repeating: 0.2 / Double(n - 2), count: n)
            out[0] = 0.4
            out[n - 1] = 0.4
            return out
        }
    }
}
