import ArgumentParser
import KizashiApp
import KizashiCore

extension SegmentCommand {
    /// `kizashi segment feed NAME --tier N [--owner NAME] | --stop` (issue 26 §4).
    struct Feed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a segment feed the target list (or stop): refreshes add and remove targets.",
            discussion: """
                From the next `segment refresh` (or the daily refresh of `kizashi serve`), companies that enter
                the segment and are not targets are added at --tier with --owner; the ones it added are removed
                when they leave. Targets people added are never touched. The rule may not use tier, stage,
                coverage or missing (only targets have them). --stop keeps the accounts already added.
                """)
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The segment's name.") var name: String
        @Option(help: "The tier of the accounts it adds: 1, 2 or 3.") var tier: Int?
        @Option(help: "The owner of the accounts it adds (as the target list writes owners).") var owner: String?
        @Flag(help: "Stop feeding the target list.") var stop = false

        func validate() throws {
            if stop {
                guard tier == nil, owner == nil else { throw ValidationError("--stop takes no --tier or --owner") }
            } else {
                guard let tier, Tier(rawValue: tier) != nil else { throw ValidationError("--tier must be 1, 2 or 3") }
            }
        }

        func run() async throws {
            let chosen = tier.flatMap(Tier.init(rawValue:))
            try await SegmentCommand.with(workspace) { service in
                let segment: SavedSegment
                if let chosen, !stop {
                    segment = try await service.feed(name: name, tier: chosen, owner: owner)
                } else {
                    segment = try await service.stopFeed(name: name)
                }
                print(SegmentRenderer.json(segment).serialized())
            }
        }
    }
}
