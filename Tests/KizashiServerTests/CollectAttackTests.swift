import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// Issue 25 §1: the public collect endpoint, tried as an attacker holding the public site key.
@Suite("Collect endpoint under attack")
struct CollectAttackTests {
    static func activitiesOf(_ company: String, _ w: TestWorkspace) async throws -> Int {
        try await w.store.activities(after: nil, limit: 100_000).filter { $0.companyId == company }.count
    }

    static func storedEvents(_ w: TestWorkspace, anonymousId: String) async throws -> [StoredEvent] {
        try await w.store.transaction { tx in
            try await tx.unresolvedEvents(userIds: [], anonymousIds: [anonymousId])
        }
    }

    static let text: HTTPFields = [.contentType: "text/plain"]

    @Test("a contact's e-mail in traits, userId or groupId does not make activities for the contact's company")
    func forgedIdentity() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.store.createSiteKey(name: "www", key: "pk_test", now: TestWorkspace.now)
        let before = try await Self.activitiesOf("C1", w)
        try await w.test { client in
            for i in 1...3 {
                // taro@alpha.co.jp is P1, C1's decision maker (Fixtures/q3-handworked/contacts.csv).
                let forged = """
                    {"type":"page","messageId":"f\(i)","anonymousId":"attacker","userId":"P1","groupId":"C1",
                     "traits":{"email":"taro@alpha.co.jp"},
                     "context":{"traits":{"email":"taro@alpha.co.jp"},"groupId":"C1"},
                     "properties":{"path":"/pricing","email":"taro@alpha.co.jp"}}
                    """
                let r = try await client.execute(
                    uri: "/api/v1/collect?k=pk_test", method: .post, headers: Self.text,
                    body: ByteBuffer(string: forged))
                #expect(r.status == .noContent)
            }
        }
        // Before the fix: 3 more page views for C1. Now: none; the views wait, anonymous.
        #expect(try await Self.activitiesOf("C1", w) == before)
        let kept = try await Self.storedEvents(w, anonymousId: "attacker")
        #expect(kept.count == 3)
        #expect(kept.allSatisfy { $0.event.userId == nil && $0.event.email == nil && $0.event.groupId == nil })
        #expect(kept.allSatisfy { !$0.event.payload.contains("alpha.co.jp") })
    }

    @Test("a backdated timestamp is stored as information; the view counts on the day it was received")
    func backdating() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.store.createSiteKey(name: "www", key: "pk_test", now: TestWorkspace.now)
        try await w.test { client in
            let old =
                #"{"type":"page","messageId":"b1","anonymousId":"v9","timestamp":"2026-07-01T09:00:00+09:00","properties":{"path":"/"}}"#
            let r = try await client.execute(
                uri: "/api/v1/collect?k=pk_test", method: .post, headers: Self.text, body: ByteBuffer(string: old))
            #expect(r.status == .noContent)
        }
        let e = try #require(try await Self.storedEvents(w, anonymousId: "v9").first)
        #expect(e.event.occurredAt == TestWorkspace.now)  // 2026-09-30 12:00 Tokyo, not 2026-07-01
        #expect(e.event.payload.contains("\"client_timestamp\":\"2026-07-01T09:00:00+09:00\""))
    }

    @Test("X-Forwarded-For is believed only from a trusted proxy")
    func forwardedFor() async throws {
        // Untrusted: the header is ignored, so the IP range of 203.0.113.0/24 (C5) does not apply.
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.store.createSiteKey(name: "www", key: "pk_test", now: TestWorkspace.now)
        try await w.store.replaceIPRanges([(IPAddressRange(cidr: "203.0.113.0/24")!, "203.0.113.0/24", "C5")])
        let c5 = try await Self.activitiesOf("C5", w)
        let forged: HTTPFields = [.contentType: "text/plain", HTTPField.Name("X-Forwarded-For")!: "203.0.113.77"]
        let page = #"{"type":"page","messageId":"x1","anonymousId":"v1","properties":{"path":"/"}}"#
        try await w.testLive { client in
            let r = try await client.execute(
                uri: "/api/v1/collect?k=pk_test", method: .post, headers: forged, body: ByteBuffer(string: page))
            #expect(r.status == .noContent)
        }
        #expect(try await Self.activitiesOf("C5", w) == c5)

        // The same request through a trusted proxy on loopback: resolved to C5.
        let proxied = try await TestWorkspace.make {
            $0.clientAddresses = ClientAddressResolver(trustedProxies: [IPAddressRange(cidr: "127.0.0.0/8")!])
        }
        defer { Task { await proxied.close() } }
        try await proxied.store.createSiteKey(name: "www", key: "pk_test", now: TestWorkspace.now)
        try await proxied.store.replaceIPRanges([(IPAddressRange(cidr: "203.0.113.0/24")!, "203.0.113.0/24", "C5")])
        try await proxied.testLive { client in
            let r = try await client.execute(
                uri: "/api/v1/collect?k=pk_test", method: .post, headers: forged, body: ByteBuffer(string: page))
            #expect(r.status == .noContent)
        }
        #expect(try await Self.activitiesOf("C5", proxied) == c5 + 1)
    }

    @Test("DNT: 1 and Sec-GPC: 1 answer 204 and store nothing")
    func doNotTrack() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.store.createSiteKey(name: "www", key: "pk_test", now: TestWorkspace.now)
        try await w.test { client in
            for header in ["DNT", "Sec-GPC"] {
                let page = #"{"type":"page","messageId":"d-\#(header)","anonymousId":"dnt","properties":{"path":"/"}}"#
                let r = try await client.execute(
                    uri: "/api/v1/collect?k=pk_test", method: .post,
                    headers: [.contentType: "text/plain", HTTPField.Name(header)!: "1"], body: ByteBuffer(string: page))
                #expect(r.status == .noContent)
            }
        }
        #expect(try await Self.storedEvents(w, anonymousId: "dnt").isEmpty)
    }

    @Test("per-address and per-site-key token buckets answer 429 with Retry-After")
    func rateLimits() async throws {
        let w = try await TestWorkspace.make {
            $0.collectPerAddress = .init(capacity: 3, refillPerSecond: 0.5)
        }
        defer { Task { await w.close() } }
        try await w.store.createSiteKey(name: "www", key: "pk_test", now: TestWorkspace.now)
        try await w.test { client in
            var statuses: [HTTPResponse.Status] = []
            var retry: String?
            for i in 1...5 {
                let page = #"{"type":"page","messageId":"r\#(i)","anonymousId":"flood","properties":{"path":"/"}}"#
                let r = try await client.execute(
                    uri: "/api/v1/collect?k=pk_test", method: .post, headers: Self.text, body: ByteBuffer(string: page))
                statuses.append(r.status)
                if r.status == .tooManyRequests { retry = r.headers[.retryAfter] }
            }
            // A burst of 3, then none until a token comes back: 1 / 0.5 per second = 2 s.
            #expect(statuses == [.noContent, .noContent, .noContent, .tooManyRequests, .tooManyRequests])
            #expect(retry == "2")
        }
        #expect(try await Self.storedEvents(w, anonymousId: "flood").count == 3)

        var buckets = TokenBuckets(rate: .init(capacity: 2, refillPerSecond: 1), maxKeys: 4)
        #expect(buckets.take("k", nowMs: 0) == nil && buckets.take("k", nowMs: 0) == nil)
        #expect(buckets.take("k", nowMs: 0) == 1)
        #expect(buckets.take("k", nowMs: 1_000) == nil)  // one token back after a second
        for i in 0..<100 { _ = buckets.take("addr\(i)", nowMs: 2_000) }
        #expect(buckets.trackedKeys <= 4)  // memory stays bounded under a spread-out flood
    }

    @Test("site keys are listed and revoked through the API; a revoked key is refused at once")
    func revokeSiteKey() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let (adminToken, _) = try await w.services.access.createToken(name: "a", role: .admin, now: TestWorkspace.now)
        let (viewerToken, _) = try await w.services.access.createToken(name: "v", role: .viewer, now: TestWorkspace.now)
        let admin: HTTPFields = [.authorization: "Bearer \(adminToken)", .contentType: "application/json"]
        let viewer: HTTPFields = [.authorization: "Bearer \(viewerToken)"]
        try await w.test { client in
            let created = try await client.execute(
                uri: "/api/v1/site-keys", method: .post, headers: admin, body: ByteBuffer(string: #"{"name":"www"}"#))
            #expect(created.status == .created)
            let key = try #require(
                (try JSONSerialization.jsonObject(with: Data(buffer: created.body)) as? [String: Any])?["key"]
                    as? String)
            let page = #"{"type":"page","messageId":"s1","anonymousId":"v1","properties":{"path":"/"}}"#
            let ok = try await client.execute(
                uri: "/api/v1/collect?k=\(key)", method: .post, headers: Self.text, body: ByteBuffer(string: page))
            #expect(ok.status == .noContent)
            let listedByViewer = try await client.execute(uri: "/api/v1/site-keys", method: .get, headers: viewer)
            #expect(listedByViewer.status == .forbidden)
            let revoked = try await client.execute(uri: "/api/v1/site-keys/\(key)", method: .delete, headers: admin)
            #expect(revoked.status == .noContent)
            let refused = try await client.execute(
                uri: "/api/v1/collect?k=\(key)", method: .post, headers: Self.text, body: ByteBuffer(string: page))
            #expect(refused.status == .unauthorized)
            let list = try await client.execute(uri: "/api/v1/site-keys", method: .get, headers: admin)
            #expect(String(buffer: list.body).contains("\"active\": false"))
            let missing = try await client.execute(uri: "/api/v1/site-keys/pk_nope", method: .delete, headers: admin)
            #expect(missing.status == .notFound)
        }
    }
}
