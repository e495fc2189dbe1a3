import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// Feeding the target list (issue 26 §4) over HTTP and the CLI, on the hand-worked package:
/// `industry:IT employees>=1000` over every company on 2026-09-15 is C1 (a target) and C4 (not
/// one), so a refresh adds C4 at the feed's tier (worked in `SegmentFeedTests`).
@Suite("Segment feeds over HTTP and the CLI")
struct SegmentFeedRouteTests {
    static func json(_ r: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: r.body).utf8)) as? [String: Any])
    }

    @Test("PUT/DELETE feed (editor), refused bodies and rules, POST refresh adds the target")
    func api() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let viewer = try await w.bearer(.viewer), editor = try await w.bearer(.editor)
        try await w.test { client in
            func call(_ uri: String, _ method: HTTPRequest.Method, _ h: HTTPFields, _ body: String = "") async throws
                -> TestResponse
            {
                try await client.execute(uri: uri, method: method, headers: h, body: ByteBuffer(string: body))
            }
            for (name, rule) in [("IT大手", "industry:IT employees>=1000"), ("t1", "tier:1")] {
                let r = try await call(
                    "/api/v1/segments", .post, editor, #"{"name":"\#(name)","rule":"\#(rule)"}"#)
                #expect(r.status == .created)
            }
            let feed = "/api/v1/segments/\(urlEncode("IT大手"))/feed"
            #expect(try await call(feed, .put, viewer, #"{"tier":3}"#).status == .forbidden)
            for bad in [#"{"tier":4}"#, #"{"tier":"3"}"#, #"{"tier":true}"#, #"{}"#, #"{"tier":3,"owner":7}"#] {
                let r = try await call(feed, .put, editor, bad)
                #expect(r.status == .badRequest, "\(bad)")
            }
            let tierRule = try await call("/api/v1/segments/t1/feed", .put, editor, #"{"tier":2}"#)
            #expect(tierRule.status == .conflict)
            #expect((try Self.json(tierRule)["detail"] as? String)?.contains("condition 1 \"tier:1\"") == true)
            #expect(try await call("/api/v1/segments/nope/feed", .put, editor, #"{"tier":2}"#).status == .notFound)
            let set = try await call(feed, .put, editor, #"{"tier":3,"owner":"フィード"}"#)
            #expect(set.status == .ok)
            let shown = try Self.json(set)["feeds_targets"] as? [String: Any]
            #expect(shown?["tier"] as? Int == 3 && shown?["owner"] as? String == "フィード")

            let refresh = "/api/v1/segments/\(urlEncode("IT大手"))/refresh?on=2026-09-15"
            #expect(try await call(refresh, .post, viewer).status == .forbidden)
            let r = try await call(refresh, .post, editor)
            #expect(r.status == .ok)
            let body = try Self.json(r)
            #expect(body["entered"] as? [String] == ["C1", "C4"])
            #expect(body["added_to_targets"] as? [String] == ["C4"])
            #expect(body["removed_from_targets"] as? [String] == [])
            #expect(
                try await w.store.targets().filter { $0.companyId == "C4" }.map(\.tier) == [.three])
            // Before the last refresh: 409.
            #expect(
                try await call(
                    "/api/v1/segments/\(urlEncode("IT大手"))/refresh?on=2026-09-01", .post, editor
                ).status == .conflict)
            let stopped = try await call(feed, .delete, editor)
            #expect(stopped.status == .ok)
            #expect(try Self.json(stopped)["feeds_targets"] is NSNull)
        }
    }

    @Test("kizashi segment feed / refresh: the same changes from the command line")
    func cli() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let base = ["--db", w.path]
        #expect(try CLI.run(["segment", "create", "IT大手", "--rule", "industry:IT employees>=1000"] + base).0 == 0)
        let (bad, _, err) = try CLI.run(["segment", "feed", "IT大手", "--tier", "5"] + base)
        #expect(bad != 0 && err.contains("--tier must be 1, 2 or 3"))
        let (status, out, _) = try CLI.run(["segment", "feed", "IT大手", "--tier", "2", "--owner", "山田"] + base)
        #expect(status == 0 && out.contains(#""feeds_targets":{"tier":2,"owner":"山田"}"#))
        let (ok, refreshed, _) = try CLI.run(["segment", "refresh", "IT大手", "--on", "2026-09-15"] + base)
        #expect(ok == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(refreshed.utf8)) as? [String: Any])
        #expect(json["added_to_targets"] as? [String] == ["C4"])
        #expect(
            try await w.store.targets().filter { $0.companyId == "C4" } == [
                TargetMembership(
                    companyId: "C4", tier: .two, addedOn: Day(iso: "2026-09-15")!, removedOn: nil, owner: "山田")
            ])
        let (stopped, stopOut, _) = try CLI.run(["segment", "feed", "IT大手", "--stop"] + base)
        #expect(stopped == 0 && stopOut.contains(#""feeds_targets":null"#))
    }
}
