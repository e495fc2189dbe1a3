import Testing

@testable import KizashiCore

/// attribution.md §Models: each rule-based model's credits, worked out by hand.
@Suite("Positional attribution models")
struct PositionalCreditsTests {
    static func touches(_ types: [ActivityType], days: [Int]? = nil) -> [Touch] {
        types.enumerated().map { i, t in
            let d = days?[i] ?? i
            return Touch(
                day: Day(daysSinceEpoch: Int32(d)), time: Instant(millisecondsSinceEpoch: Int64(d) * 86_400_000),
                key: Int32(i), type: t)
        }
    }
    static func credits(_ m: AttributionModel, _ t: [Touch], c: Int = 10) -> [Double] {
        PositionalCredits.credits(m, touches: t, createdOn: Day(daysSinceEpoch: Int32(c)), halfLifeDays: 7)
    }

    @Test("u_shaped: n = 1 → 1; n = 2 → ½ ½; n = 4 → 0.4, 0.1, 0.1, 0.4")
    func uShaped() {
        #expect(Self.credits(.uShaped, Self.touches([.webVisit])) == [1])
        #expect(Self.credits(.uShaped, Self.touches([.webVisit, .adClick])) == [0.5, 0.5])
        #expect(
            Self.credits(.uShaped, Self.touches([.webVisit, .adClick, .adClick, .webVisit])) == [0.4, 0.1, 0.1, 0.4])
    }

    @Test("w_shaped: lead in the middle → 0.3 ×3 and 0.1/(n−3); lead first or last → u_shaped (edge case 5)")
    func wShaped() {
        let middle = Self.touches([.webVisit, .webVisit, .formSubmit, .eventAttend, .webVisit])
        // m = t3 (the first lead type; t4 is a lead type too but not the first): 0.3 to t1, t3, t5; 0.05 to t2, t4.
        #expect(Self.credits(.wShaped, middle) == [0.3, 0.05, 0.3, 0.05, 0.3])
        let three = Self.touches([.webVisit, .eventAttend, .webVisit])
        let third: Double = 1.0 / 3
        #expect(Self.credits(.wShaped, three) == [third, third, third])
        // The first lead touch is t1: u_shaped, although t3 is a lead type in the middle.
        let first = Self.touches([.formSubmit, .webVisit, .eventAttend, .webVisit])
        #expect(Self.credits(.wShaped, first) == Self.credits(.uShaped, first))
        let last = Self.touches([.webVisit, .webVisit, .formSubmit])
        #expect(Self.credits(.wShaped, last) == [0.4, 0.2, 0.4])
        let none = Self.touches([.webVisit, .adClick, .contentView, .emailClick])
        #expect(Self.credits(.wShaped, none) == [0.4, 0.1, 0.1, 0.4])
    }

    @Test("time_decay: 7 and 0 days before c (half-life 7) → weights 2^(−1), 1 → ⅓, ⅔")
    func timeDecay() {
        let t = Self.touches([.webVisit, .webVisit], days: [0, 7])
        let c = Self.credits(.timeDecay, t, c: 7)
        #expect(abs(c[0] - 1.0 / 3) < 1e-15 && abs(c[1] - 2.0 / 3) < 1e-15)
        // A half-life of a hundredth of a day would underflow 0.5^(x/h) for every touch; the
        // ratios still hold (the nearest touch gets everything).
        let far = PositionalCredits.credits(
            .timeDecay, touches: Self.touches([.webVisit, .webVisit], days: [0, 20]),
            createdOn: Day(daysSinceEpoch: 40), halfLifeDays: 0.01)
        #expect(far == [0, 1])
    }

    @Test("first, last, linear; no touch gives no credit")
    func simple() {
        let t = Self.touches([.webVisit, .adClick, .webVisit, .contentView])
        #expect(Self.credits(.firstTouch, t) == [1, 0, 0, 0])
        #expect(Self.credits(.lastTouch, t) == [0, 0, 0, 1])
        #expect(Self.credits(.linear, t) == [0.25, 0.25, 0.25, 0.25])
        #expect(
            JourneyCredits.credits(
                .linear, touches: [], createdOn: Day(daysSinceEpoch: 0), halfLifeDays: 7, channelOfKey: [],
                removalEffects: []) == nil)
    }
}
