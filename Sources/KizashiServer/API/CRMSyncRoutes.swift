import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore

/// CRM write-back (issue 27 §1): `POST /api/v1/sync/hubspot` runs `kizashi sync hubspot` (admin:
/// it writes into the company's CRM) and `GET /api/v1/sync/log` reads the sync log.
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

    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        router.post("/api/v1/sync/hubspot") { request, context in
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
            let service = Self.service(services)
            let report: HubSpotSyncReport
            do {
                report = try await service.run(
                    .init(asOf: try await services.today(), dryRun: dryRun, contacts: contacts, language: language))
            } catch let e as CRMSyncProblem {
                throw ProblemDetails(status: .conflict, title: "Cannot sync", detail: e.description)
            } catch let e as CRMSecretProblem {
                throw ProblemDetails(status: .conflict, title: "Cannot sync", detail: e.description)
            }
            if !dryRun {
                await services.audit.record(
                    .crmSync, by: context.auditActor, target: "hubspot",
                    detail:
                        "\(report.run.status.rawValue): \(report.run.recordsSent) accepted, \(report.run.recordsFailed) refused"
                )
            }
            return Responses.json(report.json())
        }
        // The Settings section's buttons: a dry run, or a run now, with the crm.hubspot.* settings'
        // language and contacts; the outcome is in the log shown below them.
        for (path, dryRun) in [("/settings/crm/hubspot/dry-run", true), ("/settings/crm/hubspot/sync", false)] {
            router.post(RouterPath(path)) { request, context in
                try context.require(.admin)
                let plan = CRMSyncSettings(settings: try await services.store.settings())
                let report: HubSpotSyncReport
                do {
                    report = try await Self.service(services).run(
                        .init(
                            asOf: try await services.today(), dryRun: dryRun, contacts: plan.contacts,
                            language: plan.language))
                } catch let e as CRMSyncProblem {
                    return try await MorePageRoutes.settingsPage(
                        request, context, services: services, notice: e.description, newToken: nil, status: .conflict)
                } catch let e as CRMSecretProblem {
                    return try await MorePageRoutes.settingsPage(
                        request, context, services: services, notice: e.description, newToken: nil, status: .conflict)
                }
                if !dryRun {
                    await services.audit.record(
                        .crmSync, by: context.auditActor, target: "hubspot",
                        detail:
                            "\(report.run.status.rawValue): \(report.run.recordsSent) accepted, \(report.run.recordsFailed) refused"
                    )
                }
                return Responses.redirect("/settings?saved=crm#crm-sync")
            }
        }
        // The log names CRM record IDs and HubSpot's error messages: admins only.
        router.get("/api/v1/sync/log") { _, context in
            try context.require(.admin)
            return Responses.json(.array(try await services.store.crmSyncRuns(limit: 50).map(CRMSyncLogJSON.run)))
        }
    }
}
