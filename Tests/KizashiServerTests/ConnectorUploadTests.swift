import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// The API and the CLI import through the one `ImportService`: what `kizashi import --from
/// hubspot --mapping FILE` honours, `POST /api/v1/imports?source=hubspot&mapping=…` honours too
/// (the upload used to drop the mapping).
@Suite("Connector uploads")
struct ConnectorUploadTests {
    @Test("a HubSpot upload applies ?mapping= for headers Kizashi does not know, as the CLI's --mapping does")
    func hubSpotMapping() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        var h = try await w.bearer(.editor)
        h[.contentType] = "text/csv"
        let headers = h
        // ID番号 / 社名 / URL are no HubSpot labels: without the mapping the file is not
        // recognised as a companies export at all.
        let csv = "ID番号,社名,URL\n7,株式会社カッパ,kappa.example.jp\n"
        let mapping = #"{"ID番号":"id","社名":"name","URL":"domain"}"#
        let query = mapping.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        try await w.test { client in
            let unmapped = try await client.execute(
                uri: "/api/v1/imports?source=hubspot&filename=companies.csv", method: .post, headers: headers,
                body: ByteBuffer(string: csv))
            #expect(unmapped.status == .unprocessableContent, "\(String(buffer: unmapped.body))")
            #expect(String(buffer: unmapped.body).contains("not a HubSpot company, contact or deal export"))
            let mapped = try await client.execute(
                uri: "/api/v1/imports?source=hubspot&filename=companies.csv&mapping=\(query)", method: .post,
                headers: headers, body: ByteBuffer(string: csv))
            #expect(mapped.status == .ok, "\(String(buffer: mapped.body))")
            let report = try WriteAPITests.json(mapped) as? [String: Any]
            #expect(report?["mapped"] as? Int == 1)
            #expect(report?["files"] as? [String] == ["companies.csv"])
            let badMapping = try await client.execute(
                uri: "/api/v1/imports?source=hubspot&mapping=not-a-mapping", method: .post, headers: headers,
                body: ByteBuffer(string: csv))
            #expect(badMapping.status == .badRequest)
        }
        // HubSpot record 7 becomes company HS7 (HubSpotMapping's ID prefix), named and with the
        // domain from the renamed columns.
        let company = try await w.store.company(id: "HS7")
        #expect(company?.name == "株式会社カッパ")
        #expect(company?.domain == "kappa.example.jp")
    }
}
