import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore

/// `--format` of `kizashi report`.
enum MeetingReportFormat: String, ExpressibleByArgument, CaseIterable { case xlsx, pdf }

/// `kizashi report`: the workbook, or a page printed to PDF, to take to the review meeting (issue 24 §2).
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "An Excel workbook for the review meeting: KPIs against target and the previous period, "
            + "12 months of trends, the funnel, the target accounts and the campaigns; or the overview or "
            + "accounts page as a PDF.",
        discussion: """
            Sheets: KPIs (value, target, attainment, previous period, change), monthly trends (the 12 months
            ending with the period's last month), the funnel, the target accounts (on the period's last day,
            or today while it runs) and the campaigns (linear attribution). Numbers and dates are real cells
            with formats (yen, %, dates), header rows frozen. The figures are `kizashi kpi`'s, the accounts
            page's and `kizashi attribution`'s for the same period and tier.

            --format pdf prints the dashboard's overview page (--page overview: the period and tier's KPIs,
            funnel and trends) or accounts page (--page accounts: the 50 highest-scoring targets on the period's last
            day, or today while it runs, of --tier when given) on A4 landscape with headless Chromium, found on PATH as chromium,
            chromium-browser or google-chrome, or given with --chromium. Without Chromium it fails and says so.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var periodOptions: PeriodOptions
    @Option(help: "Only this tier's targets (1, 2 or 3).") var tier: Int?
    @Option(help: "Output format: xlsx or pdf.") var format: MeetingReportFormat = .xlsx
    @Option(help: "The file to write (e.g. review-2026Q3.xlsx or review-2026Q3.pdf).") var out: String
    @Option(help: "With --format pdf: the page to print, overview or accounts (default overview).") var page: String?
    @Option(
        help:
            "With --format pdf: the Chromium executable (default: chromium, chromium-browser or google-chrome on PATH)."
    )
    var chromium: String?
    @Option(help: "Language of the sheet names and headers: ja or en (default from the locale).") var lang: String?

    func run() async throws {
        let language = try LanguageOption.resolve(lang)
        let tierValue = try TierOption.resolve(tier)
        if format == .pdf {
            return try await printPDF(language: language, tier: tierValue)
        }
        guard page == nil, chromium == nil else { throw ValidationError("--page and --chromium go with --format pdf") }
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

    /// The overview or accounts page, rendered as the dashboard renders it (by the renderer
    /// `ServeCommand` lends: the views are the web shell's), printed by Chromium.
    func printPDF(language: Language, tier: Tier?) async throws {
        let name = page ?? PrintedPage.overview.rawValue
        guard let printed = PrintedPage(rawValue: name) else {
            throw ValidationError("--page \(name): use overview or accounts")
        }
        let printer = try ChromiumPagePrinter.locate(
            explicit: chromium, searchPath: ProcessInfo.processInfo.environment["PATH"])
        try await AsOfWorkspace.run(workspace, asOf: nil) { w in
            let period = try periodOptions.resolve(timeZone: w.parameters.timeZone)
            try await ServeCommand.dashboardPages.printPDF(
                printed, period: period, tier: tier, language: language, store: w.store, printer: printer, to: out)
            FileHandle.standardError.write(Data("Wrote \(out) (\(printed.rawValue), \(period.label)).\n".utf8))
        }
    }
}
