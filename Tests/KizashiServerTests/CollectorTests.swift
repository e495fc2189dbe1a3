import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

@Suite("Tracking tag, site keys and IP ranges")
struct CollectorTests {
    @Test("IPv4 and IPv6 addresses, CIDR blocks and truncation")
    func addresses() throws {
        let r4 = try #require(IPAddressRange(cidr: "203.0.113.0/24"))
        #expect(r4.contains(try #require(IPAddress("203.0.113.255"))))
        #expect(!r4.contains(try #require(IPAddress("203.0.114.0"))))
        let r6 = try #require(IPAddressRange(cidr: "2001:db8::/32"))
        #expect(r6.contains(try #require(IPAddress("2001:db8:ffff::1"))))
        #expect(!r6.contains(try #require(IPAddress("2001:db9::"))))
        #expect(IPAddress("::ffff:203.0.113.9") == IPAddress("203.0.113.9"))
        #expect(IPAddress("203.0.113.77")?.truncated.description == "203.0.113.0")
        #expect(IPAddress("2001:db8:1:2:3:4:5:6")?.truncated.description == "2001:db8:1:0:0:0:0:0")
        for bad in ["1.2.3", "256.1.1.1", "1::2::3", "x", "1.2.3.4/33"] {
            #expect(IPAddressRange(cidr: bad) == nil, "\(bad)")
        }
        #expect(IPAddressRange(cidr: "0.0.0.0/0")?.contains(IPAddress("8.8.8.8")!) == true)
    }

    @Test(
        "/t.js is public; a site key sends page views only; an anonymous visit resolves by IP range and the IP is stored truncated"
    )
    func collect() async throws {
        // Behind a trusted proxy on loopback (the proxy and the load balancer 10.0.0.1 appended
        // the visitor's address), over a real socket.
        let w = try await TestWorkspace.make {
            $0.clientAddresses = ClientAddressResolver(trustedProxies: [
                IPAddressRange(cidr: "127.0.0.0/8")!, IPAddressRange(cidr: "10.0.0.0/8")!,
            ])
        }
        defer { Task { await w.close() } }
        try await w.store.createSiteKey(name: "www", key: "pk_test", now: TestWorkspace.now)
        try await w.store.replaceIPRanges([(IPAddressRange(cidr: "203.0.113.0/24")!, "203.0.113.0/24", "C5")])
        try await w.testLive { client in
            let tag = try await client.execute(uri: "/t.js", method: .get)
            #expect(tag.status == .ok)
            #expect(String(buffer: tag.body).contains("doNotTrack"))
            let page =
                #"{"type":"page","messageId":"t1","anonymousId":"v1","timestamp":"2026-09-30T09:00:00+09:00","properties":{"path":"/pricing"}}"#
            let h: HTTPFields = [
                .contentType: "text/plain", HTTPField.Name("X-Forwarded-For")!: "203.0.113.77, 10.0.0.1",
            ]
            let ok = try await client.execute(
                uri: "/api/v1/collect?k=pk_test", method: .post, headers: h, body: ByteBuffer(string: page))
            #expect(ok.status == .noContent)
            #expect(ok.headers[.accessControlAllowOrigin] == "*")
            let unknown = try await client.execute(
                uri: "/api/v1/collect?k=nope", method: .post, headers: h, body: ByteBuffer(string: page))
            #expect(unknown.status == .unauthorized)
            let track = #"{"type":"track","messageId":"t2","anonymousId":"v1","event":"Form Submitted"}"#
            let refused = try await client.execute(
                uri: "/api/v1/collect?k=pk_test", method: .post, headers: h, body: ByteBuffer(string: track))
            #expect(refused.status == .forbidden)
            // The site key is not an API token.
            let api = try await client.execute(
                uri: "/api/v1/kpis", method: .get, headers: [.authorization: "Bearer pk_test"])
            #expect(api.status == .unauthorized)
        }
        let a = try await w.store.activities(after: "ev:", limit: 10).first { $0.id == "ev:1790737200000:t1" }
        #expect(a?.companyId == "C5" && a?.type == .webVisit && a?.url == "/pricing")
        let payload = try await w.store.transaction { tx in
            try await tx.unresolvedEvents(userIds: [], anonymousIds: ["v1"])
        }
        #expect(payload.isEmpty)  // resolved, so not pending
        // The payload lives in the database file or its write-ahead log.
        let raw = [w.path, w.path + "-wal"].compactMap { FileManager.default.contents(atPath: $0) }.map {
            String(decoding: $0, as: UTF8.self)
        }.joined()
        #expect(raw.contains("203.0.113.0"))
        #expect(!raw.contains("203.0.113.77"))
    }
}
