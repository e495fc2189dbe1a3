/// The movement report as JSON (the API's and `kizashi journey --format json`'s bytes), CSV and a
/// terminal table (docs/journeys.md §Output).
extension JourneyMovementReport {
    public var json: JSONValue {
        .object([
            ("period", .object([("start", .string("\(period.start)")), ("end", .string("\(period.end)"))])),
            ("start_day", .string("\(startDay)")), ("end_day", .string("\(endDay)")),
            ("tier", tier.map { .int($0.rawValue) } ?? .null),
            ("rules", rules.json),
            ("stages", .array(JourneyStage.allCases.map { .string($0.key) })),
            ("accounts", accounts.json),
            ("by_tier", .object(byTier.map { (String($0.tier.rawValue), $0.figures.json) })),
        ])
    }
}

extension JourneyMovementFigures {
    static let columnKeys = ["none"] + JourneyStage.allCases.map(\.key)

    public var json: JSONValue {
        let stages = JourneyStage.allCases
        return .object([
            ("at_start", .object(stages.map { ($0.key, .int(atStart[$0.rawValue])) })),
            ("at_end", .object(stages.map { ($0.key, .int(atEnd[$0.rawValue])) })),
            (
                "movement",
                .object([
                    ("stayed", .int(stayed)), ("forward", .int(forward)), ("skipped", .int(skipped)),
                    ("fell_back", .int(fellBack)), ("entered", .int(entered)), ("left", .int(left)),
                ])
            ),
            (
                "transitions",
                .object(
                    Self.columnKeys.indices.map { from in
                        (
                            Self.columnKeys[from],
                            .object(Self.columnKeys.indices.map { (Self.columnKeys[$0], .int(matrix[from][$0])) })
                        )
                    })
            ),
            (
                "conversion",
                .array(
                    stages.dropLast().map { s in
                        .object([
                            ("from", .string(s.key)), ("to", .string(s.next!.key)),
                            ("accounts", .int(stepAccounts[s.rawValue])),
                            ("converted", .int(stepConverted[s.rawValue])),
                            ("rate", Self.ratio(stepConverted[s.rawValue], stepAccounts[s.rawValue])),
                        ])
                    })
            ),
            ("velocity", .array(velocity.map(\.json))),
        ])
    }

    static func ratio(_ a: Int, _ b: Int) -> JSONValue { b == 0 ? .null : .number(Double(a) / Double(b)) }
}

extension JourneyVelocity {
    public var json: JSONValue {
        .object([
            ("stage", .string(stage.key)), ("next", .string(stage.next?.key ?? "")),
            ("entered", .int(entered)), ("moved_on", .int(movedOn)), ("censored", .int(censored)),
            ("still_in_stage", .int(stillInStage)), ("fell_back_or_left", .int(fellBackOrLeft)),
            ("median_days", medianDays.map { .number($0) } ?? .null), ("median_method", .string(medianMethod.rawValue)),
            ("mean_days", meanDays.map { .number($0) } ?? .null),
        ])
    }
}

/// `kizashi journey --format csv`: one figure per row, long format (tier empty = every account).
public enum JourneyCSVRenderer {
    public static let header = ["tier", "figure", "stage", "to", "value"]

    public static func render(_ r: JourneyMovementReport) -> String {
        var out = header.joined(separator: ",") + "\n"
        func n(_ x: Double?) -> String { x.map(JSONValue.format) ?? "" }
        let blocks =
            [(r.tier.map { String($0.rawValue) } ?? "", r.accounts)]
            + (r.tier == nil ? r.byTier.map { (String($0.tier.rawValue), $0.figures) } : [])
        for (tier, f) in blocks {
            func row(_ figure: String, _ stage: String, _ to: String, _ value: String) {
                out += [tier, figure, stage, to, value].joined(separator: ",") + "\n"
            }
            for s in JourneyStage.allCases { row("at_start", s.key, "", String(f.atStart[s.rawValue])) }
            for s in JourneyStage.allCases { row("at_end", s.key, "", String(f.atEnd[s.rawValue])) }
            for from in JourneyMovementFigures.columnKeys.indices {
                for to in JourneyMovementFigures.columnKeys.indices where f.matrix[from][to] > 0 {
                    row(
                        "transition", JourneyMovementFigures.columnKeys[from], JourneyMovementFigures.columnKeys[to],
                        String(f.matrix[from][to]))
                }
            }
            for s in JourneyStage.allCases.dropLast() {
                let k = s.rawValue
                row(
                    "conversion_rate", s.key, s.next!.key,
                    f.stepAccounts[k] == 0 ? "" : n(Double(f.stepConverted[k]) / Double(f.stepAccounts[k])))
            }
            for v in f.velocity {
                let next = v.stage.next!.key
                row("entered", v.stage.key, next, String(v.entered))
                row("moved_on", v.stage.key, next, String(v.movedOn))
                row("censored", v.stage.key, next, String(v.censored))
                row("median_days", v.stage.key, next, n(v.medianDays))
                row("mean_days", v.stage.key, next, n(v.meanDays))
            }
        }
        return out
    }
}

/// `kizashi journey --format table`.
public enum JourneyTableRenderer {
    public static func render(_ r: JourneyMovementReport, language: Language) -> String {
        func t(_ key: String, _ args: String...) -> String { L10n.t(key, language, arguments: args) }
        func name(_ s: JourneyStage?) -> String { L10n.stageName(s, rules: r.rules, language) }
        var lines = ["\(t("journey.report"))  \(r.period.start) – \(r.period.lastDay)  (\(r.period.label))"]
        lines.append(rulesLine(r.rules, language: language))
        let blocks =
            [(r.tier.map { t("journey.tier", String($0.rawValue)) } ?? t("journey.all"), r.accounts)]
            + (r.tier == nil ? r.byTier.map { (t("journey.tier", String($0.tier.rawValue)), $0.figures) } : [])
        for (title, f) in blocks {
            lines.append("")
            lines.append("■ \(title)")
            var table = [
                [t("journey.stage"), t("journey.atStart", "\(r.startDay)"), t("journey.atEnd", "\(r.endDay)")]
            ]
            for s in JourneyStage.allCases {
                table.append([
                    name(s), KPIFormat.grouped(f.atStart[s.rawValue]), KPIFormat.grouped(f.atEnd[s.rawValue]),
                ])
            }
            lines += layout(table)
            lines.append(
                "  \(t("journey.movement")): \(t("journey.stayed")) \(f.stayed) / \(t("journey.forward")) \(f.forward) / \(t("journey.skipped")) \(f.skipped) / \(t("journey.fellBack")) \(f.fellBack) / \(t("journey.entered")) \(f.entered) / \(t("journey.left")) \(f.left)"
            )
            lines.append("  \(t("journey.matrix"))")
            let keys: [JourneyStage?] = [nil] + JourneyStage.allCases.map { $0 }
            var m = [[""] + keys.map(name)]
            for (a, from) in keys.enumerated() {
                m.append([name(from)] + keys.indices.map { KPIFormat.grouped(f.matrix[a][$0]) })
            }
            lines += layout(m)
            lines.append("  \(t("journey.conversion"))")
            var conv = [[t("journey.step"), t("journey.accounts"), t("journey.converted"), t("journey.rate")]]
            for s in JourneyStage.allCases.dropLast() {
                let k = s.rawValue
                let rate =
                    f.stepAccounts[k] == 0
                    ? "—" : KPIFormat.fixed(Double(f.stepConverted[k]) * 100 / Double(f.stepAccounts[k]), 1) + "%"
                conv.append([
                    "\(name(s)) → \(name(s.next))", KPIFormat.grouped(f.stepAccounts[k]),
                    KPIFormat.grouped(f.stepConverted[k]), rate,
                ])
            }
            lines += layout(conv)
            lines.append("  \(t("journey.velocity"))")
            var vel = [
                [
                    t("journey.step"), t("journey.enteredSpells"), t("journey.converted"), t("journey.censored"),
                    t("journey.median"), t("journey.method"), t("journey.mean"),
                ]
            ]
            for v in f.velocity {
                vel.append([
                    "\(name(v.stage)) → \(name(v.stage.next))", KPIFormat.grouped(v.entered),
                    KPIFormat.grouped(v.movedOn),
                    KPIFormat.grouped(v.censored), v.medianDays.map { KPIFormat.fixed($0, 1) } ?? "—",
                    t("journey.method.\(v.medianMethod.rawValue)"), v.meanDays.map { KPIFormat.fixed($0, 1) } ?? "—",
                ])
            }
            lines += layout(vel)
        }
        lines.append("")
        lines.append(t("journey.censoredNote"))
        return lines.joined(separator: "\n")
    }

    /// One line stating the rules in force (the page shows it too).
    public static func rulesLine(_ r: JourneyRules, language: Language) -> String {
        L10n.t(
            "journey.rules", language,
            arguments: [
                String(r.awareWindowDays), JSONValue.format(r.engagedThreshold),
                r.qualifiedSignals.map { L10n.t("journey.signal.\($0.rawValue)", language) }.joined(separator: " / "),
                String(r.qualifiedWindowDays),
                String(r.customerWonDays),
            ])
    }

    static func layout(_ table: [[String]]) -> [String] {
        let widths = table[0].indices.map { c in table.map { KPIFormat.width($0[c]) }.max() ?? 0 }
        return table.map { row in
            "    " + row.enumerated().map { c, s in KPIFormat.pad(s, widths[c], right: c > 0) }.joined(separator: "  ")
        }
    }
}

extension JourneyCSVRenderer {
    /// RFC 4180: quoted when it holds a comma, a quote or a line break (IDs come from imported files).
    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
