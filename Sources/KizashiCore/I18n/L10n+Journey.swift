/// Journey stages and movement (issue 26): `kizashi journey`, the 「ジャーニー」 page and the
/// account page's stage history.
extension L10n {
    /// A stage's name: the workspace's own (`journey.name.<stage>`) or the built-in one.
    public static func stageName(_ stage: JourneyStage?, rules: JourneyRules, _ lang: Language) -> String {
        guard let stage else { return t("journey.stage.none", lang) }
        return rules.names[stage.key] ?? t("journey.stage.\(stage.key)", lang)
    }

    /// A buying-group requirement in words: its role, and its department when it names one.
    public static func requirementName(_ r: BuyingGroupRules.Requirement, _ lang: Language) -> String {
        let role = r.role.map { t("role.\($0.rawValue)", lang) } ?? t("coverage.anyRole", lang)
        return r.department.map { "\($0) \(role)" } ?? role
    }
}
