import Foundation
import KizashiCore
import KizashiStore

/// `kizashi backup` and `kizashi restore`: a whole workspace as one SQLite file, consistent while
/// servers keep writing (it is read from one snapshot — `WorkspaceCopier`), and back.
///
/// Why a Kizashi copy rather than the database's own dump: the same command works on both
/// backends, the file opens with `kizashi … --db FILE` at once, and a restore goes through the
/// store's own rules (roll-ups rebuilt), so the restored workspace gives byte-identical KPIs.
/// On PostgreSQL, `pg_dump` stays the tool for point-in-time recovery (docs/deploy.md).
public struct BackupService: Sendable {
    public init() {}

    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Writes `source` to a new SQLite file at `path` (refused when the file exists: a backup never
    /// overwrites one). The file is 0600: it holds contacts' personal data and password hashes.
    public func backup(
        from source: any WorkspaceStore, to path: String,
        progress: @escaping @Sendable (String, Int) -> Void = { _, _ in }
    ) async throws -> WorkspaceCopier.Summary {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw Refusal(description: "\(path) exists; a backup never overwrites a file (choose a new name)")
        }
        let destination = try await SQLiteWorkspaceStore.open(path: path)
        do {
            do {
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            } catch {
                throw Refusal(description: "cannot make \(path) readable by its owner only (0600): \(error)")
            }
            let summary = try await WorkspaceCopier().copy(from: source, to: destination, progress: progress)
            try await destination.close()
            return summary
        } catch {
            try? await destination.close()
            for suffix in ["", "-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: path + suffix)
            }
            throw error
        }
    }

    /// Copies the backup at `path` into `destination` (empty unless `replace`).
    public func restore(from path: String, to destination: any WorkspaceStore, replace: Bool) async throws
        -> WorkspaceCopier.Summary
    {
        guard FileManager.default.fileExists(atPath: path) else {
            throw Refusal(description: "no backup file at \(path)")
        }
        let source = try await SQLiteWorkspaceStore.open(path: path)
        do {
            let summary = try await WorkspaceCopier().copy(from: source, to: destination, allowNonEmpty: replace)
            try await source.close()
            return summary
        } catch {
            try? await source.close()
            throw error
        }
    }
}
