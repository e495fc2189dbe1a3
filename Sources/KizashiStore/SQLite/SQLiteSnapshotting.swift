import Foundation
import KizashiCore

/// `kizashi copy` from an SQLite workspace: one moment's copy, then read at leisure.
extension SQLiteWorkspaceStore {
    /// `VACUUM INTO` writes the whole database as one read transaction saw it into a new file
    /// (SQLite ≥ 3.27); the copy is read from that file, so writes made meanwhile by a running
    /// server cannot mix into it. It needs free disk space the size of the workspace, for as long
    /// as the copy runs.
    public func withSnapshot<T: Sendable>(
        _ body: @Sendable (any WorkspaceStore) async throws -> T
    ) async throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kizashi-snapshot-\(UUID().uuidString).sqlite"
        ).path
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: path + suffix)
            }
        }
        do {
            _ = try await read("VACUUM INTO \(path)")
        } catch {
            throw StoreError("cannot take a snapshot of the workspace (VACUUM INTO \(path)): \(error)")
        }
        do {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw StoreError("cannot make the snapshot \(path) readable by its owner only (0600): \(error)")
        }
        let snapshot = try await SQLiteWorkspaceStore.open(path: path)
        do {
            let result = try await body(snapshot)
            try await snapshot.close()
            return result
        } catch {
            try? await snapshot.close()
            throw error
        }
    }

    public func tableNames() async throws -> Set<String> {
        Set(
            try await read("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .compactMap { $0.text("name") })
    }
}

extension SQLiteTransaction {
    /// Rows as read from the other backend; `replace` replaces a row that clashes on any unique
    /// key (`INSERT OR REPLACE`).
    func insert(portable table: PortableTable, rows: [PortableRow], replace: Bool) async throws {
        for row in rows {
            let marks = Array(repeating: "?", count: row.columns.count).joined(separator: ", ")
            try db.execute(
                "INSERT \(replace ? "OR REPLACE " : "")INTO \(table.name) (\(row.columns.joined(separator: ", "))) VALUES (\(marks))",
                row.values)
        }
    }
}
