import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// POST /api/v1/events over the hand-worked workspace ("now" = 2026-09-30 12:00 JST).
@Suite("Real-time events")
struct EventTests {
    static func json(_ r: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(String(buffer: r.body).utf8)) as? [String: Any] ?? [:]
    }

    static let batch = """
        {"batch": [
          {"type": "page", "messageId": "m0", "anonymousId": "a1", "timestamp": "2026-09-30T10:00:00+09:00",
           "context": {"groupId": "C6", "page": {"url": "https://vendor.example/pricing?utm_source=x"}}},
          {"type": "track", "messageId": "m1", "userId": "u1", "event": "Form Submitted", "timestamp": "2026-09-30T01:00:00Z"},
          {"type": "identify", "messageId": "m2", "userId": "u1", "timestamp": "2026-09-30T01:05:00Z",
           "traits": {"email": "TARO@alpha.co.jp"}},
          {"type": "track", "messageId": "m3", "userId": "u1"},
          {"type": "track", "messageId": "m4", "userId": "u1", "event": "Something Else", "timestamp": "2026-09-30T01:06:00Z"},
          {"type": "page", "messageId": "m0", "anonymousId": "a1"}
        ]}
        """

    @Test(
        "a batch: good events accepted, the bad one rejected with its index (207), repeats dropped, identity resolved retroactively"
    )
    func batch() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let (secret, _) = try await w.services.access.createToken(name: "tag", role: .editor, now: TestWorkspace.now)
        let h: HTTPFields = [.authorization: "Bearer \(secret)", .contentType: "application/json"]
        let changes = await w.services.changes.subscribe()
        try await w.test { client in
            let r = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: h, body: ByteBuffer(string: Self.batch))
            #expect(r.status.code == 207)
            let s = try Self.json(r)
            // m0, m1, m2, m4 accepted; m3 has no event name; the second m0 is a repeat.
            #expect(s["accepted"] as? Int == 4)
            #expect(s["duplicates"] as? Int == 1)
            #expect((s["rejected"] as? [[String: Any]])?.map { $0["index"] as? Int ?? -1 } == [3])
            // m0 → C6 (context.groupId); m1 → C1/P1 once m2 identified u1 by P1's e-mail (case-insensitive).
            #expect(s["activities"] as? Int == 2)
            #expect(s["unresolved"] as? Int == 0)

            // Scores move at once: C6 gains a web visit today (raw 1), C1 a form (raw 43.374… + 10).
            let accounts = try Self.json(try await client.execute(uri: "/api/v1/accounts", method: .get, headers: h))
            let rows = accounts["accounts"] as? [[String: Any]] ?? []
            func score(_ id: String) -> Double {
                (rows.first { $0["company_id"] as? String == id }?["score"] as? NSNumber)?.doubleValue ?? -1
            }
            #expect(abs(score("C6") - 1.9801326693244747) < 1e-9)
            #expect(abs(score("C1") - 65.61267501303898) < 1e-9)

            // The same batch again changes nothing.
            let again = try Self.json(
                try await client.execute(
                    uri: "/api/v1/events", method: .post, headers: h, body: ByteBuffer(string: Self.batch)))
            #expect(again["accepted"] as? Int == 0)
            #expect(again["duplicates"] as? Int == 5)
            #expect(again["activities"] as? Int == 0)
        }
        var it = changes.makeAsyncIterator()
        #expect(await it.next() == 1)
        // An event's activity is "ev:" + the 13-digit millisecond it was received (TestWorkspace.now,
        // 2026-09-30T03:00Z = 1,790,737,200,000) + ":" + its messageId: time-ordered keys.
        let stored = try await w.store.activities(after: "ev:", limit: 10).filter { $0.id.hasPrefix("ev:") }
        #expect(stored.map(\.id).sorted() == ["ev:1790737200000:m0", "ev:1790737200000:m1"])
        let m1 = stored.first { $0.id == "ev:1790737200000:m1" }
        #expect(m1?.companyId == "C1" && m1?.contactId == "P1" && m1?.type == .formSubmit)
        let m0 = stored.first { $0.id == "ev:1790737200000:m0" }
        #expect(m0?.url == "/pricing" && m0?.type == .webVisit)
    }

    @Test("with the read model already loaded, events are added to it: the same hand-worked scores as a reload")
    func eventsPatchLoadedReadModel() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let (secret, _) = try await w.services.access.createToken(name: "tag", role: .editor, now: TestWorkspace.now)
        let h: HTTPFields = [.authorization: "Bearer \(secret)", .contentType: "application/json"]
        @Sendable func scores(_ client: any TestClientProtocol) async throws -> [String: Double] {
            let accounts = try Self.json(try await client.execute(uri: "/api/v1/accounts", method: .get, headers: h))
            var out: [String: Double] = [:]
            for row in accounts["accounts"] as? [[String: Any]] ?? [] {
                if let id = row["company_id"] as? String, let s = row["score"] as? NSNumber { out[id] = s.doubleValue }
            }
            return out
        }
        try await w.test { client in
            let before = try await scores(client)  // loads the computation the events then patch
            #expect(before["C6"] == 0)
            _ = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: h, body: ByteBuffer(string: Self.batch))
            let after = try await scores(client)
            // As in `batch()`: C6 gains a web visit today (raw 1), C1 a form (raw 43.374… + 10).
            #expect(abs((after["C6"] ?? -1) - 1.9801326693244747) < 1e-9)
            #expect(abs((after["C1"] ?? -1) - 65.61267501303898) < 1e-9)
            // A server started now (nothing cached) computes the same numbers from the store.
            let fresh = ServerServices(store: w.store, configuration: ServerConfiguration(bcryptCost: 4))
            let today = Day(iso: "2026-09-30")!
            let reloaded = try await fresh.data.accountList(asOf: today)
            for row in reloaded.rows {
                #expect(abs((after[row.companyId] ?? -1) - row.score) < 1e-9, "\(row.companyId)")
            }
        }
    }

    @Test("event batches racing page loads: the read model ends exactly where a reload from the store is")
    func concurrentBatchesAndLoads() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let (secret, _) = try await w.services.access.createToken(name: "tag", role: .editor, now: TestWorkspace.now)
        let h: HTTPFields = [.authorization: "Bearer \(secret)", .contentType: "application/json"]
        let companies = ["C1", "C3", "C5", "C6"]
        try await w.test { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for b in 0..<12 {
                    group.addTask {
                        var events: [String] = []
                        for i in 0..<20 {
                            let type = i % 5 == 0 ? "Form Submitted" : "Content Viewed"
                            events.append(
                                #"{"type":"track","messageId":"r\#(b)-\#(i)","anonymousId":"v\#(b)-\#(i)","event":"\#(type)","#
                                    + #""timestamp":"2026-09-\#(24 + i % 7)T10:00:00+09:00","context":{"groupId":"\#(companies[(b + i) % 4])"}}"#
                            )
                        }
                        let r = try await client.execute(
                            uri: "/api/v1/events", method: .post, headers: h,
                            body: ByteBuffer(string: "[" + events.joined(separator: ",") + "]"))
                        #expect(r.status == .ok)
                    }
                    // Readers in between: each may load, or patch, the read model.
                    group.addTask {
                        _ = try await client.execute(uri: "/api/v1/accounts", method: .get, headers: h)
                    }
                }
                try await group.waitForAll()
            }
            let accounts = try Self.json(try await client.execute(uri: "/api/v1/accounts", method: .get, headers: h))
            var served: [String: Double] = [:]
            for row in accounts["accounts"] as? [[String: Any]] ?? [] {
                if let id = row["company_id"] as? String, let s = row["score"] as? NSNumber {
                    served[id] = s.doubleValue
                }
            }
            let fresh = ServerServices(store: w.store, configuration: ServerConfiguration(bcryptCost: 4))
            let reloaded = try await fresh.data.accountList(asOf: Day(iso: "2026-09-30")!)
            #expect(reloaded.rows.count == served.count)
            for row in reloaded.rows {
                #expect(abs((served[row.companyId] ?? -1) - row.score) < 1e-9, "\(row.companyId)")
            }
            // The 240 events did move the scores (not a comparison of two empty models).
            #expect(reloaded.rows.contains { $0.companyId == "C6" && $0.score > 10 })
        }
    }

    @Test("an unknown visitor's page view waits; an identify with a company domain resolves it later")
    func retroactiveByDomain() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let (secret, _) = try await w.services.access.createToken(name: "tag", role: .editor, now: TestWorkspace.now)
        let h: HTTPFields = [.authorization: "Bearer \(secret)", .contentType: "application/json"]
        try await w.test { client in
            let first = try Self.json(
                try await client.execute(
                    uri: "/api/v1/events", method: .post, headers: h,
                    body: ByteBuffer(
                        string:
                            #"{"type":"page","messageId":"p1","anonymousId":"a9","timestamp":"2026-09-29T12:00:00+09:00","properties":{"path":"/product"}}"#
                    )))
            #expect(first["unresolved"] as? Int == 1)
            #expect(first["activities"] as? Int == 0)
            let second = try Self.json(
                try await client.execute(
                    uri: "/api/v1/events", method: .post, headers: h,
                    body: ByteBuffer(
                        string:
                            #"[{"type":"identify","messageId":"p2","anonymousId":"a9","traits":{"email":"new.person@delta.com"}}]"#
                    )))
            #expect(second["activities"] as? Int == 1)
        }
        let a = try await w.store.activities(after: "ev:", limit: 10).first { $0.id == "ev:1790737200000:p1" }
        #expect(a?.companyId == "C5")
        #expect(a?.contactId == nil)
    }

    @Test("limits and roles: 501 events or more than 1 MB is 413; a viewer token is 403; bad JSON is 400")
    func limits() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        let (editor, _) = try await w.services.access.createToken(name: "e", role: .editor, now: TestWorkspace.now)
        let (viewer, _) = try await w.services.access.createToken(name: "v", role: .viewer, now: TestWorkspace.now)
        try await w.test { client in
            let h: HTTPFields = [.authorization: "Bearer \(editor)", .contentType: "application/json"]
            let v: HTTPFields = [.authorization: "Bearer \(viewer)", .contentType: "application/json"]
            func post(_ body: String, _ headers: HTTPFields) async throws -> HTTPResponse.Status {
                try await client.execute(
                    uri: "/api/v1/events", method: .post, headers: headers, body: ByteBuffer(string: body)
                ).status
            }
            let many =
                "["
                + (0..<501).map { "{\"type\":\"page\",\"messageId\":\"x\($0)\",\"anonymousId\":\"a\"}" }.joined(
                    separator: ",") + "]"
            let big = "[\"" + String(repeating: "x", count: (1 << 20) + 10) + "\"]"
            let statuses = [
                try await post(many, h), try await post(big, h), try await post("{oops", h), try await post("[]", v),
            ]
            #expect(statuses == [.contentTooLarge, .contentTooLarge, .badRequest, .forbidden])
        }
    }
}
