import KizashiApp
import KizashiCore
import Testing

/// One CRM run at a time per provider: a second run asked while one sends is refused (from the
/// API) or queued (the schedule); another provider's run is not held.
@Suite("CRM sync gate")
struct CRMSyncGateTests {
    actor Log {
        var lines: [String] = []
        func add(_ s: String) { lines.append(s) }
    }

    /// Waits until `condition` holds (the first run has started), at most 5 s.
    static func until(_ condition: @Sendable () async -> Bool) async throws {
        for _ in 0..<500 {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the condition never held")
    }

    @Test("refused while running (who and how long ago), queued with wait, other providers free")
    func gate() async throws {
        let gate = CRMSyncGate()
        let log = Log()
        let (release, releaser) = AsyncStream<Void>.makeStream()
        let t0 = Instant(millisecondsSinceEpoch: 1_000_000)
        let first = Task {
            try await gate.exclusive("hubspot", by: "schedule", at: t0, wait: false) {
                await log.add("first start")
                for await _ in release { break }
                await log.add("first end")
            }
        }
        try await Self.until { await gate.current("hubspot") != nil }
        #expect(await gate.current("hubspot") == .init(startedBy: "schedule", since: t0))

        // 42.9 s later from the API: refused, naming the run in progress (42 s, rounded down).
        let later = Instant(millisecondsSinceEpoch: 1_042_900)
        await #expect(throws: CRMSyncBusy(provider: "hubspot", startedBy: "schedule", secondsAgo: 42)) {
            try await gate.exclusive("hubspot", by: "admin@example.com", at: later, wait: false) {
                await log.add("refused run ran")
            }
        }
        // Another CRM is not held.
        try await gate.exclusive("salesforce", by: "api", at: later, wait: false) { await log.add("salesforce") }
        // A waiting run starts only after the first ends.
        let queued = Task {
            try await gate.exclusive("hubspot", by: "schedule", at: later, wait: true) { await log.add("queued") }
        }
        try await Task.sleep(for: .milliseconds(50))
        releaser.yield()
        try await first.value
        try await queued.value
        #expect(await log.lines == ["first start", "salesforce", "first end", "queued"])
        #expect(await gate.current("hubspot") == nil)
    }
}
