import Foundation
import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore

/// Intent, data quality, settings (with its forms) and import pages.
enum MorePageRoutes {
    /// Entries on the approach-now page (the read model's warm-up loads the same list).
    static let nowPageLength = 30

    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        router.get("/static/import.js") { _, _ in
            Responses.text(
                ImportView.script, contentType: "text/javascript; charset=utf-8", extra: [.cacheControl: "max-age=3600"]
            )
        }

        router.get("/now") { request, context in
            let lang = context.language
            let today = try await services.today()
            let tier = try PeriodPicker.parse(
                period: nil, start: nil, end: nil, tier: request.query("tier"),
                default: KPIPeriod(start: today, end: today + 1)
            ).tier
            let list = try await services.data.approachNowList(asOf: today, tier: tier, limit: nowPageLength)
            let body = ApproachNowView(list: list, weights: ApproachWeights(), asOf: today, tier: tier, lang: lang)
                .render()
            return Responses.html(PageRoutes.shell(L10n.t("now.title", lang), .now, request, context).render(body))
        }

        router.get("/intent") { request, context in
            let lang = context.language
            let (today, picker, report, c) = try await periodReport(request, services)
            let accounts = try await services.data.accountList(asOf: today)
            let model = IntentModel(report: report, computation: c, accounts: accounts)
            let body = IntentView(model: model, lang: lang, picker: picker).render()
            return Responses.html(PageRoutes.shell(L10n.t("nav.intent", lang), .intent, request, context).render(body))
        }

        router.get("/quality") { request, context in
            let lang = context.language
            let (_, picker, report, c) = try await periodReport(request, services)
            var requested: [String: String] = [:]
            for section in QualityView.sections { requested[section.name] = request.query("page_\(section.name)") }
            let body = QualityView(
                model: QualityModel(report: report, computation: c), lang: lang, picker: picker,
                requestedPages: requested
            ).render()
            return Responses.html(
                PageRoutes.shell(L10n.t("quality.title", lang), .quality, request, context).render(body))
        }

        router.get("/import") { request, context in
            let lang = context.language
            let body = ImportView(lang: lang, canEdit: (context.identity?.role ?? .viewer) >= .editor).render()
            return Responses.html(
                PageRoutes.shell(L10n.t("import.title", lang), .importData, request, context).render(body))
        }

        router.get("/settings") { request, context in
            // Only known confirmations are shown: the query string is anyone's to write.
            let saved = request.query("saved").flatMap { key in
                ["icp", "parameters", "goals", "users", "tag", "tokens", "digest", "ipranges", "crm"].contains(key)
                    ? L10n.t("settings.saved.\(key)", context.language) : nil
            }
            return try await settingsPage(request, context, services: services, notice: saved, newToken: nil)
        }
        router.post("/settings/icp") { request, context in
            try context.require(.editor)
            let form = try await FormData.read(request)
            let text = (form["icp"] ?? "").trimmed
            do {
                let icp = text.isEmpty ? nil : try ICPDocument.decode(Array(text.utf8))
                try await services.store.transaction { tx in try await tx.setICP(icp) }
            } catch let e as ICPDocument.Invalid {
                return try await settingsPage(
                    request, context, services: services, notice: e.description, newToken: nil, status: .badRequest)
            }
            await services.changed()
            return Responses.redirect("/settings?saved=icp")
        }
        // The ICP as a form (issue 22 §3): the same ICP icp.json gives, from ticks and ranges.
        router.post("/settings/icp/form") { request, context in
            try context.require(.editor)
            let icp: IdealCustomerProfile
            do {
                icp = try ICPForm.profile(try await FormData.read(request))
            } catch let e as ICPForm.Invalid {
                return try await settingsPage(
                    request, context, services: services, notice: e.description, newToken: nil, status: .badRequest)
            }
            let empty = icp == IdealCustomerProfile()
            try await services.store.transaction { tx in try await tx.setICP(empty ? nil : icp) }
            await services.changed()
            return Responses.redirect("/settings?saved=icp")
        }
        // The form's live match count: the companies the ticked ICP would match, nothing saved.
        router.post("/settings/icp/count") { request, context in
            let icp: IdealCustomerProfile
            do {
                icp = try ICPForm.profile(try await FormData.read(request))
            } catch let e as ICPForm.Invalid {
                throw ProblemDetails.badRequest(e.description, field: e.field)
            }
            let (n, companies) = try await services.data.icpMatches(icp, on: try await services.today())
            return Responses.json(.object([("matches", .int(n)), ("companies", .int(companies))]))
        }
        router.post("/settings/parameters") { request, context in
            try context.require(.editor)
            let form = try await FormData.read(request)
            let stored = try await services.store.settings()
            let current = Dictionary(
                try WorkspaceSettings.describe(stored).map { ($0.key, $0.value) },
                uniquingKeysWith: { a, _ in a })
            var changes: [(String, String)] = []
            for (key, _) in WorkspaceSettings.keys {
                guard let value = form[key]?.trimmed, value != current[key] else { continue }
                do {
                    changes.append((key, try WorkspaceSettings.validate(key: key, value: value)))
                } catch let e as WorkspaceSettings.InvalidSetting {
                    return try await settingsPage(
                        request, context, services: services, notice: e.description, newToken: nil, status: .badRequest)
                }
            }
            let toWrite = changes
            try await services.store.transaction { tx in
                for (k, v) in toWrite { try await tx.setSetting(k, to: v) }
            }
            await services.changed()
            return Responses.redirect("/settings?saved=parameters")
        }
        router.post("/settings/goals") { request, context in
            try context.require(.editor)
            let form = try await FormData.read(request)
            let lang = context.language
            guard let kpi = form["kpi"], let definition = KPICatalog.byKey[kpi],
                let period = form["period"].flatMap(KPIPeriod.init(label:))
            else {
                return try await settingsPage(
                    request, context, services: services, notice: L10n.t("settings.goal.invalid", lang),
                    newToken: nil, status: .badRequest)
            }
            let value: Double
            switch KPITargetInput.parse(form["value"] ?? "", kind: definition.kind) {
            case .success(let v): value = v
            case .failure(let refusal):
                return try await settingsPage(
                    request, context, services: services,
                    notice: L10n.t("settings.goal.value", lang, definition.name(lang), refusal.text(lang)),
                    newToken: nil, status: .unprocessableContent)
            }
            let tier = form["tier"].flatMap(Int.init).flatMap(Tier.init(rawValue:))
            try await services.store.transaction { tx in
                try await tx.setGoal(KPIGoal(kpi: kpi, period: period, tier: tier, value: value))
            }
            await services.changed()
            return Responses.redirect("/settings?saved=goals")
        }
        router.post("/settings/goals/delete") { request, context in
            try context.require(.editor)
            let form = try await FormData.read(request)
            guard let kpi = form["kpi"], let period = form["period"].flatMap(KPIPeriod.init(label:)) else {
                throw ProblemDetails.badRequest("kpi and period are required")
            }
            let tier = form["tier"].flatMap(Int.init).flatMap(Tier.init(rawValue:))
            try await services.store.transaction { tx in try await tx.removeGoal(kpi: kpi, period: period, tier: tier) }
            await services.changed()
            return Responses.redirect("/settings?saved=goals")
        }
        router.post("/settings/users") { request, context in
            try context.require(.admin)
            let form = try await FormData.read(request)
            let role = try RoleParameter.parse(form["role"])
            do {
                _ = try await services.access.createUser(
                    email: form["email"] ?? "", role: role, password: form["password"] ?? "", actor: context.auditActor)
            } catch let e as AccessError {
                return try await settingsPage(
                    request, context, services: services, notice: L10n.accessError(e, context.language), newToken: nil,
                    status: .badRequest)
            }
            return Responses.redirect("/settings?saved=users")
        }
        router.post("/settings/tokens") { request, context in
            try context.require(.admin)
            let form = try await FormData.read(request)
            let role = try RoleParameter.parse(form["role"])
            do {
                let lifetime = try AccessService.tokenLifetime(form["expires_in"])
                let (secret, _) = try await services.access.createToken(
                    name: form["name"] ?? "", role: role, now: services.now(), expiresIn: lifetime,
                    actor: context.auditActor)
                return try await settingsPage(request, context, services: services, notice: nil, newToken: secret)
            } catch let e as AccessError {
                return try await settingsPage(
                    request, context, services: services, notice: L10n.accessError(e, context.language), newToken: nil,
                    status: .badRequest)
            }
        }
        router.post("/settings/webhooks") { request, context in
            try context.require(.admin)
            let form = try await FormData.read(request)
            let url = (form["url"] ?? "").trimmed
            if case .failure(let refusal) = await services.webhookGuard.check(url) {
                return try await settingsPage(
                    request, context, services: services, notice: refusal.description, newToken: nil,
                    status: .unprocessableContent)
            }
            let kind = form["kind"].flatMap(Webhook.Kind.init(rawValue:)) ?? .generic
            let hook = try await services.store.addWebhook(
                url: url, kind: kind, secret: Secrets.token(bytes: 24), now: services.now())
            await services.audit.record(
                .webhookAdd, by: context.auditActor, target: "webhook \(hook.id)", detail: kind.rawValue)
            // The signing secret is shown once, like a token.
            return try await settingsPage(
                request, context, services: services, notice: nil, newToken: "webhook secret: \(hook.secret)")
        }
        router.post("/settings/site-keys") { request, context in
            try context.require(.admin)
            let form = try await FormData.read(request)
            let name = (form["name"] ?? "").trimmed
            guard !name.isEmpty else { throw ProblemDetails.badRequest("give the site key a name", field: "name") }
            let key = SiteKeyRoutes.newSiteKey()
            try await services.store.createSiteKey(name: name, key: key, now: services.now())
            await services.audit.record(.siteKeyCreate, by: context.auditActor, target: key, detail: name)
            return Responses.redirect("/settings?saved=tag")
        }
        router.post("/settings/site-keys/:key/revoke") { _, context in
            try context.require(.admin)
            let key = try context.parameters.require("key")
            if try await services.store.setSiteKey(key, active: false) {
                await services.audit.record(.siteKeyRevoke, by: context.auditActor, target: key)
            }
            return Responses.redirect("/settings?saved=tag#site-keys")
        }
        // The test message, its outcome shown on the page at once (a redirect could not carry the reason).
        router.post("/settings/webhooks/:id/test") { request, context in
            try context.require(.admin)
            let (_, outcome) = try await AlertRoutes.testSend(context, services)
            let notice =
                outcome.failure.map { L10n.t("settings.testFailed", context.language, $0) }
                ?? L10n.t("settings.testSent", context.language)
            return try await settingsPage(request, context, services: services, notice: notice, newToken: nil)
        }
        router.post("/settings/webhooks/:id/disable") { _, context in
            try context.require(.admin)
            let id = try AdminRoutes.numberedPathID(context, "webhook")
            try await services.store.setWebhook(id: id, active: false)
            await services.audit.record(.webhookRemove, by: context.auditActor, target: "webhook \(id)")
            return Responses.redirect("/settings#webhooks")
        }
        router.post("/settings/deliveries/:id/resend") { _, context in
            try context.require(.admin)
            let id = try AdminRoutes.numberedPathID(context, "delivery")
            if try await services.store.resendDelivery(id: id, now: services.now()) {
                await services.audit.record(.deliveryResend, by: context.auditActor, target: "delivery \(id)")
            }
            await services.alerts.poke()
            return Responses.redirect("/settings#deliveries")
        }
        // Sends the review now (digest.* settings), to check the destinations without waiting.
        router.post("/settings/digest/send") { _, context in
            try context.require(.admin)
            let records = try await services.digestDelivery.send(
                DigestDeliverySettings(settings: try await services.store.settings()),
                slot: DigestDelivery.manualSlot, asOf: try await services.today())
            await services.audit.record(
                .digestSend, by: context.auditActor, target: "digest",
                detail:
                    "\(records.filter { $0.status == .sent }.count) sent, \(records.filter { $0.status == .failed }.count) failed"
            )
            return Responses.redirect("/settings?saved=digest#digest")
        }
        router.post("/settings/tokens/:id/revoke") { request, context in
            try context.require(.admin)
            let id = try AdminRoutes.numberedPathID(context, "token")
            do {
                try await services.access.revokeToken(id: id, actor: context.auditActor)
            } catch let e as AccessError {
                return try await settingsPage(
                    request, context, services: services, notice: L10n.accessError(e, context.language), newToken: nil,
                    status: .notFound)
            }
            return Responses.redirect("/settings?saved=tokens")
        }
    }

    /// What a page over a period reads: today, the period and tier asked for (the last full quarter
    /// by default), the period's KPI report and the computation behind it.
    static func periodReport(_ request: Request, _ services: ServerServices) async throws -> (
        today: Day, picker: PeriodPicker, report: KPIReport, computation: KPIComputation
    ) {
        let today = try await services.today()
        let picker = try PeriodPicker.parse(request, default: KPIService.lastFullQuarter(before: today))
        let report = try await services.data.report(period: picker.period, tier: picker.tier)
        return (today, picker, report, try await services.data.computation(for: [picker.period]))
    }

    /// The dashboard's own address as the browser used it, for the tag snippet (Host is only
    /// shown back to the admin who sent it, and only if it looks like a host).
    static func origin(_ request: Request) -> String {
        let host = request.head.authority ?? ""
        guard !host.isEmpty, host.count <= 255,
            host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-.:[]".contains($0)) })
        else { return "" }
        return "//" + host
    }

    static func settingsPage(
        _ request: Request, _ context: KizashiRequestContext, services: ServerServices, notice: String?,
        newToken: String?, status: HTTPResponse.Status = .ok, newPassword: (email: String, password: String)? = nil
    ) async throws -> Response {
        let lang = context.language
        let store = services.store
        let role = context.identity?.role ?? .viewer
        let stored = try await store.settings()
        let params = try WorkspaceSettings.describe(stored)
        let help = Dictionary(WorkspaceSettings.keys.map { ($0.key, $0.help) }, uniquingKeysWith: { a, _ in a })
        let icp = try await store.icp()
        let today = try await services.today()
        let (matches, companyCount) = try await services.data.icpMatches(icp, on: today)
        var model = SettingsModel(
            icpJSON: icp.map(ICPDocument.encode) ?? "", icpMatches: matches, companies: companyCount,
            parameters: params.map { ($0.key, $0.value, help[$0.key] ?? "", stored[$0.key] == nil) },
            goals: try await store.goals(), users: role == .admin ? try await store.users() : [],
            tokens: role == .admin ? try await store.tokens() : [], canEdit: role >= .editor, isAdmin: role == .admin,
            webhooks: role == .admin ? try await store.webhooks() : [],
            siteKeys: role == .admin ? try await store.siteKeys() : [],
            ipRanges: role == .admin ? try await store.ipRangeCount() : 0, origin: origin(request),
            deliveries: role == .admin ? try await store.deliveryLog(limit: 30) : [])
        model.icp = icp
        model.icpChoices = ICPForm.choices(try await services.data.companies(on: today), keeping: icp)
        if role == .admin {
            model.audit = try await services.audit.entries(limit: 30)
            model.newPassword = newPassword
            model.timeZone = try WorkspaceSettings.parameters(from: stored).timeZone
            model.now = services.now()
            model.digestDeliveries = try await store.digestDeliveries(limit: 30)
            model.ownerRoutes = try await OwnerRouteRoutes.service(services).list(on: today)
            model.crmSyncRuns = try await store.crmSyncRuns(limit: 20)
            model.hubSpotTokenStored = try await store.crmCredential(provider: HubSpotCredentials.provider) != nil
            let salesforce = SalesforceCredentials(store: store, box: services.configuration.secretBox)
            model.salesforceStored = try await salesforce.isSet()
            if model.salesforceStored, let s = try? await salesforce.stored() {
                model.salesforceShown = (s.instanceURL, s.clientId)
            }
            model.secretKeyConfigured = services.configuration.secretBox != nil
        }
        let body = SettingsView(
            model: model, lang: lang, csrf: context.identity?.session?.csrfToken ?? "", notice: notice,
            newToken: newToken
        ).render()
        return Responses.html(
            PageRoutes.shell(L10n.t("nav.settings", lang), .settings, request, context).render(body), status: status)
    }
}
