import KizashiCore

/// The hand-worked workspace of docs/journeys.md §Worked example: nine companies over the
/// period 2026-07-01 … 2026-07-10 (start − 1 = 06-30, L = 07-10), time zone Asia/Tokyo. Every
/// timestamp is 03:00 UTC (12:00 JST, the same local date) unless it says otherwise.
///
/// Three form_submits on one day give raw 30: engaged (score ≥ 40 ⇔ raw ≥ −50·ln 0.6 = 25.541)
/// on that day and the six after it (30·0.5^(6/30) = 26.117), not on the seventh
/// (30·0.5^(7/30) = 25.520).
enum JourneyFixture {
    static func at(_ utc: String) -> Instant {
        let day = Day(iso: utc.prefix(10))!
        let h = Int64(utc.dropFirst(11).prefix(2))!, m = Int64(utc.dropFirst(14).prefix(2))!
        return Instant(millisecondsSinceEpoch: (Int64(day.daysSinceEpoch) * 86_400 + h * 3600 + m * 60) * 1000)
    }
    static func d(_ iso: String) -> Day { Day(iso: iso)! }
    static func noon(_ iso: String) -> Instant { at("\(iso)T03:00") }

    static let period = KPIPeriod(start: d("2026-07-01"), end: d("2026-07-11"))
    static let ids = ["A", "B", "C", "D", "E", "F", "G", "H", "I"]
    static let companies = ids.map { Company(id: $0, name: "Company \($0)") }
    static let since = d("2026-01-01")
    static let targets = [
        TargetMembership(companyId: "A", tier: .one, addedOn: since),
        TargetMembership(companyId: "B", tier: .one, addedOn: since),
        TargetMembership(companyId: "C", tier: .two, addedOn: since),
        TargetMembership(companyId: "D", tier: .two, addedOn: since),
        // E joins the list on 07-04.
        TargetMembership(companyId: "E", tier: .one, addedOn: d("2026-07-04")),
        // F leaves it on 07-06 (active while removed_on > day: last day 07-05).
        TargetMembership(companyId: "F", tier: .three, addedOn: since, removedOn: d("2026-07-06")),
        TargetMembership(companyId: "G", tier: .three, addedOn: since),
        TargetMembership(companyId: "H", tier: .two, addedOn: since),
        TargetMembership(companyId: "I", tier: .three, addedOn: since),
    ]
    static let contacts = [
        Contact(id: "KG", companyId: "G", role: .decisionMaker),
        Contact(id: "KH", companyId: "H", role: .influencer),
    ]

    static func forms(_ company: String, _ day: String) -> [Activity] {
        (1...3).map {
            Activity(id: "\(company)-f\($0)-\(day)", occurredAt: noon(day), type: .formSubmit, companyId: company)
        }
    }

    static let activities: [Activity] =
        [
            // B: Aware on 06-30 from a visit on 04-05 (in [04-02, 06-30]; out of 07-10's window
            // [04-12, 07-10], so it adds nothing to the score then); Engaged 07-03 … 07-09 (its
            // forms); on 07-10 raw = 25.520 < 25.541: Aware again.
            Activity(id: "b1", occurredAt: noon("2026-04-05"), type: .webVisit, companyId: "B"),
            // C: Aware from a visit on 06-01.
            Activity(id: "c1", occurredAt: noon("2026-06-01"), type: .webVisit, companyId: "C"),
            // E: a visit on 07-01, before it is a target.
            Activity(id: "e1", occurredAt: noon("2026-07-01"), type: .webVisit, companyId: "E"),
            // G: the decision maker KG visits on 07-07.
            Activity(id: "g1", occurredAt: noon("2026-07-07"), type: .webVisit, companyId: "G", contactId: "KG"),
            // H: the influencer KH visits on 07-08: Aware (not a decision maker: does not qualify).
            Activity(id: "h1", occurredAt: noon("2026-07-08"), type: .webVisit, companyId: "H", contactId: "KH"),
            // I: Aware from a visit on 07-02.
            Activity(id: "i1", occurredAt: noon("2026-07-02"), type: .webVisit, companyId: "I"),
        ] + forms("B", "2026-07-03") + forms("G", "2026-06-28") + forms("I", "2026-07-06")

    static let meetings = [Meeting(id: "m1", companyId: "C", heldAt: noon("2026-07-05"))]
    static let leadStages = [
        // 2026-07-08 15:30 UTC = 07-09 00:30 JST: H's SQL is on local day 07-09.
        LeadStageTransition(contactId: "KH", stage: .sql, reachedAt: at("2026-07-08T15:30")),
        // An MQL never qualifies.
        LeadStageTransition(contactId: "KH", stage: .mql, reachedAt: noon("2026-07-01")),
    ]
    static let opportunities = [
        // D: open since 07-02.
        Opportunity(id: "o1", companyId: "D", createdOn: d("2026-07-02"), amount: 100, status: .open),
        // E: open from 06-01, won on 07-08.
        Opportunity(
            id: "o2", companyId: "E", createdOn: d("2026-06-01"), amount: 200, status: .won,
            closedOn: d("2026-07-08")),
    ]
    static let contracts = [Contract(id: "k1", companyId: "F", startOn: d("2025-01-01"), annualValue: 1000)]

    static var recent: [RecentAccountActivity] {
        let role = Dictionary(uniqueKeysWithValues: contacts.map { ($0.id, $0.role) })
        let tz = WorkspaceTimeZone.tokyo
        return activities.map {
            RecentAccountActivity(
                companyId: $0.companyId!, day: tz.day(of: $0.occurredAt), type: $0.type, contactId: $0.contactId,
                department: nil, role: $0.contactId.flatMap { role[$0] ?? nil }, contactName: nil, url: nil, topic: nil)
        }
    }

    static func input() -> JourneyInput {
        let companyOf = Dictionary(uniqueKeysWithValues: contacts.map { ($0.id, $0.companyId) })
        let dataset = KPIDataset(
            companies: companies, targets: targets, contacts: contacts,
            activities: ActivityRollup(activities: activities, timeZone: .tokyo, companyOfContact: { companyOf[$0] }),
            leadStages: leadStages, meetings: meetings, opportunities: opportunities, contracts: contracts)
        return JourneyInput(
            dataset: dataset, opportunities: opportunities, decisionMakerDays: JourneyInput.decisionMakerDays(recent))
    }

    static func computation(settings: [String: String] = [:]) -> JourneyComputation {
        let p = ScoringParameters()
        return JourneyComputation(input: input(), parameters: p, rules: JourneyRules(settings: settings, parameters: p))
    }
}
