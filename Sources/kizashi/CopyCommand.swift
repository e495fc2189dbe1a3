import ArgumentParser
import Foundation
import KizashiApp
import KizashiStore

struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a workspace between backends (SQLite file ⇄ PostgreSQL), without loss.",
        discussion: """
            kizashi copy --from kizashi.sqlite --to postgres://kizashi@db:5432/kizashi
            kizashi copy --from postgres://kizashi@db:5432/kizashi --to backup.sqlite

            Copies everything the workspace holds — every entity, the settings, the ICP, the KPI targets,
            users (same passwords), API tokens, webhooks, site keys, tracked events and visitor identities,
            alerts and their deliveries, IP ranges, the merge log and the audit log — as it was at one
            moment (a snapshot of the source, however much a running server writes meanwhile), in one
            transaction on the destination: if anything fails, the destination is left as it was. The
            destination must be empty unless --replace is given. Browser sessions are not copied: users
            sign in again.
            """
    )
    @Option(help: "The workspace to read: a SQLite file path or a postgres:// URL.") var from: String
    @Option(help: "The workspace to write: a SQLite file path or a postgres:// URL.") var to: String
    @Flag(help: "Copy into a workspace that already holds data (rows with the same IDs are replaced).")
    var replace = false
    @Flag(help: "No progress lines.") var quiet = false

    func run() async throws {
        if from == to { throw ValidationError("--from and --to name the same workspace") }
        if !PostgresLocation.isPostgresURL(from), !FileManager.default.fileExists(atPath: from) {
            throw ValidationError("no workspace file at \(from)")
        }
        let source: any WorkspaceStore
        let destination: any WorkspaceStore
        do { source = try await WorkspaceLocation.open(from) } catch let e as StoreError {
            throw ValidationError("--from: \(e.message)")
        }
        do { destination = try await WorkspaceLocation.open(to) } catch let e as StoreError {
            try? await source.close()
            throw ValidationError("--to: \(e.message)")
        }
        let started = ContinuousClock.now
        let quiet = self.quiet
        do {
            let summary = try await WorkspaceCopier().copy(from: source, to: destination, allowNonEmpty: replace) {
                what, n in
                if !quiet, n > 0, n % 50_000 == 0 {
                    StandardError.write("copy: \(what) \(n) rows\n")
                }
            }
            try await source.close()
            try await destination.close()
            let elapsed = (ContinuousClock.now - started).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            for e in StoredEntity.allCases { print("\(e.rawValue): \(summary.counts[e] ?? 0) rows") }
            print("settings: \(summary.settings), KPI targets: \(summary.goals)")
            for t in summary.tables { print("\(t.name): \(t.rows) rows") }
            print("browser sessions: not copied (users sign in again)")
            print(String(format: "copied %d rows in %.1f s", summary.total, seconds))
        } catch {
            try? await source.close()
            try? await destination.close()
            if let e = error as? StoreError {
                throw ValidationError("copy failed, the destination is unchanged: \(e.message)")
            }
            throw error
        }
    }
}
