import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

struct SyncSalesforceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "salesforce",
        abstract: "Write each target account's values onto its Salesforce Account (and Contacts) — only what changed.",
        discussion: """
            Target accounts that came in with a Salesforce Account (`kizashi import --from salesforce`) are written
            through the sObject Collections update (200 records a request): Kizashi_Score__c,
            Kizashi_Score_Change_7d__c, Kizashi_Stage__c, Kizashi_Approach_Rank__c, Kizashi_Reasons__c,
            Kizashi_Intent_Topics__c and Kizashi_Synced_At__c (create them first: docs/activation-salesforce.md).
            Only values that differ from what Salesforce last saved are sent; refused records are logged and sent
            again on the next run. Kizashi signs in with a connected app's client credentials flow: store the
            instance URL, consumer key and (from stdin) consumer secret with --set-credentials. They are stored
            encrypted with $KIZASHI_SECRET_KEY (32 random bytes in base64, e.g. `openssl rand -base64 32`), which
            must be set for --set-credentials and for every run that sends.
            """
    )
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "Print what would change; send nothing.") var dryRun = false
    @Flag(help: "Also write the account's values on its contacts imported from Salesforce.") var contacts = false
    @Flag(help: "Store --instance-url, --client-id and the consumer secret read from standard input, and exit.")
    var setCredentials = false
    @Flag(help: "Remove the stored credentials and exit.") var clearCredentials = false
    @Option(help: "With --set-credentials: the org's My Domain URL (https://acme.my.salesforce.com).")
    var instanceURL: String?
    @Option(help: "With --set-credentials: the connected app's consumer key.") var clientId: String?
    @Option(help: "As of this day (YYYY-MM-DD; default today in the workspace time zone).") var asOf: String?
    @Option(help: "Language of Kizashi_Reasons__c: ja or en (default ja; changing it rewrites every record once).")
    var lang = "ja"
    @OptionGroup var output: TableOrJSONOptions

    func run() async throws {
        let language = try LanguageOption.resolve(lang)
        let box = try CRMSyncReportPrinter.secretBox()
        if setCredentials || clearCredentials {
            try await withStore(workspace) { store in
                let credentials = SalesforceCredentials(store: store, box: box)
                if clearCredentials {
                    try await credentials.clear(at: WorkspaceClock.now())
                    print("Salesforce credentials removed")
                    return
                }
                guard let instanceURL, let clientId else {
                    throw ValidationError("--set-credentials needs --instance-url and --client-id")
                }
                let secret = CRMSyncReportPrinter.secretFromStandardInput()
                do {
                    try await credentials.set(
                        instanceURL: instanceURL, clientId: clientId, clientSecret: secret, at: WorkspaceClock.now())
                } catch { throw ValidationError("\(error)") }
                print("Salesforce credentials stored (encrypted with $\(CRMSecretBox.environmentKey))")
            }
            return
        }
        try await AsOfWorkspace.run(workspace, asOf: asOf) { w in
            let service = SalesforceSyncService(
                store: w.store, data: w.data, credentials: SalesforceCredentials(store: w.store, box: box),
                connection: SalesforceConnection(http: LiveCRMHTTPClient()))
            try await CRMSyncReportPrinter.run(format: output.format) {
                try await service.run(.init(asOf: w.day, dryRun: dryRun, contacts: contacts, language: language))
            }
        }
    }
}
