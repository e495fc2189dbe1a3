/// Turns a self-contained HTML document (stylesheet inlined, no script) into a PDF file: the
/// overview or accounts page for the review meeting (issue 24 §2). An interface so the CLI's
/// use case can be tested with a fake; `ChromiumPagePrinter` is the live one.
public protocol PagePrinter: Sendable {
    /// Writes the PDF to `path`, replacing it; on any failure nothing is written there.
    func printPDF(html: String, to path: String) async throws
}

/// Why a page could not be printed, in words for the person at the terminal.
public struct PagePrintError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }

    /// What to do when there is no Chromium to print with.
    public static let chromiumMissing = "PDF needs Chromium: install it or use --format xlsx"
}
