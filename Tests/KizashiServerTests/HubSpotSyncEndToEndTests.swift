import Foundation
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// `kizashi sync hubspot` end to end against a fake HubSpot on loopback (issue 27 §1), over the
/// hand-worked workspace of `HubSpotSyncFixture` (its comment has the arithmetic).
@Suite("HubSpot sync: end to end against a fake HubSpot")
struct HubSpotSyncEndToEndTests {
    static func workspace(extraCompanies: Int = 0) async throws -> SQLiteWorkspaceStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-hs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try await SQLiteWorkspaceStore.open(path: dir.appendingPathComponent("w.sqlite").path)
        try await HubSpotSyncFixture.load(into: store, extraCompanies: extraCompanies)
        try await HubSpotCredentials(store: store, box: try CRMSecretBox(keyText: HubSpotSyncFixture.keyText)).set(
            HubSpotSyncFixture.token, at: HubSpotSyncFixture.now)
        return store
    }

    @Test(
        "dry run sends nothing; the first run sends exactly the hand-worked values; an unchanged rerun sends nothing; after a change only that record's changed properties"
    )
    func firstSecondAndChange() async throws {
        let store = try await Self.workspace()
        defer { Task { try? await store.close() } }
        let fake = FakeHubSpot(token: HubSpotSyncFixture.token)
        let pause = RecordingPause()
        try await fake.application().test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            func run(dry: Bool = false) async throws -> HubSpotSyncReport {
                try await HubSpotSyncFixture.service(store, base: base, pause: pause).run(
                    HubSpotSyncFixture.options(dryRun: dry))
            }
            // Dry: the three HubSpot accounts would change (C9 has no HubSpot ID); nothing is sent.
            let dry = try await run(dry: true)
            #expect(fake.received.isEmpty)
            #expect(dry.run.status == .dryRun && dry.run.recordsChanged == 3 && dry.requests == 0)
            #expect(dry.accountsWithoutHubSpotId == 1)
            #expect(
                Dictionary(uniqueKeysWithValues: dry.changes[0].updates.map { ($0.recordId, $0.properties) })
                    == HubSpotSyncFixture.firstRun)

            // First run: one request with exactly the hand-worked values.
            let first = try await run()
            #expect(
                fake.received == [
                    .init(object: "companies", inputs: HubSpotSyncFixture.firstRun, order: ["101", "102", "103"])
                ])
            #expect(first.run.status == .ok && first.run.recordsSent == 3 && first.run.recordsFailed == 0)

            // Second run, nothing changed: nothing sent, nothing changed.
            let second = try await run()
            #expect(fake.received.count == 1)
            #expect(second.run.recordsChanged == 0 && second.requests == 0 && second.run.status == .ok)

            // HS102's CRM intent surges: only HS102's topics and reasons (and the sync time) change.
            try await HubSpotSyncFixture.addHS102Surge(store)
            let expected: [String: [String: String]] = [
                "102": [
                    "kizashi_intent_topics": "CRM", "kizashi_reasons": "intent on CRM surged from 0 to 70",
                    "kizashi_synced_at": HubSpotSyncFixture.syncedAt,
                ]
            ]
            let dryAfter = try await run(dry: true)
            #expect(fake.received.count == 1)
            #expect(
                dryAfter.changes.flatMap(\.updates) == [CRMRecordUpdate(recordId: "102", properties: expected["102"]!)])
            let third = try await run()
            #expect(fake.received.count == 2)
            #expect(fake.received.last == .init(object: "companies", inputs: expected, order: ["102"]))
            #expect(third.run.recordsSent == 1)

            // HS103 leaves the target list on D (removed_on = D: not a target on D): its values are
            // cleared in HubSpot once, then it is left alone.
            try await store.transaction { tx in
                try await tx.upsert(targets: [
                    TargetMembership(
                        companyId: "HS103", tier: .three, addedOn: Day(iso: "2026-01-01")!,
                        removedOn: HubSpotSyncFixture.day)
                ])
            }
            let left = try await run()
            #expect(
                fake.received.last
                    == .init(
                        object: "companies",
                        inputs: [
                            "103": [
                                "kizashi_score": "", "kizashi_score_change_7d": "", "kizashi_stage": "",
                                "kizashi_approach_rank": "", "kizashi_synced_at": HubSpotSyncFixture.syncedAt,
                            ]
                        ], order: ["103"]))
            #expect(left.run.recordsSent == 1)
            #expect(try await run().requests == 0)
            #expect(fake.problems.isEmpty)
            #expect(pause.waits.isEmpty)
        }
        // The log: seven runs, newest first; the token appears nowhere in it.
        let log = try await store.crmSyncRuns(limit: 10)
        #expect(log.map(\.status) == [.ok, .ok, .ok, .dryRun, .ok, .ok, .dryRun])
        let logText = log.map { CRMSyncLogJSON.run($0).serialized() }.joined()
        #expect(!logText.contains(HubSpotSyncFixture.token))
    }

    @Test("207: the refused record is logged, not marked sent, and is the only one sent on the next run")
    func partialFailureRetried() async throws {
        let store = try await Self.workspace()
        defer { Task { try? await store.close() } }
        let fake = FakeHubSpot(token: HubSpotSyncFixture.token)
        fake.queue(.multiStatus(failing: ["103"]))
        try await fake.application().test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let first = try await HubSpotSyncFixture.service(store, base: base, pause: RecordingPause()).run(
                HubSpotSyncFixture.options())
            #expect(first.run.status == .partial && first.run.recordsSent == 2 && first.run.recordsFailed == 1)
            #expect(
                first.run.failures == [
                    CRMSyncFailure(
                        objectType: "companies", recordId: "103",
                        error: "OBJECT_NOT_FOUND: Object not found.  objectId are usually numeric.")
                ])
            #expect(
                Set(try await store.crmSentValues(provider: "hubspot", objectType: "companies").keys) == ["101", "102"])
            let second = try await HubSpotSyncFixture.service(store, base: base, pause: RecordingPause()).run(
                HubSpotSyncFixture.options())
            #expect(second.run.status == .ok && second.run.recordsSent == 1)
            #expect(
                fake.received.last
                    == .init(object: "companies", inputs: ["103": HubSpotSyncFixture.firstRun["103"]!], order: ["103"]))
            #expect(fake.problems.isEmpty)
        }
        #expect(try await store.crmSyncRuns(limit: 5).last?.failures.map(\.recordId) == ["103"])
    }

    @Test(
        "429: Retry-After waited (capped at 60 s) and retried; the daily limit and a refused token stop the run, nothing marked sent"
    )
    func limits() async throws {
        let store = try await Self.workspace()
        defer { Task { try? await store.close() } }
        let fake = FakeHubSpot(token: HubSpotSyncFixture.token)
        try await fake.application().test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            // The daily limit: stopped, a clear message, nothing marked sent.
            fake.queue(.daily)
            let daily = try await HubSpotSyncFixture.service(store, base: base, pause: RecordingPause()).run(
                HubSpotSyncFixture.options())
            #expect(daily.run.status == .stopped && daily.run.recordsSent == 0)
            #expect(daily.run.message?.contains("daily API limit") == true)
            #expect(daily.run.message?.contains("3 changed record(s) not sent") == true)
            #expect(try await store.crmSentValues(provider: "hubspot", objectType: "companies").isEmpty)
            // The rolling limit, five times with a long Retry-After: five waits of 60 s, then it stops.
            fake.queue(
                .rateLimited(retryAfter: 3_600), .rateLimited(retryAfter: 3_600), .rateLimited(retryAfter: 3_600),
                .rateLimited(retryAfter: 3_600), .rateLimited(retryAfter: 3_600), .rateLimited(retryAfter: 3_600))
            let pause = RecordingPause()
            let slow = try await HubSpotSyncFixture.service(store, base: base, pause: pause).run(
                HubSpotSyncFixture.options())
            #expect(pause.waits == [60, 60, 60, 60, 60])
            #expect(slow.run.status == .stopped && slow.requests == 6)
            #expect(try await store.crmSentValues(provider: "hubspot", objectType: "companies").isEmpty)
            // Once, Retry-After 3: one wait of 3 s, then the batch goes through.
            fake.queue(.rateLimited(retryAfter: 3))
            let pause2 = RecordingPause()
            let ok = try await HubSpotSyncFixture.service(store, base: base, pause: pause2).run(
                HubSpotSyncFixture.options())
            #expect(pause2.waits == [3] && ok.requests == 2 && ok.run.status == .ok && ok.run.recordsSent == 3)
            // A token HubSpot refuses (401): stopped; the change stays unsent.
            try await HubSpotSyncFixture.addHS102Surge(store)
            let box = try CRMSecretBox(keyText: HubSpotSyncFixture.keyText)
            try await HubSpotCredentials(store: store, box: box).set("pat-na1-revoked", at: HubSpotSyncFixture.now)
            let refused = try await HubSpotSyncFixture.service(store, base: base, pause: RecordingPause()).run(
                HubSpotSyncFixture.options())
            #expect(refused.run.status == .stopped && refused.run.message?.contains("refused the token") == true)
            #expect(!refused.text().contains("pat-na1-revoked") && !refused.json().serialized().contains("pat-na1"))
            #expect(
                try await store.crmSentValues(provider: "hubspot", objectType: "companies")["102"]?[
                    "kizashi_intent_topics"] == "")
            #expect(fake.problems.isEmpty)
        }
    }

    @Test(
        "batches of at most 100: 203 HubSpot accounts go in 100 + 100 + 3; --contacts writes the account's values on its HubSpot contacts"
    )
    func batchesAndContacts() async throws {
        let store = try await Self.workspace(extraCompanies: 200)
        defer { Task { try? await store.close() } }
        let fake = FakeHubSpot(token: HubSpotSyncFixture.token)
        try await fake.application().test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let r = try await HubSpotSyncFixture.service(store, base: base, pause: RecordingPause()).run(
                HubSpotSyncFixture.options(contacts: true))
            #expect(fake.received.map(\.inputs.count) == [100, 100, 3, 1])
            #expect(fake.received.map(\.object) == ["companies", "companies", "companies", "contacts"])
            // HS201 is HS101's contact: it gets HS101's values (P9 was not imported from HubSpot).
            #expect(fake.received.last?.inputs == ["201": HubSpotSyncFixture.firstRun["101"]!])
            #expect(r.run.recordsSent == 204 && fake.problems.isEmpty)
        }
    }

    @Test("a HubSpot company 名寄せ matched to a workspace company at import is written under its HubSpot ID")
    func matchedAtImport() async throws {
        let store = try await Self.workspace()
        defer { Task { try? await store.close() } }
        // C20 was in the workspace first (tier 2, no activity); HubSpot's company 120 has its domain.
        try await store.transaction { tx in
            try await tx.upsert(companies: [Company(id: "C20", name: "Delta", domain: "delta.co.jp")])
            try await tx.upsert(targets: [
                TargetMembership(companyId: "C20", tier: .two, addedOn: Day(iso: "2026-01-01")!)
            ])
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-hs-imp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let csv = dir.appendingPathComponent("hubspot-companies.csv")
        try "Record ID,Company name,Company Domain Name\n120,Delta Inc,delta.co.jp\n".write(
            to: csv, atomically: true, encoding: .utf8)
        let imported = try await ConnectorImporter(store: store).importHubSpot(paths: [csv.path], dryRun: false)
        #expect(imported.notes.contains { $0.hasPrefix("1 HubSpot companies matched") })
        #expect(try await store.companyIds().contains("HS120") == false)
        #expect(try await store.crmRecordLinks(provider: "hubspot", objectType: "companies") == ["120": "C20"])

        let fake = FakeHubSpot(token: HubSpotSyncFixture.token)
        try await fake.application().test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let r = try await HubSpotSyncFixture.service(store, base: base, pause: RecordingPause()).run(
                HubSpotSyncFixture.options())
            // Rule score: HS101 first; HS102 4.81; C20 = 4.5 (tier-2 fit, nothing else) third;
            // C9 and HS103 2.25 each (C9 first by ID): C20's HubSpot record 120 gets rank 3.
            #expect(
                fake.received.first?.inputs["120"] == [
                    "kizashi_score": "0.0", "kizashi_score_change_7d": "0.0", "kizashi_stage": "target",
                    "kizashi_approach_rank": "3", "kizashi_reasons": "", "kizashi_intent_topics": "",
                    "kizashi_synced_at": HubSpotSyncFixture.syncedAt,
                ])
            #expect(fake.received.first?.inputs["103"]?["kizashi_approach_rank"] == "5")
            #expect(r.accountsWithoutHubSpotId == 1 && r.run.recordsSent == 4)
        }
    }

    @Test(
        "hostile answers: a 2 MiB body is no answer, an error message is cleaned and cut, a redirect is not followed with the token"
    )
    func hostileAnswers() async throws {
        let store = try await Self.workspace()
        defer { Task { try? await store.close() } }
        let fake = FakeHubSpot(token: HubSpotSyncFixture.token)
        try await fake.application().test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            func run() async throws -> HubSpotSyncReport {
                try await HubSpotSyncFixture.service(store, base: base, pause: RecordingPause()).run(
                    HubSpotSyncFixture.options())
            }
            fake.queue(.huge)
            let huge = try await run()
            #expect(huge.run.recordsSent == 0 && huge.run.recordsFailed == 3)
            #expect(huge.run.failures.allSatisfy { $0.error.hasPrefix("no answer from HubSpot: ") })
            fake.queue(.hostileMessage)
            let hostile = try await run()
            let error = try #require(hostile.run.failures.first?.error)
            #expect(error.hasPrefix("HTTP 400: [31mredyyy") && !error.contains("\u{1b}") && !error.contains("\u{07}"))
            #expect(error.count == "HTTP 400: ".count + 300)
            fake.queue(.redirect)
            let redirected = try await run()
            #expect(redirected.run.failures.map(\.error) == ["HTTP 307", "HTTP 307", "HTTP 307"])
            #expect(fake.stolenAuthorizations.isEmpty)
            #expect(try await store.crmSentValues(provider: "hubspot", objectType: "companies").isEmpty)
        }
    }

    @Test("no answer (nothing listening): every record refused with the reason, none marked sent")
    func noAnswer() async throws {
        let store = try await Self.workspace()
        defer { Task { try? await store.close() } }
        // Port 9 (discard) on loopback: nothing listens, the connection is refused.
        let r = try await HubSpotSyncFixture.service(store, base: "http://127.0.0.1:9", pause: RecordingPause()).run(
            HubSpotSyncFixture.options())
        #expect(r.run.status == .partial && r.run.recordsSent == 0 && r.run.recordsFailed == 3)
        #expect(r.run.failures.allSatisfy { $0.error.hasPrefix("no answer from HubSpot: ") })
        #expect(try await store.crmSentValues(provider: "hubspot", objectType: "companies").isEmpty)
    }

    @Test("the token is sealed at rest: not in the database file, and it does not open with another key")
    func tokenAtRest() async throws {
        let store = try await Self.workspace()
        let sealed = try #require(try await store.crmCredential(provider: "hubspot"))
        #expect(!sealed.contains(HubSpotSyncFixture.token) && !sealed.contains("pat-na1"))
        let other = try CRMSecretBox(keyText: Data(repeating: 7, count: 32).base64EncodedString())
        #expect(throws: CRMSecretProblem.self) { try other.open(sealed, purpose: "crm:hubspot") }
        let right = try CRMSecretBox(keyText: HubSpotSyncFixture.keyText)
        #expect(try right.open(sealed, purpose: "crm:hubspot") == HubSpotSyncFixture.token)
        #expect(throws: CRMSecretProblem.self) { try right.open(sealed, purpose: "crm:salesforce") }
        #expect(throws: CRMSecretProblem.self) { try CRMSecretBox(keyText: "c2hvcnQ=") }
        #expect(try CRMSecretBox.fromEnvironment([:]) == nil)
        try await store.close()
    }
}
