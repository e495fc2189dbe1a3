import Foundation
import KizashiApp
import Testing

@Suite("Upload folders: private, emptied after every import, swept after a day")
struct UploadFolderTests {
    static func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test("folders are 0700 and files 0600; only rejected.csv outlives the import")
    func lifecycle() throws {
        let root = URL(fileURLWithPath: Fixture.temporaryDirectory()).appendingPathComponent("imports")
        let folder = try UploadFolder(root: root, id: "abc")
        #expect(Self.mode(root.path) == 0o700 && Self.mode(folder.url.path) == 0o700)
        let upload = try folder.newFile("upload")
        try Data("company_id,name\n".utf8).write(to: upload)
        #expect(Self.mode(upload.path) == 0o600)
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("package"), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: folder.rejectedPath, contents: Data("x".utf8)))
        folder.discardUpload()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["rejected.csv"])

        // Without rejected rows the folder goes entirely.
        let clean = try UploadFolder(root: root, id: "def")
        _ = try clean.newFile("upload")
        clean.discardUpload()
        #expect(!FileManager.default.fileExists(atPath: clean.url.path))

        // A day later the download is gone too.
        UploadFolder.sweep(root: root, olderThan: Date().addingTimeInterval(-3600))
        #expect(FileManager.default.fileExists(atPath: folder.url.path))
        UploadFolder.sweep(root: root, olderThan: Date().addingTimeInterval(60))
        #expect(!FileManager.default.fileExists(atPath: folder.url.path))
    }
}
