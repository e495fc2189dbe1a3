import ArgumentParser
import KizashiApp
import KizashiStore

/// `kizashi archive`: detach old months of activities and events on PostgreSQL, or attach them
/// back (issue 23).
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Archive old months of activities and events (PostgreSQL), or restore them.",
        discussion: """
            kizashi archive --before 2024-01 --db postgres://…   detach every month before 2024-01
            kizashi archive --restore 2023-10 --db postgres://…  attach back the months from 2023-10 on
            kizashi archive --restore-all --db postgres://…      attach back every archived month
            kizashi archive --db postgres://…                    list the archived months

            Archived months of activities (by local day) and of tracked events (by UTC month of arrival)
            move, whole and indexed, to the schema kizashi_archive of the same database (never dropped).
            The day roll-ups keep counting them, but a report, attribution or journey whose window
            reaches an archived month stops with an error until it is restored. An archived event's
            messageId stays taken (a resend is a duplicate); while archived, its events are not
            resolved when their visitor is identified. The current month cannot be archived. Needs a
            PostgreSQL workspace (activities and events partitioned by month).
            """
    )
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "Archive every month wholly before this one (YYYY-MM).") var before: String?
    @Option(help: "Attach back every archived month from this one on (YYYY-MM).") var restore: String?
    @Flag(help: "Attach back every archived month.") var restoreAll = false

    func run() async throws {
        let request: ArchiveService.Request
        do {
            request = try ArchiveService.request(before: before, restore: restore, restoreAll: restoreAll)
        } catch let r as ArchiveService.Refusal {
            throw ValidationError(r.description)
        }
        try await withStore(workspace) { store in
            do {
                let months = try await ArchiveService(store: store).run(request)
                print(ArchiveService.render(request, months))
            } catch let r as ArchiveService.Refusal {
                throw ValidationError(r.description)
            }
        }
    }
}
