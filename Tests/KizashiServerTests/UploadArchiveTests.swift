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

/// Issue 25 §2 through the server: a zip uploaded to `POST /api/v1/imports` is read by the
/// bounded extractor, so a bomb is refused (413) and a hostile name cannot be processed (422),
/// over a real socket, with nothing imported and nothing of the zip left on disk.
@Suite("Hostile zip uploads")
struct UploadArchiveTests {
    /// 20 MiB of zeros in one entry: deflate packs it about 1,000 : 1, five times the 200 : 1
    /// the extractor allows an entry over 1 MiB (ArchiveLimits) — the classic bomb, small enough
    /// for a test.
    static let bomb = TestZip.build([.init("companies.csv", [UInt8](repeating: 0x30, count: 20 << 20))])

    /// Files under the workspace's own uploads folder other than kept rejected rows.
    static func uploadsLeft(_ w: TestWorkspace) -> [String] {
        let root = w.services.configuration.uploadsDirectory
        let walker = FileManager.default.enumerator(atPath: root.path)
        var left: [String] = []
        while let rel = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root.appendingPathComponent(rel).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue && !rel.hasSuffix("rejected.csv") { left.append(rel) }
        }
        return left
    }

    static func workspace() async throws -> TestWorkspace {
        let uploads = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kizashi-uploads-\(UUID().uuidString)")
        return try await TestWorkspace.make { $0.uploadsDirectory = uploads }
    }

    @Test("a zip bomb is 413 on the canonical and the connector import; nothing imported, nothing kept")
    func bombIsTooLarge() async throws {
        let w = try await Self.workspace()
        defer { Task { await w.close() } }
        let before = try await w.store.counts()
        var editor = try await w.bearer(.editor)
        editor[.contentType] = "application/zip"
        let h = editor
        try await w.testLive { client in
            for uri in ["/api/v1/imports", "/api/v1/imports?source=hubspot"] {
                let r = try await client.execute(
                    uri: uri, method: .post, headers: h, body: ByteBuffer(bytes: Self.bomb))
                #expect(r.status == .contentTooLarge, "\(uri): \(String(buffer: r.body))")
                #expect(String(buffer: r.body).contains("companies.csv"))
            }
        }
        #expect(try await w.store.counts() == before)
        #expect(Self.uploadsLeft(w).isEmpty, "\(Self.uploadsLeft(w))")
    }

    @Test("an entry named ../ is 422 and lands nowhere")
    func traversalIsRefused() async throws {
        let w = try await Self.workspace()
        defer { Task { await w.close() } }
        let before = try await w.store.counts()
        var editor = try await w.bearer(.editor)
        editor[.contentType] = "application/zip"
        let h = editor
        let name = "escape-\(UUID().uuidString).csv"
        let zip = TestZip.build([
            .init("companies.csv", Array("company_id,name\nX1,Ok\n".utf8)),
            .init("../../\(name)", Array("owned".utf8)),
        ])
        try await w.testLive { client in
            let r = try await client.execute(
                uri: "/api/v1/imports", method: .post, headers: h, body: ByteBuffer(bytes: zip))
            #expect(r.status == .unprocessableContent, "\(String(buffer: r.body))")
            #expect(String(buffer: r.body).contains("Nothing was imported"))
        }
        #expect(try await w.store.counts() == before)
        #expect(try await w.store.company(id: "X1") == nil)
        // Two folders up from the upload's folder is the uploads root's parent.
        let root = w.services.configuration.uploadsDirectory
        for dir in [root, root.deletingLastPathComponent(), FileManager.default.temporaryDirectory] {
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path))
        }
        #expect(Self.uploadsLeft(w).isEmpty, "\(Self.uploadsLeft(w))")
    }
}
