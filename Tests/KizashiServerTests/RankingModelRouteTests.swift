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
}
