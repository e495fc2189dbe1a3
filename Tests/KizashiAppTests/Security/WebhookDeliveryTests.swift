import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// A resolver with a fixed table, so DNS answers are part of the test.
struct FakeResolver: HostResolver {
    var table: [String: [String]]
    func addresses(of host: String) async throws -> [IPAddress] {
        guard let list = table[host] else { throw StoreError("NXDOMAIN") }
        return list.compactMap(IPAddress.init)
    }
}

/// A receiver that records what it was sent and answers after `delay`.
final class RecordingSender: WebhookSender, @unchecked Sendable {
    let lock = NSLock()
    var calls: [(url: String, pinned: IPAddress?, timeout: Duration)] = []
    var status = 200
    var delay: Duration = .zero
    func post(
        url: String, to destination: WebhookGuard.Destination, headers: [(String, String)], body: Data,
        timeout: Duration
    ) async throws -> Int {
        lock.withLock { calls.append((url, destination.pinned, timeout)) }
        if delay > .zero { try await Task.sleep(for: min(delay, timeout)) }
        if delay > timeout { throw StoreError("timed out") }
        return lock.withLock { status }
    }
}

@Suite("Webhooks: destinations checked, retries over a day, rounds inside their lease")
struct WebhookDeliveryTests {
    @Test("private destinations are refused, by literal and after resolution; all answers must be public")
    func guardrail() async {
        let g = WebhookGuard(
            resolver: FakeResolver(table: [
                "hooks.example.com": ["93.184.216.34"], "rebind.example.com": ["93.184.216.34", "127.0.0.1"],
                "metadata.example.com": ["169.254.169.254"], "localhost": ["127.0.0.1", "::1"],
            ]))
        guard case .success(let ok) = await g.check("https://hooks.example.com/x") else {
            Issue.record("a public host was refused")
            return
        }
        #expect(ok.pinned == IPAddress("93.184.216.34"))
        for url in [
            "http://127.0.0.1:8080/", "http://[::1]/", "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.5/", "http://[fd00::1]/", "https://rebind.example.com/", "https://metadata.example.com/",
            "http://localhost:9/",
        ] {
            guard case .failure(.notPublic) = await g.check(url) else {
                Issue.record("\(url) was not refused as private")
                continue
            }
        }
        guard case .failure(.unresolved) = await g.check("https://nowhere.example.com/") else {
            Issue.record("an unresolvable host was accepted")
            return
        }
        let open = WebhookGuard(resolver: FakeResolver(table: [:]), allowPrivate: true)
        guard case .success(let local) = await open.check("http://127.0.0.1:8080/") else {
            Issue.record("--allow-private-webhooks did not allow loopback")
            return
        }
        #expect(local.pinned == nil)
    }

    @Test("the retry schedule: 30 s × 4ⁿ capped at 12 h; the eight waits between nine attempts span over 24 h")
    func schedule() {
        let waits = (1..<WebhookDeliverer.maxAttempts).map { WebhookDeliverer.retryDelaySeconds(afterAttempts: $0) }
        // 30, 120, 480, 1920, 7680, 30720, 43200 (cap), 43200.
        #expect(waits == [30, 120, 480, 1_920, 7_680, 30_720, 43_200, 43_200])
        #expect(waits.reduce(0, +) == 127_350)  // 35 h 22 min 30 s
        #expect(waits.reduce(0, +) >= 86_400)
    }
}

/// Two servers on one workspace and a receiver slower than the lease: the round must give up
/// before its lease ends, so the other server never sends the same alert while the first waits
/// (issue 25 §5). Before the fix the lease was a fixed minute and a request could wait 10 s per
/// delivery, 16 waits per round: with a lease shorter than the wait the second server re-claimed.
@Suite("Delivery leases", .serialized)
struct DeliveryLeaseTests {
    static func clock() -> @Sendable () -> Instant {
        { Instant(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000)) }
    }

    func slowReceiverSentOnce(_ store: any WorkspaceStore) async throws {
        let now = Self.clock()
        _ = try await store.addWebhook(
            url: "https://hooks.example.com/slow", kind: .generic, secret: "0123456789abcdef", now: now())
        let alert = AlertCandidate(
            companyId: "C1", companyName: "Alpha", rule: .highIntent, reasonKey: "form", en: "e", ja: "j", score: 60)
        _ = try await store.enqueue(
            alert, now: now(), cooldownSince: Instant(millisecondsSinceEpoch: 0))
        let sender = RecordingSender()
        sender.delay = .seconds(30)
        let guardrail = WebhookGuard(resolver: FakeResolver(table: ["hooks.example.com": ["93.184.216.34"]]))
        // Lease 4 s: a quarter (1 s) is kept free, so no request may wait past 3 s after the claim.
        let first = WebhookDeliverer(guardrail: guardrail, sender: sender, lease: .seconds(4))
        let second = WebhookDeliverer(guardrail: guardrail, sender: sender, lease: .seconds(4))
        let started = Date()
        async let a = first.deliverDue(store: store, now: now)
        // The second server polls every 250 ms for 6 s — past the first's lease.
        var secondSent = 0
        while Date().timeIntervalSince(started) < 6 {
            secondSent += try await second.deliverDue(store: store, now: now)
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(try await a == 0)
        #expect(secondSent == 0)
        let calls = sender.lock.withLock { sender.calls }
        #expect(calls.count == 1)
        #expect(calls.first.map { $0.timeout <= .seconds(3) } == true)
        #expect(calls.first?.pinned == IPAddress("93.184.216.34"))
        let log = try await store.deliveryLog(limit: 5)
        #expect(log.count == 1 && log[0].attempts == 1 && log[0].status == .pending)
        // Re-sent by hand: pending now with fresh attempts, sent by the next round.
        sender.lock.withLock { sender.delay = .zero }
        #expect(try await store.resendDelivery(id: log[0].id, now: now()))
        #expect(try await first.deliverDue(store: store, now: now) == 1)
        #expect(try await store.deliveryLog(limit: 5)[0].status == .sent)
        #expect(try await store.resendDelivery(id: 999_999, now: now()) == false)
    }

    @Test("SQLite: a slow receiver gets the alert once, however many servers poll")
    func sqlite() async throws {
        let dir = Fixture.temporaryDirectory()
        let store = try await WorkspaceLocation.open(dir + "/w.sqlite")
        try await slowReceiverSentOnce(store)
        try await store.close()
    }

    @Test(
        "PostgreSQL: a slow receiver gets the alert once, however many servers poll",
        .disabled(if: !PostgresTestServer.enabled, "KIZASHI_TEST_POSTGRES_URL is not set"))
    func postgres() async throws {
        let store = try await WorkspaceLocation.open(try await PostgresTestServer.freshDatabase())
        try await slowReceiverSentOnce(store)
        try await store.close()
    }
}
