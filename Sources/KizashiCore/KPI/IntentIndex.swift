/// The dataset's intent rows as columns of small integers, ordered by day, built once per
/// `KPIComputation`.
///
/// Why: every period reads two windows of intent — the period itself (intent_accounts,
/// competitor research, top_topics) and `[L − 62, L]` (surges, kpis.md §intent) — and a monthly
/// trend reads them 24 times. Over `[IntentSignal]` each row cost a string-keyed company lookup
/// and topic-keyed dictionaries; here a window is a binary-searched slice and a row is a few
/// integer loads.
struct IntentIndex: Sendable {
    /// Company index per row (−1: a company the dataset does not hold).
    let company: [Int32]
    /// Index into `topics` per row.
    let topic: [Int32]
    let day: [Day]
    let score: [Int32]
    let competitor: [Bool]
    /// Distinct topics, in order of first appearance.
    let topics: [String]

    init(_ signals: [IntentSignal], companyIndex: [String: Int]) {
        let order =
            zip(signals, signals.dropFirst()).allSatisfy { $0.observedOn <= $1.observedOn }
            ? Array(signals.indices) : signals.indices.sorted { signals[$0].observedOn < signals[$1].observedOn }
        var topicIndex: [String: Int32] = [:]
        var topics: [String] = []
        var company: [Int32] = [], topic: [Int32] = [], day: [Day] = [], score: [Int32] = [], comp: [Bool] = []
        company.reserveCapacity(order.count)
        topic.reserveCapacity(order.count)
        score.reserveCapacity(order.count)
        day.reserveCapacity(order.count)
        comp.reserveCapacity(order.count)
        for i in order {
            let s = signals[i]
            company.append(Int32(companyIndex[s.companyId] ?? -1))
            if let t = topicIndex[s.topic] {
                topic.append(t)
            } else {
                let t = Int32(topics.count)
                topicIndex[s.topic] = t
                topics.append(s.topic)
                topic.append(t)
            }
            day.append(s.observedOn)
            score.append(Int32(s.score))
            comp.append(s.kind == .competitorVisit)
        }
        self.company = company
        self.topic = topic
        self.day = day
        self.score = score
        self.competitor = comp
        self.topics = topics
    }

    /// Row positions whose day lies in `range`.
    func rows(in range: ClosedRange<Day>) -> Range<Int> {
        let lo = firstPosition(notBefore: range.lowerBound, count: day.count) { day[$0] }
        return lo..<max(lo, firstPosition(notBefore: range.upperBound + 1, count: day.count) { day[$0] })
    }
}
