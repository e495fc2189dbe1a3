import KizashiCore
import Testing

/// `KPIComputation.adding`: the server adds tracked events' activities to the loaded read model
/// instead of reloading it. The result must be what a load after the events gives.
@Suite("KPI computation: adding activities")
struct ComputationPatchTests {
    static let tokyo = WorkspaceTimeZone.tokyo
    static func at(_ utc: String) -> Instant {
        // "YYYY-MM-DDTHH:MM" in UTC.
        let day = Day(iso: utc.prefix(10))!
        let h = Int64(utc.dropFirst(11).prefix(2))!, m = Int64(utc.dropFirst(14).prefix(2))!
        return Instant(millisecondsSinceEpoch: (Int64(day.daysSinceEpoch) * 86_400 + h * 3600 + m * 60) * 1000)
    }

    static let companies = [Company(id: "C1", name: "株式会社アルファ"), Company(id: "C2", name: "Beta Inc.")]
    static let targets = [
        TargetMembership(companyId: "C1", tier: .one, addedOn: Day(iso: "2026-01-01")!),
        TargetMembership(companyId: "C2", tier: .two, addedOn: Day(iso: "2026-01-01")!),
    ]
    static let contacts = [Contact(id: "K1", companyId: "C1", role: .decisionMaker)]
    /// Stored before the load: one web visit of C1 on 2026-09-30 JST.
    static let stored = [Activity(id: "a1", occurredAt: at("2026-09-30T01:00"), type: .webVisit, companyId: "C1")]
    /// Arriving as events after it.
    static let arriving = [
        // 23:30 JST on 09-30: same day as a1.
        Activity(id: "e1", occurredAt: at("2026-09-30T14:30"), type: .formSubmit, companyId: "C1"),
        // No company: resolved through contact K1 (data-format.md §activities.csv). 09-29 JST.
        Activity(id: "e2", occurredAt: at("2026-09-29T03:00"), type: .emailClick, contactId: "K1"),
        // 00:10 JST on 10-01 (still 09-30 in UTC): not in a score as of 09-30.
        Activity(id: "e3", occurredAt: at("2026-09-30T15:10"), type: .eventAttend, companyId: "C1"),
        // C2 had no activity at all: a new account of the roll-ups.
        Activity(id: "e4", occurredAt: at("2026-09-30T02:00"), type: .webVisit, companyId: "C2"),
        // A second web visit of C1 on 09-30: the same roll-up cell as a1.
        Activity(id: "e5", occurredAt: at("2026-09-30T05:00"), type: .webVisit, companyId: "C1"),
    ]

    static func dataset(_ activities: [Activity]) -> KPIDataset {
        let companyOf = Dictionary(uniqueKeysWithValues: contacts.map { ($0.id, $0.companyId) })
        return KPIDataset(
            companies: companies, targets: targets, contacts: contacts,
            activities: ActivityRollup(activities: activities, timeZone: tokyo, companyOfContact: { companyOf[$0] }))
    }

    @Test("scores as of a day move by exactly the added activities (hand-worked)")
    func handWorked() {
        let before = KPIComputation(dataset: Self.dataset(Self.stored), parameters: ScoringParameters())
        let day = Day(iso: "2026-09-30")!
        // C1: one web visit today → 100·(1 − e^(−1/50)).
        #expect(abs(before.engagementScores(asOf: day)[0] - 1.9801326693244747) < 1e-9)
        #expect(before.engagementScores(asOf: day)[1] == 0)

        let after = before.adding(Self.arriving)
        let s = after.engagementScores(asOf: day)
        // C1 as of 09-30: web 1 + web 1 + form 10 today, click 3·0.5^(1/30) yesterday, the event
        // of 10-01 not yet: raw = 12 + 2.93148 = 14.931479905302737 → 100·(1 − e^(−raw/50)).
        #expect(abs(s[0] - 25.816586467890858) < 1e-9)
        // C2: one web visit today.
        #expect(abs(s[1] - 1.9801326693244747) < 1e-9)
        // The base computation is unchanged (the server may still be answering from it).
        #expect(abs(before.engagementScores(asOf: day)[0] - 1.9801326693244747) < 1e-9)
        // As of 10-01 the event attendance counts: raw = 12·0.5^(1/30) + 12 + 3·0.5^(2/30).
        let next = after.engagementScores(asOf: day + 1)[0]
        #expect(abs(next - 41.24587887754754) < 1e-9)
    }

    @Test("adding equals loading everything: every score and the whole Q3 report")
    func equalsReload() {
        let patched = KPIComputation(dataset: Self.dataset(Self.stored), parameters: ScoringParameters())
            .adding(Array(Self.arriving.prefix(2))).adding(Array(Self.arriving.dropFirst(2)))
        let loaded = KPIComputation(
            dataset: Self.dataset(Self.stored + Self.arriving), parameters: ScoringParameters())
        for offset in -3...95 {
            let day = Day(iso: "2026-09-30")! + offset
            for (a, b) in zip(patched.engagementScores(asOf: day), loaded.engagementScores(asOf: day)) {
                #expect(abs(a - b) < 1e-12, "as of \(day)")
            }
        }
        for label in ["2026Q3", "2026Q4", "2026-09", "2026-10"] {
            let period = KPIPeriod(label: label)!
            #expect(
                patched.report(period: period).json().serialized() == loaded.report(period: period).json().serialized())
        }
    }
}
