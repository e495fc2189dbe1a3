import ArgumentParser
import KizashiApp
import KizashiCore
import KizashiStore

/// `kizashi segment create|list|show|refresh|delete` (issue 26 §4): saved segments.
struct SegmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment", abstract: "Saved segments: rules over the target accounts, evaluated on any day.",
        discussion: """
            A rule is a conjunction of conditions separated by spaces (docs/segments.md), e.g.
            tier:1 stage>=engaged surge:セキュリティ missing:decision_maker employees>=300
            """,
        subcommands: [Create.self, List.self, Show.self, Refresh.self, Feed.self, Delete.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "e.g. `segment create 重点 --rule \"tier:1 stage>=engaged surge:セキュリティ\"`")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The name: letters, digits, - and _ (at most 64).") var name: String
        @Option(help: "The rule (at most 1000 characters, 30 conditions).") var rule: String

        func run() async throws {
            try await SegmentCommand.with(workspace) { service in
                print(SegmentRenderer.json(try await service.create(name: name, rule: rule)).serialized())
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every segment, by name.")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var output: TableOrJSONOptions

        func run() async throws {
            try await SegmentCommand.with(workspace) { service in
                output.printList(try await service.list(), json: { SegmentRenderer.json($0) }) {
                    "\($0.name)  \($0.rule)"
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A segment's members on a day, with their facts.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The segment's name.") var name: String
        @Option(help: "The day (YYYY-MM-DD; default today in the workspace's time zone).") var on: String?
        @OptionGroup var output: ReportOutput

        func run() async throws {
            let language = try output.language()
            try await SegmentCommand.with(workspace) { service in
                let day = try await SegmentCommand.day(on, service)
                let e = try await service.evaluate(name: name, on: day)
                switch output.format {
                case .json:
                    print(
                        SegmentRenderer.json(segment: e.segment, rule: e.rule, day: day, members: e.members)
                            .serialized(pretty: true))
                case .csv: print(SegmentRenderer.csv(e.members), terminator: "")
                case .table:
                    print(SegmentRenderer.table(segment: e.segment, day: day, members: e.members, language: language))
                }
            }
        }
    }

    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record who entered and who left the segment since its last refresh.",
            discussion: "A segment that feeds the target list (`segment feed`) also adds and removes targets.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The segment's name.") var name: String
        @Option(help: "The day (YYYY-MM-DD; default today in the workspace's time zone).") var on: String?

        func run() async throws {
            try await SegmentCommand.with(workspace) { service in
                let r = try await service.refresh(name: name, on: try await SegmentCommand.day(on, service))
                print(r.json.serialized(pretty: true))
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a segment and its history.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The segment's name.") var name: String

        func run() async throws {
            try await SegmentCommand.with(workspace) { service in
                try await service.delete(name: name)
                print("removed \(name)")
            }
        }
    }

    static func day(_ on: String?, _ service: SegmentService) async throws -> Day {
        if let on {
            guard let d = Day(iso: on) else { throw ValidationError("--on must be a date YYYY-MM-DD") }
            return d
        }
        let (p, _) = try await service.data.parametersAndGoals()
        return WorkspaceClock.today(in: p.timeZone)
    }

    static func with(_ workspace: WorkspaceOptions, _ body: (SegmentService) async throws -> Void) async throws {
        try await withStore(workspace) { store in
            try await refusalsAsUsageErrors {
                try await body(SegmentService(store: store, data: DashboardData(store: store)))
            }
        }
    }
}
