import Foundation

/// A segment and its members on a day, as `kizashi segment show` and `/api/v1/segments/{name}`
/// print them (the JSON is the API's bytes).
public enum SegmentRenderer {
    public static func json(_ s: SavedSegment) -> JSONValue {
        .object([
            ("name", .string(s.name)), ("rule", .string(s.rule)),
            ("created_at", .string(iso(s.createdAt))), ("updated_at", .string(iso(s.updatedAt))),
            ("refreshed_on", s.refreshedOn.map { .string($0.description) } ?? .null),
            (
                "feeds_targets",
                s.feed.map { f in
                    .object([("tier", .int(f.tier.rawValue)), ("owner", f.owner.map { .string($0) } ?? .null)])
                } ?? .null
            ),
        ])
    }

    /// UTC, to the second (e.g. 2026-09-21T12:00:00Z).
    static func iso(_ i: Instant) -> String {
        Date(timeIntervalSince1970: Double(i.millisecondsSinceEpoch) / 1000).ISO8601Format()
    }

    public static func json(_ f: SegmentFacts) -> JSONValue {
        func text(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        return .object([
            ("company_id", .string(f.companyId)), ("name", .string(f.name)),
            ("tier", f.tier.map { .int($0.rawValue) } ?? .null),
            ("icp_match", .bool(f.icpMatch)), ("score", .number(f.score)),
            ("score_change_7d", .number(f.scoreChange7d)),
            ("stage", text(f.stage?.key)), ("topics", .array(f.topics.map { .string($0) })),
            ("surging_topics", .array(f.surgingTopics.map { .string($0) })),
            ("coverage_full", f.coverageFull.map { .bool($0) } ?? .null),
            ("missing_roles", .array(f.missingRoles.map(\.rawValue).sorted().map { .string($0) })),
            ("industry", text(f.industry)), ("employees", f.employees.map { .int($0) } ?? .null),
            ("prefecture", text(f.region)), ("country", text(f.country)),
        ])
    }

    /// The segment, its rule in both forms, the day and its members.
    public static func json(segment: SavedSegment, rule: SegmentRule, day: Day, members: [SegmentFacts]) -> JSONValue {
        .object([
            ("segment", json(segment)), ("rule", rule.json), ("day", .string(day.description)),
            ("count", .int(members.count)), ("members", .array(members.map { json($0) })),
        ])
    }

    public static let csvHeader =
        "company_id,name,tier,icp_match,score,score_change_7d,stage,surging_topics,missing_roles\n"

    /// One line per member; text from imported files is neutralised against spreadsheet formulas.
    public static func csv(_ members: [SegmentFacts]) -> String {
        var out = csvHeader
        for f in members {
            let fields = [
                f.companyId, f.name, f.tier.map { String($0.rawValue) } ?? "", f.icpMatch ? "true" : "false",
                JSONValue.format(f.score),
                JSONValue.format(f.scoreChange7d), f.stage?.key ?? "", f.surgingTopics.joined(separator: ";"),
                f.missingRoles.map(\.rawValue).sorted().joined(separator: ";"),
            ]
            out +=
                fields.map { JourneyCSVRenderer.field(SpreadsheetCell.neutralised($0)) }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// Scores as people read them (the JSON and CSV keep every digit).
    public static func oneDecimal(_ x: Double, signed: Bool = false) -> String {
        String(format: signed ? "%+.1f" : "%.1f", x)
    }

    /// The rule, the count, then one line per member.
    public static func table(segment: SavedSegment, day: Day, members: [SegmentFacts], language: Language) -> String {
        var lines = [
            "\(L10n.t("segments.title", language)): \(segment.name)",
            "\(L10n.t("segments.rule", language)): \(segment.rule)",
            L10n.t("segments.members", language, day.description, String(members.count)), "",
        ]
        for f in members {
            var parts = [
                f.companyId, f.name, f.tier.map { L10n.t("journey.tier", language, String($0.rawValue)) } ?? "—",
                "\(L10n.t("segments.score", language)) \(oneDecimal(f.score))",
                "\(L10n.t("segments.change", language)) \(oneDecimal(f.scoreChange7d, signed: true))",
            ]
            if let s = f.stage { parts.append("\(L10n.t("segments.stage", language)) \(s.key)") }
            if !f.surgingTopics.isEmpty {
                parts.append("\(L10n.t("segments.surging", language)) \(f.surgingTopics.joined(separator: ", "))")
            }
            if !f.missingRoles.isEmpty {
                parts.append(
                    "\(L10n.t("segments.missing", language)) \(f.missingRoles.map { L10n.t("role.\($0.rawValue)", language) }.sorted().joined(separator: ", "))"
                )
            }
            lines.append("  " + parts.joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }
}
