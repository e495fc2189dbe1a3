import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// `ImportService` is the one dispatch `kizashi import` and `POST /api/v1/imports` share: a zip
/// of connector files is unpacked (bounded) and read the same on both, and what cannot be done
/// as asked is an `ImportRequestProblem` naming its input.
@Suite("Import service")
struct ImportServiceTests {
    /// A HubSpot companies export with headers Kizashi does not know (so a mapping is needed).
    static let companies = "ID番号,社名,URL\n7,株式会社ガンマ,gamma.jp\n"
    static let mapping = ["ID番号": "id", "社名": "name", "URL": "domain"]

    @Test(
        "a zip of connector files is read like the files: hidden and __MACOSX entries left out, nothing left unpacked")
    func zipOfConnectorFiles() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let zip = dir + "/hubspot.zip"
        try HostileFiles.zip(
            [
                ("export/companies.csv", Data(Self.companies.utf8)),
                ("__MACOSX/export/._companies.csv", Data("junk".utf8)),
                ("export/.DS_Store", Data("junk".utf8)),
            ], to: zip)
        let unpackRoot = URL(fileURLWithPath: dir + "/work")
        try FileManager.default.createDirectory(at: unpackRoot, withIntermediateDirectories: true)
        let outcome = try await ImportService(store: store).run(
            .init(source: .hubspot, paths: [zip], mapping: Self.mapping, unpackRoot: unpackRoot))
        guard case .connector(let report) = outcome else {
            Issue.record("expected a connector report, got \(outcome)")
            return
        }
        #expect(report.files == ["companies.csv"])
        #expect(report.mapped == 1)
        #expect(outcome.wroteData)
        #expect(try await store.company(id: "HS7") == Company(id: "HS7", name: "株式会社ガンマ", domain: "gamma.jp"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: unpackRoot.path).isEmpty)
    }

    @Test("one-file sources refuse two files, a sheet needs an entity, a missing file is named")
    func requestProblems() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let a = dir + "/a.csv"
        try "domain,topic,score,date\n".write(toFile: a, atomically: true, encoding: .utf8)
        let service = ImportService(store: store)
        await #expect(throws: ImportRequestProblem(.file, "intent takes one file")) {
            try await service.run(.init(source: .intent, paths: [a, a]))
        }
        await #expect(throws: ImportRequestProblem.self) { try await service.run(.init(source: .sheet, paths: [a])) }
        await #expect(throws: ImportRequestProblem(.file, "no such file: \(dir)/missing.csv")) {
            try await service.run(.init(source: .nta, paths: [dir + "/missing.csv"]))
        }
        await #expect(throws: ImportRequestProblem.self) {
            try await service.run(.init(source: .canonical, paths: [a]))
        }
        #expect(try await store.counts()[.companies] == 0)
    }

    @Test("an upload is named by the file's own last path component, never hidden, never the kept rejected rows")
    func uploadNames() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        for (filename, shown) in [
            ("Account.csv", "Account.csv"), ("../../etc/Contact.csv", "Contact.csv"), (".hidden", "upload.csv"),
            ("rejected.csv", "upload.csv"), ("upload", "upload.csv"), (nil, "upload.csv"),
        ] as [(String?, String)] {
            let folder = try UploadFolder(root: URL(fileURLWithPath: dir + "/uploads"), id: UUID().uuidString)
            let upload = try folder.newFile("upload")
            try Data(Self.companies.utf8).write(to: upload)
            let outcome = try await ImportService(store: store).importUpload(
                at: upload, filename: filename,
                request: .init(source: .hubspot, paths: [], options: .init(dryRun: true), mapping: Self.mapping))
            guard case .connector(let report) = outcome else {
                Issue.record("expected a connector report")
                continue
            }
            #expect(report.files == [shown], "\(filename ?? "nil")")
            #expect(!outcome.wroteData)
        }
    }
}
