import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// The IP-range table on Settings (issue 22 §3): an admin uploads `cidr,company_id`, the count
/// shows, an address resolves to the narrowest range's company; a bad row refuses the whole file.
@Suite("Settings: IP ranges")
struct IPRangeSettingsTests {
    @Test("upload, count, test an address; a bad file changes nothing; admins only")
    func ranges() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let admin = try await Browser.login(client, role: .admin)
            var h = admin.headers
            h[HTTPField.Name("X-CSRF-Token")!] = admin.csrf
            h[.contentType] = "text/csv"
            // 203.0.113.0/24 → C1, its /28 inside → C3 (narrower), an IPv6 block → C5.
            let csv = "cidr,company_id\n203.0.113.0/24,C1\n203.0.113.16/28,C3\n2001:db8::/32,C5\n"
            let up = try await client.execute(
                uri: "/settings/ip-ranges?filename=ranges.csv", method: .post, headers: h, body: ByteBuffer(string: csv)
            )
            #expect(up.status == .ok && String(buffer: up.body).contains("3"))
            #expect(try await w.store.ipRangeCount() == 3)
            for (address, expected) in [
                ("203.0.113.5", "203.0.113.5 は企業 C1 のアドレスです。"),
                ("203.0.113.20", "203.0.113.20 は企業 C3 のアドレスです。"),
                ("2001:db8::1", "は企業 C5 のアドレスです。"), ("198.51.100.1", "198.51.100.1 はどのレンジにも含まれません。"),
                ("not-an-ip", "「not-an-ip」は IPv4/IPv6 アドレスではありません。"),
            ] {
                var f = admin.form()
                f[.cookie] = admin.cookie + "; kizashi_lang=ja"
                let r = try await client.execute(
                    uri: "/settings/ip-ranges/test", method: .post, headers: f,
                    body: ByteBuffer(
                        string:
                            "address=\(address.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&_csrf=\(admin.csrf)"
                    ))
                #expect(String(buffer: r.body).contains(expected), "\(address)")
            }
            // One bad row: the whole file is refused with the line, and the table is unchanged.
            let bad = try await client.execute(
                uri: "/settings/ip-ranges?filename=bad.csv", method: .post, headers: h,
                body: ByteBuffer(string: "cidr,company_id\n10.0.0.0/8,C1\n300.1.1.1/8,C1\n"))
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains("bad.csv:3 [cidr]"))
            #expect(try await w.store.ipRangeCount() == 3)

            let editor = try await Browser.login(client, role: .editor)
            var eh = editor.headers
            eh[HTTPField.Name("X-CSRF-Token")!] = editor.csrf
            let refused = try await client.execute(
                uri: "/settings/ip-ranges", method: .post, headers: eh, body: ByteBuffer(string: csv))
            #expect(refused.status == .forbidden)
        }
    }
}
