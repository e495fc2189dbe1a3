import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

/// `kizashi sync`: write Kizashi's values back into the CRM (issue 27 §1).
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Write scores, stages and the approach-now rank back into the CRM.",
        subcommands: [SyncHubSpotCommand.self, SyncSalesforceCommand.self]
    )
}

struct SyncHubSpotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hubspot",
        abstract: "Write each target account's values onto its HubSpot company (and contacts) — only what changed.",
        discussion: """
            Target accounts that came in with a HubSpot company (`kizashi import --from hubspot`) are written
            through the CRM v3 batch update (100 records a request): kizashi_score, kizashi_score_change_7d,
            kizashi_stage, kizashi_approach_rank, kizashi_reasons, kizashi_intent_topics and kizashi_synced_at
            (create them first: docs/activation-hubspot.md). Only values that differ from what HubSpot last
            accepted are sent; refused records are logged and sent again on the next run.
            The private-app token is stored encrypted with $KIZASHI_SECRET_KEY (32 random bytes in base64, e.g.
            `openssl rand -base64 32`), which must be set for --set-token and for every run that sends.
            """
    )
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "Print what would change; send nothing.") var dryRun = false
    @Flag(help: "Also write the account's values on its contacts imported from HubSpot.") var contacts = false
    @Flag(help: "Read the private-app token from standard input, store it encrypted, and exit.") var setToken = false
    @Flag(help: "Remove the stored token and exit.") var clearToken = false
    @Option(help: "As of this day (YYYY-MM-DD; default today in the workspace time zone).") var asOf: String?
    @Option(help: "Language of kizashi_reasons: ja or en (default ja; changing it rewrites every record once).")
    var lang = "ja"
    @OptionGroup var output: TableOrJSONOptions
    @Option(help: "HubSpot API base URL (default https://api.hubapi.com; for a test server).")
    var baseURL = HubSpotConnection.defaultBaseURL

    func run() async throws {
        let language = try LanguageOption.resolve(lang)
        guard HubSpotConnection.checkedBaseURL(baseURL) != nil else {
            throw ValidationError(CRMSyncProblem(.badBaseURL).description)
        }
        let box = try CRMSyncReportPrinter.secretBox()
        if setToken || clearToken {
            try await withStore(workspace) { store in
                let credentials = HubSpotCredentials(store: store, box: box)
                if clearToken {
                    try await credentials.clear(at: WorkspaceClock.now())
                    print("HubSpot token removed")
                    return
                }
                let text = CRMSyncReportPrinter.secretFromStandardInput()
                do { try await credentials.set(text, at: WorkspaceClock.now()) } catch {
                    throw ValidationError("\(error)")
                }
                print("HubSpot token stored (encrypted with $\(CRMSecretBox.environmentKey))")
            }
            return
        }
        try await AsOfWorkspace.run(workspace, asOf: asOf) { w in
            let service = HubSpotSyncService(
                store: w.store, data: w.data, credentials: HubSpotCredentials(store: w.store, box: box),
                connection: HubSpotConnection(baseURL: baseURL, http: LiveCRMHTTPClient()))
            try await CRMSyncReportPrinter.run(format: output.format) {
                try await service.run(.init(asOf: w.day, dryRun: dryRun, contacts: contacts, language: language))
            }
        }
    }
}
