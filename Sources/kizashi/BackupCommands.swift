import ArgumentParser
import Foundation
import KizashiApp
import KizashiStore

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up the whole workspace into a new SQLite file, while servers keep running.",
        discussion: """
            kizashi backup backups/kizashi-2026-12-06.sqlite
            kizashi backup nightly.sqlite --db postgres://kizashi@db/kizashi

            Everything the workspace holds, as it was at one moment (see `kizashi copy`). The file is created
            with mode 600 and never overwritten. Restore it with `kizashi restore FILE`. On PostgreSQL, pg_dump
            and WAL archiving stay the tools for point-in-time recovery (docs/deploy.md).
            """)
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The new backup file.") var file: String

    func run() async throws {
        let summary: WorkspaceCopier.Summary = try await withStore(workspace) { store in
            try await refusalsAsUsageErrors { try await BackupService().backup(from: store, to: file) }
        }
        print("backed up \(summary.total) rows to \(file)")
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup file (kizashi backup) into an empty workspace.",
        discussion: """
            kizashi restore backups/kizashi-2026-12-06.sqlite --db restored.sqlite
            kizashi restore nightly.sqlite --db postgres://kizashi@db/kizashi_restored

            One transaction: a failure leaves the workspace as it was. The workspace must be empty unless
            --replace is given (rows with the same IDs are then replaced).
            """)
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The backup file.") var file: String
    @Flag(help: "Restore into a workspace that holds data (rows with the same IDs are replaced).") var replace = false

    func run() async throws {
        let summary: WorkspaceCopier.Summary = try await withStore(workspace) { store in
            do {
                return try await BackupService().restore(from: file, to: store, replace: replace)
            } catch let e as BackupService.Refusal {
                throw ValidationError(e.description)
            } catch let e as StoreError {
                throw ValidationError("restore failed, the workspace is unchanged: \(e.message)")
            }
        }
        print("restored \(summary.total) rows from \(file)")
    }
}
