import Foundation

/// The short review note (振り返り, Check/Act) kept with a period and tier (issue 24 §3), shown
/// next to that period's KPIs.
public struct PeriodReview: Sendable, Equatable {
    public var period: KPIPeriod
    /// nil = all tiers.
    public var tier: Tier?
    public var note: String
    public var updatedAt: Instant

    public init(period: KPIPeriod, tier: Tier?, note: String, updatedAt: Instant) {
        self.period = period
        self.tier = tier
        self.note = note
        self.updatedAt = updatedAt
    }

    public var json: JSONValue {
        .object([
            (
                "period",
                .object([("start", .string(period.start.description)), ("end", .string(period.end.description))])
            ),
            ("tier", tier.map { .int($0.rawValue) } ?? .null), ("note", .string(note)),
        ])
    }

    /// Longest note, in characters.
    public static let maxNoteLength = 4000

    /// A note: trimmed, at most 4,000 characters; line breaks and tabs are kept, other control
    /// and invisible characters refused. Empty means "no note".
    public static func note(_ text: String) throws -> String {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard t.count <= maxNoteLength else {
            throw ExperimentInput.Problem(field: "note", reason: "must be at most \(maxNoteLength) characters")
        }
        guard t.unicodeScalars.allSatisfy({ $0 == "\n" || $0 == "\t" || ExperimentInput.visible($0) }) else {
            throw ExperimentInput.Problem(field: "note", reason: "must not contain control or invisible characters")
        }
        return t
    }
}
