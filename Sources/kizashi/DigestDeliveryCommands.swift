import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

/// `kizashi digest send`: sends the review now, as the schedule would (issue 24 §1), to check the
/// webhooks and the mail relay without waiting for the slot.
struct DigestSendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send the review now to the webhooks and addresses of the digest.* settings (logged as manual).",
        discussion: """
            The period is digest.period (last-week by default) read against --as-of; the language digest.lang.
            Webhooks: digest.webhooks (all active ones by default). E-mail: digest.email_to, through --smtp.
            --per-owner: each owner with a route (`kizashi owner-routes`) also gets a review of their own accounts.
            digest.segments: each saved segment named there gets its own review at its own destinations.
            Exits 1 when any destination failed; each outcome is printed and kept in `kizashi digest log`.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var mail: SMTPOptions
    @Option(help: "Read the period against this day (YYYY-MM-DD; default today in the workspace time zone).")
    var asOf: String?
    @Flag(help: "Allow webhooks to loopback, link-local and private addresses (receivers on your own network).")
    var allowPrivateWebhooks = false
    @Flag(
        inversion: .prefixedNo,
        help: "Also send each routed owner a review of their own accounts (default: the digest.per_owner setting).")
    var perOwner: Bool?

    func run() async throws {
        let relay = try mail.configuration()
        var failed = 0
        try await AsOfWorkspace.run(workspace, asOf: asOf) { w in
            let delivery = DigestDelivery(
                store: w.store, data: w.data, webhookGuard: WebhookGuard(allowPrivate: allowPrivateWebhooks),
                mail: relay.map { SMTPMailSender(configuration: $0) })
            let plan = DigestDeliverySettings(settings: try await w.store.settings())
            let records = try await delivery.send(
                plan, slot: DigestDelivery.manualSlot, asOf: w.day, perOwner: perOwner)
            if records.isEmpty {
                print("No destination: set digest.webhooks / add a webhook, or digest.email_to.")
            }
            for r in records { print(DigestLogCommand.line(r)) }
            failed = records.filter { $0.status == .failed }.count
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

/// `kizashi digest log`: the latest deliveries of the review, newest first.
struct DigestLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "The latest deliveries of the review (scheduled and manual), newest first.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "How many (1–1000).") var limit = 20

    func run() async throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be 1 to 1000") }
        let store = try await workspace.open()
        do {
            let log = try await store.digestDeliveries(limit: limit)
            if log.isEmpty { print("No review has been sent yet.") }
            for r in log { print(Self.line(r)) }
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// `2026-12-07T09:00  webhook 1  sent`, with the error of a failure.
    static func line(_ r: DigestDeliveryRecord) -> String {
        let who = r.channel == .webhook ? "webhook \(r.destination)" : r.destination
        return "\(r.slot)  \(who)  \(r.status.rawValue)" + (r.error.map { "  \($0)" } ?? "")
    }
}
