import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiServer
import KizashiStore
import NIOConcurrencyHelpers
import Testing

@Suite("Alerts")
struct AlertTests {
    static func row(_ score: Double, change: Double, tier: Tier = .one) -> AccountListRow {
        AccountListRow(
            companyId: "A", name: "Acme", tier: tier, icpMatch: true, score: score, scoreChange7d: change,
            engagedContacts: 1, topTopics: [], surging: false, lastActivity: nil, openPipeline: 0)
    }

    /// P1 (C1's decision maker, active before) submits a form today (see deliveryWithRetry).
    static let formEvent = """
        [{"type":"identify","messageId":"e1","userId":"u1","traits":{"email":"taro@alpha.co.jp"}},
         {"type":"track","messageId":"e2","userId":"u1","event":"Form Submitted","timestamp":"2026-09-30T11:00:00+09:00",
          "properties":{"path":"/demo"}}]
        """

    /// POSTs a batch to /api/v1/events with an editor token; expects 200.
    static func post(_ events: String, to w: TestWorkspace, token: String) async throws {
        try await w.test { client in
            let r = try await client.execute(
                uri: "/api/v1/events", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: events))
            #expect(r.status == .ok)
        }
    }

    @Test("rules: threshold crossing, momentum spike, new surge, first decision maker, high intent; tier scope")
    func evaluation() {
        var surge = IntentSurge(topic: "SFA")
        surge.add(score: 80, daysBefore: 0)
        let form = Activity(
            id: "x1", occurredAt: Instant(millisecondsSinceEpoch: 0), type: .formSubmit, companyId: "A", contactId: "P",
            campaignId: nil, url: "/demo", topic: nil)
        let state = AlertEvaluation.AccountState(
            row: Self.row(61, change: 16), owner: "佐藤", scoreYesterday: 59.9, surgingToday: [surge],
            surgingYesterday: [], newActivities: [(form, .decisionMaker, true, "山田")])
        let rules = AlertRules()
        let got = AlertEvaluation.candidates(state, rules: rules).map(\.rule)
        #expect(got == [.scoreThreshold, .momentumSpike, .newSurge, .decisionMakerFirst, .highIntent])

        // Already above yesterday, a small rise, a topic that surged yesterday too, a known contact, no high intent.
        let quiet = AlertEvaluation.AccountState(
            row: Self.row(70, change: 14.9), owner: nil, scoreYesterday: 60, surgingToday: [surge],
            surgingYesterday: ["SFA"], newActivities: [])
        #expect(AlertEvaluation.candidates(quiet, rules: rules).isEmpty)

        var tier1Only = AlertRules()
        tier1Only.tiers = [.one]
        let tier3 = AlertEvaluation.AccountState(
            row: Self.row(61, change: 16, tier: .three), owner: nil, scoreYesterday: 0, surgingToday: [],
            surgingYesterday: [], newActivities: [])
        #expect(AlertEvaluation.candidates(tier3, rules: tier1Only).isEmpty)
        var owners = AlertRules()
        owners.owners = ["鈴木"]
        #expect(AlertEvaluation.candidates(state, rules: owners).isEmpty)

        // Segment scope: the same state alerts only when the account is in a named segment.
        var segments = AlertRules()
        segments.segments = ["大手"]
        #expect(AlertEvaluation.candidates(state, rules: segments).isEmpty)
        var member = state
        member.segments = ["大手", "重点"]
        #expect(AlertEvaluation.candidates(member, rules: segments).count == 5)
    }

    @Test("alerts.rules is a checked setting: each bad field named, a good one read back with its segments")
    func rulesSetting() throws {
        let bad: [(String, String)] = [
            ("[1]", "must be a JSON object"), (#"{"tier":[1]}"#, "unknown field tier"),
            (#"{"score_threshold":101}"#, "score_threshold must be a number from 0 to 100"),
            (#"{"momentum_spike":true}"#, "momentum_spike must be a number"),
            (#"{"cooldown_hours":1.5}"#, "cooldown_hours must be a whole number"),
            (#"{"cooldown_hours":9000}"#, "cooldown_hours must be a whole number"),
            (#"{"tiers":[4]}"#, "tiers must be a list of 1, 2 and 3"),
            (#"{"owners":[""]}"#, "owners must be a list"), (#"{"segments":["a/b"]}"#, "segments: a segment name"),
            (#"{"segments":"大手"}"#, "segments must be a list"),
        ]
        for (value, reason) in bad {
            #expect(throws: WorkspaceSettings.InvalidSetting.self, "\(value)") {
                try WorkspaceSettings.validate(key: "alerts.rules", value: value)
            }
            #expect(AlertRules.problem(value: value)?.contains(reason) == true, "\(value)")
        }
        let good = #"{"score_threshold":70,"cooldown_hours":24,"tiers":[1,2],"owners":["佐藤"],"segments":["大手"]}"#
        #expect(try WorkspaceSettings.validate(key: "alerts.rules", value: good) == good)
        let rules = try AlertRules(settingJSON: good)
        #expect(rules.scoreThreshold == 70 && rules.cooldownHours == 24 && rules.tiers == [.one, .two])
        #expect(rules.owners == ["佐藤"] && rules.segments == ["大手"])
        #expect(try WorkspaceSettings.describe([:]).contains { $0.key == "alerts.rules" && $0.value == "{}" })
    }

    /// On the hand-worked package, taro (P1, C1's decision maker) submits a form: C1 alerts on
    /// score_threshold, momentum_spike and high_intent (the worked numbers of `deliveryWithRetry`).
    /// C1 has 1,200 employees: it is in 大手 (employees>=500) and not in 小規模 (employees<=499).
    /// Scoped to 小規模 the batch alerts nothing; scoped to 大手, the three alerts; a scope naming
    /// a segment that does not exist alerts nothing (and is logged).
    @Test("alerts.rules segments: set through the CLI, an event alerts only for a member of the segment")
    func segmentScope() async throws {
        for (scope, expected) in [
            (#"{"segments":["小規模"]}"#, Set<AlertCandidate.Rule>()),
            (#"{"segments":["大手","小規模"]}"#, [.scoreThreshold, .momentumSpike, .highIntent]),
            (#"{"segments":["消えた"]}"#, []),
        ] {
            let clock = TestClock(TestWorkspace.now)
            let w = try await TestWorkspace.make(clock: clock)
            defer { Task { await w.close() } }
            let segments = SegmentService(store: w.store, data: w.services.data)
            _ = try await segments.create(name: "大手", rule: "employees>=500")
            _ = try await segments.create(name: "小規模", rule: "employees<=499")
            _ = try await w.store.addWebhook(
                url: "http://127.0.0.1:9/hook", kind: .generic, secret: "s", now: clock.now)
            let (set, _, err) = try CLI.run(["settings", "set", "alerts.rules", scope, "--db", w.path])
            #expect(set == 0, "\(err)")
            let (token, _) = try await w.services.access.createToken(name: "t", role: .editor, now: clock.now)
            try await Self.post(
                """
                [{"type":"identify","messageId":"e1","userId":"u1","traits":{"email":"taro@alpha.co.jp"}},
                 {"type":"track","messageId":"e2","userId":"u1","event":"Form Submitted","timestamp":"2026-09-30T11:00:00+09:00",
                  "properties":{"path":"/demo"}}]
                """, to: w, token: token)
            try await w.services.alerts.processPending()
            let log = try await w.store.deliveryLog(limit: 10)
            #expect(Set(log.map(\.alert.rule)) == expected, "\(scope)")
        }
    }

    @Test(
        "an event makes alerts; a webhook that fails and then recovers gets every alert, signed, once; cool-down holds")
    func deliveryWithRetry() async throws {
        let clock = TestClock(TestWorkspace.now)
        let w = try await TestWorkspace.make(clock: clock)
        defer { Task { await w.close() } }
        let received = NIOLockedValueBox<[(body: String, signature: String, timestamp: String)]>([])
        let failuresLeft = NIOLockedValueBox(1)
        let receiver = Router()
        receiver.post("/hook") { request, _ -> HTTPResponse.Status in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            if failuresLeft.withLockedValue({ n in
                defer { n -= 1 }
                return n > 0
            }) {
                return .serviceUnavailable
            }
            received.withLockedValue {
                $0.append(
                    (
                        body, request.headers[HTTPField.Name("X-Kizashi-Signature")!] ?? "",
                        request.headers[HTTPField.Name("X-Kizashi-Timestamp")!] ?? ""
                    ))
            }
            return .ok
        }
        let hookApp = Application(router: receiver)
        try await hookApp.test(.live) { hookClient in
            let secret = "test-secret"
            _ = try await w.store.addWebhook(
                url: "http://127.0.0.1:\(hookClient.port!)/hook", kind: .generic, secret: secret, now: clock.now)
            let (token, _) = try await w.services.access.createToken(name: "t", role: .editor, now: clock.now)
            let h: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            // P1 (C1's decision maker, active before) submits a form today: C1's score goes from 57.99… (yesterday
            // 57.8…) to 65.6…, crossing 60; its 7-day rise is ≥ 15; a form is a high-intent action.
            let event = """
                [{"type":"identify","messageId":"e1","userId":"u1","traits":{"email":"taro@alpha.co.jp"}},
                 {"type":"track","messageId":"e2","userId":"u1","event":"Form Submitted","timestamp":"2026-09-30T11:00:00+09:00",
                  "properties":{"path":"/demo"}}]
                """
            try await w.test { client in
                let r = try await client.execute(
                    uri: "/api/v1/events", method: .post, headers: h, body: ByteBuffer(string: event))
                #expect(r.status == .ok)
            }
            try await w.services.alerts.processPending()
            let log = try await w.store.deliveryLog(limit: 10)
            #expect(Set(log.map(\.alert.rule)) == [.scoreThreshold, .momentumSpike, .highIntent])
            #expect(log.allSatisfy { $0.status == .pending })

            // First round: the receiver fails once (503), the others go through.
            #expect(try await w.services.alerts.deliverDue() == 2)
            let afterFirst = try await w.store.deliveryLog(limit: 10)
            let failed = afterFirst.filter { $0.status == .pending }
            #expect(failed.count == 1 && failed[0].attempts == 1 && failed[0].lastError == "HTTP 503")
            // Not due again before its back-off (30 s) …
            #expect(try await w.services.alerts.deliverDue() == 0)
            clock.advance(seconds: 29)
            #expect(try await w.services.alerts.deliverDue() == 0)
            clock.advance(seconds: 2)
            // … and delivered after it.
            #expect(try await w.services.alerts.deliverDue() == 1)
            #expect(try await w.store.deliveryLog(limit: 10).allSatisfy { $0.status == .sent })

            let got = received.withLockedValue { $0 }
            #expect(got.count == 3)
            for g in got {
                let mac = HMAC<SHA256>.authenticationCode(
                    for: Data((g.timestamp + "." + g.body).utf8), using: SymmetricKey(data: Data(secret.utf8)))
                #expect(g.signature == "sha256=" + mac.map { String(format: "%02x", $0) }.joined())
                let json = try JSONSerialization.jsonObject(with: Data(g.body.utf8)) as? [String: Any]
                #expect(json?["company_id"] as? String == "C1")
            }

            // The same reasons again within the cool-down: no new alert.
            try await w.test { client in
                let again = """
                    [{"type":"track","messageId":"e3","userId":"u1","event":"Form Submitted","timestamp":"2026-09-30T11:30:00+09:00",
                      "properties":{"path":"/demo"}}]
                    """
                _ = try await client.execute(
                    uri: "/api/v1/events", method: .post, headers: h, body: ByteBuffer(string: again))
            }
            #expect(try await w.store.deliveryLog(limit: 10).count == 3)
        }
    }

    @Test("with the alert service running, an event posted to the API reaches the webhook without anything else called")
    func runningService() async throws {
        let clock = TestClock(TestWorkspace.now)
        let w = try await TestWorkspace.make(clock: clock)
        defer { Task { await w.close() } }
        let received = NIOLockedValueBox<[String]>([])
        let receiver = Router()
        receiver.post("/hook") { request, _ -> HTTPResponse.Status in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            received.withLockedValue { $0.append(body) }
            return .ok
        }
        try await Application(router: receiver).test(.live) { hookClient in
            _ = try await w.store.addWebhook(
                url: "http://127.0.0.1:\(hookClient.port!)/hook", kind: .generic, secret: "s", now: clock.now)
            let (token, _) = try await w.services.access.createToken(name: "t", role: .editor, now: clock.now)
            let service = Task { try await w.services.alerts.run() }
            defer { service.cancel() }
            // C1 submits a form: a high-intent action (the same event as deliveryWithRetry).
            try await Self.post(Self.formEvent, to: w, token: token)
            // Nothing but the running service evaluates and delivers; allow it 10 s on a busy machine.
            for _ in 0..<200 where received.withLockedValue({ $0.count }) < 3 {
                try await Task.sleep(for: .milliseconds(50))
            }
            let rules = received.withLockedValue { $0 }.compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["rule"] as? String
            }
            #expect(Set(rules) == ["score_threshold", "momentum_spike", "high_intent"])
        }
    }

    /// P9, 田中 次郎 (jiro@delta.com): a decision maker of C5 (a tier-3 target today) with no
    /// activity, written behind the server's back.
    static func addDecisionMakerP9(to w: TestWorkspace) async throws {
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("contacts-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: csv) }
        try """
        contact_id,company_id,name,email,department,title,role,phone,updated_on
        P9,C5,田中 次郎,jiro@delta.com,IT,CTO,decision_maker,,

        """.write(to: csv, atomically: true, encoding: .utf8)
        _ = try await PackageImporter(store: w.store).importFile(
            at: csv.path, entity: .contacts, options: .init(rejectedPath: nil))
    }

    @Test(
        "first engagement of a decision maker: with the seen contacts loaded once, only a contact without history alerts"
    )
    func firstEngagementFromLoadedContacts() async throws {
        let clock = TestClock(TestWorkspace.now)
        let w = try await TestWorkspace.make(clock: clock)
        defer { Task { await w.close() } }
        // P9: a second decision maker of C5 (a tier-3 target today) with no activity yet. P4, C5's
        // other decision maker, has one (A06, 2026-09-20).
        try await Self.addDecisionMakerP9(to: w)
        try await w.services.alerts.prepare()
        let (token, _) = try await w.services.access.createToken(name: "t", role: .editor, now: TestWorkspace.now)
        let events = """
            [{"type":"identify","messageId":"f1","userId":"u9","traits":{"email":"jiro@delta.com"}},
             {"type":"track","messageId":"f2","userId":"u9","event":"Content Viewed","timestamp":"2026-09-30T10:00:00+09:00"},
             {"type":"identify","messageId":"f3","userId":"u4","traits":{"email":"john@delta.com"}},
             {"type":"track","messageId":"f4","userId":"u4","event":"Content Viewed","timestamp":"2026-09-30T10:05:00+09:00"}]
            """
        try await w.test { client in
            let r = try await client.execute(
                uri: "/api/v1/events", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: events))
            #expect(r.status == .ok)
        }
        let stored = try await w.services.alerts.processPending()
        let first = stored.filter { $0.rule == .decisionMakerFirst }
        #expect(first.map(\.reasonKey) == ["P9"])
        #expect(first.first?.en.contains("田中 次郎") == true)

        // P9 is seen now: a later event of theirs is no first engagement, even with no cool-down.
        try await w.store.transaction { tx in try await tx.setSetting("alerts.rules", to: #"{"cooldown_hours": 0}"#) }
        clock.advance(seconds: 60)
        try await w.test { client in
            let later = """
                [{"type":"track","messageId":"f5","userId":"u9","event":"Content Viewed","timestamp":"2026-09-30T11:00:00+09:00"}]
                """
            let r = try await client.execute(
                uri: "/api/v1/events", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: later))
            #expect(r.status == .ok)
        }
        #expect(try await w.services.alerts.processPending().filter { $0.rule == .decisionMakerFirst }.isEmpty)
    }

    @Test("an activities import through the API keeps the seen contacts current: its contact's next event is no first")
    func importedContactIsSeen() async throws {
        let clock = TestClock(TestWorkspace.now)
        let w = try await TestWorkspace.make(clock: clock)
        defer { Task { await w.close() } }
        // P9: a decision maker of C5 without activity (as above), then seen by an import only.
        try await Self.addDecisionMakerP9(to: w)
        try await w.services.alerts.prepare()
        // Later than the load: the batch's contacts are judged by the kept set, not the store.
        clock.advance(seconds: 60)
        let (token, _) = try await w.services.access.createToken(name: "t", role: .editor, now: TestWorkspace.now)
        try await w.test { client in
            // Only activities: the read model and the seen contacts are patched, not reloaded.
            let imported = try await client.execute(
                uri: "/api/v1/imports?entity=activities", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"],
                body: ByteBuffer(
                    string: "activity_id,occurred_at,type,company_id,contact_id,campaign_id,url,topic\n"
                        + "IM1,2026-09-29T10:00:00+09:00,content_view,C5,P9,,/whitepaper/abm,ABM\n"))
            #expect(imported.status == .ok, "\(String(buffer: imported.body))")
            let events = """
                [{"type":"identify","messageId":"g1","userId":"u9","traits":{"email":"jiro@delta.com"}},
                 {"type":"track","messageId":"g2","userId":"u9","event":"Content Viewed","timestamp":"2026-09-30T10:00:00+09:00"}]
                """
            let r = try await client.execute(
                uri: "/api/v1/events", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: events))
            #expect(r.status == .ok)
        }
        #expect(try await w.services.alerts.processPending().filter { $0.rule == .decisionMakerFirst }.isEmpty)
    }

    @Test("a dead webhook (connection refused) fails its delivery and does not hold up a live one")
    func deadWebhookBesideLiveOne() async throws {
        let clock = TestClock(TestWorkspace.now)
        let w = try await TestWorkspace.make(clock: clock)
        defer { Task { await w.close() } }
        let received = NIOLockedValueBox(0)
        let receiver = Router()
        receiver.post("/hook") { _, _ -> HTTPResponse.Status in
            received.withLockedValue { $0 += 1 }
            return .ok
        }
        try await Application(router: receiver).test(.live) { hookClient in
            // Port 1 on loopback: nothing listens there, the connection is refused.
            _ = try await w.store.addWebhook(
                url: "http://127.0.0.1:1/hook", kind: .generic, secret: "d", now: clock.now)
            _ = try await w.store.addWebhook(
                url: "http://127.0.0.1:\(hookClient.port!)/hook", kind: .generic, secret: "s", now: clock.now)
            let (token, _) = try await w.services.access.createToken(name: "t", role: .editor, now: clock.now)
            try await Self.post(Self.formEvent, to: w, token: token)
            try await w.services.alerts.processPending()
            // Three alerts (as in deliveryWithRetry) × two webhooks: one round sends the three
            // live ones and records three failed attempts, to be retried after their back-off.
            #expect(try await w.services.alerts.deliverDue() == 3)
            #expect(received.withLockedValue { $0 } == 3)
            let log = try await w.store.deliveryLog(limit: 10)
            let dead = log.filter { $0.webhook.url.hasSuffix(":1/hook") }
            #expect(dead.count == 3)
            #expect(dead.allSatisfy { $0.status == .pending && $0.attempts == 1 && $0.lastError != nil })
            #expect(log.filter { $0.status == .sent }.count == 3)
        }
    }
}
