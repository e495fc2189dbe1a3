import Foundation
import Testing

@testable import KizashiCore

/// Issue 20 §4: a stored ranking is reused while what it learnt from is unchanged, never for a
/// day before its own as-of day (its validation used labels after that day), and at most
/// `maxAgeDays` after it.
@Suite("Stored approach-now ranking: when it is reused")
struct TrainedRankingTests {
    static let asOf = Day(year: 2026, month: 10, day: 31)!

    static func deal(_ id: String, _ company: String, _ day: String) -> Opportunity {
        Opportunity(
            id: id, companyId: company, name: nil, createdOn: Day(iso: day)!, amount: 1_000_000, termMonths: nil,
            status: .open, closedOn: nil)
    }

    static func fingerprint(settings: [String: String] = ["engaged_threshold": "40"], deals: [Opportunity]? = nil)
        -> TrainingFingerprint
    {
        TrainingFingerprint(
            settings: settings, companies: 10, contacts: 30, targets: 5,
            opportunities: deals ?? [deal("O1", "C1", "2026-09-01"), deal("O2", "C2", "2026-10-01")])
    }

    static func ranking() -> TrainedRanking {
        let choice = CandidateChoice(
            asOf: asOf, horizon: 30, k: 25, chosen: .engagement, validated: true, fitDays: nil, validationDays: nil,
            validationDayCount: 8, fitSamples: 0, fitPositives: 0, validationSamples: 0, validationPositives: 0,
            validation: [], scorers: [.engagement: .engagement, .rule: .rule])
        return TrainedRanking(
            trainedAt: Instant(millisecondsSinceEpoch: 1_790_000_000_000), fingerprint: fingerprint(), choice: choice)
    }

    @Test("same data and settings, on the as-of day and up to 7 days after it: reused")
    func reused() {
        let r = Self.ranking()
        #expect(r.reuse(asOf: Self.asOf, fingerprint: Self.fingerprint()) == .reuse)
        // 2026-10-31 + 7 = 2026-11-07.
        #expect(r.reuse(asOf: Day(iso: "2026-11-07")!, fingerprint: Self.fingerprint()) == .reuse)
        // Only the chosen scorer is kept.
        #expect(Array(r.choice.scorers.keys) == [.engagement])
    }

    @Test("8 days after, or any day before its as-of day: retrained, with the reason")
    func days() {
        let r = Self.ranking()
        #expect(r.reuse(asOf: Day(iso: "2026-11-08")!, fingerprint: Self.fingerprint()) == .retrain(.tooOld))
        #expect(r.reuse(asOf: Day(iso: "2026-10-30")!, fingerprint: Self.fingerprint()) == .retrain(.trainedAfterDay))
    }

    @Test("a setting, a new or re-dated opportunity, or another count: retrained; the deals' order does not matter")
    func dataAndSettings() {
        let r = Self.ranking()
        #expect(
            r.reuse(asOf: Self.asOf, fingerprint: Self.fingerprint(settings: ["engaged_threshold": "50"]))
                == .retrain(.settingsChanged))
        let added = [
            Self.deal("O1", "C1", "2026-09-01"), Self.deal("O2", "C2", "2026-10-01"),
            Self.deal("O3", "C3", "2026-10-20"),
        ]
        #expect(r.reuse(asOf: Self.asOf, fingerprint: Self.fingerprint(deals: added)) == .retrain(.dataChanged))
        // Same count, one deal's creation day moved: the label changed.
        let moved = [Self.deal("O1", "C1", "2026-09-01"), Self.deal("O2", "C2", "2026-10-02")]
        #expect(r.reuse(asOf: Self.asOf, fingerprint: Self.fingerprint(deals: moved)) == .retrain(.dataChanged))
        let reordered = [Self.deal("O2", "C2", "2026-10-01"), Self.deal("O1", "C1", "2026-09-01")]
        #expect(r.reuse(asOf: Self.asOf, fingerprint: Self.fingerprint(deals: reordered)) == .reuse)
        var other = Self.fingerprint()
        other.targets = 6
        #expect(r.reuse(asOf: Self.asOf, fingerprint: other) == .retrain(.dataChanged))
    }

    @Test("another stored form or feature list: retrained")
    func formAndFeatures() {
        var r = Self.ranking()
        r.format = TrainedRanking.currentFormat + 1
        #expect(r.reuse(asOf: Self.asOf, fingerprint: Self.fingerprint()) == .retrain(.formatChanged))
        r = Self.ranking()
        r.features = Array(r.features.dropLast())
        #expect(r.reuse(asOf: Self.asOf, fingerprint: Self.fingerprint()) == .retrain(.featuresChanged))
    }

    /// Expected digests computed independently (Python: h = 0xcbf29ce484222325; for each byte of
    /// each string's UTF-8 followed by 0xFF: h ^= b; h = h · 0x100000001b3 mod 2⁶⁴).
    @Test("FNV-1a 64 with a 0xFF after each string: fixed values, and the separator keeps ab|c ≠ a|bc")
    func digest() {
        var empty = FNV1a()
        #expect(empty.value == 0xcbf2_9ce4_8422_2325)
        empty.add("a")
        #expect(empty.value == 0x089b_c907_b544_c769)
        var abc = FNV1a()
        abc.add("ab")
        abc.add("c")
        #expect(abc.value == 0x20ba_9b30_25a8_b421)
        var aBc = FNV1a()
        aBc.add("a")
        aBc.add("bc")
        #expect(aBc.value == 0xa0a3_542c_19b9_00ab)
    }

    @Test("stored as JSON and read back: the same choice, days as ISO dates, instants as milliseconds")
    func codable() throws {
        let r = Self.ranking()
        let data = try JSONEncoder().encode(r)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"2026-10-31\""))
        #expect(text.contains("1790000000000"))
        let back = try JSONDecoder().decode(TrainedRanking.self, from: data)
        #expect(back.choice.asOf == Self.asOf)
        #expect(back.fingerprint == r.fingerprint)
        #expect(back.reuse(asOf: Self.asOf, fingerprint: Self.fingerprint()) == .reuse)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Day.self, from: Data("\"2026-02-30\"".utf8))
        }
    }
}
