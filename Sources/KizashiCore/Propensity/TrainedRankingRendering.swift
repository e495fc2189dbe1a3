/// `kizashi model show` and `GET /api/v1/model`: what is stored, what it was trained on, and
/// whether it orders today's list.
extension TrainedRanking {
    /// Whether the ranking orders the list of `day`, in words.
    public static func status(_ reuse: Reuse, day: Day, lang: Language) -> String {
        switch reuse {
        case .reuse: L10n.t("model.current", lang, day.description)
        case .retrain(let why): L10n.t("model.stale", lang, day.description, why.explained(lang))
        }
    }

    public func json(_ lang: Language, day: Day, reuse: Reuse, timeZone: WorkspaceTimeZone) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("trained_at", .string(CanonicalCSVWriter.timestamp(trainedAt, timeZone: timeZone))),
            ("as_of", .string(choice.asOf.description)),
            ("candidate", .string(choice.chosen.rawValue)),
            ("in_use_for", .string(day.description)),
            ("in_use", .bool(reuse == .reuse)),
            ("status", .string(Self.status(reuse, day: day, lang: lang))),
            ("why", .string(choice.why(lang))),
            ("choice", BacktestRenderer.choiceJSON(choice)),
            ("features", .array(features.map(JSONValue.string))),
            (
                "fingerprint",
                .object([
                    ("companies", .int(fingerprint.companies)), ("contacts", .int(fingerprint.contacts)),
                    ("targets", .int(fingerprint.targets)), ("opportunities", .int(fingerprint.opportunities)),
                    ("summary", .string(fingerprint.description)),
                ])
            ),
        ]
        if case .retrain(let reason) = reuse { fields.append(("retrain_reason", .string(reason.rawValue))) }
        return .object(fields)
    }

    /// The text `kizashi model show` prints.
    public func text(_ lang: Language, day: Day, reuse: Reuse, timeZone: WorkspaceTimeZone) -> String {
        var lines = [
            L10n.t(
                "model.trained", lang, CanonicalCSVWriter.timestamp(trainedAt, timeZone: timeZone),
                choice.asOf.description),
            Self.status(reuse, day: day, lang: lang),
            choice.why(lang),
            L10n.t("model.fingerprint", lang) + ": " + fingerprint.description,
            L10n.t("model.features", lang) + ": " + features.joined(separator: ", "),
        ]
        lines.append("")
        lines.append(BacktestRenderer.choiceTable(choice, lang: lang))
        return lines.joined(separator: "\n") + "\n"
    }
}
