import Foundation

/// The custom properties Kizashi writes on a CRM record (issue 27 §1; docs/activation-hubspot.md
/// says how to create them in HubSpot and what each holds).
public enum CRMProperty: String, Sendable, CaseIterable {
    case score = "kizashi_score"
    case scoreChange7d = "kizashi_score_change_7d"
    case stage = "kizashi_stage"
    case approachRank = "kizashi_approach_rank"
    case reasons = "kizashi_reasons"
    case intentTopics = "kizashi_intent_topics"
    /// Sent only together with a changed value: when the record's values last changed in the CRM.
    case syncedAt = "kizashi_synced_at"
}

/// What Kizashi knows about one target account on a day, as computed by the KPI, journey and
/// approach-now code (never recomputed here): the values written back to the CRM record.
public struct CRMAccountSignals: Sendable, Equatable {
    public var companyId: String
    /// kpis.md §engagement score on the day.
    public var score: Double
    /// score(day) − score(day − 7).
    public var scoreChange7d: Double
    /// The journey stage on the day (docs/journeys.md); nil when the account has none.
    public var stage: JourneyStage?
    /// 1-based place on the approach-now list; nil for an account in an open deal (listed apart).
    public var approachRank: Int?
    /// The list's reasons for the account, in the chosen language, strongest first.
    public var reasons: [String]
    /// Intent topics as of the day, surging first (at most three).
    public var intentTopics: [String]

    public init(
        companyId: String, score: Double, scoreChange7d: Double, stage: JourneyStage?, approachRank: Int?,
        reasons: [String], intentTopics: [String]
    ) {
        self.companyId = companyId
        self.score = score
        self.scoreChange7d = scoreChange7d
        self.stage = stage
        self.approachRank = approachRank
        self.reasons = reasons
        self.intentTopics = intentTopics
    }

    /// How many reasons are written (the list shows the strongest first).
    public static let maxReasons = 3
    /// The longest text value written, in characters: topics and reasons carry outside text, and
    /// a CRM text field is no place for a novel (HubSpot's own limit is 65,536).
    public static let maxTextLength = 1_000

    /// The property values as text (CRM APIs take every value as a string). Numbers have one
    /// decimal, as the dashboard shows them; an empty text clears the property in the CRM.
    /// `kizashi_synced_at` is not here: `CRMPropertyDiff` adds it to records that changed.
    public var properties: [String: String] {
        [
            CRMProperty.score.rawValue: Self.oneDecimal(score),
            CRMProperty.scoreChange7d.rawValue: Self.oneDecimal(scoreChange7d),
            CRMProperty.stage.rawValue: stage?.key ?? "",
            CRMProperty.approachRank.rawValue: approachRank.map(String.init) ?? "",
            CRMProperty.reasons.rawValue: Self.bounded(reasons.prefix(Self.maxReasons).joined(separator: "; ")),
            CRMProperty.intentTopics.rawValue: Self.bounded(intentTopics.joined(separator: "; ")),
        ]
    }

    /// `57.99…` → `58.0`; a change that rounds to zero is `0.0`, never `-0.0`.
    public static func oneDecimal(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        let r = (x * 10).rounded() / 10
        return String(format: "%.1f", r == 0 ? 0 : r)
    }

    /// Control characters dropped (outside text), cut to `maxTextLength` characters.
    static func bounded(_ s: String) -> String {
        String(
            String.UnicodeScalarView(s.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }).prefix(
                maxTextLength))
    }
}

/// HubSpot record IDs as the HubSpot import keeps them: a company or contact imported from a
/// HubSpot export gets the ID `HS` + its record ID (`HubSpotMapping.companyId`). A company that
/// 名寄せ matched to an existing workspace company keeps the workspace's ID; the import remembers
/// its record ID separately (`CRMSyncStore.linkCRMRecords`).
public enum HubSpotRecordID {
    /// `HS123` → `123`; nil for any other ID (not imported from HubSpot under its own ID).
    public static func fromWorkspaceId(_ id: String) -> String? {
        guard id.hasPrefix("HS") else { return nil }
        let digits = id.utf8.dropFirst(2)
        guard !digits.isEmpty, digits.count <= 20, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }
}
