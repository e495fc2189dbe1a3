import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

/// `kizashi audience preview|export` (issue 27 §2): a segment or the target list as a file for
/// LinkedIn, Google Ads, Meta or other tools (docs/activation.md §Audiences).
struct AudienceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audience", abstract: "Audiences for the ad platforms, from a segment or the target list.",
        subcommands: [Preview.self, Export.self])

    /// The options both subcommands share: which accounts, on which day.
    struct Selection: ParsableArguments {
        @Option(help: "target-list or segment:NAME.") var from: String
        @Option(help: "Only accounts of this tier (1, 2 or 3).") var tier: Int?
        @Option(help: "The day (YYYY-MM-DD; default today in the workspace's time zone).") var on: String?

        func request() throws -> AudienceService.Request {
            do {
                let source = try AudienceSource(parsing: from)
                var day: Day?
                if let on {
                    guard on.utf8.count == 10, let d = Day(iso: on) else {
                        throw ValidationError("--on must be a date YYYY-MM-DD")
                    }
                    day = d
                }
                return AudienceService.Request(source: source, tier: try TierOption.resolve(tier), day: day)
            } catch let p as AudienceRequestProblem {
                throw ValidationError("--\(p.description)")
            }
        }
    }

    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count the accounts and the contacts with usable keys, as JSON (what the API's preview returns).")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var selection: Selection

        func run() async throws {
            let request = try selection.request()
            try await AudienceCommand.with(workspace) { service in
                print(try await service.preview(request).json.serialized(pretty: true))
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the audience file; the counts go to standard error first.",
            discussion: """
                linkedin: LinkedIn's company list template. google-ads: Customer Match (e-mails and phones
                SHA-256 hashed). meta: Meta customer file (hashed). csv: accounts for other tools.
                """)
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var selection: Selection
        @Option(help: "The file's format (the discussion above says what each holds).") var format: AudienceFormat
        @Option(help: "The file to write (created readable by its owner only).") var out: String

        func run() async throws {
            let request = try selection.request()
            let fileFormat = format
            try await AudienceCommand.with(workspace) { service in
                let (preview, file) = try await service.export(request, format: fileFormat)
                FileHandle.standardError.write(Data((AudienceCommand.summary(preview) + "\n").utf8))
                guard
                    FileManager.default.createFile(
                        atPath: out, contents: Data(file.utf8), attributes: [.posixPermissions: 0o600])
                else { throw ValidationError("cannot write \(out)") }
                FileHandle.standardError.write(Data("Wrote \(out) (\(fileFormat.rawValue)).\n".utf8))
            }
        }
    }

    /// `accounts 3 (with domain 2), contacts 4 (e-mail 3, phone 2, usable 4)`.
    static func summary(_ p: AudienceService.Preview) -> String {
        let c = p.counts
        return
            "\(p.source) on \(p.day)\(p.tier.map { ", tier \($0.rawValue)" } ?? ""): accounts \(c.accounts) (with domain \(c.accountsWithDomain)), contacts \(c.contacts) (e-mail \(c.contactsWithEmail), phone \(c.contactsWithPhone), usable \(c.contactsWithKey))"
    }

    static func with(_ workspace: WorkspaceOptions, _ body: (AudienceService) async throws -> Void) async throws {
        try await withStore(workspace) { store in
            try await refusalsAsUsageErrors {
                try await body(AudienceService(store: store, data: DashboardData(store: store)))
            }
        }
    }
}

/// Typed like every other `--format` (issue 19 §5): the parser names the four choices.
extension AudienceFormat: ExpressibleByArgument {}
