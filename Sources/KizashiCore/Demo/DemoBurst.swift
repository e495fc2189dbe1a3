/// A planted stretch of unusual behaviour of one account.
///
/// `buying` episodes are the signal a propensity model should learn: several contacts including a
/// decision maker engage heavily for one to two weeks while the account's intent on one topic
/// surges, and 2–6 weeks later meetings, SQLs and (with high probability) an opportunity follow.
/// `noise` bursts (one person binge-reading the blog) and `intentOnly` spikes (vendor noise) look
/// like half of that signal and lead nowhere, so the relation is not trivially "any spike".
struct DemoBurst: Sendable {
    enum Kind: Sendable { case buying, noise, intentOnly }

    var kind: Kind
    var account: Int
    /// First day of the engagement burst, as a day index of the calendar.
    var start: Int
    /// Days of the engagement burst.
    var length: Int
    /// Extra activities per day at the burst's peak (before the day-of-week weight).
    var extra: Double
    /// Index into `DemoWebVocabulary.topics`.
    var topic: Int
    /// Contacts (global indices) who carry the burst; empty = anonymous visitors of the company.
    var committee: [Int]
    /// Intent rows are emitted on day indices `intentFrom…intentTo` (empty when `intentFrom > intentTo`).
    var intentFrom: Int
    var intentTo: Int
    /// Still going on at `asOf`: intent every day, so the account surges on the last day.
    var live: Bool

    /// Relative intensity on day `offset` of the burst: ramps up to the middle and back down.
    func shape(_ offset: Int) -> Double {
        let x = (2.0 * (Double(offset) + 0.5)) / Double(length) - 1.0
        return 0.4 + 0.6 * (1.0 - (x < 0 ? -x : x))
    }

    /// Sum of the burst's expected extra activities, given the calendar's day weights.
    func expectedExtra(_ weights: [Double]) -> Double {
        var s = 0.0
        for i in 0..<length where start + i < weights.count { s += extra * shape(i) * weights[start + i] }
        return s
    }
}
