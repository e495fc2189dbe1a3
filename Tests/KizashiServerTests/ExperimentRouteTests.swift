import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// Issue 24 §4 and §3 over HTTP and the CLI, on the hand-worked package (clock 2026-09-30 in Tokyo).
///
/// ICP (IT or Manufacturing, 300–5000 employees, JP): C1 (IT, 1200), C2 (Manufacturing, 500),
/// C4 (IT, 2000), C7 (Manufacturing, 3000); C3's "約300" is not a number, C8 has 100 employees.
/// Strata on 2026-09-30: "tier 1 · it" = [C1] (C1 tier 1), "tier none · it" = [C4],
/// "tier none · manufacturing" = [C2, C7] (C2 removed on 09-30, C7 added 10-01).
/// At 50 %: each stratum gives ⌊(n × 5000 + 5000) / 10000⌋ = 1 account. Seed 7: below(1) twice
/// (0), then below(2) on the third output 0xE6984080BAB12A02, even → position 0 → C2.
/// So holdout = {C1, C2, C4}, treated = {C7}. At 20 % every stratum rounds to 0 → 422.
@Suite("Experiments and initiatives over HTTP")
struct ExperimentRouteTests {
    static func json(_ r: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(String(buffer: r.body).utf8)) as? [String: Any] ?? [:]
    }
    @Test("create: roles, hostile fields refused with their name, the seeded stratified draw, a taken name")
    func create() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let viewer = try await w.bearer(.viewer), editor = try await w.bearer(.editor)
        try await w.test { client in
            func post(_ body: String, _ h: HTTPFields) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/experiments", method: .post, headers: h, body: ByteBuffer(string: body))
            }
            let good = #"{"name":"FY26 H2","from":"ICP","holdout":"50%","seed":7,"start":"2026-07-01"}"#
            #expect(try await post(good, viewer).status == .forbidden)
            let bad: [(String, String)] = [
                (#"{"name":"a\nb","holdout":"50%","seed":"7","start":"2026-07-01"}"#, "name"),
                (#"{"name":"E","holdout":"100%","seed":"7","start":"2026-07-01"}"#, "holdout"),
                (#"{"name":"E","holdout":0,"seed":"7","start":"2026-07-01"}"#, "holdout"),
                (#"{"name":"E","holdout":"50%","seed":"-1","start":"2026-07-01"}"#, "seed"),
                (#"{"name":"E","holdout":"50%","seed":"18446744073709551616","start":"2026-07-01"}"#, "seed"),
                (#"{"name":"E","holdout":"50%","seed":1e300,"start":"2026-07-01"}"#, "seed"),
                (#"{"name":"E","holdout":"50%","seed":"7","start":"2026-02-30"}"#, "start"),
                (#"{"name":"E","from":"everyone","holdout":"50%","seed":"7","start":"2026-07-01"}"#, "from"),
            ]
            for (body, field) in bad {
                let r = try await post(body, editor)
                #expect(r.status == .badRequest, "\(body)")
                #expect(try Self.json(r)["field"] as? String == field, "\(body)")
            }
            #expect(
                try await post(#"{"name":"E","holdout":"20%","seed":"7","start":"2026-07-01"}"#, editor).status
                    == .conflict)
            let created = try await post(good, editor)
            #expect(created.status == .created)
            let e = try Self.json(created)
            #expect(e["holdout_accounts"] as? Int == 3)
            #expect(e["treated_accounts"] as? Int == 1)
            #expect(e["seed"] as? String == "7")
            // Of the holdout, C1 is on the list on 09-30 (C2's row ended that day, C4 was never on it).
            #expect(e["holdout_on_target_list"] as? [String] == ["C1"])
            #expect(try await post(good, editor).status == .conflict)
            let one = try await client.execute(uri: "/api/v1/experiments/FY26%20H2", method: .get, headers: viewer)
            let accounts = try Self.json(one)["accounts"] as? [[String: Any]] ?? []
            let holdout = Set(
                accounts.filter { $0["group"] as? String == "holdout" }.compactMap { $0["company_id"] as? String })
            #expect(holdout == ["C1", "C2", "C4"])
            #expect(
                try await client.execute(uri: "/api/v1/experiments/nope", method: .get, headers: viewer).status
                    == .notFound)
        }
    }

    @Test(
        "the target list refuses a holdout account while the experiment runs, unless overridden; after the end it accepts"
    )
    func targetListRefusal() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let editor = try await w.bearer(.editor)
        try await w.test { client in
            let body = #"{"name":"FY26 H2","holdout":"50%","seed":"7","start":"2026-07-01"}"#
            _ = try await client.execute(
                uri: "/api/v1/experiments", method: .post, headers: editor, body: ByteBuffer(string: body))
            let refused = try await client.execute(
                uri: "/api/v1/targets", method: .post, headers: editor,
                body: ByteBuffer(string: #"{"company_id":"C4","tier":2}"#))
            #expect(refused.status == .conflict)
            let p = try Self.json(refused)
            #expect(p["experiment"] as? String == "FY26 H2")
            #expect((p["detail"] as? String)?.contains("override") == true)
            #expect(try await w.store.targets().contains { $0.companyId == "C4" } == false)
            let notABool = try await client.execute(
                uri: "/api/v1/targets", method: .post, headers: editor,
                body: ByteBuffer(string: #"{"company_id":"C4","tier":2,"override_holdout":"yes"}"#))
            #expect(notABool.status == .badRequest)
            // A treated account is added as usual.
            let treated = try await client.execute(
                uri: "/api/v1/targets", method: .post, headers: editor,
                body: ByteBuffer(string: #"{"company_id":"C7","tier":1,"added_on":"2026-09-30"}"#))
            #expect(treated.status == .created)
            let overridden = try await client.execute(
                uri: "/api/v1/targets", method: .post, headers: editor,
                body: ByteBuffer(string: #"{"company_id":"C4","tier":2,"override_holdout":true}"#))
            #expect(overridden.status == .created)
            // Ended on 2026-09-30: from that day the holdout may be targeted (C2 is no longer on the list that day).
            let ended = try await client.execute(
                uri: "/api/v1/experiments/FY26%20H2/end", method: .post, headers: editor,
                body: ByteBuffer(string: #"{"on":"2026-09-30"}"#))
            #expect(ended.status == .ok)
            let after = try await client.execute(
                uri: "/api/v1/targets", method: .post, headers: editor,
                body: ByteBuffer(string: #"{"company_id":"C2","tier":2,"added_on":"2026-09-30"}"#))
            #expect(after.status == .created)
        }
    }

    @Test(
        "report: the API and kizashi experiment report print the same bytes; the page draws both groups and the intervals in ja and en"
    )
    func report() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let editor = try await w.bearer(.editor)
        let (c0, _, e0) = try CLI.run([
            "experiment", "create", "--name", "下期 検証", "--from", "ICP", "--holdout", "50%", "--seed", "7", "--start",
            "2026-07-01", "--as-of", "2026-09-30", "--db", w.path,
        ])
        #expect(c0 == 0, "\(e0)")
        let (c1, cli, e1) = try CLI.run([
            "experiment", "report", "下期 検証", "--end", "2026-10-01", "--format", "json", "--db", w.path,
        ])
        #expect(c1 == 0, "\(e1)")
        try await w.test { client in
            let r = try await client.execute(
                uri: "/api/v1/experiments/%E4%B8%8B%E6%9C%9F%20%E6%A4%9C%E8%A8%BC/report?end=2026-10-01", method: .get,
                headers: editor)
            #expect(r.status == .ok)
            #expect(String(buffer: r.body) == cli)
            let j = try Self.json(r)
            let groups = j["groups"] as? [String: [String: Any]] ?? [:]
            #expect(groups["treated"]?["accounts"] as? Int == 1)
            #expect(groups["holdout"]?["accounts"] as? Int == 3)
            let b = try await Browser.login(client, role: .viewer)
            for (lang, word) in [("ja", "ホールドアウト群"), ("en", "Holdout")] {
                let page = try await client.execute(
                    uri: "/experiments", method: .get, headers: [.cookie: b.cookie + "; kizashi_lang=\(lang)"])
                #expect(page.status == .ok)
                let html = String(buffer: page.body)
                #expect(html.contains("<svg class=\"intervals\""))
                #expect(html.contains(word))
                #expect(html.contains("下期 検証"))
            }
        }
        // kizashi target-list add refuses a holdout account (C4) with the experiment's name, unless overridden.
        let (c3, _, e3) = try CLI.run(["target-list", "add", "C4", "--tier", "2", "--lang", "en", "--db", w.path])
        #expect(c3 != 0)
        #expect(e3.contains("下期 検証") && e3.contains("--override-holdout"))
        let (c4, o4, e4) = try CLI.run([
            "target-list", "add", "C4", "--tier", "2", "--override-holdout", "--db", w.path,
        ])
        #expect(c4 == 0, "\(e4)")
        #expect(o4.contains("C4: tier 2"))
        // A bad --end is a usage error naming the option.
        let (c2, _, e2) = try CLI.run(["experiment", "report", "下期 検証", "--end", "2026-13-01", "--db", w.path])
        #expect(c2 != 0)
        #expect(e2.contains("--end"))
    }

    @Test("review notes: saved per period (editor), shown on that period's overview, hostile notes refused")
    func reviews() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let viewer = try await w.bearer(.viewer), editor = try await w.bearer(.editor)
        try await w.test { client in
            func put(_ body: String, _ h: HTTPFields) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/reviews", method: .put, headers: h, body: ByteBuffer(string: body))
            }
            let body = #"{"period":"2026Q3","note":"SQL 化が遅れた <b>\nQ4 は架電を増やす"}"#
            #expect(try await put(body, viewer).status == .forbidden)
            #expect(try await put(body, editor).status == .ok)
            for bad in [
                #"{"period":"2026Q5","note":"x"}"#, #"{"period":"2026Q3","note":"a\u0007b"}"#,
                #"{"period":"2026Q3","tier":9,"note":"x"}"#,
                "{\"period\":\"2026Q3\",\"note\":\"\(String(repeating: "長", count: 4001))\"}",
            ] {
                #expect(try await put(bad, editor).status == .badRequest, "\(bad.prefix(60))")
            }
            let got = try await client.execute(uri: "/api/v1/reviews?period=2026Q3", method: .get, headers: viewer)
            #expect(try Self.json(got)["note"] as? String == "SQL 化が遅れた <b>\nQ4 は架電を増やす")
            let none = try await client.execute(uri: "/api/v1/reviews?period=2026Q2", method: .get, headers: viewer)
            #expect(String(buffer: none.body).trimmingCharacters(in: .whitespacesAndNewlines) == "null")
            let b = try await Browser.login(client, role: .viewer)
            let page = String(
                buffer: try await client.execute(
                    uri: "/?period=2026Q3", method: .get, headers: [.cookie: b.cookie + "; kizashi_lang=ja"]
                ).body)
            #expect(page.contains("振り返りメモ"))
            #expect(page.contains("SQL 化が遅れた &lt;b&gt;"))
            let other = String(
                buffer: try await client.execute(uri: "/?period=2026Q2", method: .get, headers: [.cookie: b.cookie])
                    .body)
            #expect(!other.contains("SQL 化が遅れた"))
        }
    }

    @Test("the overview's initiative form: editors see it and log one (back to the same period); viewers see no form")
    func initiativeForm() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let viewer = try await Browser.login(client, role: .viewer)
            let editor = try await Browser.login(client, role: .editor)
            let v = String(
                buffer: try await client.execute(uri: "/?period=2026Q3", method: .get, headers: viewer.headers).body)
            #expect(!v.contains("action=\"/initiatives\""))
            let e = String(
                buffer: try await client.execute(uri: "/?period=2026Q3", method: .get, headers: editor.headers).body)
            #expect(e.contains("action=\"/initiatives\""))
            let form =
                "_csrf=\(editor.csrf)&on=2026-08-20&title=%E3%82%A6%E3%82%A7%E3%83%93%E3%83%8A%E3%83%BC&campaign_id=&next=%2F%3Fperiod%3D2026Q3"
            let posted = try await client.execute(
                uri: "/initiatives", method: .post, headers: editor.form(), body: ByteBuffer(string: form))
            #expect(posted.status == .seeOther)
            #expect(posted.headers[.location] == "/?period=2026Q3")
            #expect(try await w.store.initiatives().map(\.title) == ["ウェビナー"])
            // A foreign "next" is not followed; a viewer may not post.
            let foreign = "_csrf=\(editor.csrf)&on=2026-08-21&title=x&next=%2F%2Fevil.example%2F%3F"
            let r = try await client.execute(
                uri: "/initiatives", method: .post, headers: editor.form(), body: ByteBuffer(string: foreign))
            #expect(r.headers[.location] == "/")
            let refused = try await client.execute(
                uri: "/initiatives", method: .post, headers: viewer.form(),
                body: ByteBuffer(string: "_csrf=\(viewer.csrf)&on=2026-08-21&title=x"))
            #expect(refused.status == .forbidden)
        }
    }

    @Test("initiatives: added, listed, removed; hostile titles refused; viewers read only")
    func initiatives() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let viewer = try await w.bearer(.viewer), editor = try await w.bearer(.editor)
        try await w.test { client in
            let body = #"{"on":"2026-08-01","title":"展示会出展","campaign_id":"K1","tier":1}"#
            #expect(
                try await client.execute(
                    uri: "/api/v1/initiatives", method: .post, headers: viewer, body: ByteBuffer(string: body)
                ).status == .forbidden)
            let added = try await client.execute(
                uri: "/api/v1/initiatives", method: .post, headers: editor, body: ByteBuffer(string: body))
            #expect(added.status == .created)
            let id = try Self.json(added)["id"] as? Int ?? 0
            for bad in [
                #"{"on":"2026-08-01","title":""}"#, #"{"on":"2026-08-01","title":"a\u0000b"}"#,
                #"{"on":"08/01","title":"x"}"#, #"{"on":"2026-08-01","title":"x","tier":4}"#,
            ] {
                #expect(
                    try await client.execute(
                        uri: "/api/v1/initiatives", method: .post, headers: editor, body: ByteBuffer(string: bad)
                    ).status == .badRequest, "\(bad)")
            }
            // The overview's trends (Oct 2025 – Sep 2026 for 2026Q3) carry it as a marker, and list it.
            let b = try await Browser.login(client, role: .viewer)
            for lang in ["ja", "en"] {
                let overview = String(
                    buffer: try await client.execute(
                        uri: "/?period=2026Q3", method: .get, headers: [.cookie: b.cookie + "; kizashi_lang=\(lang)"]
                    ).body)
                #expect(overview.contains("<line class=\"initiative\""))
                #expect(overview.contains("<title>2026-08-01 展示会出展</title>"))
            }
            let list = try await client.execute(uri: "/api/v1/initiatives", method: .get, headers: viewer)
            let items = try JSONSerialization.jsonObject(with: Data(String(buffer: list.body).utf8)) as? [[String: Any]]
            #expect(items?.map { $0["title"] as? String } == ["展示会出展"])
            #expect(
                try await client.execute(uri: "/api/v1/initiatives/\(id)", method: .delete, headers: editor).status
                    == .noContent)
            #expect(
                try await client.execute(uri: "/api/v1/initiatives/\(id)", method: .delete, headers: editor).status
                    == .notFound)
            #expect(
                try await client.execute(
                    uri: "/api/v1/initiatives/99999999999999999999", method: .delete, headers: editor
                )
                .status == .badRequest)
        }
    }
}
