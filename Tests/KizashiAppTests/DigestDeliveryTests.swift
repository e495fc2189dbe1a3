import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// A receiver that keeps every body it was sent, by URL.
final class BodyRecordingSender: WebhookSender, @unchecked Sendable {
    let lock = NSLock()
    var bodies: [(url: String, headers: [(String, String)], body: Data)] = []
    func post(
        url: String, to destination: WebhookGuard.Destination, headers: [(String, String)], body: Data,
        timeout: Duration
    ) async throws -> Int {
        lock.withLock { bodies.append((url, headers, body)) }
        return url.contains("broken") ? 500 : 200
    }
}

/// A mail relay that keeps the messages and refuses the addresses it is told to.
final class RecordingMailer: MailSender, @unchecked Sendable {
    let from = "kizashi@example.co.jp"
    let lock = NSLock()
    var messages: [MailMessage] = []
    var refuse: Set<String> = []
    func send(_ message: MailMessage) async throws {
        if message.to.contains(where: refuse.contains) { throw StoreError("550 mailbox unavailable") }
        lock.withLock { messages.append(message) }
    }
}

/// The scheduled review (issue 24 §1) on the hand-worked Q3 package: sent once per slot whatever
/// the number of servers, to the chosen webhooks and addresses, each outcome in the log, and
/// what is sent is exactly `kizashi digest` for the same period and day.
@Suite("Digest: scheduled delivery", .serialized)
struct DigestDeliveryTests {
    /// 2026-10-01 is a Thursday; 09:00:30 JST is 00:00:30 UTC.
    static let slotTime = Instant(
        millisecondsSinceEpoch: Int64(Day(iso: "2026-10-01")!.daysSinceEpoch) * 86_400_000 + 30_000)

    static func store(_ settings: [String: String]) async throws -> any WorkspaceStore {
        let (store, _) = try await Fixture.newStore()
        _ = try await PackageImporter(store: store).importPackage(
            at: Fixture.path("q3-handworked"), options: .init(rejectedPath: nil))
        try await store.transaction { tx in
            for (k, v) in settings { try await tx.setSetting(k, to: v) }
        }
        return store
    }

    static func delivery(
        _ store: any WorkspaceStore, server: String, sender: BodyRecordingSender, mail: (any MailSender)?,
        at: Instant = slotTime
    ) -> DigestDelivery {
        DigestDelivery(
            store: store, data: DashboardData(store: store),
            webhookGuard: WebhookGuard(resolver: FakeResolver(table: [:]), allowPrivate: true), webhookSender: sender,
            mail: mail, server: server, now: { at })
    }

    @Test("thu 09:00, two servers at once: one sends to 2 webhooks and 2 addresses, the log has the 4 outcomes")
    func onceAcrossServers() async throws {
        let store = try await Self.store([
            "digest.schedule": "thu 09:00", "digest.period": "last-month", "digest.lang": "en",
            "digest.email_to": "ops@example.co.jp,gone@example.co.jp",
        ])
        defer { Task { try? await store.close() } }
        let t0 = Self.slotTime
        let slack = try await store.addWebhook(url: "http://127.0.0.1:9/slack", kind: .slack, secret: "s1", now: t0)
        let generic = try await store.addWebhook(url: "http://127.0.0.1:9/hook", kind: .generic, secret: "s2", now: t0)
        let off = try await store.addWebhook(url: "http://127.0.0.1:9/off", kind: .generic, secret: "s3", now: t0)
        try await store.setWebhook(id: off.id, active: false)
        let sender = BodyRecordingSender()
        let mailer = RecordingMailer()
        mailer.refuse = ["gone@example.co.jp"]
        let a = Self.delivery(store, server: "a", sender: sender, mail: mailer)
        let b = Self.delivery(store, server: "b", sender: sender, mail: mailer)
        async let ra = a.sendDue()
        async let rb = b.sendDue()
        let results = [try await ra, try await rb]
        #expect(results.compactMap { $0 }.count == 1, "exactly one server sends the slot")
        // The inactive webhook gets nothing: 2 posts, 1 message (the refused address is logged).
        #expect(sender.bodies.map(\.url).sorted() == ["http://127.0.0.1:9/hook", "http://127.0.0.1:9/slack"])
        #expect(mailer.messages.map(\.to) == [["ops@example.co.jp"]])
        let log = try await store.digestDeliveries(limit: 10)
        #expect(log.count == 4 && log.allSatisfy { $0.slot == "2026-10-01T09:00" })
        let byDestination = Dictionary(uniqueKeysWithValues: log.map { ($0.destination, $0) })
        #expect(byDestination[String(slack.id)]?.status == .sent && byDestination[String(generic.id)]?.status == .sent)
        #expect(byDestination["ops@example.co.jp"]?.status == .sent)
        #expect(byDestination["gone@example.co.jp"]?.status == .failed)
        #expect(byDestination["gone@example.co.jp"]?.error?.contains("550") == true)

        // What was sent is `kizashi digest --period last-month --as-of 2026-10-01 --lang en`:
        // September 2026 (the calendar month before October).
        let september = KPIPeriod(label: "2026-09")!
        let expected = try await DigestService(store: store, data: DashboardData(store: store)).digest(
            period: september, asOf: Day(iso: "2026-10-01")!, tier: nil)
        #expect(mailer.messages[0].text == DigestMarkdown.render(expected, language: .en))
        #expect(mailer.messages[0].subject.contains("2026-09"))
        let slackBody = sender.bodies.first { $0.url.hasSuffix("/slack") }!.body
        let slackText = try JSONSerialization.jsonObject(with: slackBody) as? [String: Any]
        #expect(slackText?["text"] as? String == DigestSlack.render(expected, language: .en))
        let hook = sender.bodies.first { $0.url.hasSuffix("/hook") }!
        #expect(hook.headers.contains { $0 == ("X-Kizashi-Event", "digest") })
        let json = try JSONSerialization.jsonObject(with: hook.body) as? [String: Any]
        #expect(json?["digest"] is [String: Any])

        // The slot is done: later in its grace period, neither server sends it again.
        let later = Instant(millisecondsSinceEpoch: Self.slotTime.millisecondsSinceEpoch + 3_600_000)
        #expect(try await Self.delivery(store, server: "c", sender: sender, mail: mailer, at: later).sendDue() == nil)
        #expect(sender.bodies.count == 2)
    }

    @Test("not the schedule's day, or no schedule: nothing is claimed or sent")
    func notDue() async throws {
        let store = try await Self.store(["digest.schedule": "mon 09:00"])
        defer { Task { try? await store.close() } }
        let sender = BodyRecordingSender()
        _ = try await store.addWebhook(url: "http://127.0.0.1:9/hook", kind: .generic, secret: "s", now: Self.slotTime)
        #expect(try await Self.delivery(store, server: "a", sender: sender, mail: nil).sendDue() == nil)
        let unscheduled = try await Self.store([:])
        defer { Task { try? await unscheduled.close() } }
        #expect(try await Self.delivery(unscheduled, server: "a", sender: sender, mail: nil).sendDue() == nil)
        #expect(sender.bodies.isEmpty)
        // The Thursday slot was never claimed: a server that later has it on schedule may send it.
        #expect(
            try await store.claimDigestSlot(
                "2026-10-01T09:00", by: "x", at: Self.slotTime, staleBefore: Instant(millisecondsSinceEpoch: 0)))
    }

    @Test("digest.webhooks picks webhooks by number; without --smtp each address is a logged failure")
    func choices() async throws {
        let store = try await Self.store([
            "digest.schedule": "daily 09:00", "digest.webhooks": "2", "digest.email_to": "ops@example.co.jp",
        ])
        defer { Task { try? await store.close() } }
        let sender = BodyRecordingSender()
        let first = try await store.addWebhook(
            url: "http://127.0.0.1:9/one", kind: .generic, secret: "s", now: Self.slotTime)
        let second = try await store.addWebhook(
            url: "http://127.0.0.1:9/broken", kind: .generic, secret: "s", now: Self.slotTime)
        #expect(first.id == 1 && second.id == 2)
        let records = try await Self.delivery(store, server: "a", sender: sender, mail: nil).sendDue()
        #expect(sender.bodies.map(\.url) == ["http://127.0.0.1:9/broken"])
        // The receiver answered 500: logged as failed with the status, never the URL.
        let hook = records?.first { $0.channel == .webhook }
        #expect(hook?.status == .failed && hook?.error == "HTTP 500" && hook?.destination == "2")
        let mail = records?.first { $0.channel == .email }
        #expect(mail?.status == .failed && mail?.error?.contains("--smtp") == true)
    }

    @Test("a server that died while sending: after the lease another takes the slot and sends only what is missing")
    func takeover() async throws {
        let store = try await Self.store([
            "digest.schedule": "thu 09:00", "digest.email_to": "ops@example.co.jp,cmo@example.co.jp",
            "digest.webhooks": "none",
        ])
        defer { Task { try? await store.close() } }
        // Server "dead" claimed the slot at 09:00:30 and logged ops@ as sent, then died.
        let slot = "2026-10-01T09:00"
        #expect(
            try await store.claimDigestSlot(
                slot, by: "dead", at: Self.slotTime, staleBefore: Instant(millisecondsSinceEpoch: 0)))
        try await store.recordDigestDeliveries([
            DigestDeliveryRecord(
                slot: slot, channel: .email, destination: "ops@example.co.jp", status: .sent, error: nil,
                at: Self.slotTime)
        ])
        let sender = BodyRecordingSender()
        let mailer = RecordingMailer()
        // 10 minutes later the claim is still the dead server's: nothing is sent.
        let early = Instant(millisecondsSinceEpoch: Self.slotTime.millisecondsSinceEpoch + 600_000)
        #expect(try await Self.delivery(store, server: "b", sender: sender, mail: mailer, at: early).sendDue() == nil)
        // 31 minutes later (lease 30 min) another server takes it over and sends only cmo@.
        let late = Instant(
            millisecondsSinceEpoch: Self.slotTime.millisecondsSinceEpoch + DigestDelivery.claimLeaseMilliseconds
                + 60_000)
        let records = try await Self.delivery(store, server: "b", sender: sender, mail: mailer, at: late).sendDue()
        #expect(records?.map(\.destination) == ["cmo@example.co.jp"])
        #expect(mailer.messages.map(\.to) == [["cmo@example.co.jp"]])
        // Finished: a third server an hour later sends nothing.
        let after = Instant(millisecondsSinceEpoch: late.millisecondsSinceEpoch + 3_600_000)
        #expect(try await Self.delivery(store, server: "c", sender: sender, mail: mailer, at: after).sendDue() == nil)
        #expect(mailer.messages.count == 1)
    }
}
