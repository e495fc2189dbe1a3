import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiServer
import KizashiStore
import KizashiTestZips
import Testing

/// The import page's path for a whole CRM export (issue 29 item 3): a zip and a mapping naming
/// each file's entity, previewed then imported; a sheet keeps its own name in reports (issue 28
/// item 9).
@Suite("CRM export uploads")
struct CRMExportUploadTests {
    static let mapping = """
        files:
          accounts.csv: {entity: companies, columns: {account: name}}
          sales_pipeline.csv:
            entity: opportunities
            columns: {opportunity_id: opportunity_id, account: company, deal_stage: status, engage_date: created_on, close_value: amount}
            values: {status: {Engaging: open, Won: won}}
        """

    @Test("a zip with a folder mapping: the preview writes nothing, the import writes both files")
    func zipWithMapping() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        var h = try await w.bearer(.editor)
        h[.contentType] = "application/zip"
        let headers = h
        let zip = TestZip.build([
            .init("crm/accounts.csv", Array("account\nCancity\n".utf8)),
            .init(
                "crm/sales_pipeline.csv",
                Array(
                    "opportunity_id,account,deal_stage,engage_date,close_value\nP1,Cancity,Engaging,2026-07-01,\nP2,Nowhere,Engaging,2026-07-01,\n"
                        .utf8)),
        ])
        let query = Self.mapping.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        try await w.test { client in
            let preview = try await client.execute(
                uri: "/api/v1/imports?source=sheet&filename=crm.zip&dry_run=1&mapping=\(query)", method: .post,
                headers: headers, body: ByteBuffer(bytes: zip))
            #expect(preview.status == .ok, "\(String(buffer: preview.body))")
            let report = try WriteAPITests.json(preview) as? [String: Any]
            #expect(report?["imported"] as? Int == 2)  // Cancity, P1 (P2 names no known company)
            #expect(report?["rejected_total"] as? Int == 1)
            #expect((report?["mappings"] as? [Any])?.count == 2)
            let run = try await client.execute(
                uri: "/api/v1/imports?source=sheet&filename=crm.zip&mapping=\(query)", method: .post,
                headers: headers, body: ByteBuffer(bytes: zip))
            #expect(run.status == .ok, "\(String(buffer: run.body))")
        }
        // The test workspace holds the hand-worked deals O1…O9; the export adds P1 only.
        let deals = try await w.store.opportunities().filter { $0.id.hasPrefix("P") }
        #expect(deals.map(\.id) == ["P1"])
        #expect(deals.first?.amount == nil)
        #expect(deals.first?.companyId == "sheet:name:cancity")
    }

    @Test("a sheet upload is reported under its own file name, not sheet.csv or a server path")
    func sheetKeepsItsName() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        var h = try await w.bearer(.editor)
        h[.contentType] = "text/csv"
        let headers = h
        try await w.test { client in
            let r = try await client.execute(
                uri: "/api/v1/imports?source=sheet&entity=companies&filename=%E9%A1%A7%E5%AE%A2.csv&dry_run=1",
                method: .post, headers: headers, body: ByteBuffer(string: "会社ID,会社名\nC1,\n"))
            #expect(r.status == .ok, "\(String(buffer: r.body))")
            let body = String(buffer: r.body)
            #expect(body.contains("顧客.csv"))
            #expect(!body.contains("sheet.csv"))
            #expect(!body.contains("/tmp/"))
        }
    }

    @Test("?header_row= names the header row of a sheet; 0 is refused")
    func headerRow() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        var h = try await w.bearer(.editor)
        h[.contentType] = "text/csv"
        let headers = h
        let csv = "会社一覧,\n会社ID,会社名\nX1,エックス\n"
        try await w.test { client in
            let bad = try await client.execute(
                uri: "/api/v1/imports?source=sheet&entity=companies&header_row=0&dry_run=1", method: .post,
                headers: headers, body: ByteBuffer(string: csv))
            #expect(bad.status == .badRequest)
            let ok = try await client.execute(
                uri: "/api/v1/imports?source=sheet&entity=companies&header_row=2&dry_run=1", method: .post,
                headers: headers, body: ByteBuffer(string: csv))
            #expect(ok.status == .ok, "\(String(buffer: ok.body))")
            #expect((try WriteAPITests.json(ok) as? [String: Any])?["imported"] as? Int == 1)
        }
    }
}
