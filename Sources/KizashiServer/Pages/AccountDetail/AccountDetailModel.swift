import KizashiApp
import KizashiCore
import KizashiStore

/// One account without HTML: firmographics and quality flags, timeline, buying committee,
/// score history and intent topics.
struct AccountDetailModel: Sendable {
    struct TimelineItem: Sendable {
        enum Kind: Sendable { case activity(ActivityType), meeting, opportunity(OpportunityStatus) }
        var at: Instant?
        var day: Day
        var kind: Kind
        var text: String
        var contact: String?
        /// The page of a web visit (shown by its name, `/pricing` → 料金ページ) and the topic, apart from `text`.
        var url: String? = nil
        var topic: String? = nil
        var meetingKind: MeetingKind? = nil
    }
    struct CommitteeMember: Sendable {
        var contact: Contact
        /// Activities in the score window (kpis.md §engagement score).
        var activities: Int
    }

    var company: Company
    var asOf: Day
    var tier: Tier?
    var icpMatch: Bool
    var issues: [RecordQualityIssue]
    var timeline: [TimelineItem]
    /// department → members, most active department first.
    var committee: [(department: String, members: [CommitteeMember])]
    var scoreHistory: [Double]
    var topics: [IntentSurge]
    var parameters: ScoringParameters
    var opportunities: [Opportunity]

    static func load(
        companyId: String, store: any WorkspaceStore, computation c: KPIComputation, asOf day: Day
    ) async throws -> AccountDetailModel? {
        guard let company = try await store.company(id: companyId) else { return nil }
        let p = c.parameters
        let contacts = try await store.contacts(companyId: companyId)
        var names: [String: String] = [:]
        for contact in contacts { names[contact.id] = contact.name ?? contact.id }
        var timeline: [TimelineItem] = []
        for a in try await store.activities(accountOf: companyId, limit: 200) {
            let what = [a.url, a.topic].compactMap { $0 }.joined(separator: " · ")
            timeline.append(
                TimelineItem(
                    at: a.occurredAt, day: p.timeZone.day(of: a.occurredAt), kind: .activity(a.type), text: what,
                    contact: a.contactId.map { names[$0] ?? $0 }, url: a.url, topic: a.topic))
        }
        for m in try await store.meetings(companyId: companyId) {
            timeline.append(
                TimelineItem(
                    at: m.heldAt, day: p.timeZone.day(of: m.heldAt), kind: .meeting, text: m.kind?.rawValue ?? "",
                    contact: m.contactId.map { names[$0] ?? $0 }, meetingKind: m.kind))
        }
        let opportunities = try await store.opportunities(companyId: companyId)
        for o in opportunities {
            timeline.append(
                TimelineItem(
                    at: nil, day: o.closedOn ?? o.createdOn, kind: .opportunity(o.status),
                    text: [o.name, o.stage].compactMap { $0 }.joined(separator: " · "), contact: nil))
        }
        timeline.sort { ($0.day, $0.at?.millisecondsSinceEpoch ?? 0) > ($1.day, $1.at?.millisecondsSinceEpoch ?? 0) }

        let window = (day - (p.windowDays - 1))...day
        let counts = try await store.contactActivityCounts(companyId: companyId, days: window)
        var byDept: [String: [CommitteeMember]] = [:]
        for contact in contacts where (counts[contact.id] ?? 0) > 0 {
            byDept[contact.department ?? "—", default: []].append(
                CommitteeMember(contact: contact, activities: counts[contact.id] ?? 0))
        }
        func roleRank(_ r: ContactRole?) -> Int {
            switch r {
            case .decisionMaker: 0
            case .influencer: 1
            case .user: 2
            default: 3
            }
        }
        let committee = byDept.map { dept, members in
            (
                department: dept,
                members: members.sorted {
                    (roleRank($0.contact.role), -$0.activities, $0.contact.id)
                        < (roleRank($1.contact.role), -$1.activities, $1.contact.id)
                }
            )
        }.sorted {
            let a = $0.members.reduce(0) { $0 + $1.activities }, b = $1.members.reduce(0) { $0 + $1.activities }
            return a != b ? a > b : $0.department < $1.department
        }

        let intent = try await store.intent(companyId: companyId)
        let contactIssues = contacts.flatMap { RecordQuality.issues(of: $0) }
        return AccountDetailModel(
            company: company, asOf: day, tier: c.tier(of: companyId, on: day), icpMatch: c.matchesICP(companyId),
            issues: RecordQuality.issues(
                of: company, on: day, freshnessDays: p.freshnessDays, duplicate: c.isDuplicate(companyId))
                + contactIssues,
            timeline: Array(timeline.prefix(100)), committee: committee,
            scoreHistory: c.engagementScoreHistory(companyId: companyId, days: (day - 89)...day),
            topics: IntentSurge.topics(of: intent, asOf: day, parameters: p), parameters: p,
            opportunities: opportunities)
    }

    var json: JSONValue {
        func s(_ v: String?) -> JSONValue { v.map { .string($0) } ?? .null }
        return .object([
            ("company_id", .string(company.id)), ("name", .string(company.name)),
            ("corporate_number", s(company.corporateNumber)), ("domain", s(company.domain)),
            ("industry", s(company.industry)), ("employees", s(company.employees)),
            ("region", s(company.region)), ("country", s(company.country)),
            ("tier", tier.map { .int($0.rawValue) } ?? .null), ("icp_match", .bool(icpMatch)),
            ("as_of", .string(asOf.description)),
            ("score", .number(scoreHistory.last ?? 0)),
            ("score_history", .array(scoreHistory.map { .number($0) })),
            (
                "quality_issues",
                .array(
                    issues.map {
                        .object([
                            ("record", .string($0.record)), ("id", .string($0.id)), ("field", .string($0.field)),
                            ("problem", .string($0.problem.rawValue)),
                        ])
                    })
            ),
            (
                "topics",
                .array(
                    topics.map {
                        .object([
                            ("topic", .string($0.topic)), ("current", $0.current.map { .number($0) } ?? .null),
                            ("baseline", .number($0.baseline)), ("surging", .bool($0.isSurging(parameters))),
                        ])
                    })
            ),
            (
                "buying_committee",
                .array(
                    committee.flatMap { g in
                        g.members.map {
                            .object([
                                ("department", .string(g.department)), ("contact_id", .string($0.contact.id)),
                                ("name", s($0.contact.name)), ("title", s($0.contact.title)),
                                ("role", s($0.contact.role?.rawValue)), ("activities", .int($0.activities)),
                            ])
                        }
                    })
            ),
        ])
    }
}
