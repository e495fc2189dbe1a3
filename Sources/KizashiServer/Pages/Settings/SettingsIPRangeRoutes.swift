import Hummingbird
import KizashiApp
import KizashiCore

/// The IP-range table on Settings (issue 22 §3), admins only: upload a `cidr,company_id` file
/// (the page posts the file's bytes; `IPRangeService` checks every row), and test which company
/// an address resolves to.
enum SettingsIPRangeRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        router.post("/settings/ip-ranges") { request, context in
            try context.require(.admin)
            let body = try await request.body.collect(upTo: IPRangeService.maxFileBytes)
            let name = request.query("filename").map { OutsideText.shown($0, limit: 100) } ?? "ip-ranges.csv"
            do {
                let n = try await IPRangeService(store: services.store).replace(
                    csv: Array(body.readableBytesView), file: name)
                await services.audit.record(
                    .ipRangesReplace, by: context.auditActor, target: name, detail: "\(n) ranges")
                return Responses.json(.object([("imported", .int(n))]))
            } catch let e as IPRangeService.Rejected {
                throw ProblemDetails(
                    status: .unprocessableContent, title: "IP ranges refused", detail: e.description)
            }
        }
        router.post("/settings/ip-ranges/test") { request, context in
            try context.require(.admin)
            let form = try await FormData.read(request)
            let text = form["address"] ?? ""
            let lang = context.language
            let notice: String
            if let found = try await IPRangeService(store: services.store).company(at: text) {
                notice =
                    found.companyId.map { L10n.t("settings.ipTest.found", lang, found.address.description, $0) }
                    ?? L10n.t("settings.ipTest.none", lang, found.address.description)
            } else {
                notice = L10n.t("settings.ipTest.invalid", lang, OutsideText.shown(text, limit: 64))
            }
            return try await MorePageRoutes.settingsPage(
                request, context, services: services, notice: notice, newToken: nil)
        }
    }
}
