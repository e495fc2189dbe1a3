/// One account's intent in one topic as of a day `L` (kpis.md §intent, surging_accounts).
///
/// `current` = mean score of rows with `observed_on ∈ [L − 6, L]`; `baseline` = mean of rows
/// with `observed_on ∈ [L − 62, L − 7]` (0 without rows). Kept as integer sums and counts so the
/// surge test is exact (the spec asks for equality to count).
public struct IntentSurge: Sendable, Equatable {
    public var topic: String
    public var currentSum = 0
    public var currentCount = 0
    public var baselineSum = 0
    public var baselineCount = 0

    public init(topic: String) { self.topic = topic }

    /// Adds a row observed `daysBefore` days before L; rows outside both windows are ignored.
    public mutating func add(score: Int, daysBefore x: Int) {
        if x >= 0 && x <= 6 {
            currentSum += score
            currentCount += 1
        } else if x >= 7 && x <= 62 {
            baselineSum += score
            baselineCount += 1
        }
    }

    public var current: Double? { currentCount == 0 ? nil : Double(currentSum) / Double(currentCount) }
    public var baseline: Double { baselineCount == 0 ? 0 : Double(baselineSum) / Double(baselineCount) }

    /// current ≥ min_current and current ≥ baseline + min_delta, compared exactly:
    /// curSum/curN ≥ k ⇔ curSum ≥ k·curN; curSum/curN ≥ baseSum/baseN + d ⇔
    /// curSum·baseN ≥ (baseSum + d·baseN)·curN.
    public func isSurging(_ p: ScoringParameters) -> Bool {
        guard currentCount > 0 else { return false }
        let currentOK = currentSum >= p.surgeMinCurrent * currentCount
        let deltaOK =
            baselineCount == 0
            ? currentSum >= p.surgeMinDelta * currentCount
            : currentSum * baselineCount >= (baselineSum + p.surgeMinDelta * baselineCount) * currentCount
        return currentOK && deltaOK
    }

    /// Every topic of `signals` as of `L`, surging first, then by current score, then by topic.
    public static func topics(of signals: some Sequence<IntentSignal>, asOf L: Day, parameters p: ScoringParameters)
        -> [IntentSurge]
    {
        var byTopic: [String: IntentSurge] = [:]
        for s in signals {
            byTopic[s.topic, default: IntentSurge(topic: s.topic)].add(score: s.score, daysBefore: L - s.observedOn)
        }
        return ordered(byTopic.values.filter { $0.currentCount + $0.baselineCount > 0 }, parameters: p)
    }

    /// Surging first, then by current score, then by topic (code points).
    public static func ordered(_ topics: [IntentSurge], parameters p: ScoringParameters) -> [IntentSurge] {
        if topics.count < 2 { return topics }
        // Keys computed once per topic, not once per comparison (the account list orders the
        // topics of every target account: at 100k accounts this sort was a fifth of its time).
        let surging = topics.map { $0.isSurging(p) }
        let current = topics.map { $0.current ?? -1 }
        let order = topics.indices.sorted { a, b in
            if surging[a] != surging[b] { return surging[a] }
            if current[a] != current[b] { return current[a] > current[b] }
            return topics[a].topic.unicodeScalars.lexicographicallyPrecedes(topics[b].topic.unicodeScalars)
        }
        return order.map { topics[$0] }
    }
}
