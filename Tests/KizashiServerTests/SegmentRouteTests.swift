import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// Issue 26 §4 over HTTP on the hand-worked package (clock 2026-09-30 in Tokyo). Targets on
/// 10-01: C1 (1200 employees), C5 (800), C6 (400), C7 (3000) → employees>=500: C1, C5, C7.
@Suite("Segments over HTTP")
struct SegmentRouteTests {
    static func json(_ r: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(String(buffer: r.body).utf8))
    }
    @Test("create (editor), bad rules refused naming the condition, list, members on a day")
    func api() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let viewer = try await w.bearer(.viewer), editor = try await w.bearer(.editor)
        try await w.test { client in
            func post(_ body: String, _ h: HTTPFields) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/segments", method: .post, headers: h, body: ByteBuffer(string: body))
            }
            let good = #"{"name":"大手","rule":"employees>=500"}"#
            #expect(try await post(good, viewer).status == .forbidden)
            let badRule = try await post(#"{"name":"x","rule":"tier:1 stage>=engagd"}"#, editor)
            #expect(badRule.status == .badRequest)
            let problem = try Self.json(badRule) as? [String: Any]
            #expect(problem?["field"] as? String == "rule")
            #expect((problem?["detail"] as? String)?.contains("condition 2 \"stage>=engagd\"") == true)
            let badName = try await post(#"{"name":"a/b","rule":"tier:1"}"#, editor)
            #expect((try Self.json(badName) as? [String: Any])?["field"] as? String == "name")
            let long = String(repeating: "a", count: 1001)
            #expect(try await post(#"{"name":"y","rule":"\#(long)"}"#, editor).status == .badRequest)
            #expect(try await post(good, editor).status == .created)
            #expect(try await post(good, editor).status == .conflict)
            let list = try Self.json(try await client.execute(uri: "/api/v1/segments", method: .get, headers: viewer))
            #expect((list as? [[String: Any]])?.map { $0["name"] as? String } == ["大手"])
            let uri = "/api/v1/segments/\(urlEncode("大手"))?on=2026-10-01"
            let shown = try await client.execute(uri: uri, method: .get, headers: viewer)
            #expect(shown.status == .ok)
            let body = try Self.json(shown) as? [String: Any]
            #expect(body?["count"] as? Int == 3)
            #expect((body?["members"] as? [[String: Any]])?.map { $0["company_id"] as? String } == ["C1", "C5", "C7"])
            #expect(
                try await client.execute(uri: "/api/v1/segments/nope", method: .get, headers: viewer).status
                    == .notFound)
            #expect(
                try await client.execute(
                    uri: "/api/v1/segments/\(urlEncode("大手"))?on=2026-13-01", method: .get, headers: viewer
                ).status == .badRequest)
        }
    }

    @Test("the page lists segments and one's members, in Japanese and English")
    func page() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        _ = try await w.store.createSegment(name: "大手", rule: "employees>=500", at: TestWorkspace.now)
        try await w.test { client in
            let b = try await Browser.login(client, role: .viewer)
            for (lang, members, none) in [
                ("ja", "2026-10-01 時点のメンバー: 3 社", "ステージ"), ("en", "Members on 2026-10-01: 3", "Stage"),
            ] {
                let r = try await client.execute(
                    uri: "/segments?name=\(urlEncode("大手"))&on=2026-10-01", method: .get,
                    headers: [.cookie: b.cookie + "; kizashi_lang=\(lang)"])
                #expect(r.status == .ok)
                let html = String(buffer: r.body)
                #expect(html.contains(members), "\(lang)")
                #expect(html.contains(none), "\(lang)")
                #expect(html.contains("株式会社アルファ") && html.contains("href=\"/accounts/C7\""), "\(lang)")
                if lang == "ja" {
                    let words = Set(
                        JapanesePagesTests.visibleText(html).split(whereSeparator: {
                            !($0.isASCII && ($0.isLetter || $0 == "_"))
                        }).map(String.init))
                    #expect(words.intersection(JapanesePagesTests.forbidden).isEmpty)
                }
            }
        }
    }

    @Test("the CLI: create, list, show as the API's bytes, csv, table in Japanese, refresh, errors")
    func cli() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let (created, out, _) = try CLI.run([
            "segment", "create", "大手", "--db", w.path, "--rule", "tier:1,3   employees>=500",
        ])
        #expect(created == 0 && out.contains("\"rule\":\"tier:1,3 employees>=500\""))
        let (bad, _, err) = try CLI.run(["segment", "create", "x", "--db", w.path, "--rule", "tier:1 employees>=many"])
        #expect(bad != 0 && err.contains("condition 2 \"employees>=many\""))
        let (_, list, _) = try CLI.run(["segment", "list", "--db", w.path])
        #expect(list == "大手  tier:1,3 employees>=500\n")
        // 10-01: tier 1 or 3 → C1 (t1, 1200), C5 (t3, 800), C6 (t3, 400), C7 (t1, 3000) → C1, C5, C7.
        try await w.test { client in
            let b = try await Browser.login(client, role: .viewer)
            let r = try await client.execute(
                uri: "/api/v1/segments/\(urlEncode("大手"))?on=2026-10-01", method: .get, headers: b.headers)
            let (status, json, _) = try CLI.run([
                "segment", "show", "大手", "--db", w.path, "--on", "2026-10-01", "--format", "json",
            ])
            #expect(status == 0)
            #expect(String(buffer: r.body) == json)
        }
        let (_, csv, _) = try CLI.run([
            "segment", "show", "大手", "--db", w.path, "--on", "2026-10-01", "--format", "csv",
        ])
        #expect(
            csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").first.map(String.init) } == [
                "C1", "C5", "C7",
            ])
        let (_, table, _) = try CLI.run(["segment", "show", "大手", "--db", w.path, "--on", "2026-10-01", "--lang", "ja"])
        #expect(table.contains("2026-10-01 時点のメンバー: 3 社"))
        let (_, refreshed, _) = try CLI.run(["segment", "refresh", "大手", "--db", w.path, "--on", "2026-10-01"])
        let r = try JSONSerialization.jsonObject(with: Data(refreshed.utf8)) as? [String: Any]
        #expect(r?["entered"] as? [String] == ["C1", "C5", "C7"] && r?["left"] as? [String] == [])
        #expect(try await w.store.segmentStays(segmentId: try await w.store.segment(named: "大手")!.id).count == 3)
    }
}
