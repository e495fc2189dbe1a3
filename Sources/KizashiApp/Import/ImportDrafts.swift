import Foundation
import KizashiCore

/// An uploaded sheet kept for the import page's mapping editor (issue 28 item 9), so fixing the
/// mapping never means uploading the file again.
public struct ImportDraft: Codable, Sendable, Equatable {
    /// Who may open it (`user:<id>` or `token:<id>`): the token in the address is not enough.
    public var owner: String
    /// The file's own name as uploaded (shown in every message; never a server path).
    public var filename: String
    /// The entity's name (`CanonicalEntity.rawValue`).
    var entityName: String
    public var entity: CanonicalEntity? { CanonicalEntity(rawValue: entityName) }
    /// The workbook sheet asked for (nil = the first, or a CSV).
    public var sheet: String?
    /// The header row asked for with the upload (`header_row`); nil = detected.
    public var headerRow: Int?
    /// The mapping file sent with the upload (its columns, value maps and constants): the editor
    /// starts from it, and its constants still apply.
    public var columns: [String: String] = [:]
    public var values: [String: [String: String]] = [:]
    public var constants: [String: String] = [:]
    public var keptAt: Int64

    public init(
        owner: String, filename: String, entity: CanonicalEntity, sheet: String?, keptAt: Instant,
        headerRow: Int? = nil, mapping: ImportMapping.FileMapping = .init()
    ) {
        self.owner = owner
        self.filename = filename
        self.entityName = entity.rawValue
        self.sheet = sheet
        self.headerRow = headerRow
        self.columns = mapping.columns
        self.values = mapping.values
        self.constants = mapping.constants
        self.keptAt = keptAt.millisecondsSinceEpoch
    }

    /// The mapping the upload came with.
    public var mapping: ImportMapping.FileMapping {
        ImportMapping.FileMapping(columns: columns, values: values, constants: constants)
    }
}

/// Kept uploads, each in its own private `UploadFolder` (`draft-<token>`, 0700, under the server's
/// upload folder) named by a random token, with the owner and the time it was kept beside it.
/// A draft opens for its owner only and for `lifetime` after it was kept; the upload folder's
/// daily sweep removes what nobody opened again.
public struct ImportDrafts: Sendable {
    public let root: URL
    /// One hour: enough to fix a mapping, short for personal data to lie around.
    public static let lifetime: Int64 = 3_600_000
    static let metadataName = "draft.json"
    /// The metadata holds at most a mapping file (`MappingFileReader.maxBytes`) and a few names.
    static let maxMetadataBytes = 2 * MappingFileReader.maxBytes

    public init(root: URL) { self.root = root }

    /// Moves `file` (an upload in its own folder) into a new draft; returns the draft's token.
    public func keep(file: URL, draft: ImportDraft) throws -> String {
        let token = Secrets.token(bytes: 18)
        let folder = try UploadFolder(root: root, id: "draft-\(token)")
        var draft = draft
        draft.filename = Self.storedName(draft.filename, original: file)
        try FileManager.default.moveItem(at: file, to: folder.url.appendingPathComponent(draft.filename))
        let meta = try folder.newFile(Self.metadataName)
        try JSONEncoder().encode(draft).write(to: meta)
        return token
    }

    /// The draft and its file, when `token` names a draft of `owner` kept less than `lifetime`
    /// ago; nil otherwise (an unknown, foreign or expired token reads the same).
    public func open(_ token: String, owner: String, now: Instant) -> (draft: ImportDraft, path: String)? {
        guard let folder = folder(token),
            let data = FileManager.default.contents(atPath: folder.appendingPathComponent(Self.metadataName).path),
            data.count <= Self.maxMetadataBytes, let draft = try? JSONDecoder().decode(ImportDraft.self, from: data),
            draft.owner == owner, draft.entity != nil, Self.storedName(draft.filename, original: nil) == draft.filename
        else { return nil }
        let age = now.millisecondsSinceEpoch - draft.keptAt
        guard age >= 0, age <= Self.lifetime else {
            discard(token)
            return nil
        }
        let path = folder.appendingPathComponent(draft.filename).path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return (draft, path)
    }

    public func discard(_ token: String) {
        if let folder = folder(token) { try? FileManager.default.removeItem(at: folder) }
    }

    /// The folder of a well-formed token (base64url, as `Secrets.token` writes it); nil otherwise,
    /// so a token can never name a path outside the root.
    func folder(_ token: String) -> URL? {
        guard (16...64).contains(token.count),
            token.unicodeScalars.allSatisfy({
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_"
            })
        else { return nil }
        return root.appendingPathComponent("draft-\(token)")
    }

    /// The kept file's name: the upload's own (its extension tells a workbook from a CSV), never
    /// the metadata's, never hidden.
    static func storedName(_ filename: String, original: URL?) -> String {
        let name = (filename as NSString).lastPathComponent
        if name.isEmpty || name.hasPrefix(".") || name == metadataName || name == UploadFolder.rejectedName
            || name.count > 200
        {
            return "sheet" + (original.map { SheetImporter.isWorkbook($0.path) ? ".xlsx" : ".csv" } ?? "")
        }
        return name
    }
}
