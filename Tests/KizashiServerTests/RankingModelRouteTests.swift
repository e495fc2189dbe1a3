import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiServer
import Testing

/// Issue 20 §4 over HTTP: a request never waits for a training — with no stored ranking the list
/// answers at once (rule score, unvalidated) while the ranking trains in the background — and
/// the `model` section of the API says what is stored; training is for editors.
@Suite("The stored ranking over HTTP")
struct RankingModelRouteTests {
    @Test("GET /api/v1/model before and after a background training; POST /api/v1/model/train: viewer 403, editor 202")
    func modelSection() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let viewer = try await Browser.login(client, role: .viewer)
            let editor = try await Browser.login(client, role: .editor)
            let before = try await client.execute(uri: "/api/v1/model", method: .get, headers: viewer.headers)
            #expect(before.status == .ok)
            let b =
                try JSONSerialization.jsonObject(with: Data(String(buffer: before.body).utf8)) as? [String: Any] ?? [:]
            #expect(b["trained"] as? Bool == false)

            let refused = try await client.execute(
                uri: "/api/v1/model/train", method: .post, headers: viewer.form(viewer.csrf))
            #expect(refused.status == .forbidden)
            let started = try await client.execute(
                uri: "/api/v1/model/train", method: .post, headers: editor.form(editor.csrf))
            #expect(started.status == .accepted)
            await w.services.data.waitForTraining()

            let after = try await client.execute(uri: "/api/v1/model", method: .get, headers: viewer.headers)
            let a =
                try JSONSerialization.jsonObject(with: Data(String(buffer: after.body).utf8)) as? [String: Any] ?? [:]
            #expect(a["trained"] as? Bool == true)
            #expect(a["training"] as? Bool == false)
            #expect(a["in_use"] as? Bool == true)
            // TestWorkspace's clock: 2026-09-30 in Tokyo (1_790_737_200_000 ms).
            #expect(a["as_of"] as? String == "2026-09-30")
            let yaml = String(
                buffer: try await client.execute(uri: "/api/openapi.yaml", method: .get, headers: viewer.headers).body)
            #expect(yaml.contains("\n  /api/v1/model:\n") && yaml.contains("\n  /api/v1/model/train:\n"))
        }
    }

    @Test("no stored ranking: /api/v1/now answers without training first, and the ranking it started is stored")
    func neverBlocks() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let viewer = try await Browser.login(client, role: .viewer)
            #expect(try await w.store.rankingModel() == nil)
            let r = try await client.execute(uri: "/api/v1/now?limit=3", method: .get, headers: viewer.headers)
            #expect(r.status == .ok)
            await w.services.data.waitForTraining()
            #expect(try await w.store.rankingModel()?.asOf == Day(iso: "2026-09-30"))
        }
    }

    /// Issue 28 §5: the CLI, the API and the page rank the same way, in the order of the number
    /// they show (named for what it is).
    @Test(
        "one ranking: kizashi now, /api/v1/now and /now list the same accounts in the same order, rank values descending"
    )
    func oneRankingEverywhere() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let (c0, _, e0) = try CLI.run(["model", "train", "--as-of", "2026-09-30", "--db", w.path])
        #expect(c0 == 0, "\(e0)")
        let (c1, cli, e1) = try CLI.run([
            "now", "--as-of", "2026-09-30", "--limit", "20", "--format", "json", "--lang", "en", "--db", w.path,
        ])
        #expect(c1 == 0, "\(e1)")
        #expect(!e1.contains("Training"))
        @Sendable func ids(_ text: String) throws -> (ids: [String], values: [Double]) {
            let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
            let accounts = json["accounts"] as? [[String: Any]] ?? []
            return (
                accounts.map { $0["company_id"] as? String ?? "" }, accounts.map { $0["rank_value"] as? Double ?? .nan }
            )
        }
        let fromCLI = try ids(cli)
        #expect(!fromCLI.ids.isEmpty)
        #expect(fromCLI.values.allSatisfy { !$0.isNaN })
        #expect(zip(fromCLI.values, fromCLI.values.dropFirst()).allSatisfy { $0 >= $1 })
        try await w.test { client in
            let viewer = try await Browser.login(client, role: .viewer)
            let api = try await client.execute(uri: "/api/v1/now?limit=20", method: .get, headers: viewer.headers)
            let fromAPI = try ids(String(buffer: api.body))
            #expect(fromAPI.ids == fromCLI.ids)
            #expect(fromAPI.values == fromCLI.values)
            let page = String(
                buffer: try await client.execute(
                    uri: "/now", method: .get, headers: [.cookie: viewer.cookie + "; kizashi_lang=en"]
                ).body)
            // The page lists the accounts in the same order.
            let links = page.matches(of: /href="\/accounts\/([^"]+)"/).map { String($0.1) }
            #expect(Array(links.prefix(fromCLI.ids.count)) == fromCLI.ids)
        }
    }
}
