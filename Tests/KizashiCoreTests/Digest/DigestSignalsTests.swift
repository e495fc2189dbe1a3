import Testing

@testable import KizashiCore

/// The review's "accounts that moved" lists, selected from hand-made rows: the change is the score
/// on the day minus the score on `since` (the rows' own 7-day change is set to 99 and must not be
/// used); only rises among the risers, biggest first; only falls among the fallers; an account not
/// listed on `since` is not ranked; new surges are accounts surging now and not on `since`; ties
/// by company_id; at most five each; one tier when asked.
@Suite("Digest signals")
struct DigestSignalsTests {
    static let day = Day(year: 2026, month: 9, day: 30)!
    static let since = Day(year: 2026, month: 6, day: 30)!

    static func row(_ id: String, tier: Tier = .one, score: Double) -> AccountListRow {
        AccountListRow(
            companyId: id, name: "Company \(id)", tier: tier, icpMatch: true, score: score, scoreChange7d: 99,
            engagedContacts: 0, topTopics: [], surging: false, lastActivity: nil, openPipeline: 0)
    }

    @Test("risers, fallers, new surges and competitor research, hand-ordered")
    func selection() {
        let rows: [DigestSignals.Candidate] = [
            (Self.row("C1", score: 60), ["crm"], []),  // 60 − 47.5 = +12.5
            (Self.row("C2", score: 40), [], ["rival-x"]),  // 40 − 48 = −8
            (Self.row("C3", score: 55), ["erp"], []),  // 55 − 42.5 = +12.5: ties C1, C1 first by id
            (Self.row("C4", tier: .two, score: 70), [], ["rival-y"]),  // 70 − 67 = +3
            (Self.row("C5", score: 10), [], []),  // 10 − 10 = 0: no move, in neither list
            (Self.row("C6", score: 20), [], []),  // 20 − 35 = −15
            (Self.row("C7", score: 95), [], []),  // not listed on `since`: not ranked
        ]
        let before: [String: Double] = ["C1": 47.5, "C2": 48, "C3": 42.5, "C4": 67, "C5": 10, "C6": 35]
        // C3 was already surging on `since`: not a new surge.
        let s = DigestSignals(
            day: Self.day, since: Self.since, rows: rows, scoreBefore: before, surgingBefore: ["C3"], tier: nil)
        #expect(s.risers.map(\.companyId) == ["C1", "C3", "C4"])
        #expect(s.risers.map(\.change) == [12.5, 12.5, 3])
        #expect(s.fallers.map(\.companyId) == ["C6", "C2"])
        #expect(s.fallers.map(\.change) == [-15, -8])
        #expect(s.newSurges.map(\.companyId) == ["C1"] && s.newSurges[0].topics == ["crm"])
        // By score: C4 (70) before C2 (40).
        #expect(s.competitorResearch.map(\.companyId) == ["C4", "C2"])
        #expect(s.competitorResearch.map(\.topics) == [["rival-y"], ["rival-x"]])

        let tier2 = DigestSignals(
            day: Self.day, since: Self.since, rows: rows, scoreBefore: before, surgingBefore: [], tier: .two)
        #expect(tier2.risers.map(\.companyId) == ["C4"] && tier2.fallers.isEmpty && tier2.newSurges.isEmpty)
    }

    @Test("at most five a list; the biggest moves kept")
    func limit() {
        // Scores 1…8 from 0: changes 1…8, the five biggest are C8, C7, C6, C5, C4.
        let rows: [DigestSignals.Candidate] = (1...8).map { (Self.row("C\($0)", score: Double($0)), [], []) }
        let before = Dictionary(uniqueKeysWithValues: (1...8).map { ("C\($0)", 0.0) })
        let s = DigestSignals(
            day: Self.day, since: Self.since, rows: rows, scoreBefore: before, surgingBefore: [], tier: nil)
        #expect(s.risers.map(\.companyId) == ["C8", "C7", "C6", "C5", "C4"])
    }

    @Test("one line per account, in words, the name as given")
    func text() {
        let a = DigestSignals.Account(
            companyId: "C1", name: "サクラ精機", tier: .one, score: 62.34, change: -4.25, topics: ["CRM", "SFA"])
        #expect(
            DigestText.signal(a, .en, name: a.name) == "サクラ精機 (Tier 1): score 62.3 (-4.3) — topics: CRM, SFA")
        #expect(DigestText.signal(a, .ja, name: a.name) == "サクラ精機（ティア1）：スコア 62.3（-4.3）／トピック：CRM, SFA")
    }
}
