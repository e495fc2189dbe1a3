import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// Issue 27 §2 over HTTP on Tests/KizashiAppTests/Fixtures/audience-tiny (its README and
/// AudienceServiceTests work the values). The server's today is 2026-09-30 (Tokyo); the targets
/// A1 (t1), A2 (t3), A3 (t2) were added 2026-01-01.
@Suite("Audiences over HTTP and on the segments page")
struct AudienceRouteTests {
    static let tiny = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("KizashiAppTests/Fixtures/audience-tiny").path

    static func workspace() async throws -> TestWorkspace {
        let w = try await TestWorkspace.make(importFixture: false)
        _ = try await PackageImporter(store: w.store).importPackage(at: tiny, options: .init(rejectedPath: nil))
        _ = try await w.store.createSegment(name: "海外", rule: "country:US", at: TestWorkspace.now)
        return w
    }

    // printf '%s' VALUE | sha256sum, for john@delta.com, +14155550132, +14155550199.
    static let googleAdsUS = """
        Email,Phone,First Name,Last Name,Country,Zip
        d20bac1282f6d8ab02b74ecc16727f7a73ea7f6b192439ecb250873146667d37,9e1919ad78a34fd67a84bfbcf2fea14074065517bea32e92924771c3f92e5462,,,US,
        ,e8d4612843461999eefd96a316ed1b97a142e152473aebfe6cb220d6f484b109,,,US,

        """

    @Test("preview for any role; export for editors as a download, audited; the segment's file as worked")
    func routes() async throws {
        let w = try await Self.workspace()
        defer { Task { await w.close() } }
        let viewer = try await w.bearer(.viewer), editor = try await w.bearer(.editor)
        try await w.test { client in
            let preview = try await client.execute(
                uri: "/api/v1/audiences/preview?from=target-list&tier=1", method: .get, headers: viewer)
            #expect(preview.status == .ok)
            let json = try JSONSerialization.jsonObject(with: Data(String(buffer: preview.body).utf8)) as? [String: Any]
            #expect(json?["on"] as? String == "2026-09-30" && json?["tier"] as? Int == 1)
            // Tier 1 = A1: P1 (e-mail, phone), P2 (e-mail, phone), P3 (neither).
            #expect(
                json?["counts"] as? [String: Int] == [
                    "accounts": 1, "accounts_with_domain": 1, "contacts": 3, "contacts_with_email": 2,
                    "contacts_with_phone": 2, "contacts_with_key": 2,
                ])
            // The CLI's preview prints the same bytes.
            let (status, cli, _) = try CLI.run([
                "audience", "preview", "--from", "target-list", "--tier", "1", "--on", "2026-09-30", "--db", w.path,
            ])
            #expect(status == 0 && cli == String(buffer: preview.body))
            let from = urlEncode("segment:海外")
            let uri = "/api/v1/audiences/export?from=\(from)&format=google-ads"
            #expect(try await client.execute(uri: uri, method: .get, headers: viewer).status == .forbidden)
            let file = try await client.execute(uri: uri, method: .get, headers: editor)
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(
                file.headers[.contentDisposition]
                    == "attachment; filename=\"kizashi-audience-google-ads-2026-09-30.csv\"")
            #expect(String(buffer: file.body) == Self.googleAdsUS)
        }
        let exports = try await w.store.auditEntries(before: nil, limit: 100).filter { $0.action == "data.export" }
        #expect(exports.count == 1)
        #expect(exports.first?.target == "audience google-ads from segment:海外")
        #expect(exports.first?.detail == "1 accounts, 2 contacts with keys")
    }

    @Test("hostile query values get a 400 naming the field; an unknown segment a 404")
    func refusals() async throws {
        let w = try await Self.workspace()
        defer { Task { await w.close() } }
        let editor = try await w.bearer(.editor)
        try await w.test { client in
            let long = String(repeating: "a", count: 5000)
            for (query, field) in [
                ("format=csv", "from"), ("from=everyone&format=csv", "from"),
                ("from=\(urlEncode("segment:a/b"))&format=csv", "from"), ("from=segment:\(long)&format=csv", "from"),
                ("from=target-list", "format"), ("from=target-list&format=tiktok", "format"),
                ("from=target-list&format=csv&tier=9", "tier"), ("from=target-list&format=csv&tier=abc", "tier"),
                ("from=target-list&format=csv&tier=99999999999999999999999", "tier"),
                ("from=target-list&format=csv&on=2026-13-01", "on"), ("from=target-list&format=csv&on=\(long)", "on"),
            ] {
                let r = try await client.execute(
                    uri: "/api/v1/audiences/export?\(query)", method: .get, headers: editor)
                #expect(r.status == .badRequest, "\(query.prefix(60))")
                let problem =
                    try JSONSerialization.jsonObject(with: Data(String(buffer: r.body).utf8)) as? [String: Any]
                #expect(problem?["field"] as? String == field, "\(query.prefix(60))")
            }
            let unknown = try await client.execute(
                uri: "/api/v1/audiences/preview?from=segment:nope", method: .get, headers: editor)
            #expect(unknown.status == .notFound)
        }
        #expect(try await w.store.auditEntries(before: nil, limit: 100).allSatisfy { $0.action != "data.export" })
    }

    @Test("the segments page shows the counts next to the downloads, in Japanese and English; viewers get counts only")
    func page() async throws {
        let w = try await Self.workspace()
        defer { Task { await w.close() } }
        try await w.test { client in
            let editor = try await Browser.login(client, role: .editor)
            let viewer = try await Browser.login(client, role: .viewer)
            let uri = "/segments?name=\(urlEncode("海外"))&on=2026-10-01"
            for (lang, title, list, segment, google) in [
                ("ja", "広告配信用オーディエンス", "ターゲットアカウントリスト", "セグメント 海外", "Google 広告 カスタマーマッチ"),
                ("en", "Audiences for ad platforms", "Target account list", "Segment 海外", "Google Ads Customer Match"),
            ] {
                let r = try await client.execute(
                    uri: uri, method: .get, headers: [.cookie: editor.cookie + "; kizashi_lang=\(lang)"])
                #expect(r.status == .ok)
                let html = String(buffer: r.body)
                for text in [title, list, segment, google] { #expect(html.contains(text), "\(lang): \(text)") }
                // Target list: 3 accounts, 2 with a domain, 6 contacts, 4 e-mails, 4 phones, 5 with a key.
                #expect(html.contains(Self.cells([3, 2, 6, 4, 4, 5])), "\(lang)")
                // Segment 海外 (A2): 1, 1, 2, 1, 2, 2.
                #expect(html.contains(Self.cells([1, 1, 2, 1, 2, 2])), "\(lang)")
                let link = "/api/v1/audiences/export?from=\(urlEncode("segment:海外"))&amp;format=meta&amp;on=2026-10-01"
                #expect(html.contains("href=\"\(link)\""), "\(lang)")
            }
            let r = try await client.execute(
                uri: uri + "&tier=3", method: .get, headers: [.cookie: viewer.cookie + "; kizashi_lang=en"])
            let html = String(buffer: r.body)
            // Tier 3 of the target list is A2 alone, as the segment.
            #expect(html.contains(Self.cells([1, 1, 2, 1, 2, 2])))
            #expect(html.contains("Editors can download") && !html.contains("/api/v1/audiences/export"))
            let bad = try await client.execute(uri: uri + "&tier=9", method: .get, headers: viewer.headers)
            #expect(bad.status == .badRequest)
        }
    }

    static func cells(_ counts: [Int]) -> String { counts.map { "<td class=\"num\">\($0)</td>" }.joined() }
}
