import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

@main
struct Kizashi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kizashi",
        abstract: "Kizashi (兆し) — measure your ABM programme phase by phase and know which accounts to approach.",
        discussion: """
            The workspace is a SQLite file or a PostgreSQL database: --db PATH|postgres://user:pass@host:5432/db,
            else $KIZASHI_DATABASE_URL, else ./kizashi.sqlite. On PostgreSQL, --read-db URL (else
            $KIZASHI_READ_DATABASE_URL) sends the reports' reads to a streaming replica; writes go to --db.
            Start with `kizashi demo` to load a realistic demo workspace and print its KPI report.
            """,
        subcommands: [
            DemoCommand.self, ImportCommand.self, ExportCommand.self, KPICommand.self, AttributionCommand.self,
            SettingsCommand.self,
            ICPCommand.self, TargetCommand.self, NowCommand.self, ServeCommand.self, UserCommand.self,
            TokenCommand.self, AuditCommand.self, SiteKeyCommand.self, IPRangesCommand.self, BacktestCommand.self,
            DuplicatesCommand.self, MergeCommand.self, CopyCommand.self, BackupCommand.self, RestoreCommand.self,
            MigrateCommand.self, BenchRankCommand.self, ModelCommand.self, ExperimentCommand.self,
            TargetListCommand.self, InitiativeCommand.self, ReviewCommand.self,
            JourneyCommand.self, DigestCommand.self, ReportCommand.self, SegmentCommand.self, AudienceCommand.self,
            SyncCommand.self, OwnerRouteCommand.self, ArchiveCommand.self,
        ]
    )
}

/// Options every workspace command takes.
struct WorkspaceOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "Workspace: a SQLite file path or a postgres:// URL (default $KIZASHI_DATABASE_URL or ./kizashi.sqlite).")
    var db: String?

    @Option(
        name: .customLong("read-db"),
        help: """
            PostgreSQL only: a postgres:// URL of a streaming replica of --db; reports and pages read \
            from it (they may lag the primary by the replication delay), every write goes to --db \
            (default $KIZASHI_READ_DATABASE_URL, else none).
            """)
    var readDb: String?

    var location: String { WorkspaceLocation.resolve(db) }
    /// The read replica, if any (`--read-db`, else `$KIZASHI_READ_DATABASE_URL`).
    var readLocation: String? { WorkspaceLocation.resolveReadReplica(readDb) }

    /// The store, with its read replica when one is given; a failure is the store's own error.
    func openStore(servingReaders: Bool = false) async throws -> any WorkspaceStore {
        try await WorkspaceLocation.open(location, readReplica: readLocation, servingReaders: servingReaders)
    }

    func open() async throws -> any WorkspaceStore {
        do {
            return try await openStore()
        } catch let e as StoreError {
            throw ValidationError(e.message)
        }
    }
}

/// The UI language: --lang, else the locale's (LC_ALL, LC_MESSAGES, LANG), else English.
enum LanguageOption {
    static func resolve(_ explicit: String?) throws -> Language {
        if let explicit {
            guard let l = Language(rawValue: explicit.lowercased()) else {
                throw ValidationError("--lang must be ja or en (got \(explicit))")
            }
            return l
        }
        let env = ProcessInfo.processInfo.environment
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = env[key], !v.isEmpty { return v.lowercased().hasPrefix("ja") ? .ja : .en }
        }
        return .en
    }
}

/// Writes to standard error (progress, warnings), keeping standard output for results.
enum StandardError {
    static func write(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }
}

/// Runs `body` on an opened store and closes it whatever happens.
func withStore<T>(_ options: WorkspaceOptions, _ body: (any WorkspaceStore) async throws -> T) async throws -> T {
    let store = try await options.open()
    do {
        let r = try await body(store)
        try await store.close()
        return r
    } catch {
        try? await store.close()
        throw error
    }
}
