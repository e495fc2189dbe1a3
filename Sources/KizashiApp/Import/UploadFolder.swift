import Foundation

/// A private folder for one uploaded import: the upload and whatever is unpacked from it live
/// here only while the import runs; afterwards only `rejected.csv` stays, for download under the
/// folder's unguessable name, until `sweep` removes it a day later.
///
/// Folders are 0700 and files 0600: uploads hold contacts' personal data, and the temporary
/// directory is shared with every user of the machine.
public struct UploadFolder: Sendable {
    public let url: URL
    public static let rejectedName = "rejected.csv"

    /// Creates `root/id` (and `root` when missing), both 0700.
    public init(root: URL, id: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        url = root.appendingPathComponent(id)
        try fm.createDirectory(at: url, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    }

    /// An empty 0600 file in the folder, ready to be written.
    public func newFile(_ name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
        else { throw ImportFailure(file: name, message: "cannot create a temporary file for the upload") }
        return file
    }

    public var rejectedPath: String { url.appendingPathComponent(Self.rejectedName).path }

    /// Removes everything but `rejected.csv` (after success and after failure alike); the
    /// folder itself goes too when nothing is left to download.
    public func discardUpload() {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: url.path)) ?? [] where name != Self.rejectedName {
            try? fm.removeItem(at: url.appendingPathComponent(name))
        }
        if ((try? fm.contentsOfDirectory(atPath: url.path)) ?? []).isEmpty { try? fm.removeItem(at: url) }
    }

    /// Removes upload folders under `root` last changed before `olderThan` (rejected rows are
    /// kept for download a day; a crash may leave an upload behind).
    public static func sweep(root: URL, olderThan cutoff: Date) {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] {
            let folder = root.appendingPathComponent(name)
            guard let changed = (try? fm.attributesOfItem(atPath: folder.path))?[.modificationDate] as? Date,
                changed < cutoff
            else { continue }
            try? fm.removeItem(at: folder)
        }
    }
}
