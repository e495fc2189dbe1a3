import Testing

@testable import KizashiCore

/// attribution.md's normative edge cases that the hand-worked package (KizashiAppTests) does
/// not reach: channel names, a campaign whose channel is literally `direct`, key ties, unknown
/// campaign ids, an empty period, and the JSON's shape.
@Suite("Attribution engine edge cases")
struct AttributionEngineTests {
    static func day(_ s: String) -> Day { Day(iso: s)! }
    static let q3 = KPIPeriod(label: "2026Q3")!
    static let tz = WorkspaceTimeZone.tokyo

    static func campaign(_ id: String, _ channel: String?, cost: Double = 0) -> Campaign {
        Campaign(
            id: id, name: "n" + id, channel: channel, startOn: day("2026-07-01"), endOn: day("2026-09-30"), cost: cost,
            abm: false)
    }
    static func activity(_ id: String, _ at: String, _ type: ActivityType, _ account: String, _ campaign: String?)
        -> AttributionActivity
    {
        AttributionActivity(
            id: id, occurredAt: tz.instant(localDay: day(at), secondsOfDay: 36_000), type: type, account: account,
            campaignId: campaign)
    }
    static func opportunity(_ id: String, _ company: String, _ created: String, _ amount: Double) -> Opportunity {
        Opportunity(id: id, companyId: company, createdOn: day(created), amount: amount, status: .open)
    }
    static func report(
        campaigns: [Campaign], activities: [AttributionActivity], opportunities: [Opportunity]
    ) -> AttributionReport {
        AttributionEngine.report(
            AttributionInput(
                period: q3, tier: nil, parameters: AttributionParameters(), timeZone: tz, campaigns: campaigns,
                opportunities: opportunities, targets: [], activities: activities))
    }

    @Test("channels as written (trimmed, case-sensitive), empty → other; a campaign on channel `direct` counts there")
    func channels() {
        let r = Self.report(
            campaigns: [
                Self.campaign("X1", "direct", cost: 920), Self.campaign("X2", " Webinar "),
                Self.campaign("X3", "webinar"),
                Self.campaign("X4", ""), Self.campaign("X5", nil),
            ],
            activities: [Self.activity("a1", "2026-08-01", .webVisit, "A", "X1")],
            opportunities: [Self.opportunity("O1", "A", "2026-08-02", 1000)])
        // Code points: "Webinar" (W 0x57) < "direct" < "other" < "webinar".
        #expect(r.channels.map(\.key) == ["Webinar", "direct", "other", "webinar"])
        #expect(r.campaigns.map(\.channel) == ["direct", "Webinar", "webinar", "other", "other"])
        let direct = r.channels[1]
        // The direct channel: X1's pipeline and X1's cost (920 over the whole quarter).
        #expect(direct[.linear].pipeline == 1000)
        #expect(direct.cost == 920)
        #expect(direct.influencedOpportunities == 1)
        #expect(r.channels[2].touches == 0)
    }

    @Test("same instant: ordered by key code points ('B1' < 'a1'); an unknown campaign id is direct:<type>")
    func ties() {
        let r = Self.report(
            campaigns: [Self.campaign("a1", "x"), Self.campaign("B1", "y")],
            activities: [
                Self.activity("z1", "2026-08-01", .webVisit, "A", "a1"),
                Self.activity("z2", "2026-08-01", .adClick, "A", "B1"),
                Self.activity("z3", "2026-08-03", .contentView, "A", "NOPE"),
            ],
            opportunities: [Self.opportunity("O1", "A", "2026-08-05", 600)])
        let byKey = Dictionary(uniqueKeysWithValues: (r.campaigns + r.direct).map { ($0.key, $0) })
        #expect(byKey["B1"]?[.firstTouch].pipeline == 600)
        #expect(byKey["a1"]?[.firstTouch].pipeline == 0)
        #expect(byKey["direct:content_view"]?[.lastTouch].pipeline == 600)
        #expect(r.campaigns.map(\.key) == ["B1", "a1"])
    }

    @Test("an empty period: every campaign and direct key listed at 0, chain probability null, effects null")
    func empty() {
        let r = Self.report(campaigns: [Self.campaign("K", "webinar", cost: 0)], activities: [], opportunities: [])
        let json = r.json()
        #expect(json["markov"]?["conversion_probability"] == .null)
        #expect(json["markov"]?["removal_effects"] == .object([("direct", .null), ("webinar", .null)]))
        #expect(r.direct.count == AttributionParameters.defaultTouchTypes.count)
        #expect(
            json["unattributed"]?["markov"]
                == .object([("opportunities", .int(0)), ("pipeline", .int(0)), ("won", .int(0)), ("revenue", .int(0))]))
        // A campaign with cost 0: roi and pipeline_per_cost null (a ratio over 0 is null).
        #expect(json["campaigns"]?.arrayItems.first?["models"]?["linear"]?["roi"] == .null)
        #expect(json["tier"] == .null)
    }

    @Test("byte-stable: the same input in another order gives the same JSON text")
    func stable() {
        let campaigns = (1...5).map { Self.campaign("K\($0)", ["a", "b", "c"][$0 % 3], cost: Double($0) * 1000) }
        var activities: [AttributionActivity] = []
        for i in 0..<60 {
            activities.append(
                Self.activity(
                    "x\(i)", "2026-0\(7 + i % 3)-\(10 + i % 17)", ActivityType.allCases[i % 7], "C\(i % 4)",
                    i % 5 == 0 ? nil : "K\(1 + i % 5)"))
        }
        let opps = (0..<6).map {
            Self.opportunity("O\($0)", "C\($0 % 4)", "2026-09-\(10 + $0)", Double(1000 + $0 * 333))
        }
        let a = Self.report(campaigns: campaigns, activities: activities, opportunities: opps).json().serialized()
        let b = Self.report(
            campaigns: campaigns.reversed(), activities: activities.reversed(), opportunities: opps.reversed()
        ).json().serialized()
        #expect(a == b)
    }
}

extension JSONValue {
    fileprivate var arrayItems: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }
}
