import ArgumentParser
import KizashiApp
import KizashiStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations to the workspace and exit.",
        discussion: """
            Every command applies pending migrations when it opens a workspace; run this one ahead of a
            deploy to do it on purpose. On PostgreSQL an advisory lock makes it safe while servers start.
            """
    )
    @OptionGroup var workspace: WorkspaceOptions

    func run() async throws {
        try await withStore(workspace) { store in
            print("\(store.workspaceDescription): schema \(try await store.schemaVersion()), up to date")
        }
    }
}
