import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

@Suite("API writes: roles, validation, nothing half-written")
struct WriteAPITests {
    static func json(_ r: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(String(buffer: r.body).utf8), options: [.fragmentsAllowed])
    }
    @Test(
        "viewer may read but not write; editor writes targets, settings, ICP and KPI targets; admin only manages users")
    func roles() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let viewer = try await w.bearer(.viewer)
        let editor = try await w.bearer(.editor)
        let admin = try await w.bearer(.admin)
        try await w.test { client in
            let writes: [(String, HTTPRequest.Method, String)] = [
                ("/api/v1/targets", .post, "{\"company_id\":\"C8\",\"tier\":2}"),
                ("/api/v1/settings/gross_margin", .put, "{\"value\":\"0.6\"}"),
                ("/api/v1/goals", .put, "{\"kpi\":\"targets\",\"period\":\"2026Q3\",\"value\":8}"),
                ("/api/v1/icp", .delete, ""),
            ]
            for (uri, method, body) in writes {
                let r = try await client.execute(
                    uri: uri, method: method, headers: viewer, body: ByteBuffer(string: body))
                #expect(r.status == .forbidden, "\(method) \(uri)")
            }
            for (uri, method, body) in writes {
                let r = try await client.execute(
                    uri: uri, method: method, headers: editor, body: ByteBuffer(string: body))
                #expect([.ok, .created, .noContent].contains(r.status), "\(method) \(uri): \(r.status)")
            }
            #expect(try await client.execute(uri: "/api/v1/users", method: .get, headers: editor).status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/users", method: .get, headers: admin).status == .ok)
        }
        // What the editor wrote is in the store.
        #expect(try await w.store.settings()["gross_margin"] == "0.6")
        #expect(try await w.store.icp() == nil)
        #expect(try await w.store.goals().contains { $0.kpi == "targets" && $0.value == 8 })
        #expect(
            try await w.store.targets().contains {
                $0.companyId == "C8" && $0.tier == .two && $0.addedOn == Day(iso: "2026-09-30")!
            })
    }

    @Test("a KPI target shows on the overview as target and attainment; the report follows a settings change at once")
    func writesReachTheNumbers() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let editor = try await w.bearer(.editor)
        try await w.test { client in
            // Warm the cache first: writes must invalidate it.
            _ = try await client.execute(uri: "/api/v1/kpis?period=2026Q3", method: .get, headers: editor)
            _ = try await client.execute(
                uri: "/api/v1/goals", method: .put, headers: editor,
                body: ByteBuffer(string: "{\"kpi\":\"targets\",\"period\":\"2026Q3\",\"value\":8}"))
            let report =
                try Self.json(
                    try await client.execute(uri: "/api/v1/kpis?period=2026Q3", method: .get, headers: editor))
                as? [String: Any]
            let goals = report?["goals"] as? [[String: Any]] ?? []
            // |T| = 4 of a target of 8 → attainment 0.5.
            #expect(
                goals.contains {
                    $0["kpi"] as? String == "targets" && ($0["attainment"] as? NSNumber)?.doubleValue == 0.5
                })
            let b = try await Browser.login(client, role: .viewer)
            let html = String(
                buffer: try await client.execute(uri: "/?period=2026Q3", method: .get, headers: b.headers).body)
            #expect(html.contains("aria-valuenow=\"50\""))

            _ = try await client.execute(
                uri: "/api/v1/settings/gross_margin", method: .put, headers: editor,
                body: ByteBuffer(string: "{\"value\":\"0.6\"}"))
            let after =
                try Self.json(
                    try await client.execute(uri: "/api/v1/kpis?period=2026Q3", method: .get, headers: editor))
                as? [String: Any]
            let ltv = ((after?["kpis"] as? [String: Any])?["ltv"] as? NSNumber)?.doubleValue ?? 0
            // LTV = ARPA 9.5M/3 × 0.6 × 3 years (hand-worked fixture with the margin changed).
            #expect(abs(ltv - 5_700_000) < 1e-6)
        }
    }

    @Test("bad writes are 4xx problems naming the field, and change nothing")
    func validation() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let editor = try await w.bearer(.editor)
        let before = try await w.store.targets()
        try await w.test { client in
            let cases: [(String, HTTPRequest.Method, String, String?)] = [
                ("/api/v1/targets", .post, "{\"company_id\":\"C8\",\"tier\":4}", "tier"),
                ("/api/v1/targets", .post, "not json", nil),
                ("/api/v1/settings/gross_margin", .put, "{\"value\":\"1.5\"}", "gross_margin"),
                ("/api/v1/goals", .put, "{\"kpi\":\"nope\",\"period\":\"2026Q3\",\"value\":1}", "kpi"),
                ("/api/v1/goals", .put, "{\"kpi\":\"targets\",\"period\":\"2026Q9\",\"value\":1}", "period"),
                ("/api/v1/goals", .put, "{\"kpi\":\"targets\",\"period\":\"2026Q3\",\"tier\":9,\"value\":1}", "tier"),
                ("/api/v1/icp", .put, "{\"industries\": 5}", "icp"),
            ]
            for (uri, method, body, field) in cases {
                let r = try await client.execute(
                    uri: uri, method: method, headers: editor, body: ByteBuffer(string: body))
                #expect(r.status == .badRequest, "\(uri) \(body): \(r.status)")
                #expect(r.headers[.contentType] == "application/problem+json")
                if let field {
                    #expect((try Self.json(r) as? [String: Any])?["field"] as? String == field, "\(uri) \(body)")
                }
            }
            // A company the workspace does not have: 404 (issue 22: the body is valid; what it
            // names does not exist), naming the field.
            let unknown = try await client.execute(
                uri: "/api/v1/targets", method: .post, headers: editor,
                body: ByteBuffer(string: "{\"company_id\":\"NOPE\",\"tier\":1}"))
            #expect(unknown.status == .notFound)
            #expect((try Self.json(unknown) as? [String: Any])?["field"] as? String == "company_id")
            // C1 is already an active target since 2026-01-01.
            let dup = try await client.execute(
                uri: "/api/v1/targets", method: .post, headers: editor,
                body: ByteBuffer(string: "{\"company_id\":\"C1\",\"tier\":2}"))
            #expect(dup.status == .conflict)
        }
        #expect(try await w.store.targets() == before)
        #expect(try await w.store.settings()["gross_margin"] == nil)
    }

    @Test("removing a target keeps its history: removed_on = today")
    func removeTarget() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let editor = try await w.bearer(.editor)
        try await w.test { client in
            let r = try await client.execute(uri: "/api/v1/targets/C1", method: .delete, headers: editor)
            #expect(r.status == .ok)
            let again = try await client.execute(uri: "/api/v1/targets/C1", method: .delete, headers: editor)
            #expect(again.status == .notFound)
        }
        let c1 = try await w.store.targets().filter { $0.companyId == "C1" }
        #expect(c1.count == 1 && c1[0].removedOn == Day(iso: "2026-09-30")!)
    }

    @Test("a browser session needs the CSRF token on API writes too")
    func cookieWritesNeedCSRF() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let b = try await Browser.login(client, role: .editor)
            let body = ByteBuffer(string: "{\"value\":\"0.6\"}")
            var headers = b.headers
            headers[.contentType] = "application/json"
            let without = try await client.execute(
                uri: "/api/v1/settings/gross_margin", method: .put, headers: headers, body: body)
            #expect(without.status == .forbidden)
            headers[HTTPField.Name("X-CSRF-Token")!] = b.csrf
            let with = try await client.execute(
                uri: "/api/v1/settings/gross_margin", method: .put, headers: headers, body: body)
            #expect(with.status == .ok)
        }
    }

    @Test(
        "import: a CSV upload with a bad row keeps the good ones and offers the rejected rows; strict changes nothing")
    func importCSV() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let editor = try await w.bearer(.editor)
        let csv = """
            company_id,name,domain,employees,country
            N1,新規株式会社,new.co.jp,120,JP
            N2,,bad.jp,10,JP
            N3,Third Ltd,third.com,50,US

            """
        try await w.test { client in
            var h = editor
            h[.contentType] = "text/csv"
            let strict = try await client.execute(
                uri: "/api/v1/imports?entity=companies&strict=1", method: .post, headers: h,
                body: ByteBuffer(string: csv))
            #expect(strict.status == .unprocessableContent)
            #expect(try await w.store.company(id: "N1") == nil)

            let noEntity = try await client.execute(
                uri: "/api/v1/imports", method: .post, headers: h, body: ByteBuffer(string: csv))
            #expect(noEntity.status == .badRequest)

            let preview =
                try Self.json(
                    try await client.execute(
                        uri: "/api/v1/imports?entity=companies&dry_run=1", method: .post, headers: h,
                        body: ByteBuffer(string: csv))) as? [String: Any]
            #expect(preview?["dry_run"] as? Bool == true)
            let file = (preview?["files"] as? [[String: Any]])?.first
            #expect(file?["entity"] as? String == "companies")
            #expect(file?["encoding"] as? String == "UTF-8")
            let mapping = (file?["columns"] as? [[String: Any]] ?? []).map {
                "\($0["header"] ?? "")→\($0["column"] ?? "")"
            }
            #expect(
                mapping == [
                    "company_id→company_id", "name→name", "domain→domain", "employees→employees", "country→country",
                ])
            #expect(try await w.store.company(id: "N1") == nil)

            let r = try await client.execute(
                uri: "/api/v1/imports?entity=companies", method: .post, headers: h, body: ByteBuffer(string: csv))
            #expect(r.status == .ok)
            let report = try Self.json(r) as? [String: Any]
            #expect(report?["imported"] as? Int == 2)
            #expect(report?["rejected_total"] as? Int == 1)
            let rejected = (report?["rejected"] as? [[String: Any]])?.first
            #expect(rejected?["line"] as? Int == 3)
            #expect(rejected?["column"] as? String == "name")
            let link = report?["rejected_csv"] as? String ?? ""
            let download = try await client.execute(uri: link, method: .get, headers: editor)
            #expect(download.status == .ok)
            #expect(String(buffer: download.body).contains("N2"))
        }
        #expect(try await w.store.company(id: "N1")?.name == "新規株式会社")
        #expect(try await w.store.company(id: "N3") != nil)
    }

    @Test("export is a zip that imports back into an identical workspace")
    func exportZipRoundTrip() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let editor = try await w.bearer(.editor)
        let other = try await TestWorkspace.make(importFixture: false)
        defer { Task { await other.close() } }
        let otherEditor = try await other.bearer(.editor)
        let zip = try await w.test { client in
            let r = try await client.execute(uri: "/api/v1/export", method: .get, headers: editor)
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "application/zip")
            // A download of personal data: named, never cached.
            #expect(r.headers[.contentDisposition] == "attachment; filename=\"kizashi-package.zip\"")
            #expect(r.headers[.cacheControl] == "no-store")
            return r.body
        }
        try await other.test { client in
            var h = otherEditor
            h[.contentType] = "application/zip"
            let r = try await client.execute(uri: "/api/v1/imports", method: .post, headers: h, body: zip)
            #expect(r.status == .ok, "\(String(buffer: r.body))")
        }
        #expect(try await other.store.counts() == w.store.counts())
        let a = try await other.services.data.report(period: KPIPeriod(label: "2026Q3")!, tier: nil).json()
        let b = try await w.services.data.report(period: KPIPeriod(label: "2026Q3")!, tier: nil).json()
        #expect(a.serialized() == b.serialized())
    }

    @Test("the OpenAPI document is served and lists every API route")
    func openAPI() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        let viewer = try await w.bearer(.viewer)
        try await w.test { client in
            let r = try await client.execute(uri: "/api/openapi.yaml", method: .get, headers: viewer)
            let yaml = String(buffer: r.body)
            #expect(yaml.hasPrefix("openapi: 3.1.0"))
            for path in [
                "/api/v1/kpis:", "/api/v1/kpis/monthly:", "/api/v1/accounts:", "/api/v1/accounts/{id}:",
                "/api/v1/targets:",
                "/api/v1/targets/{company}:", "/api/v1/icp:", "/api/v1/icp/preview:", "/api/v1/settings:",
                "/api/v1/settings/{key}:", "/api/v1/goals:", "/api/v1/imports:", "/api/v1/imports/{id}/rejected.csv:",
                "/api/v1/export:", "/api/v1/users:", "/api/v1/tokens:", "/api/v1/tokens/{id}:",
            ] {
                #expect(yaml.contains("\n  \(path)\n"), "\(path)")
            }
        }
    }

    @Test(
        "imports from a connector (source=hubspot): preview writes nothing, the import maps and reports; unknown source is a 400"
    )
    func connectorImport() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let editor = try await w.bearer(.editor)
        // A HubSpot companies export (English labels; hand-written like Tests/KizashiAppTests/Fixtures/connectors).
        let csv = """
            Record ID,Company name,Company Domain Name,Number of Employees
            901,株式会社オメガ,omega.co.jp,80
            ,No ID Inc.,noid.example,5

            """
        try await w.test { client in
            var h = editor
            h[.contentType] = "text/csv"
            let bad = try await client.execute(
                uri: "/api/v1/imports?source=pipedrive", method: .post, headers: h, body: ByteBuffer(string: csv))
            #expect(bad.status == .badRequest)
            let preview =
                try Self.json(
                    try await client.execute(
                        uri: "/api/v1/imports?source=hubspot&filename=companies.csv&dry_run=1", method: .post,
                        headers: h, body: ByteBuffer(string: csv))) as? [String: Any]
            #expect(preview?["source"] as? String == "hubspot")
            #expect(preview?["rows_read"] as? Int == 2)
            #expect(preview?["mapped"] as? Int == 1)
            #expect(preview?["dry_run"] as? Bool == true)
            #expect(try await w.store.company(id: "HS901") == nil)
            let r = try await client.execute(
                uri: "/api/v1/imports?source=hubspot&filename=companies.csv", method: .post, headers: h,
                body: ByteBuffer(string: csv))
            #expect(r.status == .ok)
            let report = try Self.json(r) as? [String: Any]
            #expect(report?["rejected_total"] as? Int == 1)
            #expect(((report?["rejected"] as? [[String: Any]])?.first?["line"] as? Int) == 3)
            #expect(try await w.store.company(id: "HS901")?.name == "株式会社オメガ")
        }
    }

    @Test(
        "imports a spreadsheet (source=sheet): an .xlsx upload is read as a sheet, not a package; preview shows the mapping"
    )
    func sheetImport() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let editor = try await w.bearer(.editor)
        let xlsx = try Data(contentsOf: URL(fileURLWithPath: TestWorkspace.fixture("sheets/sheet-companies.xlsx")))
        try await w.test { client in
            var h = editor
            h[.contentType] = "application/zip"
            let noEntity = try await client.execute(
                uri: "/api/v1/imports?source=sheet", method: .post, headers: h, body: ByteBuffer(bytes: xlsx))
            #expect(noEntity.status == .badRequest)
            let preview =
                try Self.json(
                    try await client.execute(
                        uri: "/api/v1/imports?source=sheet&entity=companies&dry_run=1", method: .post, headers: h,
                        body: ByteBuffer(bytes: xlsx))) as? [String: Any]
            #expect(preview?["sheets"] as? [String] == ["企業リスト", "メモ"])
            let mapping = preview?["mapping"] as? [[String: Any]]
            #expect(mapping?.first?["header"] as? String == "企業ID")
            #expect(mapping?.first?["column"] as? String == "company_id")
            #expect(mapping?.last?["column"] is NSNull)  // 備考
            #expect(preview?["rows_read"] as? Int == 4)
            #expect(preview?["rejected_total"] as? Int == 2)
            #expect(try await w.store.company(id: "S001") == nil)
            let r = try await client.execute(
                uri: "/api/v1/imports?source=sheet&entity=companies", method: .post, headers: h,
                body: ByteBuffer(bytes: xlsx))
            #expect(r.status == .ok)
            // 名寄せ: S001 has C1's 法人番号 (1000011000005), so it is C1, whose values stay;
            // S002 matches nothing in the hand-worked workspace and is new.
            #expect(try await w.store.company(id: "S001") == nil)
            #expect(try await w.store.company(id: "C1")?.domain == "alpha.co.jp")
            #expect(try await w.store.company(id: "S002")?.domain == "beta.jp")
        }
    }
}
