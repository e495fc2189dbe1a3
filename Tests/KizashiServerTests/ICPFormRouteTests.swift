import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// The ICP form on Settings (issue 22 §3) over HTTP, on the hand-worked fixture's 8 companies.
/// IT, at least 300 employees, 東京都: C1 (IT, 1200, 東京都) and C4 (IT, 2000, 東京都) match; C3's
/// "約300" is not a number, C5 is in CA, C8 has 100 employees → 2.
@Suite("Settings: the ICP form")
struct ICPFormRouteTests {
    static let body = "industry=IT&employees_min=300&region=%E6%9D%B1%E4%BA%AC%E9%83%BD"

    @Test("the page offers the workspace's values; the live count and saving give the hand-counted ICP")
    func form() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let editor = try await Browser.login(client, role: .editor)
            let page = String(
                buffer: try await client.execute(
                    uri: "/settings", method: .get, headers: [.cookie: editor.cookie + "; kizashi_lang=ja"]
                ).body)
            #expect(page.contains("id=\"icp-form\"") && page.contains("<legend>業種</legend>"))
            #expect(page.contains("name=\"industry\" value=\"IT\"") && page.contains("name=\"region\" value=\"東京都\""))
            #expect(page.contains("<details><summary>icp.json を直接編集</summary>"))

            let before = try await w.store.icp()
            let count = try await client.execute(
                uri: "/settings/icp/count", method: .post, headers: editor.form(editor.csrf),
                body: ByteBuffer(string: Self.body))
            #expect(count.status == .ok)
            let counted =
                try JSONSerialization.jsonObject(with: Data(String(buffer: count.body).utf8)) as? [String: Any]
            #expect(counted?["matches"] as? Int == 2 && counted?["companies"] as? Int == 8)
            #expect(try await w.store.icp() == before)  // counting saves nothing

            let saved = try await client.execute(
                uri: "/settings/icp/form", method: .post, headers: editor.form(),
                body: ByteBuffer(string: Self.body + "&_csrf=\(editor.csrf)"))
            #expect(saved.status == .seeOther)
            #expect(
                try await w.store.icp()
                    == IdealCustomerProfile(industries: ["IT"], employees: .init(min: 300), regions: ["東京都"]))
            let again = String(
                buffer: try await client.execute(uri: "/settings", method: .get, headers: editor.headers).body)
            #expect(again.contains("name=\"industry\" value=\"IT\" checked"))
            #expect(again.contains("<strong id=\"icp-count\">2</strong>"))

            let bad = try await client.execute(
                uri: "/settings/icp/form", method: .post, headers: editor.form(),
                body: ByteBuffer(string: "employees_min=many&_csrf=\(editor.csrf)"))
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains("employees_min"))

            let viewer = try await Browser.login(client, role: .viewer)
            let refused = try await client.execute(
                uri: "/settings/icp/form", method: .post, headers: viewer.form(),
                body: ByteBuffer(string: Self.body + "&_csrf=\(viewer.csrf)"))
            #expect(refused.status == .forbidden)
        }
    }
}
