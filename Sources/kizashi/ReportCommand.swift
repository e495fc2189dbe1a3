import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore

/// `--format` of `kizashi report`.
enum MeetingReportFormat: String, ExpressibleByArgument, CaseIterable { case xlsx }

/// `kizashi report`: the workbook to take to the review meeting (issue 24 §2).
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "An Excel workbook for the review meeting: KPIs against target and the previous period, "
            + "12 months of trends, the funnel, the target accounts and the campaigns.",
        discussion: """
            Sheets: KPIs (value, target, attainment, previous period, change), monthly trends (the 12 months
            ending with the period's last month), the funnel, the target accounts (on the period's last day,
            or today while it runs) and the campaigns (linear attribution). Numbers and dates are real cells
            with formats (yen, %, dates), header rows frozen. The figures are `kizashi kpi`'s, the accounts
            page's and `kizashi attribution`'s for the same period and tier.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var periodOptions: PeriodOptions
    @Option(help: "Only this tier's targets (1, 2 or 3).") var tier: Int?
    @Option(help: "Output format: xlsx.") var format: MeetingReportFormat = .xlsx
    @Option(help: "The file to write (e.g. review-2026Q3.xlsx).") var out: String
    @Option(help: "Language of the sheet names and headers: ja or en (default from the locale).") var lang: String?

    func run() async throws {
        let language = try LanguageOption.resolve(lang)
        let tierValue = try TierOption.resolve(tier)
        try await AsOfWorkspace.run(workspace, asOf: nil) { w in
            let period = try periodOptions.resolve(timeZone: w.parameters.timeZone)
            let workbook = try await MeetingReportService(store: w.store, data: w.data).workbook(
                period: period, tier: tierValue, today: w.day)
            do {
                try XLSXFileWriter.write(workbook.document(language), to: out)
            } catch {
                throw ValidationError("--out \(out): cannot write the workbook (\(error))")
            }
            FileHandle.standardError.write(Data("Wrote \(out) (\(period.label)).\n".utf8))
        }
    }
}
