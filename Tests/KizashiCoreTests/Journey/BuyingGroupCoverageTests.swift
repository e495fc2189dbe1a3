import KizashiCore
import Testing

/// Issue 26 §3: which roles have engaged contacts, which are missing, who could fill them.
@Suite("Buying-group coverage (hand-worked)")
struct BuyingGroupCoverageTests {
    static func d(_ iso: String) -> Day { Day(iso: iso)! }
    static let day = d("2026-09-30")
    static let targets = [
        TargetMembership(companyId: "P", tier: .one, addedOn: d("2026-01-01")),
        TargetMembership(companyId: "Q", tier: .two, addedOn: d("2026-01-01")),
        // Removed before the day: not a target, no coverage.
        TargetMembership(companyId: "R", tier: .one, addedOn: d("2026-01-01"), removedOn: d("2026-09-01")),
    ]
    static let contacts = [
        Contact(id: "p1", companyId: "P", department: "情報システム部", role: .decisionMaker),
        Contact(id: "p2", companyId: "P", department: "営業部", role: .influencer),
        Contact(id: "p3", companyId: "P", department: "情報システム部 インフラ課", role: .influencer),
        Contact(id: "p4", companyId: "P", department: "IT", role: .user),
        Contact(id: "q1", companyId: "Q", role: .decisionMaker),
        Contact(id: "q2", companyId: "Q", role: .user),
    ]
    static func touch(_ company: String, _ contact: String, _ day: String) -> RecentAccountActivity {
        RecentAccountActivity(
            companyId: company, day: d(day), type: .webVisit, contactId: contact, department: nil, role: nil,
            contactName: nil, url: nil, topic: nil)
    }
    static let activities = [
        // Window of 2026-09-30 with 90 days: [07-03, 09-30].
        touch("P", "p1", "2026-09-30"),  // in
        touch("P", "p2", "2026-07-03"),  // in (first day of the window)
        touch("P", "p4", "2026-07-02"),  // out (one day too early)
        touch("Q", "q1", "2026-08-01"),  // in
        touch("Q", "q2", "2026-10-01"),  // out (after the day)
    ]

    @Test("default roles: decision maker, influencer, user")
    func defaults() {
        let list = BuyingGroupCoverage.compute(
            day: Self.day, targets: Self.targets, contacts: Self.contacts, activities: Self.activities,
            rules: BuyingGroupRules(), windowDays: 90)
        #expect(list.map(\.companyId) == ["P", "Q"])
        // P: decision maker p1 engaged; influencer p2 engaged (p3 is not, but one suffices); user
        // p4 last active 07-02, outside the window → missing, p4 suggested.
        let p = list[0]
        #expect(p.slots.map(\.engaged) == [["p1"], ["p2"], []])
        #expect(p.missing.map(\.requirement.text) == ["user"])
        #expect(p.missing[0].suggested == ["p4"])
        #expect(!p.isFull)
        // Q: decision maker q1 engaged; no influencer at all (nobody to suggest); user q2 only after the day.
        let q = list[1]
        #expect(q.slots.map(\.engaged) == [["q1"], [], []])
        #expect(q.slots.map(\.suggested) == [[], [], ["q2"]])
        // Nobody fully covered: share 0/2 overall, 0/1 in tiers 1 and 2, null in tier 3.
        let s = BuyingGroupCoverage.summary(list)
        #expect(s["all"]?["share"] == .number(0))
        #expect(s["1"]?["targets"] == .int(1))
        #expect(s["3"]?["share"] == .null)
    }

    @Test("roles by department, from the settings")
    func departments() throws {
        // Tier 1 needs a decision maker and an influencer from 情報システム部.
        let rules = BuyingGroupRules(settings: ["buying_group.tier1": "decision_maker, influencer@情報システム部"])
        let p = BuyingGroupCoverage.compute(
            day: Self.day, targets: Self.targets, contacts: Self.contacts, activities: Self.activities, rules: rules,
            windowDays: 90)[0]
        // p2 (営業部) is engaged but not from 情報システム部; p3 (情報システム部 インフラ課) would fill it.
        #expect(p.slots.map(\.engaged) == [["p1"], []])
        #expect(p.missing.map(\.requirement.text) == ["influencer@情報システム部"])
        #expect(p.missing[0].suggested == ["p3"])
        // A wider window (92 days: [07-01, 09-30]) brings p4 in; with "any@it" (ASCII case ignored) it fills.
        let wide = BuyingGroupCoverage.compute(
            day: Self.day, targets: Self.targets, contacts: Self.contacts, activities: Self.activities,
            rules: BuyingGroupRules(settings: ["buying_group.tier1": "any@it"]), windowDays: 92)[0]
        #expect(wide.isFull && wide.slots[0].engaged == ["p4"])
        // Validation.
        for bad in ["", "boss", "user,user", "user@", "user,", (1...11).map { "user@d\($0)" }.joined(separator: ",")] {
            #expect(throws: WorkspaceSettings.InvalidSetting.self, "\(bad)") {
                try WorkspaceSettings.validate(key: "buying_group.tier2", value: bad)
            }
        }
        #expect(try WorkspaceSettings.validate(key: "buying_group.tier2", value: "any@情報システム部") == "any@情報システム部")
        let shown = Dictionary(
            try WorkspaceSettings.describe([:]).map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(shown["buying_group.tier3"] == "decision_maker,influencer,user")
    }
}
