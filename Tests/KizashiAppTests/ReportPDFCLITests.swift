import Foundation
import Testing

/// `kizashi report --format pdf` (issue 24 §2) run as a person runs it: the overview and accounts
/// pages of the hand-worked workspace printed by the installed Chromium, and a clear failure without one.
@Suite("kizashi report --format pdf")
struct ReportPDFCLITests {
    @Test("--chromium /nonexistent: non-zero exit, says what to do, writes nothing")
    func noChromium() throws {
        let db = try CLITests.workspace()
        let out = Fixture.temporaryDirectory() + "/review.pdf"
        let (status, _, err) = try CLI.run([
            "report", "--db", db, "--period", "2026Q3", "--format", "pdf", "--out", out, "--chromium", "/nonexistent",
        ])
        #expect(status != 0)
        #expect(err.contains("PDF needs Chromium: install it or use --format xlsx") && err.contains("/nonexistent"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("--page and --chromium belong to --format pdf; an unknown page is refused")
    func options() throws {
        let db = try CLITests.workspace()
        let out = Fixture.temporaryDirectory() + "/review.xlsx"
        let (xlsx, _, err) = try CLI.run([
            "report", "--db", db, "--period", "2026Q3", "--out", out, "--page", "accounts",
        ])
        #expect(xlsx != 0 && err.contains("--page and --chromium go with --format pdf"))
        let (bad, _, err2) = try CLI.run([
            "report", "--db", db, "--period", "2026Q3", "--format", "pdf", "--out", out + ".pdf", "--page", "now",
        ])
        #expect(bad != 0 && err2.contains("--page now: use overview or accounts"))
    }

    @Test("with Chromium installed: the overview (ja) and the accounts page become PDFs of at least one page")
    func printsPages() throws {
        guard PagePrinterTests.installed != nil else { return }
        let db = try CLITests.workspace()
        let dir = Fixture.temporaryDirectory()
        for page in ["overview", "accounts"] {
            let out = "\(dir)/\(page).pdf"
            let (status, _, err) = try CLI.run([
                "report", "--db", db, "--period", "2026Q3", "--format", "pdf", "--page", page, "--lang", "ja",
                "--out", out,
            ])
            #expect(status == 0, "\(page): \(err)")
            #expect(err.contains("Wrote \(out) (\(page), 2026Q3)"))
            let pdf = try Data(contentsOf: URL(fileURLWithPath: out))
            #expect(pdf.starts(with: Array("%PDF-".utf8)), "\(page)")
            #expect(PagePrinterTests.pageCount(pdf) >= 1, "\(page)")
        }
    }
}
