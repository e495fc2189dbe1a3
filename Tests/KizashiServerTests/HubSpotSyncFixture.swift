import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

/// The hand-worked workspace of the HubSpot sync tests, as of D = 2026-09-30 (Asia/Tokyo, default
/// settings: weights form 10, event 12, web visit 1; half-life 30 days; score = 100·(1 − e^(−raw/50));
/// no ICP, so the approach-now fit is 0.5 × tier fit: tier 1 → 7.5 points, 2 → 4.5, 3 → 2.25).
///
/// Targets (all added 2026-01-01): HS101 tier 1, HS102 tier 2, HS103 tier 3 (HubSpot IDs 101–103),
/// and C9 tier 3, which was not imported from HubSpot (never sent).
///
/// - HS101: contact HS201 (decision maker) submitted a form on D (x = 0) and attended an event on
///   D − 1 (x = 1): raw = 10 + 12·2^(−1/30) = 21.72591962121095, score = 35.24235302775342 → "35.2".
///   On D − 7 both are in the future → score 0, so the 7-day change is also "35.2". Stage: a decision
///   maker's activity within 90 days → **qualified**. Intent SFA 80 on 09-28 (current window
///   [09-24, 09-30], no baseline row → baseline 0): 80 ≥ 60 and 80 ≥ 0 + 20 → surging; topics "SFA".
///   Reasons (en), strongest first, three kept: "intent on SFA surged from 0 to 80", "1 form
///   submitted this week", "attended 1 event this week" (the 4th, momentum +35.2, is cut).
/// - HS102: a web visit on 09-20 (x = 10, no contact): raw = 2^(−1/3) = 0.7937005259840998, score =
///   1.5748682444068018 → "1.6"; on D − 7 (x = 3) raw = 2^(−0.1) → score 1.8487627687681196, change
///   −0.2738945243613178 → "-0.3". Stage **aware**. No intent, no recent activity: no reasons.
/// - HS103 and C9: nothing: score "0.0", change "0.0", stage **target**.
///
/// Approach-now rank (rule score, 100 × Σ weight × factor): HS101 is first on every factor;
/// HS102 = 4.5 (fit) + 20 × 0.0157 (engagement) ≈ 4.81; C9 and HS103 = 2.25 each, tied, ordered by
/// company ID ("C9" < "HS103"). So HS101 1, HS102 2, C9 3, HS103 4. Ranked by the engagement score
/// instead the order is the same (35.2, 1.6, 0, 0 with the same tie), so the choice does not matter.
enum HubSpotSyncFixture {
    static let day = Day(iso: "2026-09-30")!
    static let now = Instant(millisecondsSinceEpoch: 1_790_737_200_000)
    static let syncedAt = "1790737200000"

    static func jst(_ date: String, _ hour: Int) -> Instant {
        WorkspaceTimeZone.tokyo.instant(localDay: Day(iso: date)!, secondsOfDay: hour * 3600)
    }

    static func load(into store: any WorkspaceStore, extraCompanies: Int = 0) async throws {
        let added = Day(iso: "2026-01-01")!
        var companies = [
            Company(id: "HS101", name: "Alpha"), Company(id: "HS102", name: "Beta"),
            Company(id: "HS103", name: "Gamma"), Company(id: "C9", name: "Local"),
        ]
        var targets = [
            TargetMembership(companyId: "HS101", tier: .one, addedOn: added),
            TargetMembership(companyId: "HS102", tier: .two, addedOn: added),
            TargetMembership(companyId: "HS103", tier: .three, addedOn: added),
            TargetMembership(companyId: "C9", tier: .three, addedOn: added),
        ]
        for i in 0..<extraCompanies {
            companies.append(Company(id: "HS\(5000 + i)", name: "Extra \(i)"))
            targets.append(TargetMembership(companyId: "HS\(5000 + i)", tier: .three, addedOn: added))
        }
        let (c, t) = (companies, targets)
        try await store.transaction { tx in
            try await tx.upsert(companies: c)
            try await tx.upsert(targets: t)
            try await tx.upsert(contacts: [
                Contact(id: "HS201", companyId: "HS101", name: "Sato", role: .decisionMaker),
                Contact(id: "P9", companyId: "C9", name: "Local person"),
            ])
            try await tx.upsert(activities: [
                Activity(
                    id: "A1", occurredAt: jst("2026-09-30", 10), type: .formSubmit, companyId: "HS101",
                    contactId: "HS201"),
                Activity(
                    id: "A2", occurredAt: jst("2026-09-29", 10), type: .eventAttend, companyId: "HS101",
                    contactId: "HS201"),
                Activity(id: "A3", occurredAt: jst("2026-09-20", 10), type: .webVisit, companyId: "HS102"),
            ])
            try await tx.upsert(intent: [
                IntentSignal(
                    id: "I1", companyId: "HS101", observedOn: Day(iso: "2026-09-28")!, topic: "SFA",
                    kind: .keywordSearch, score: 80)
            ])
        }
    }

    /// The change of the third run: CRM intent 70 for HS102 on 09-29 (70 ≥ 60 and ≥ 0 + 20: surging).
    static func addHS102Surge(_ store: any WorkspaceStore) async throws {
        try await store.transaction { tx in
            try await tx.upsert(intent: [
                IntentSignal(
                    id: "I2", companyId: "HS102", observedOn: Day(iso: "2026-09-29")!, topic: "CRM",
                    kind: .keywordSearch, score: 70)
            ])
        }
    }

    /// What the first run must send to /companies (the arithmetic is above).
    static let firstRun: [String: [String: String]] = [
        "101": [
            "kizashi_score": "35.2", "kizashi_score_change_7d": "35.2", "kizashi_stage": "qualified",
            "kizashi_approach_rank": "1",
            "kizashi_reasons":
                "intent on SFA surged from 0 to 80; 1 form submitted this week; attended 1 event this week",
            "kizashi_intent_topics": "SFA", "kizashi_synced_at": syncedAt,
        ],
        "102": [
            "kizashi_score": "1.6", "kizashi_score_change_7d": "-0.3", "kizashi_stage": "aware",
            "kizashi_approach_rank": "2", "kizashi_reasons": "", "kizashi_intent_topics": "",
            "kizashi_synced_at": syncedAt,
        ],
        "103": [
            "kizashi_score": "0.0", "kizashi_score_change_7d": "0.0", "kizashi_stage": "target",
            "kizashi_approach_rank": "4", "kizashi_reasons": "", "kizashi_intent_topics": "",
            "kizashi_synced_at": syncedAt,
        ],
    ]

    static let token = "pat-na1-11111111-2222-3333-4444-555555555555"
    /// 32 bytes of 0x01…0x20 in base64: a fixed test key.
    static let keyText = Data((1...32).map { UInt8($0) }).base64EncodedString()

    /// A run as the CLI makes it: a fresh read model (the ranking trained inline) per run.
    static func service(
        _ store: any WorkspaceStore, base: String, pause: RecordingPause, http: any CRMHTTPClient = LiveCRMHTTPClient()
    ) throws -> HubSpotSyncService {
        HubSpotSyncService(
            store: store, data: DashboardData(store: store, training: .inline()),
            credentials: HubSpotCredentials(store: store, box: try CRMSecretBox(keyText: keyText)),
            connection: HubSpotConnection(baseURL: base, http: http, pause: pause), now: { now })
    }

    static func options(dryRun: Bool = false, contacts: Bool = false) -> HubSpotSyncService.Options {
        .init(asOf: day, dryRun: dryRun, contacts: contacts, language: .en)
    }
}
