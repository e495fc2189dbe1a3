import Foundation
import HTTPTypes
import Hummingbird
import Testing

@testable import KizashiServer

/// Issue 22 §1: the document is the contract. Every API route the router serves is in
/// `openapi.yaml` with the same method, and every operation there is served; every operation
/// that needs a signed-in caller declares 401, every write declares 403 (a viewer's answer).
@Suite("OpenAPI document against the router")
struct OpenAPIDocumentTests {
    /// `(METHOD, /path/{param})` of every operation in the document, read from its layout: paths at
    /// two spaces, methods at four (the file is written that way; a YAML parser is not needed).
    static func documented() -> (operations: Set<String>, responses: [String: Set<String>]) {
        var operations = Set<String>()
        var responses: [String: Set<String>] = [:]
        var path = "", current = ""
        for line in OpenAPIDocument.yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if let m = line.wholeMatch(of: /\ \ (\/[^:\s]*):/) {
                path = String(m.1)
                current = ""
            } else if let m = line.wholeMatch(of: /\ {4}(get|post|put|delete|patch|options):/), !path.isEmpty {
                current = "\(m.1.uppercased()) \(path)"
                operations.insert(current)
            } else if !current.isEmpty, let m = line.firstMatch(of: /^\ {8}"(\d{3})":/) {
                responses[current, default: []].insert(String(m.1))
            } else if line.hasPrefix("components:") || line.hasPrefix("security") {
                path = ""
                current = ""
            }
        }
        return (operations, responses)
    }

    /// The router's routes under /api and the health and metrics endpoints, `:param` written `{param}`.
    static func served() async throws -> Set<String> {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        let router = KizashiServerApp.router(services: w.services)
        var out = Set<String>()
        for r in router.routes {
            let path = "\(r.path)".split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                .joined(separator: "/")
            let full = path.hasPrefix("/") ? path : "/" + path
            guard full.hasPrefix("/api/") || ["/healthz", "/readyz", "/metrics"].contains(full) else { continue }
            out.insert("\(r.method.rawValue) \(full)")
        }
        return out
    }

    @Test("every API route is documented, and every documented operation is served")
    func bothWays() async throws {
        let served = try await Self.served()
        let documented = Self.documented().operations
        #expect(
            served.subtracting(documented).isEmpty, "served, not documented: \(served.subtracting(documented).sorted())"
        )
        #expect(
            documented.subtracting(served).isEmpty, "documented, not served: \(documented.subtracting(served).sorted())"
        )
    }

    @Test("operations behind sign-in declare 401; writes declare 403")
    func statusCodes() throws {
        let (operations, responses) = Self.documented()
        // Open without a session or token: health, readiness, the document, the tracking tag's
        // collect endpoint (a site key) and /metrics (its own token).
        let open: Set<String> = [
            "GET /healthz", "GET /readyz", "GET /api/openapi.yaml", "POST /api/v1/collect", "OPTIONS /api/v1/collect",
            "GET /metrics",
        ]
        for op in operations.sorted() where !open.contains(op) {
            #expect(responses[op, default: []].contains("401"), "\(op) does not declare 401")
            if !op.hasPrefix("GET ") {
                #expect(responses[op, default: []].contains("403"), "\(op) does not declare 403")
            }
        }
    }
}
