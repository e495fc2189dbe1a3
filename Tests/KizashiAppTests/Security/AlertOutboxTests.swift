import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Issue 25 §7: alert evaluations waited in server memory, so a crash between an event batch and
/// its evaluation lost the alerts. They wait in the store's outbox now.
@Suite("Alert evaluations survive a crash", .serialized)
struct AlertOutboxTests {
    @Test("killed (SIGKILL) after an event batch and before its evaluation, the next server still alerts")
    func killBeforeEvaluation() async throws {
        let dir = Fixture.temporaryDirectory()
        let db = dir + "/w.sqlite"
        let (s, _, e) = try CLI.run([
            "import", Fixture.path("q3-handworked"), "--db", db, "--quiet", "--rejected", dir + "/r.csv",
        ])
        #expect(s == 0, "\(e)")
        let (ts, tokenOut, te) = try CLI.run(["token", "create", "--name", "t", "--role", "editor", "--db", db])
        #expect(ts == 0, "\(te)")
        let token = tokenOut.trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            // A webhook, so each stored alert shows in the delivery log (its receiver never answers).
            let store = try await SQLiteWorkspaceStore.open(path: db)
            _ = try await store.addWebhook(
                url: "http://127.0.0.1:9/hook", kind: .generic, secret: "0123456789abcdef",
                now: Instant(millisecondsSinceEpoch: 0))
            try await store.close()
        }
        // The first server takes the batch but never evaluates it (debug-only fail point) ...
        let first = try ServeProcess(db: db, environment: ["KIZASHI_TEST_HOLD_ALERT_EVALUATION": "1"])
        #expect(try await first.waitUntilReady())
        // P1 is C1's decision maker (Fixtures/q3-handworked): a form submitted now is a high-intent action.
        let events = """
            [{"type":"identify","messageId":"k1","userId":"u1","traits":{"email":"taro@alpha.co.jp"}},
             {"type":"track","messageId":"k2","userId":"u1","event":"Form Submitted","properties":{"path":"/demo"}}]
            """
        let (status, body) = try await first.request(
            "POST", "/api/v1/events", token: token, headers: ["Content-Type": "application/json"],
            body: Data(events.utf8))
        #expect(status == 200, "\(body)")
        try await Task.sleep(for: .milliseconds(300))
        first.kill()  // SIGKILL: nothing in memory survives
        let afterCrash = try await SQLiteWorkspaceStore.open(path: db)
        #expect(try await afterCrash.deliveryLog(limit: 10).isEmpty)
        try await afterCrash.close()

        // ... the next server finds it in the outbox and alerts.
        let second = try ServeProcess(db: db)
        #expect(try await second.waitUntilReady())
        var rules: Set<AlertCandidate.Rule> = []
        let start = Date()
        while Date().timeIntervalSince(start) < 20 && !rules.contains(.highIntent) {
            try await Task.sleep(for: .milliseconds(200))
            let store = try await SQLiteWorkspaceStore.open(path: db)
            rules = Set(try await store.deliveryLog(limit: 10).filter { $0.alert.companyId == "C1" }.map(\.alert.rule))
            try await store.close()
        }
        #expect(rules.contains(.highIntent), "\(second.standardError)")
        second.kill()
    }
}
