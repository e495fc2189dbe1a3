/// Writes the intent signals, day by day, in chunks.
///
/// Covered accounts show a low, noisy background interest in a few topics (scores around 35).
/// Buying episodes add near-daily high scores (62–97) on the episode's topic from a few days before
/// the engagement burst to a few days after it, plus visits to competitors' sites — the surge that
/// kpis.md §intent detects (current week ≥ 60 and ≥ baseline + 20). Live episodes post every day
/// up to `asOf`, so some targets are surging on the last day. Intent-only spikes are vendor noise.
struct DemoIntentStream {
    let calendar: DemoCalendar
    let accounts: [DemoAccount]
    let bursts: [DemoBurst]
    /// Probability that a covered account shows a background row for one of its topics on a weekday.
    let backgroundRate: Double

    static let backgroundKinds = DemoWeighted([40, 10, 35, 15])
    static let surgeKinds = DemoWeighted([45, 0, 35, 20])
    static let competitorShare = 0.3

    static func dayWeight(_ d: Day) -> Double { DemoCalendar.isWeekend(d) ? 0.4 : 1 }

    /// Expected rows of a burst's intent window.
    static func expectedRows(_ b: DemoBurst) -> Double {
        let days = Double(max(b.intentTo - b.intentFrom + 1, 0))
        switch b.kind {
        case .buying: return days * (b.live ? 1 : 0.7) * (1 + competitorShare)
        case .intentOnly: return days * 0.6
        case .noise: return 0
        }
    }

    /// Chooses the background rate so that the expected total is `total`.
    static func calibrate(total: Int, accounts: [DemoAccount], bursts: [DemoBurst], calendar: DemoCalendar) -> Double {
        var dayWeights = 0.0
        for i in 0..<calendar.dayCount { dayWeights += dayWeight(calendar.day(i)) }
        var slots = 0
        for a in accounts { slots += a.intentTopics.nonzeroBitCount }
        let planted = bursts.reduce(0.0) { $0 + expectedRows($1) }
        guard slots > 0 else { return 0 }
        return min(max(Double(total) - planted, 0) / (Double(slots) * dayWeights), 1)
    }

    @discardableResult
    func run(into sink: inout some DemoSink, chunkSize: Int, _ rng: inout DemoRandom) throws -> Int {
        let covered = accounts.indices.filter { accounts[$0].intentTopics != 0 }
        let planted = bursts.indices.filter { bursts[$0].intentFrom <= bursts[$0].intentTo }
        let topics = DemoWebVocabulary.topics
        let competitors = DemoWebVocabulary.competitors
        var chunk: [IntentSignal] = []
        chunk.reserveCapacity(min(chunkSize, 1 << 16))
        var nextID = 1

        func emit(_ account: Int, _ day: Day, _ topic: String, _ kind: IntentKind, _ score: Int) throws {
            let source = kind == .reviewSite ? "G2" : "Bombora"
            chunk.append(
                IntentSignal(
                    id: DemoID.make("I", nextID, width: 7), companyId: accounts[account].id, observedOn: day,
                    topic: topic, kind: kind, score: min(max(score, 0), 100), source: source))
            nextID += 1
            if chunk.count == chunkSize {
                try sink.intent(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }

        for index in 0..<calendar.dayCount {
            let day = calendar.day(index)
            let p = backgroundRate * Self.dayWeight(day)
            for i in covered {
                var bits = accounts[i].intentTopics
                while bits != 0 {
                    let t = bits.trailingZeroBitCount
                    bits &= bits - 1
                    guard rng.chance(p) else { continue }
                    let kind = IntentKind.allCases[Self.backgroundKinds.draw(&rng)]
                    let topic = kind == .competitorVisit ? competitors[rng.below(competitors.count)] : topics[t]
                    try emit(i, day, topic, kind, Int(35 + 11 * rng.normal()))
                }
            }
            for k in planted {
                let b = bursts[k]
                guard b.intentFrom <= index && index <= b.intentTo else { continue }
                switch b.kind {
                case .buying:
                    guard b.live || rng.chance(0.7) else { continue }
                    // Interest builds before the burst and peaks during it.
                    let score = index < b.start ? 55 + rng.below(25) : 62 + rng.below(36)
                    try emit(b.account, day, topics[b.topic], IntentKind.allCases[Self.surgeKinds.draw(&rng)], score)
                    if rng.chance(Self.competitorShare) {
                        try emit(
                            b.account, day, competitors[rng.below(competitors.count)], .competitorVisit,
                            50 + rng.below(45))
                    }
                case .intentOnly:
                    guard rng.chance(0.6) else { continue }
                    try emit(
                        b.account, day, topics[b.topic], IntentKind.allCases[Self.surgeKinds.draw(&rng)],
                        60 + rng.below(31))
                case .noise:
                    break
                }
            }
        }
        if !chunk.isEmpty { try sink.intent(chunk) }
        return nextID - 1
    }
}
