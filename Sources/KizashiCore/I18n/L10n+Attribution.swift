/// How attribution's keys read in words (issue 21).
extension L10n {
    /// A direct touch's key (`direct:<activity type>`, attribution.md) as a reader names it:
    /// the activity type in the reader's language, "(no campaign)". The raw key stays in the JSON
    /// and CSV, where it is the identifier.
    public static func directTouchName(_ key: String, _ lang: Language) -> String {
        let type = key.hasPrefix("direct:") ? String(key.dropFirst("direct:".count)) : key
        let name = ActivityType(rawValue: type).map { L10n.t("activity.\($0.rawValue)", lang) } ?? type
        return L10n.t("attribution.direct", lang, name)
    }

    /// A channel as the page shows it: `direct` (touches without a campaign, Kizashi's own key) in
    /// words; a campaign's channel is the workspace's own text and stays as typed.
    public static func channelName(_ channel: String, _ lang: Language) -> String {
        channel == "direct" ? t("attribution.channel.direct", lang) : channel
    }
}
