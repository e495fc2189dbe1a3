import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore

/// `--format` of `kizashi digest`.
enum DigestFormat: String, ExpressibleByArgument, CaseIterable {
    case markdown, slack, json, html
}

/// `kizashi digest`: the review of a period written for the meeting (issue 24 §1); `show` when
/// no subcommand is named, `send` and `log` for the scheduled delivery.
struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "The review of a period, written for the meeting; sent on a schedule by `kizashi serve`.",
        discussion: """
            kizashi serve sends the review at the times of the setting digest.schedule (e.g. "mon 09:00" in the
            workspace time zone), once per slot across servers, to the webhooks of digest.webhooks and the addresses
            of digest.email_to (through serve --smtp). digest.period and digest.lang choose the period and language.
            """,
        subcommands: [DigestShowCommand.self, DigestSendCommand.self, DigestLogCommand.self],
        defaultSubcommand: DigestShowCommand.self
    )
}

/// `kizashi digest [show]`: prints the review.
struct DigestShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "The review of a period, written for the meeting: KPIs against target and the previous period, "
            + "the bottleneck, the funnel, the approach-now top 10 and the campaigns' pipeline per cost.",
        discussion: """
            Periods: last-week (the default) is the 7 days ending yesterday, as of --as-of.
            last-month is the calendar month before the one --as-of is in.
            2026Q3, 2026-10 and 2026 are calendar periods, as `kizashi kpi` reads them.
            --as-of defaults to today in the workspace time zone; the approach-now list is as of that day.
            Every KPI is the one `kizashi kpi` prints for the period and for the previous one.
            Campaigns are ranked by pipeline per cost under the linear attribution model.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "last-week, last-month, or a calendar period: 2026Q3, 2026-10, 2026.") var period: String?
    @Option(help: "Read the period against this day (YYYY-MM-DD; default today in the workspace time zone).")
    var asOf: String?
    @Option(help: "Only this tier's targets (1, 2 or 3).") var tier: Int?
    @Option(help: "Output format: markdown, slack (mrkdwn text), json or html (one self-contained page).") var format:
        DigestFormat = .markdown
    @OptionGroup var languageOptions: LanguageOptions
    @Option(
        help: "Only this saved segment's accounts on the as-of day, in the list and the signals (kizashi segment list)."
    )
    var segment: String?

    func run() async throws {
        let language = try languageOptions.language()
        let tierValue = try TierOption.resolve(tier)
        let announce: @Sendable (Day) -> Void = { day in
            FileHandle.standardError.write(Data((L10n.t("model.training", language, day.description) + "\n").utf8))
        }
        try await AsOfWorkspace.run(workspace, asOf: asOf, training: .inline(announce: announce)) { w in
            guard let p = DigestPeriod.resolve(period, asOf: w.day) else {
                throw ValidationError(
                    "--period \(period ?? ""): use last-week, last-month, 2026Q3, 2026-10 or 2026")
            }
            let digest = try await DigestService(store: w.store, data: w.data).digest(
                period: p, asOf: w.day, tier: tierValue, segment: segment)
            switch format {
            case .json: print(digest.json(language).serialized(pretty: true))
            case .markdown: print(DigestMarkdown.render(digest, language: language), terminator: "")
            case .slack: print(DigestSlack.render(digest, language: language), terminator: "")
            case .html: print(DigestHTML.render(digest, language: language), terminator: "")
            }
        }
    }
}
