import Foundation
import Hummingbird
import KizashiApp
import NIOCore

/// A fake Salesforce org on loopback, written from the public REST API guide and the OAuth 2.0
/// client credentials flow's documentation:
///
/// - `POST /services/oauth2/token` (form: grant_type=client_credentials, client_id, client_secret):
///   200 `{"access_token", "instance_url", "id", "token_type": "Bearer", "issued_at", "signature"}`,
///   or 400 `{"error": "invalid_client", "error_description": "invalid client credentials"}`.
///   Each token issued is new (`…-1`, `…-2`); only the latest is valid.
/// - `PATCH /services/data/v62.0/composite/sobjects` (`{"allOrNone": false, "records": [{"attributes":
///   {"type"}, "id", fields…}]}`, 1 to 200 records): 200 with one SaveResult per record in order
///   (`{"id", "success": true, "errors": []}` or `{"success": false, "errors": [{"statusCode",
///   "message", "fields"}]}`); 401 `[{"message": "Session expired or invalid", "errorCode":
///   "INVALID_SESSION_ID"}]` for a token not (or no longer) valid; 403 REQUEST_LIMIT_EXCEEDED; 429 or
///   503 with `Retry-After`; 400 for a request that breaks the documented shape (recorded in
///   `problems`, so a test fails on it).
final class FakeSalesforce: @unchecked Sendable {
    enum Answer: Sendable {
        case ok
        /// These record IDs get `success: false` (ENTITY_IS_DELETED), the others are saved.
        case failing(Set<String>)
        case busy(status: Int, retryAfter: Int?)
        case requestLimit
        /// The session expires before this request: it gets 401 INVALID_SESSION_ID.
        case expireSession
        /// Hostile: a 200 of 2 MiB; a 307 to `/steal`.
        case huge, redirect
    }

    /// A field's value as received: JSON text, number or null.
    enum Value: Sendable, Equatable {
        case text(String)
        case number(Double)
        case null
    }

    struct Received: Sendable, Equatable {
        var object: String
        var records: [String: [String: Value]]
        var order: [String]
    }

    let clientId: String
    let clientSecret: String
    private let lock = NSLock()
    private var script: [Answer] = []
    private var log: [Received] = []
    private var rawBodies: [String] = []
    private var shapeProblems: [String] = []
    private var stolen: [String] = []
    private var issued = 0
    private var valid: String?

    init(clientId: String, clientSecret: String) {
        self.clientId = clientId
        self.clientSecret = clientSecret
    }

    func queue(_ answers: Answer...) { lock.withLock { script += answers } }
    var received: [Received] { lock.withLock { log } }
    /// The collection requests' bodies, as sent.
    var bodies: [String] { lock.withLock { rawBodies } }
    var problems: [String] { lock.withLock { shapeProblems } }
    var tokensIssued: Int { lock.withLock { issued } }
    var stolenAuthorizations: [String] { lock.withLock { stolen } }
    /// Ends the current session, as an admin revoking it or its timeout would.
    func expire() { lock.withLock { valid = nil } }

    func application() -> some ApplicationProtocol {
        let router = Router()
        router.post("/services/oauth2/token") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 64 << 10)
            return self.token(contentType: request.headers[.contentType], form: String(buffer: body))
        }
        router.patch("/services/data/v62.0/composite/sobjects") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 4 << 20)
            return self.collection(
                authorization: request.headers[.authorization], contentType: request.headers[.contentType],
                body: Data(body.readableBytesView))
        }
        router.post("/steal") { request, _ -> Response in
            self.lock.withLock { self.stolen.append(request.headers[.authorization] ?? "") }
            return Response(status: .ok)
        }
        router.patch("/steal") { request, _ -> Response in
            self.lock.withLock { self.stolen.append(request.headers[.authorization] ?? "") }
            return Response(status: .ok)
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    private func json(_ status: HTTPResponse.Status, _ text: String, headers: HTTPFields = [:]) -> Response {
        var h = headers
        h[.contentType] = "application/json;charset=UTF-8"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private func problem(_ p: String) -> Response {
        lock.withLock { shapeProblems.append(p) }
        return json(.badRequest, #"[{"message":"\#(p)","errorCode":"JSON_PARSER_ERROR"}]"#)
    }

    func token(contentType: String?, form: String) -> Response {
        guard contentType?.hasPrefix("application/x-www-form-urlencoded") == true else {
            return json(.badRequest, #"{"error":"invalid_request","error_description":"bad content type"}"#)
        }
        var fields: [String: String] = [:]
        for pair in form.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            if kv.count == 2 { fields[kv[0]] = kv[1] }
        }
        guard fields["grant_type"] == "client_credentials" else {
            return json(
                .badRequest, #"{"error":"unsupported_grant_type","error_description":"grant type not supported"}"#)
        }
        guard fields["client_id"] == clientId, fields["client_secret"] == clientSecret else {
            return json(.badRequest, #"{"error":"invalid_client","error_description":"invalid client credentials"}"#)
        }
        let token: String = lock.withLock {
            issued += 1
            valid = "00DFAKE!token-\(issued)"
            return valid ?? ""
        }
        return json(
            .ok,
            #"{"access_token":"\#(token)","signature":"fake","scope":"api","instance_url":"https://acme.my.salesforce.com","id":"https://login.salesforce.com/id/00DFAKE/005FAKE","token_type":"Bearer","issued_at":"1790737200000"}"#
        )
    }

    func collection(authorization: String?, contentType: String?, body: Data) -> Response {
        let next: Answer? = lock.withLock {
            if case .expireSession = script.first {
                script.removeFirst()
                valid = nil
            }
            guard let v = valid, authorization == "Bearer \(v)" else { return nil }
            return script.isEmpty ? .ok : script.removeFirst()
        }
        guard let next else {
            return json(.unauthorized, #"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#)
        }
        guard contentType?.hasPrefix("application/json") == true else { return problem("Content-Type is not JSON") }
        guard let root = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let records = root["records"] as? [[String: Any]], root["allOrNone"] as? Bool == false, root.count == 2
        else { return problem("the body is not {\"allOrNone\": false, \"records\": […]}") }
        guard (1...200).contains(records.count) else { return problem("\(records.count) records (1 to 200 allowed)") }
        var got: [String: [String: Value]] = [:]
        var order: [String] = []
        var objects = Set<String>()
        for r in records {
            guard let type = (r["attributes"] as? [String: Any])?["type"] as? String,
                ["Account", "Contact"].contains(type),
                let id = r["id"] as? String, id.count == 18
            else { return problem("a record without attributes.type Account/Contact and an 18-character id") }
            objects.insert(type)
            var fields: [String: Value] = [:]
            for (k, v) in r where k != "attributes" && k != "id" {
                guard k.hasPrefix("Kizashi_"), k.hasSuffix("__c") else { return problem("unknown field \(k)") }
                if v is NSNull {
                    fields[k] = .null
                } else if let s = v as? String {
                    fields[k] = .text(s)
                } else if let n = v as? NSNumber {
                    fields[k] = .number(n.doubleValue)
                } else {
                    return problem("field \(k) is neither text, a number nor null")
                }
            }
            got[id] = fields
            order.append(id)
        }
        lock.withLock {
            log.append(Received(object: objects.sorted().joined(separator: "+"), records: got, order: order))
            rawBodies.append(String(decoding: body, as: UTF8.self))
        }
        func saved(_ id: String) -> String { #"{"id":"\#(id)","success":true,"errors":[]}"# }
        switch next {
        case .ok, .expireSession:
            return json(.ok, "[" + order.map(saved).joined(separator: ",") + "]")
        case .failing(let ids):
            let results = order.map { id in
                ids.contains(id)
                    ? #"{"success":false,"errors":[{"statusCode":"ENTITY_IS_DELETED","message":"entity is deleted","fields":[]}]}"#
                    : saved(id)
            }
            return json(.ok, "[" + results.joined(separator: ",") + "]")
        case .busy(let status, let after):
            var h: HTTPFields = [:]
            if let after { h[.retryAfter] = String(after) }
            return json(
                .init(code: status), #"[{"message":"Server is busy","errorCode":"SERVER_UNAVAILABLE"}]"#, headers: h)
        case .requestLimit:
            return json(
                .forbidden, #"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#)
        case .huge:
            return json(.ok, "[" + String(repeating: " ", count: 2 << 20) + "]")
        case .redirect:
            return Response(status: .temporaryRedirect, headers: [.location: "/steal"])
        }
    }
}
