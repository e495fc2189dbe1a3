import Foundation
import KizashiApp
import Testing
import ZIPFoundation

/// Issue 25 §3 on a real `kizashi serve`: the upload limits are settings of the server
/// (`--max-unpacked-bytes`, `--max-record-bytes`), a package over the first is refused with 413
/// before it is unpacked, a record over the second is one bad row with its line, and the server
/// keeps answering.
@Suite("Upload limits of kizashi serve", .serialized)
struct UploadLimitsServeTests {
    @Test("--max-unpacked-bytes refuses a larger package (413); --max-record-bytes makes a long record a bad row")
    func limits() async throws {
        let dir = Fixture.temporaryDirectory()
        let db = dir + "/w.sqlite"
        #expect(
            try CLI.run(["import", Fixture.path("q3-handworked"), "--db", db, "--quiet", "--rejected", dir + "/r.csv"])
                .0 == 0)
        let (_, tokenOut, _) = try CLI.run(["token", "create", "--name", "u", "--role", "editor", "--db", db])
        let token = tokenOut.trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try ServeProcess(
            db: db,
            arguments: ["--max-unpacked-bytes", "4096", "--max-record-bytes", "200", "--upload-dir", dir + "/uploads"])
        #expect(try await server.waitUntilReady())

        // A package of 60 companies, 40-odd bytes a row: about 2.6 KB unpacked. With its 3 KB
        // contacts file the whole is over 4,096 bytes, though each file is under.
        let package = URL(fileURLWithPath: dir + "/pkg")
        try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
        var companies = "company_id,name,domain,employees,country\n"
        var contacts = "contact_id,company_id,email\n"
        for i in 0..<60 {
            companies += "Z\(i),Company number \(i),z\(i).example.com,\(10 + i),JP\n"
            contacts += "P\(i),Z\(i),person\(i)@z\(i).example.com\n"
        }
        try companies.write(to: package.appendingPathComponent("companies.csv"), atomically: true, encoding: .utf8)
        try contacts.write(to: package.appendingPathComponent("contacts.csv"), atomically: true, encoding: .utf8)
        #expect(companies.utf8.count + contacts.utf8.count > 4096)
        let zip = URL(fileURLWithPath: dir + "/pkg.zip")
        try FileManager.default.zipItem(at: package, to: zip, shouldKeepParent: false)
        let (status, body) = try await server.request(
            "POST", "/api/v1/imports", token: token, headers: ["Content-Type": "application/zip"],
            body: try Data(contentsOf: zip))
        #expect(status == 413, "\(body)")
        #expect(body.contains("Nothing was imported"))

        // One record of 250 bytes between two good ones: line 3 is bad, the others import.
        let long = String(repeating: "x", count: 220)
        let csv =
            "company_id,name,domain,employees,country\nL1,Good,l1.jp,5,JP\nL2,\(long),l2.jp,5,JP\nL3,Fine,l3.jp,5,JP\n"
        let (ok, report) = try await server.request(
            "POST", "/api/v1/imports?entity=companies", token: token, headers: ["Content-Type": "text/csv"],
            body: Data(csv.utf8))
        #expect(ok == 200, "\(report)")
        let json = try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any]
        #expect(json?["rejected_total"] as? Int == 1, "\(report)")
        let rejected = (json?["rejected"] as? [[String: Any]])?.first
        #expect(rejected?["line"] as? Int == 3, "\(report)")
        let (health, _) = try await server.request("GET", "/healthz")
        #expect(health == 200)
        server.kill()
    }
}
