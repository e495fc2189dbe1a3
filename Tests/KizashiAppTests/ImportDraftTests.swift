import Foundation
import KizashiApp
import KizashiCore
import Testing

/// Issue 28 item 9: an upload kept for the mapping editor opens for its owner, for an hour, by a
/// token that can name nothing but a draft.
@Suite("Kept uploads for the mapping editor")
struct ImportDraftTests {
    static let t0 = Instant(millisecondsSinceEpoch: 1_790_737_200_000)

    static func keep(_ root: URL, name: String = "顧客リスト.csv") throws -> String {
        let upload = try UploadFolder(root: root, id: UUID().uuidString)
        let file = try upload.newFile("upload")
        try Data("会社名\nアルファ\n".utf8).write(to: file)
        return try ImportDrafts(root: root).keep(
            file: file, draft: ImportDraft(owner: "user:1", filename: name, entity: .companies, sheet: nil, keptAt: t0))
    }

    @Test("the owner opens a draft under the file's own name for an hour; others, later or forged tokens do not")
    func opens() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("drafts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let drafts = ImportDrafts(root: root)
        let token = try Self.keep(root)
        let opened = drafts.open(token, owner: "user:1", now: Self.t0)
        #expect(opened?.draft.filename == "顧客リスト.csv")
        #expect(opened?.path.hasSuffix("/draft-\(token)/顧客リスト.csv") == true)
        #expect(opened?.draft.entity == .companies)
        #expect(drafts.open(token, owner: "user:2", now: Self.t0) == nil)
        #expect(drafts.open(token, owner: "token:1", now: Self.t0) == nil)
        for forged in [
            "../../etc/passwd", "", token + "/..", String(repeating: "a", count: 65), "a b c d e f g h i j k",
        ] {
            #expect(drafts.open(forged, owner: "user:1", now: Self.t0) == nil, "\(forged)")
        }
        // 60 minutes is still in time; a minute later it is gone, and stays gone.
        #expect(
            drafts.open(
                token, owner: "user:1", now: Instant(millisecondsSinceEpoch: Self.t0.millisecondsSinceEpoch + 3_600_000)
            ) != nil)
        #expect(
            drafts.open(
                token, owner: "user:1", now: Instant(millisecondsSinceEpoch: Self.t0.millisecondsSinceEpoch + 3_660_000)
            ) == nil)
        #expect(drafts.open(token, owner: "user:1", now: Self.t0) == nil)
    }

    @Test("a hidden or path-like upload name is kept under a safe name; the folder is private")
    func names() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("drafts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let drafts = ImportDrafts(root: root)
        let dotted = try Self.keep(root, name: ".htaccess")
        #expect(drafts.open(dotted, owner: "user:1", now: Self.t0)?.draft.filename == "sheet.csv")
        let pathy = try Self.keep(root, name: "../../x.csv")
        #expect(drafts.open(pathy, owner: "user:1", now: Self.t0)?.draft.filename == "x.csv")
        let meta = try Self.keep(root, name: "draft.json")
        #expect(drafts.open(meta, owner: "user:1", now: Self.t0)?.draft.filename == "sheet.csv")
        let mode =
            try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent("draft-\(pathy)").path)[
                .posixPermissions] as? Int
        #expect(mode == 0o700)
    }
}
