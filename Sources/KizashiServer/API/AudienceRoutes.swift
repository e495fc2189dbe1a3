import Hummingbird
import KizashiApp
import KizashiCore

/// Audiences (issue 27 §2): `GET /api/v1/audiences/preview?from=&tier=&on=` (the counts, any
/// role) and `GET /api/v1/audiences/export?from=&tier=&on=&format=` (the file as a download;
/// editor, audited as a data export because the google-ads and meta files are hashed personal
/// data). Parsing only: `AudienceService` does the work, Core's `AudienceSource` and
/// `AudienceFormat` validate the values.
enum AudienceRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let audiences = AudienceService(store: services.store, data: services.data, now: services.now)

        router.get("/api/v1/audiences/preview") { request, _ in
            let r = try self.request(request)
            return Responses.json(try await SegmentRoutes.run { try await audiences.preview(r) }.json)
        }
        router.get("/api/v1/audiences/export") { request, context in
            try context.require(.editor)
            let r = try self.request(request)
            let format = try parse("format", request) { try AudienceFormat(parsing: $0) }
            let (preview, file) = try await SegmentRoutes.run { try await audiences.export(r, format: format) }
            await services.audit.record(
                .dataExport, by: context.auditActor, target: "audience \(format.rawValue) from \(r.source)",
                detail: "\(preview.counts.accounts) accounts, \(preview.counts.contactsWithKey) contacts with keys")
            return Responses.download(
                Array(file.utf8), contentType: "text/csv; charset=utf-8", filename: filename(format, preview.day))
        }
    }

    /// ASCII only: the segment's name (any script) is not put into a header.
    static func filename(_ format: AudienceFormat, _ day: Day) -> String {
        "kizashi-audience-\(format.rawValue)-\(day).csv"
    }

    /// `from` (required), `tier` and `on`; each bounded and refused with a 400 naming it.
    static func request(_ request: Request) throws -> AudienceService.Request {
        let source = try parse("from", request) { try AudienceSource(parsing: $0) }
        let tier = try TierParameter.parse(request.query("tier"))
        var day: Day?
        if let text = request.query("on") {
            guard text.utf8.count == 10, let d = Day(iso: text) else {
                throw ProblemDetails.badRequest("on must be a date YYYY-MM-DD", field: "on")
            }
            day = d
        }
        return AudienceService.Request(source: source, tier: tier, day: day)
    }

    static func parse<T>(_ field: String, _ request: Request, _ body: (String) throws -> T) throws -> T {
        guard let text = request.query(field) else {
            throw ProblemDetails.badRequest("\(field) is required", field: field)
        }
        do { return try body(text) } catch let p as AudienceRequestProblem {
            throw ProblemDetails.badRequest(p.description, field: p.field)
        }
    }
}
