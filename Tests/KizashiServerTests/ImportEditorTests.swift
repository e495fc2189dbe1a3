import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// Issue 28 item 9: a sheet the import page cannot map is fixed in the mapping editor, without
/// uploading it again.
@Suite("The import page's column mapping editor")
struct ImportEditorTests {
    /// Four companies under an unknown header for their names (屋号); the fourth has no name.
    static let companies =
        "屋号,ドメイン,従業員数\n株式会社アルファ,alpha.example.jp,120\n株式会社ベータ,beta.example.jp,80\nガンマ合同会社,gamma.example.jp,45\n,delta.example.jp,10\n"
    /// Contacts whose roles are headed 立場 and written 決裁者 / 現場, naming their company by domain.
    static let contacts =
        "担当者ID,ドメイン,氏名,立場\nP1,alpha.example.jp,山田 太郎,決裁者\nP2,alpha.example.jp,佐藤 花子,現場\nP3,beta.example.jp,鈴木 一郎,決裁者\n"

    static func upload(
        _ client: any TestClientProtocol, _ browser: Browser, entity: String, name: String, body: String,
        dryRun: Bool = false
    ) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        let file = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        var h = browser.form(browser.csrf)
        h[.contentType] = "text/csv"
        let r = try await client.execute(
            uri: "/api/v1/imports?source=sheet&entity=\(entity)&filename=\(file)\(dryRun ? "&dry_run=1" : "")",
            method: .post, headers: h, body: ByteBuffer(string: body))
        return (r.status, (try JSONSerialization.jsonObject(with: Data(buffer: r.body))) as? [String: Any] ?? [:])
    }

    static func post(_ client: any TestClientProtocol, _ browser: Browser, _ editor: String, _ form: String)
        async throws -> (status: HTTPResponse.Status, html: String)
    {
        let r = try await client.execute(
            uri: editor, method: .post, headers: browser.form(),
            body: ByteBuffer(string: form + "&_csrf=\(browser.csrf)"))
        return (r.status, String(buffer: r.body))
    }

    @Test("upload → error naming the file with the editor → editor → preview → import: 3 of 4 rows, no re-upload")
    func roundTrip() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        let uploads = w.services.configuration.uploadsDirectory.path
        try await w.test { client in
            let editor = try await Browser.login(client, role: .editor)
            let failed = try await Self.upload(
                client, editor, entity: "companies", name: "取引先一覧.csv", body: Self.companies)
            #expect(failed.status == .unprocessableContent)
            let detail = failed.json["detail"] as? String ?? ""
            #expect(detail.hasPrefix("取引先一覧.csv: no column for name"), "\(detail)")
            #expect(!detail.contains(uploads) && !detail.contains("/tmp/") && !detail.contains("sheet.csv"))
            let link = failed.json["editor"] as? String ?? ""
            #expect(link.hasPrefix("/import/mapping/"))

            // The editor shows each column with samples and the inferred field (屋号: none).
            let page = try await client.execute(uri: link, method: .get, headers: editor.headers)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("取引先一覧.csv"))
            #expect(html.contains("<td>屋号</td><td>株式会社アルファ, 株式会社ベータ, ガンマ合同会社</td>"))
            #expect(html.contains("<select name=\"col.0\""))
            #expect(html.contains("<option value=\"domain\" selected>"))

            // Preview with 屋号 → name: 4 rows read, the nameless one rejected, nothing written.
            let preview = try await Self.post(client, editor, link, "col.0=name&action=preview")
            #expect(preview.status == .ok, "\(preview.html)")
            #expect(preview.html.contains("Preview of 取引先一覧.csv: 3 of 4 rows would be imported, 1 rejected."))
            #expect(try await w.store.companies(after: nil, limit: 100).isEmpty)

            // Import: the same kept file, the same mapping.
            let run = try await Self.post(client, editor, link, "col.0=name&action=import")
            #expect(run.status == .ok, "\(run.html)")
            #expect(run.html.contains("取引先一覧.csv imported: 3 of 4 rows, 1 rejected."))
            #expect(run.html.contains("/api/v1/imports/"))
            // The draft is gone once imported.
            let again = try await client.execute(uri: link, method: .get, headers: editor.headers)
            #expect(again.status == .notFound)
        }
        let names = try await w.store.companies(after: nil, limit: 100).map(\.name).sorted()
        #expect(names == ["ガンマ合同会社", "株式会社アルファ", "株式会社ベータ"])
        let alpha = try await w.store.companies(after: nil, limit: 100).first { $0.name == "株式会社アルファ" }
        #expect(alpha?.domain == "alpha.example.jp")
        #expect(alpha?.employees == "120")
    }

    @Test("a previewed sheet gets the editor too; roles mapped value by value: 2 decision makers, 1 user")
    func valueMap() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        try await w.test { client in
            let editor = try await Browser.login(client, role: .editor)
            let companies = try await Self.upload(
                client, editor, entity: "companies", name: "c.csv",
                body: Self.companies.replacingOccurrences(of: "屋号", with: "会社名"))
            #expect(companies.status == .ok)
            let preview = try await Self.upload(
                client, editor, entity: "contacts", name: "担当者.csv", body: Self.contacts, dryRun: true)
            #expect(preview.status == .ok)
            let link = preview.json["editor"] as? String ?? ""
            #expect(link.hasPrefix("/import/mapping/"))
            // 立場 → role; its values in order of appearance: 決裁者 (0), 現場 (1).
            let shown = try await Self.post(client, editor, link, "col.3=role&action=preview")
            #expect(shown.html.contains("<td>決裁者</td>") && shown.html.contains("name=\"val.3.1\""))
            let run = try await Self.post(
                client, editor, link, "col.3=role&val.3.0=decision_maker&val.3.1=user&action=import")
            #expect(run.html.contains("担当者.csv imported: 3 of 3 rows, 0 rejected."), "\(run.html)")
            // A value the field does not accept is refused with the reason; nothing more is written.
        }
        let roles = try await w.store.contacts(after: nil, limit: 100).sorted { $0.id < $1.id }.map {
            $0.role?.rawValue ?? "-"
        }
        #expect(roles == ["decision_maker", "user", "decision_maker"])
    }

    @Test(
        "rows rejected for a value outside the allowed set: the response offers the editor; its value map imports them")
    func rejectedValues() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        try await w.test { client in
            let editor = try await Browser.login(client, role: .editor)
            _ = try await Self.upload(
                client, editor, entity: "companies", name: "c.csv",
                body: Self.companies.replacingOccurrences(of: "屋号", with: "会社名"))
            // 役割 is a known header (role), but 決裁者 and 現場 are no roles: all 3 rows rejected.
            let first = try await Self.upload(
                client, editor, entity: "contacts", name: "担当者.csv",
                body: Self.contacts.replacingOccurrences(of: "立場", with: "役割"))
            #expect(first.status == .ok)
            #expect(first.json["imported"] as? Int == 0 && first.json["rejected_total"] as? Int == 3)
            let link = first.json["editor"] as? String ?? ""
            #expect(link.hasPrefix("/import/mapping/"))
            // Issue 28 item 8: each reason also in Japanese, for the page (the English one stays for scripts).
            let rejected = first.json["rejected"] as? [[String: Any]] ?? []
            #expect(
                rejected.first?["reason"] as? String
                    == "unknown value; allowed: decision_maker, influencer, user, other")
            #expect(rejected.first?["reason_ja"] as? String == "使えない値です（使える値：decision_maker, influencer, user, other）")
            // The editor's preview in Japanese lists the rejected rows with the Japanese reason.
            var ja = editor.form()
            ja[.acceptLanguage] = "ja"
            let previewJa = try await client.execute(
                uri: link, method: .post, headers: ja, body: ByteBuffer(string: "action=preview&_csrf=\(editor.csrf)"))
            let previewHTML = String(buffer: previewJa.body)
            #expect(
                previewHTML.contains("<td>使えない値です（使える値：decision_maker, influencer, user, other）</td>"), "\(previewHTML)"
            )
            #expect(!previewHTML.contains("unknown value; allowed"))
            // The editor shows 役割 → role with its two values to map.
            let page = String(buffer: try await client.execute(uri: link, method: .get, headers: editor.headers).body)
            #expect(page.contains("name=\"val.3.0\"") && page.contains("name=\"val.3.1\""))
            let run = try await Self.post(
                client, editor, link, "val.3.0=decision_maker&val.3.1=user&action=import")
            #expect(run.html.contains("担当者.csv imported: 3 of 3 rows, 0 rejected."), "\(run.html)")
        }
        let roles = try await w.store.contacts(after: nil, limit: 100).sorted { $0.id < $1.id }.map {
            $0.role?.rawValue ?? "-"
        }
        #expect(roles == ["decision_maker", "user", "decision_maker"])
    }

    @Test("the upload's own mapping file and header row carry into the editor; its constants still apply")
    func carriesUploadMapping() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        // A title row above the headers; the mapping file names ドメイン and gives every row country JP,
        // but says nothing of 屋号.
        let sheet = "取引先一覧（2026年度）\n" + Self.companies
        let mapping = #"{"columns": {"ドメイン": "domain"}, "constants": {"country": "JP"}}"#
            .addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        try await w.test { client in
            let editor = try await Browser.login(client, role: .editor)
            var h = editor.form(editor.csrf)
            h[.contentType] = "text/csv"
            let r = try await client.execute(
                uri: "/api/v1/imports?source=sheet&entity=companies&filename=t.csv&header_row=2&mapping=\(mapping)",
                method: .post, headers: h, body: ByteBuffer(string: sheet))
            #expect(r.status == .unprocessableContent)
            let json = (try JSONSerialization.jsonObject(with: Data(buffer: r.body))) as? [String: Any] ?? [:]
            let link = json["editor"] as? String ?? ""
            let page = String(buffer: try await client.execute(uri: link, method: .get, headers: editor.headers).body)
            // Headers read from row 2 (below the title), 4 data rows.
            #expect(page.contains("headers in row 2; 4 data rows"), "\(page)")
            let run = try await Self.post(client, editor, link, "col.0=name&action=import")
            #expect(run.html.contains("t.csv imported: 3 of 4 rows, 1 rejected."), "\(run.html)")
        }
        let countries = Set(try await w.store.companies(after: nil, limit: 100).map { $0.country ?? "-" })
        #expect(countries == ["JP"])
    }

    @Test("a draft opens for its uploader only, for an hour; a hostile form is refused with its reason")
    func boundDraft() async throws {
        let clock = TestClock(TestWorkspace.now)
        let w = try await TestWorkspace.make(importFixture: false, clock: clock)
        defer { Task { await w.close() } }
        try await w.test { client in
            let editor = try await Browser.login(client, role: .editor)
            let admin = try await Browser.login(client, role: .admin)
            let viewer = try await Browser.login(client, role: .viewer)
            let failed = try await Self.upload(
                client, editor, entity: "companies", name: "a.csv", body: Self.companies)
            let link = failed.json["editor"] as? String ?? ""
            #expect(try await client.execute(uri: link, method: .get, headers: admin.headers).status == .notFound)
            #expect(try await client.execute(uri: link, method: .get, headers: viewer.headers).status == .forbidden)
            #expect(
                try await client.execute(uri: "/import/mapping/..%2F..%2Fetc", method: .get, headers: editor.headers)
                    .status == .notFound)
            let hostile = try await Self.post(client, editor, link, "col.0=colour&action=import")
            #expect(hostile.status == .unprocessableContent)
            #expect(hostile.html.contains("&quot;colour&quot; is not a field of companies"))
            let foreign = try await Self.post(client, admin, link, "col.0=name&action=import")
            #expect(foreign.status == .notFound)
            clock.advance(seconds: 3601)
            #expect(try await client.execute(uri: link, method: .get, headers: editor.headers).status == .notFound)
        }
        #expect(try await w.store.companies(after: nil, limit: 100).isEmpty)
    }

    @Test("the editor in Japanese shows no raw key and no English word of the list")
    func japanese() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        try await w.test { client in
            let editor = try await Browser.login(client, role: .editor)
            _ = try await client.execute(
                uri: "/lang", method: .post, headers: editor.form(editor.csrf),
                body: ByteBuffer(string: "lang=ja&next=%2F"))
            // The companies first, so no row is rejected (rejection reasons come from the importer).
            _ = try await Self.upload(
                client, editor, entity: "companies", name: "c.csv",
                body: Self.companies.replacingOccurrences(of: "屋号", with: "会社名"))
            let failed = try await Self.upload(
                client, editor, entity: "contacts", name: "担当者.csv", body: Self.contacts, dryRun: true)
            let link = failed.json["editor"] as? String ?? ""
            let shown = try await Self.post(
                client, editor, link, "col.3=role&val.3.0=decision_maker&val.3.1=user&action=preview")
            #expect(shown.html.contains("<option value=\"decision_maker\" selected>意思決定者</option>"))
            #expect(shown.html.contains("3 行中 3 行を取り込めます"))
            let text = JapanesePagesTests.visibleText(shown.html)
            let words = Set(
                text.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0 == "_")) }).map(String.init))
            let leaked = words.intersection(JapanesePagesTests.forbidden)
            #expect(leaked.isEmpty, "the editor shows \(leaked.sorted())")
            for word in leaked { print("LEAK \(JapanesePagesTests.context(of: word, in: text))") }
        }
    }
}
