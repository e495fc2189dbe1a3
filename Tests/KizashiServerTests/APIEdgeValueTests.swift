import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiServer
import Testing

/// Values the document refuses must be refused by the server too (schemathesis's "schema-violating
/// request accepted", issue 22 §2): a JSON boolean is not a number, an id below 1 names nothing,
/// a token name of a control character is no name, a page cursor below 1 is no entry.
@Suite("API: values the document refuses")
struct APIEdgeValueTests {
    @Test("false as a target value, id 0, a form-feed token name, before=0, 1e300 as a tier: each a 400")
    func refused() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let admin = try await Browser.login(client, role: .admin)
            var json = admin.form(admin.csrf)
            json[.contentType] = "application/json"
            func send(_ method: HTTPRequest.Method, _ uri: String, _ body: String = "") async throws
                -> HTTPResponse.Status
            {
                try await client.execute(uri: uri, method: method, headers: json, body: ByteBuffer(string: body)).status
            }
            #expect(
                try await send(.put, "/api/v1/goals", #"{"kpi":"target_coverage","period":"2026Q4","value":false}"#)
                    == .badRequest)
            #expect(
                try await send(.put, "/api/v1/goals", #"{"kpi":"sql_count","period":"2026Q4","tier":1e300,"value":4}"#)
                    == .badRequest)
            #expect(try await send(.delete, "/api/v1/webhooks/0") == .badRequest)
            #expect(try await send(.delete, "/api/v1/tokens/-3") == .badRequest)
            let token = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: json,
                body: ByteBuffer(string: #"{"name":"\f","role":"viewer"}"#))
            #expect(token.status == .unprocessableContent || token.status == .badRequest, "\(token.status)")
            #expect(try await send(.get, "/api/v1/audit?before=0") == .badRequest)
            // A bad cursor is refused whatever the format; a period with a custom range too is ambiguous.
            #expect(try await send(.get, "/api/v1/audit?before=x&format=csv") == .badRequest)
            #expect(try await send(.get, "/api/v1/kpis?period=2026Q3&start=2026-07-01&end=2026-10-01") == .badRequest)
            // A body over a route's limit is a problem+json 413, not an empty answer.
            let big = try await client.execute(
                uri: "/api/v1/segments", method: .post, headers: json,
                body: ByteBuffer(string: #"{"name":"a","rule":""# + String(repeating: "x", count: 9000) + #""}"#))
            #expect(big.status == .contentTooLarge)
            #expect(big.headers[.contentType] == "application/problem+json")
            // A year below 1000 keeps four digits in the label it is stored and shown under.
            #expect(try await send(.put, "/api/v1/goals", #"{"kpi":"sql_count","period":"0004","value":1}"#) == .ok)
            let goals = try await client.execute(uri: "/api/v1/goals", method: .get, headers: admin.headers)
            #expect(String(buffer: goals.body).contains(#""period": "0004""#))
            // The same requests with good values pass.
            #expect(
                try await send(.put, "/api/v1/goals", #"{"kpi":"sql_count","period":"2026Q4","tier":1,"value":4}"#)
                    == .ok)
            #expect(try await send(.get, "/api/v1/audit?before=1") == .ok)
        }
    }
}
