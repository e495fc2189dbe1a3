import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// The admin-only listings (`adminList`): tokens, users, site keys, webhooks and the delivery log.
@Suite("Admin listings")
struct AdminListingTests {
    @Test("viewers and editors are refused; an admin gets a JSON array (the fixture's users and tokens in it)")
    func adminOnly() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let viewer = try await w.bearer(.viewer)
        let editor = try await w.bearer(.editor)
        let admin = try await w.bearer(.admin)
        try await w.test { client in
            let paths = [
                "/api/v1/tokens", "/api/v1/users", "/api/v1/site-keys", "/api/v1/webhooks", "/api/v1/alerts/deliveries",
            ]
            for path in paths {
                for who in [viewer, editor] {
                    #expect(
                        try await client.execute(uri: path, method: .get, headers: who).status == .forbidden, "\(path)")
                }
                let r = try await client.execute(uri: path, method: .get, headers: admin)
                #expect(r.status == .ok, "\(path)")
                let body = try JSONSerialization.jsonObject(with: Data(String(buffer: r.body).utf8))
                #expect(body is [Any], "\(path)")
            }
            // The three bearers above are the workspace's only tokens (the fixture makes none).
            let tokens = try await client.execute(uri: "/api/v1/tokens", method: .get, headers: admin)
            let list = try JSONSerialization.jsonObject(with: Data(String(buffer: tokens.body).utf8)) as? [Any]
            #expect(list?.count == 3)
        }
    }
}
