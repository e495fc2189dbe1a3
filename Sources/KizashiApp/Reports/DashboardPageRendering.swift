import KizashiCore
import KizashiStore

/// The dashboard pages `kizashi report --format pdf` prints (issue 24 §2).
public enum PrintedPage: String, CaseIterable, Sendable {
    case overview, accounts
}

/// Renders a dashboard page as one self-contained HTML document (stylesheet inlined, no script,
/// no navigation) with the dashboard's own models and views, so headless Chromium prints it from
/// a file without a server, a session or any weakening of authentication.
///
/// An interface because the views belong to the web shell (`KizashiServer`), which the CLI's
/// commands do not import (docs/architecture.md): `ServeCommand.swift`, the CLI's one file that
/// links the server, lends the live renderer, and tests hand in a fake.
public protocol DashboardPageRendering: Sendable {
    /// `period` and `tier` are what the overview's period picker takes; the accounts page lists
    /// the first page (50, highest score first) on the period's last day, or today while the
    /// period runs, filtered to `tier`, as `/accounts?tier=…` shows it.
    func html(_ page: PrintedPage, period: KPIPeriod, tier: Tier?, language: Language, store: any WorkspaceStore)
        async throws -> String
}

extension DashboardPageRendering {
    /// Renders `page` and has `printer` (Chromium, or a fake in tests) write it to `path` as a PDF.
    public func printPDF(
        _ page: PrintedPage, period: KPIPeriod, tier: Tier?, language: Language, store: any WorkspaceStore,
        printer: any PagePrinter, to path: String
    ) async throws {
        let document = try await html(page, period: period, tier: tier, language: language, store: store)
        try await printer.printPDF(html: document, to: path)
    }
}
