import Foundation
import Hummingbird
import KizashiApp
import NIOCore

/// A fake HubSpot on loopback: the CRM v3 batch update (`POST /crm/v3/objects/{object}/batch/update`)
/// with the request and answer shapes of HubSpot's public reference
/// (developers.hubspot.com/docs/api-reference/legacy/crm/objects/companies/batch/update-companies,
/// …/docs/api-reference/error-handling, …/docs/api/usage-details): 200 with `results`, 207 with
/// `results` and per-record `errors` (`context.ids`), 429 with `Retry-After` and the rate-limit body
/// (`policyName` TEN_SECONDLY_ROLLING or DAILY), 401 for a wrong bearer token, 400 for a request
/// that breaks the documented shape (recorded in `problems`, so a test fails on it).
final class FakeHubSpot: @unchecked Sendable {
    enum Answer: Sendable {
        case ok
        /// 207: these record IDs are refused (OBJECT_NOT_FOUND), the others accepted.
        case multiStatus(failing: Set<String>)
        case rateLimited(retryAfter: Int)
        case daily
        /// Hostile answers: a 200 of 2 MiB; a 400 whose message carries terminal escapes and 10,000
        /// characters; a 307 to `/steal` (which records whether the bearer token followed).
        case huge, hostileMessage, redirect
    }

    struct Received: Sendable, Equatable {
        var object: String
        var inputs: [String: [String: String]]
        var order: [String]
    }

    let token: String
    private let lock = NSLock()
    private var script: [Answer] = []
    private var log: [Received] = []
    private var shapeProblems: [String] = []
    private var stolen: [String] = []

    init(token: String) { self.token = token }

    /// The next answers, in order; once they are used up every request gets `.ok`.
    func queue(_ answers: Answer...) { lock.withLock { script += answers } }
    var received: [Received] { lock.withLock { log } }
    var problems: [String] { lock.withLock { shapeProblems } }
    /// Authorization headers that reached `/steal` after a redirect (must stay empty).
    var stolenAuthorizations: [String] { lock.withLock { stolen } }

    func application() -> some ApplicationProtocol {
        let router = Router()
        router.post("/crm/v3/objects/:object/batch/update") { request, context -> Response in
            let object = context.parameters.get("object") ?? ""
            let body = try await request.body.collect(upTo: 4 << 20)
            return self.answer(
                object: object, authorization: request.headers[.authorization],
                contentType: request.headers[.contentType], body: Data(body.readableBytesView))
        }
        router.post("/steal") { request, _ -> Response in
            self.lock.withLock { self.stolen.append(request.headers[.authorization] ?? "") }
            return Response(status: .ok)
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    private func json(_ status: HTTPResponse.Status, _ text: String, headers: HTTPFields = [:]) -> Response {
        var h = headers
        h[.contentType] = "application/json;charset=utf-8"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private func problem(_ p: String) -> Response {
        lock.withLock { shapeProblems.append(p) }
        return json(
            .badRequest, #"{"status":"error","message":"\#(p)","category":"VALIDATION_ERROR","correlationId":"fake"}"#)
    }

    func answer(object: String, authorization: String?, contentType: String?, body: Data) -> Response {
        guard authorization == "Bearer \(token)" else {
            return json(
                .unauthorized,
                #"{"status":"error","message":"Authentication credentials not found.","correlationId":"fake","category":"INVALID_AUTHENTICATION"}"#
            )
        }
        guard ["companies", "contacts"].contains(object) else { return problem("unknown object \(object)") }
        guard contentType?.hasPrefix("application/json") == true else { return problem("Content-Type is not JSON") }
        guard let root = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let inputs = root["inputs"] as? [[String: Any]], root.count == 1
        else { return problem("the body is not {\"inputs\":[…]}") }
        guard (1...100).contains(inputs.count) else { return problem("\(inputs.count) inputs (1 to 100 allowed)") }
        var got: [String: [String: String]] = [:]
        var order: [String] = []
        for input in inputs {
            guard let id = input["id"] as? String, let props = input["properties"] as? [String: String],
                input.count == 2
            else { return problem("an input is not {\"id\": string, \"properties\": {string: string}}") }
            got[id] = props
            order.append(id)
        }
        let next: Answer = lock.withLock {
            log.append(Received(object: object, inputs: got, order: order))
            return script.isEmpty ? .ok : script.removeFirst()
        }
        func result(_ id: String) -> String {
            let props = (got[id] ?? [:]).sorted { $0.key < $1.key }.map { #""\#($0.key)":"\#($0.value)""# }
            return
                #"{"id":"\#(id)","properties":{\#(props.joined(separator: ","))},"createdAt":"2026-01-05T00:00:00Z","updatedAt":"2026-09-30T03:00:00Z","archived":false}"#
        }
        let times =
            #""requestedAt":"2026-09-30T03:00:00Z","startedAt":"2026-09-30T03:00:00Z","completedAt":"2026-09-30T03:00:01Z""#
        switch next {
        case .ok:
            return json(
                .ok, #"{"status":"COMPLETE","results":[\#(order.map(result).joined(separator: ","))],\#(times)}"#)
        case .multiStatus(let failing):
            let ok = order.filter { !failing.contains($0) }
            let bad = order.filter { failing.contains($0) }
            let errors = bad.map {
                #"{"status":"error","category":"OBJECT_NOT_FOUND","message":"Object not found.  objectId are usually numeric.","context":{"ids":["\#($0)"]},"errors":[],"links":{}}"#
            }
            return json(
                .init(code: 207, reasonPhrase: "Multi-Status"),
                #"{"status":"COMPLETE","results":[\#(ok.map(result).joined(separator: ","))],"numErrors":\#(bad.count),"errors":[\#(errors.joined(separator: ","))],\#(times)}"#
            )
        case .rateLimited(let seconds):
            return json(
                .tooManyRequests,
                #"{"status":"error","message":"You have reached your ten_secondly_rolling limit.","errorType":"RATE_LIMIT","correlationId":"fake","policyName":"TEN_SECONDLY_ROLLING"}"#,
                headers: [.retryAfter: String(seconds)])
        case .huge:
            return json(
                .ok, #"{"status":"COMPLETE","results":[],"pad":""# + String(repeating: "x", count: 2 << 20) + "\"}")
        case .hostileMessage:
            return json(
                .badRequest,
                #"{"status":"error","category":"VALIDATION_ERROR","message":"\u001b[31mred\u0007"#
                    + String(repeating: "y", count: 10_000) + "\"}")
        case .redirect:
            return Response(status: .temporaryRedirect, headers: [.location: "/steal"])
        case .daily:
            return json(
                .tooManyRequests,
                #"{"status":"error","message":"You have reached your daily limit.","errorType":"RATE_LIMIT","correlationId":"fake","policyName":"DAILY"}"#
            )
        }
    }
}

/// The sync's waits, recorded instead of slept.
final class RecordingPause: CRMSyncPause, @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Int] = []
    var waits: [Int] { lock.withLock { list } }
    func wait(seconds: Int) async throws { lock.withLock { list.append(seconds) } }
}
