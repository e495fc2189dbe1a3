import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore

/// CRM write-back (issue 27 §1): `POST /api/v1/sync/hubspot` and `POST /api/v1/sync/salesforce`
/// run `kizashi sync hubspot|salesforce` (admin: they write into the company's CRM) and
/// `GET /api/v1/sync/log` reads the sync log of both.
enum CRMSyncRoutes {
    /// One live client for the server's lifetime (created on first use).
    static let liveHTTP = LiveCRMHTTPClient()

    /// The sync as this server runs it (the API and the schedule): its key, HubSpot's URL, its HTTP.
    static func service(_ services: ServerServices) -> HubSpotSyncService {
        let config = services.configuration
        return HubSpotSyncService(
            store: services.store, data: services.data,
            credentials: HubSpotCredentials(store: services.store, box: config.secretBox),
            connection: HubSpotConnection(
                baseURL: config.hubSpotBaseURL, http: config.crmHTTP ?? liveHTTP,
                pause: config.crmPause ?? LiveCRMSyncPause()),
            now: services.now)
    }

    /// The Salesforce sync as this server runs it (the instance URL is stored with the credentials).
    static func salesforceService(_ services: ServerServices) -> SalesforceSyncService {
        let config = services.configuration
        return SalesforceSyncService(
            store: services.store, data: services.data,
            credentials: SalesforceCredentials(store: services.store, box: config.secretBox),
            connection: SalesforceConnection(
                http: config.crmHTTP ?? liveHTTP, pause: config.crmPause ?? LiveCRMSyncPause()),
            now: services.now)
    }

    /// Each provider's sync, by the name in its paths.
    static let providers: [(name: String, make: @Sendable (ServerServices) -> any CRMWriteBack)] = [
        ("hubspot", { service($0) }), ("salesforce", { salesforceService($0) }),
    ]

    /// Why a run could not start, for the reasons a user can act on (answered 409 with the
    /// reason); nil for any other failure.
    static func cannotRun(_ error: any Error) -> String? {
        switch error {
        case let e as CRMSyncProblem: e.description
        case let e as CRMSyncBusy: e.description
        case let e as CRMSecretProblem: e.description
        default: nil
        }
    }

    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        for (name, make) in Self.providers {
            router.post(RouterPath("/api/v1/sync/\(name)")) { request, context in
                try context.require(.admin)
                func flag(_ name: String) throws -> Bool {
                    switch request.query(name) {
                    case nil, "false", "0": return false
                    case "true", "1": return true
                    default: throw ProblemDetails.badRequest("\(name) must be true or false", field: name)
                    }
                }
                let dryRun = try flag("dry_run"), contacts = try flag("contacts")
                var language = Language.ja
                if let l = request.query("lang") {
                    guard let chosen = Language(rawValue: l) else {
                        throw ProblemDetails.badRequest("lang must be ja or en", field: "lang")
                    }
                    language = chosen
                }
                let service = make(services)
                let report: CRMSyncReport
                do {
                    report = try await service.exclusiveRun(
                        .init(asOf: try await services.today(), dryRun: dryRun, contacts: contacts, language: language),
                        by: context.auditActor.name, wait: false, gate: services.crmSyncGate)
                } catch {
                    guard let reason = Self.cannotRun(error) else { throw error }
                    throw ProblemDetails(status: .conflict, title: "Cannot sync", detail: reason)
                }
                if !dryRun { await audit(report, services: services, context: context) }
                return Responses.json(report.json())
            }
            // The Settings section's buttons: a dry run, or a run now, with the crm.<provider>.*
            // settings' language and contacts; the outcome is in the log shown below them.
            for (action, dryRun) in [("dry-run", true), ("sync", false)] {
                router.post(RouterPath("/settings/crm/\(name)/\(action)")) { request, context in
                    try context.require(.admin)
                    let plan = CRMSyncSettings(settings: try await services.store.settings(), provider: name)
                    let service = make(services)
                    let report: CRMSyncReport
                    do {
                        report = try await service.exclusiveRun(
                            .init(
                                asOf: try await services.today(), dryRun: dryRun, contacts: plan.contacts,
                                language: plan.language),
                            by: context.auditActor.name, wait: false, gate: services.crmSyncGate)
                    } catch {
                        guard let reason = Self.cannotRun(error) else { throw error }
                        return try await MorePageRoutes.settingsPage(
                            request, context, services: services, notice: reason, newToken: nil, status: .conflict)
                    }
                    if !dryRun { await audit(report, services: services, context: context) }
                    return Responses.redirect("/settings?saved=crm#crm-sync")
                }
            }
        }
        // Settings: the Salesforce connected app's instance URL, consumer key and secret, stored
        // sealed; `clear=1` removes them. The secret is never shown again.
        router.post("/settings/crm/salesforce/credentials") { request, context in
            try context.require(.admin)
            let form = try await FormData.read(request)
            let credentials = SalesforceCredentials(store: services.store, box: services.configuration.secretBox)
            do {
                if form["clear"] == "1" {
                    try await credentials.clear(at: services.now())
                    await services.audit.record(
                        .crmSync, by: context.auditActor, target: "salesforce", detail: "credentials removed")
                } else {
                    try await credentials.set(
                        instanceURL: form["instance_url"] ?? "", clientId: form["client_id"] ?? "",
                        clientSecret: form["client_secret"] ?? "", at: services.now())
                    await services.audit.record(
                        .crmSync, by: context.auditActor, target: "salesforce", detail: "credentials stored")
                }
            } catch let e as CRMSyncProblem {
                return try await MorePageRoutes.settingsPage(
                    request, context, services: services, notice: e.description, newToken: nil, status: .badRequest)
            } catch let e as CRMSecretProblem {
                return try await MorePageRoutes.settingsPage(
                    request, context, services: services, notice: e.description, newToken: nil, status: .conflict)
            }
            return Responses.redirect("/settings?saved=crm#crm-sync")
        }
        // The log names CRM record IDs and the CRMs' error messages: admins only.
        router.get("/api/v1/sync/log") { _, context in
            try context.require(.admin)
            return Responses.json(.array(try await services.store.crmSyncRuns(limit: 50).map(CRMSyncLogJSON.run)))
        }
    }

    /// A run that sent is audited (the log has its details).
    static func audit(_ report: CRMSyncReport, services: ServerServices, context: KizashiRequestContext) async {
        await services.audit.record(
            .crmSync, by: context.auditActor, target: report.run.provider,
            detail:
                "\(report.run.status.rawValue): \(report.run.recordsSent) accepted, \(report.run.recordsFailed) refused"
        )
    }
}
