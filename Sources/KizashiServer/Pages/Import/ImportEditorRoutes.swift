import Foundation
import Hummingbird
import KizashiApp
import KizashiCore

/// The column mapping editor (issue 28 item 9): `GET /import/mapping/:token` shows a kept sheet's
/// columns with the inferred mapping; `POST` previews or imports it with the mapping chosen
/// (`SheetMappingEditor`). Editors only; a draft opens for the user who uploaded it.
enum ImportEditorRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let root = services.configuration.uploadsDirectory
        let editor = SheetMappingEditor(store: services.store, drafts: ImportDrafts(root: root))

        router.get("/import/mapping/:token") { request, context in
            try context.require(.editor)
            let token = try context.parameters.require("token")
            let editing = try editor.open(
                token, owner: TransferRoutes.draftOwner(context) ?? "", now: services.now())
            return page(editing, rejectedLink: nil, submitted: false, request, context)
        }

        router.post("/import/mapping/:token") { request, context in
            try context.require(.editor)
            let token = try context.parameters.require("token")
            let form = try await FormData.read(request)
            let fields = form.values.sorted { $0.key < $1.key }.flatMap { k, vs in vs.map { (name: k, value: $0) } }
            let dryRun = form["action"] != "import"
            await services.audit.record(
                .dataImport, by: context.auditActor, detail: dryRun ? "mapping editor preview" : "mapping editor")
            // Rejected rows are kept for download like an upload's (`/api/v1/imports/:id/rejected.csv`).
            let id = Secrets.token(bytes: 12)
            let folder = try UploadFolder(root: root, id: id)
            defer { folder.discardUpload() }
            var options = PackageImporter.Options(rejectedPath: folder.rejectedPath)
            options.maxRecordBytes = services.configuration.maxRecordBytes
            options.archiveLimits = services.configuration.archiveLimits
            let (owner, now, job) = (TransferRoutes.draftOwner(context) ?? "", services.now(), options)
            // The pages are loaded inside `during`: event batches wait in the inbox meanwhile.
            let editing = try await services.imports.during {
                let editing = try await editor.submit(
                    token, owner: owner, now: now, form: fields, dryRun: dryRun, options: job)
                if let r = editing?.report, !r.dryRun, r.committed {
                    await services.importCommitted(wroteData: true, addedActivitiesOnly: nil, since: nil)
                }
                return editing
            }
            return page(editing, rejectedLink: "/api/v1/imports/\(id)/rejected.csv", submitted: true, request, context)
        }
    }

    static func page(
        _ editing: SheetMappingEditor.Editing?, rejectedLink: String?, submitted: Bool, _ request: Request,
        _ context: KizashiRequestContext
    ) -> Response {
        let lang = context.language
        let model = editing.map { ImportEditorModel($0, lang: lang, rejectedLink: rejectedLink) }
        let body = ImportEditorView(model: model, lang: lang, csrf: context.identity?.session?.csrfToken ?? "").render()
        // The first view of a failed sheet is the editor working as meant (200); a submission that
        // could not be applied or imported is 422.
        let failed =
            submitted && editing.map { $0.problem != nil || $0.failure != nil || !$0.preview.missing.isEmpty } ?? false
        let status: HTTPResponse.Status = editing == nil ? .notFound : failed ? .unprocessableContent : .ok
        return Responses.html(
            PageRoutes.shell(L10n.t("importedit.title", lang), .importData, request, context).render(body),
            status: status)
    }
}
