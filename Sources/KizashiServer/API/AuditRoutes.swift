import Foundation
import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore

/// `GET /api/v1/audit` (admin): the audit log, newest first, as JSON pages or one CSV.
enum AuditRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        router.group("/api/v1").get("/audit") { request, context in
            try context.require(.admin)
            // Read and checked before the format is chosen: the CSV ignores them, but a bad value
            // is a 400 whatever the format (the document's rules hold for every request).
            let limit = try request.query("limit").map { text -> Int in
                guard let n = Int(text), (1...1000).contains(n) else {
                    throw ProblemDetails.badRequest("limit must be a number from 1 to 1000", field: "limit")
                }
                return n
            }
            let before = try request.query("before").map { text -> Int64 in
                guard let n = Int64(text), n >= 1 else {
                    throw ProblemDetails.badRequest("before must be an entry id", field: "before")
                }
                return n
            }
            let format = request.query("format") ?? "json"
            if format == "csv" {
                // Streamed page by page: the log of a long-lived workspace need not fit in memory.
                let trail = services.audit
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                        .contentDisposition: "attachment; filename=\"kizashi-audit.csv\"",
                    ],
                    body: ResponseBody { writer in
                        try await writer.write(ByteBuffer(string: AuditLogCSV.header))
                        try await trail.allEntries { try await writer.write(ByteBuffer(string: AuditLogCSV.rows($0))) }
                        try await writer.finish(nil)
                    })
            }
            guard format == "json" else {
                throw ProblemDetails.badRequest("format must be json or csv", field: "format")
            }
            let entries = try await services.audit.entries(before: before, limit: limit ?? 100)
            return Responses.json(.array(entries.map(entryJSON)))
        }
    }

    static func entryJSON(_ e: AuditEntry) -> JSONValue {
        .object([
            ("id", .int(Int(e.id))), ("at", .int(Int(e.at.millisecondsSinceEpoch))), ("actor", .string(e.actor)),
            ("action", .string(e.action)), ("target", e.target.map { .string($0) } ?? .null),
            ("client_address", e.clientAddress.map { .string($0) } ?? .null),
            ("detail", e.detail.map { .string($0) } ?? .null),
        ])
    }
}
