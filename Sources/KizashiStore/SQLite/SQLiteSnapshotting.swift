import Foundation
import KizashiCore
import SQLiteNIO

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
            _ = try await reader.query("VACUUM INTO ?", [.text(path)])
        } catch {
            throw StoreError("cannot take a snapshot of the workspace (VACUUM INTO \(path)): \(error)")
        }
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
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

    public func portableRows(_ table: PortableTable, after: [SQLiteData]?, limit: Int) async throws -> [PortableRow] {
        let sql = table.pageSQL(after: after != nil) { _ in "?" }
        return try await reader.query(sql, (after ?? []) + [.integer(limit)]).map { row in
            PortableRow(columns: row.columns.map(\.name), values: row.columns.map(\.data))
        }
    }

    public func tableNames() async throws -> Set<String> {
        Set(
            try await reader.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .compactMap { $0.text("name") })
    }
}

extension SQLiteTransaction {
    func insert(portable table: PortableTable, rows: [PortableRow], replace: Bool) async throws {
        for row in rows {
            let marks = Array(repeating: "?", count: row.columns.count).joined(separator: ", ")
            try db.execute(
                "INSERT \(replace ? "OR REPLACE " : "")INTO \(table.name) (\(row.columns.joined(separator: ", "))) VALUES (\(marks))",
                row.values)
        }
    }
}
