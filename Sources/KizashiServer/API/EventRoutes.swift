import Foundation
import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore
import NIOCore
import ServiceLifecycle

/// POST /api/v1/events (Segment-compatible calls) and GET /api/v1/stream (Server-Sent Events).
enum EventRoutes {
    static let maxEvents = 500
    static let maxBytes = 1 << 20

    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let api = router.group("/api/v1")

        api.post("/events") { request, context in
            try context.require(.editor)
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: maxBytes)
            } catch {
                throw ProblemDetails(
                    status: .contentTooLarge, title: "Batch too large",
                    detail: "A batch may be at most 1 MB and \(maxEvents) events; split it.")
            }
            guard let json = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) else {
                throw ProblemDetails.badRequest("the body must be JSON: one event, an array, or {\"batch\": […]}")
            }
            let items: [Any]
            switch json {
            case let a as [Any]: items = a
            case let o as [String: Any]: items = (o["batch"] as? [Any]) ?? [o]
            default: throw ProblemDetails.badRequest("the body must be an event object, an array or {\"batch\": […]}")
            }
            guard items.count <= maxEvents else {
                throw ProblemDetails(
                    status: .contentTooLarge, title: "Batch too large",
                    detail: "\(items.count) events; a batch may hold at most \(maxEvents).")
            }
            let summary = try await services.ingestEvents(items)
            let body = JSONValue.object([
                ("accepted", .int(summary.accepted)), ("duplicates", .int(summary.duplicates)),
                ("activities", .int(summary.activities)), ("unresolved", .int(summary.unresolved)),
                // Accepted while an import runs: stored, applied when it has ended.
                ("queued", .int(summary.queued)),
                (
                    "rejected",
                    .array(
                        summary.rejected.map { .object([("index", .int($0.index)), ("reason", .string($0.reason))]) })
                ),
            ])
            // 207-style: some events of the batch were rejected, the others accepted.
            let status: HTTPResponse.Status =
                summary.rejected.isEmpty
                ? .ok
                : (summary.accepted + summary.duplicates == 0
                    ? .badRequest : HTTPResponse.Status(code: 207, reasonPhrase: "Multi-Status"))
            return Responses.json(body, status: status)
        }

        api.get("/stream") { request, context in
            let stream = await services.changes.subscribe()
            let events = stream.map { seq in ByteBuffer(string: "event: change\ndata: \(seq)\n\n") }
            let body = ResponseBody(asyncSequence: SSEPrelude(inner: events).cancelOnGracefulShutdown())
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-store", .connection: "keep-alive"],
                body: body)
        }
    }
}

/// Opens an SSE stream with a comment line so clients see the connection at once.
struct SSEPrelude<Inner: AsyncSequence & Sendable>: AsyncSequence, Sendable where Inner.Element == ByteBuffer {
    typealias Element = ByteBuffer
    let inner: Inner
    struct AsyncIterator: AsyncIteratorProtocol {
        var sentPrelude = false
        var inner: Inner.AsyncIterator
        mutating func next() async throws -> ByteBuffer? {
            if !sentPrelude {
                sentPrelude = true
                return ByteBuffer(string: ": kizashi\n\n")
            }
            return try await inner.next()
        }
    }
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(inner: inner.makeAsyncIterator()) }
}
