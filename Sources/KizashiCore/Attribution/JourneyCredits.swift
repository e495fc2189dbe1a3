/// The credit of each touch of one opportunity under any of the seven models — what the engine
/// sums per key, and what an account's page shows per touch.
public enum JourneyCredits {
    /// Credits of `touches` (journey order), or nil when the model gives this opportunity no
    /// credit (no touch; for `markov`, no usable chain or every channel of the journey at RE 0).
    ///
    /// - Parameters:
    ///   - channelOfKey: `TouchCatalog.channelOfKey`.
    ///   - removalEffects: per channel, the period chain's RE (nil entries: the chain gives none).
    public static func credits(
        _ model: AttributionModel, touches: [Touch], createdOn: Day, halfLifeDays: Double, channelOfKey: [Int],
        removalEffects: [Double?]
    ) -> [Double]? {
        guard !touches.isEmpty else { return nil }
        guard model == .markov else {
            return PositionalCredits.credits(model, touches: touches, createdOn: createdOn, halfLifeDays: halfLifeDays)
        }
        // attribution.md §The data-driven model: channel x gets RE(x) / Σ RE(y) over the journey's
        // distinct channels, shared equally among the journey's touches of x (before repeats are
        // collapsed, edge case 8).
        var perChannel: [Int: Int] = [:]
        for t in touches { perChannel[channelOfKey[Int(t.key)], default: 0] += 1 }
        var total = 0.0
        for c in perChannel.keys.sorted() {
            guard let re = removalEffects[c] else { return nil }
            total += re
        }
        guard total > 0 else { return nil }
        return touches.map { t in
            let c = channelOfKey[Int(t.key)]
            return removalEffects[c]! / total / Double(perChannel[c]!)
        }
    }

    /// Credits summed per touch key (attribution.md: "Credits are summed over touches with the
    /// same touch key"), in key order, each sum taken in journey order.
    static func perKey(_ touches: [Touch], _ credits: [Double]) -> [(key: Int, credit: Double)] {
        var out: [(key: Int, credit: Double)] = []
        for i in touches.indices.sorted(by: { (touches[$0].key, $0) < (touches[$1].key, $1) }) {
            let k = Int(touches[i].key)
            if let last = out.last, last.key == k {
                out[out.count - 1].credit += credits[i]
            } else {
                out.append((k, credits[i]))
            }
        }
        return out
    }
}
