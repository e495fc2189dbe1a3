import ArgumentParser
import KizashiApp
import KizashiCore
import KizashiStore

/// `kizashi owner-routes set|list|remove` (issue 27 §3): where each account owner's own alerts and
/// reviews go. Audited as the command line.
struct OwnerRouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "owner-routes",
        abstract: "Route alerts and reviews of each owner's accounts (targets' owner) to that owner.",
        discussion: """
            An alert about an account goes to the team's webhooks and to the webhook of its owner's route;
            a webhook named by a route gets only that owner's alerts. With digest.per_owner on (or
            `kizashi digest send --per-owner`), each routed owner also gets a review of their own accounts.
            Owners are matched trimmed and with ASCII letters case-insensitive.
            """,
        subcommands: [SetRoute.self, List.self, Remove.self])

    struct SetRoute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "e.g. `owner-routes set 佐藤 --webhook 2 --email sato@example.co.jp`")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The owner as the target list writes it (at most 120 characters).") var owner: String
        @Option(help: "A webhook number, or a Slack webhook URL (registered as a new webhook for this owner only).")
        var webhook: String?
        @Option(help: "E-mail addresses, comma-separated (at most 5).") var email: String?
        @Flag(help: "Allow a webhook URL on loopback, link-local and private addresses (your own network).")
        var allowPrivateWebhooks = false

        func run() async throws {
            try await OwnerRouteCommand.with(workspace, allowPrivate: allowPrivateWebhooks) { service, store in
                let emails = try OwnerRoute.validEmails(commaSeparated: email ?? "").get()
                let (route, created) = try await service.set(owner: owner, webhook: webhook, emails: emails)
                await AuditTrail(store: store).record(
                    .ownerRouteSet, by: .commandLine, target: "owner \(route.owner)",
                    detail: OwnerRouteCommand.describe(route))
                if let created {
                    print("Webhook \(created.id) registered (slack); its signing secret: \(created.secret)")
                }
                print("Route set: \(OwnerRouteCommand.describe(route))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every owner route, with its accounts today.")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var output: TableOrJSONOptions

        func run() async throws {
            try await OwnerRouteCommand.with(workspace, allowPrivate: false) { service, store in
                let zone = try WorkspaceSettings.parameters(from: try await store.settings()).timeZone
                output.printList(
                    try await service.list(on: WorkspaceClock.today(in: zone)), json: OwnerRouteRendering.json,
                    empty: "No owner routes.", line: OwnerRouteRendering.line)
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an owner's route.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The owner.") var owner: String

        func run() async throws {
            try await OwnerRouteCommand.with(workspace, allowPrivate: false) { service, store in
                guard try await service.remove(owner: owner) else {
                    throw ValidationError("owner: no route for \(owner.prefix(120))")
                }
                await AuditTrail(store: store).record(.ownerRouteRemove, by: .commandLine, target: "owner \(owner)")
                print("Route removed.")
            }
        }
    }

    static func describe(_ r: OwnerRoute) -> String {
        "\(r.owner) → webhook \(r.webhookId.map(String.init) ?? "none"), e-mail \(r.emails.isEmpty ? "none" : r.emails.joined(separator: ","))"
    }

    static func with(
        _ workspace: WorkspaceOptions, allowPrivate: Bool,
        _ body: (OwnerRouteService, any WorkspaceStore) async throws -> Void
    ) async throws {
        try await withStore(workspace) { store in
            try await refusalsAsUsageErrors {
                try await body(
                    OwnerRouteService(store: store, webhookGuard: WebhookGuard(allowPrivate: allowPrivate)), store)
            }
        }
    }
}
