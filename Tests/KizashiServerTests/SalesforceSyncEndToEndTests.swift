import Foundation
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// `kizashi sync salesforce` end to end against a fake Salesforce on loopback (issue 27 §1), over
/// `SalesforceSyncFixture`'s hand-worked workspace.
@Suite("Salesforce sync: end to end against a fake Salesforce")
struct SalesforceSyncEndToEndTests {
    typealias F = SalesforceSyncFixture

    static func workspace() async throws -> SQLiteWorkspaceStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-sf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try await SQLiteWorkspaceStore.open(path: dir.appendingPathComponent("w.sqlite").path)
        try await F.load(into: store)
        return store
    }

    static func fake() -> FakeSalesforce { FakeSalesforce(clientId: F.clientId, clientSecret: F.clientSecret) }

    @Test(
        "dry run sends nothing; the first run sends the exact body; an unchanged rerun sends nothing; after a change only that record's changed fields"
    )
    func firstSecondAndChange() async throws {
        let store = try await Self.workspace()
        defer { Task { try? await store.close() } }
        let fake = Self.fake()
        let pause = RecordingPause()
        try await fake.application().test(.live) { client in
            try await F.setCredentials(store, instance: "http://127.0.0.1:\(try #require(client.port))")
            func run(dry: Bool = false) async throws -> CRMSyncReport {
                try await F.service(store, pause: pause).run(HubSpotSyncFixture.options(dryRun: dry))
            }
            // Dry: the three Accounts would change (C9 has none); no token asked, nothing sent.
            let dry = try await run(dry: true)
            #expect(fake.received.isEmpty && fake.tokensIssued == 0)
            #expect(dry.run.status == .dryRun && dry.run.recordsChanged == 3 && dry.requests == 0)
            #expect(dry.accountsWithoutRecordId == 1 && dry.run.provider == "salesforce")
            #expect(
                dry.text().contains(
                    #"Account 001000000000002AAA: Kizashi_Approach_Rank__c="2" Kizashi_Intent_Topics__c="" Kizashi_Reasons__c="" Kizashi_Score_Change_7d__c="-0.3" Kizashi_Score__c="1.6" Kizashi_Stage__c="aware" Kizashi_Synced_At__c="2026-09-30T03:00:00.000Z""#
                ))
            #expect(dry.text().contains("1 target account(s) have no Salesforce record ID"))
            #expect(dry.json().serialized().contains(#""accounts_without_salesforce_id":1"#))

            // First run: a token, then one PATCH with exactly the hand-worked body.
            let first = try await run()
            #expect(fake.bodies == [F.firstBody])
            #expect(fake.received == [.init(object: "Account", records: F.firstRun, order: [F.a1, F.a2, F.a3])])
            #expect(first.run.status == .ok && first.run.recordsSent == 3 && first.requests == 2)
            #expect(fake.tokensIssued == 1)

            // Second run, nothing changed: no token asked, nothing sent.
            let second = try await run()
            #expect(fake.received.count == 1 && fake.tokensIssued == 1)
            #expect(second.run.recordsChanged == 0 && second.requests == 0 && second.run.status == .ok)

            // HS102's CRM intent surges: only A2's topics and reasons (and the sync time) are sent.
            try await HubSpotSyncFixture.addHS102Surge(store)
            let third = try await run()
            #expect(
                fake.bodies.last
                    == #"{"allOrNone":false,"records":[{"attributes":{"type":"Account"},"id":"001000000000002AAA","Kizashi_Intent_Topics__c":"CRM","Kizashi_Reasons__c":"intent on CRM surged from 0 to 70","Kizashi_Synced_At__c":"2026-09-30T03:00:00.000Z"}]}"#
            )
            #expect(third.run.recordsSent == 1 && fake.received.count == 2)
            #expect(try await run().requests == 0)
            #expect(fake.problems.isEmpty && pause.waits.isEmpty)
        }
        // The log: five runs, newest first, all Salesforce's; the secret appears nowhere in it.
        let log = try await store.crmSyncRuns(limit: 10)
        #expect(log.map(\.status) == [.ok, .ok, .ok, .ok, .dryRun])
        #expect(log.allSatisfy { $0.provider == "salesforce" })
        #expect(!log.map { CRMSyncLogJSON.run($0).serialized() }.joined().contains(F.clientSecret))
    }

    @Test("a record Salesforce refuses (success false) is logged, not marked sent, and is the only one sent next run")
    func partialFailureRetried() async throws {
        let store = try await Self.workspace()
        defer { Task { try? await store.close() } }
        let fake = Self.fake()
        fake.queue(.failing([F.a3]))
        try await fake.application().test(.live) { client in
            try await F.setCredentials(store, instance: "http://127.0.0.1:\(try #require(client.port))")
            let first = try await F.service(store).run(HubSpotSyncFixture.options())
            #expect(first.run.status == .partial && first.run.recordsSent == 2 && first.run.recordsFailed == 1)
            #expect(
                first.run.failures == [
                    CRMSyncFailure(objectType: "Account", recordId: F.a3, error: "ENTITY_IS_DELETED: entity is deleted")
                ])
            #expect(
                Set(try await store.crmSentValues(provider: "salesforce", objectType: "Account").keys) == [F.a1, F.a2])
            let second = try await F.service(store).run(HubSpotSyncFixture.options())
            #expect(second.run.status == .ok && second.run.recordsSent == 1)
            #expect(fake.received.last == .init(object: "Account", records: [F.a3: F.firstRun[F.a3]!], order: [F.a3]))
            #expect(fake.problems.isEmpty)
        }
    }

    @Test(
        "REQUEST_LIMIT_EXCEEDED stops the run; 429 and 503 wait Retry-After (capped at 60 s, five times); nothing marked sent until saved"
    )
    func limits() async throws {
        let store = try await Self.workspace()
        defer { Task { try? await store.close() } }
        let fake = Self.fake()
        try await fake.application().test(.live) { client in
            try await F.setCredentials(store, instance: "http://127.0.0.1:\(try #require(client.port))")
            fake.queue(.requestLimit)
            let daily = try await F.service(store).run(HubSpotSyncFixture.options())
            #expect(daily.run.status == .stopped && daily.run.recordsSent == 0 && daily.run.recordsFailed == 0)
            #expect(daily.run.message?.contains("daily API request limit is reached (REQUEST_LIMIT_EXCEEDED") == true)
            #expect(daily.run.message?.contains("3 changed record(s) not sent") == true)
            #expect(try await store.crmSentValues(provider: "salesforce", objectType: "Account").isEmpty)
            // Six 429s with Retry-After 3600: five waits of 60 s, then it stops (1 token + 6 PATCHes).
            fake.queue(
                .busy(status: 429, retryAfter: 3_600), .busy(status: 429, retryAfter: 3_600),
                .busy(status: 429, retryAfter: 3_600), .busy(status: 429, retryAfter: 3_600),
                .busy(status: 429, retryAfter: 3_600), .busy(status: 429, retryAfter: 3_600))
            let pause = RecordingPause()
            let slow = try await F.service(store, pause: pause).run(HubSpotSyncFixture.options())
            #expect(pause.waits == [60, 60, 60, 60, 60])
            #expect(slow.run.status == .stopped && slow.requests == 7)
            #expect(try await store.crmSentValues(provider: "salesforce", objectType: "Account").isEmpty)
            // One 503 with Retry-After 3, one without (10 s by default): then saved.
            fake.queue(.busy(status: 503, retryAfter: 3), .busy(status: 503, retryAfter: nil))
            let pause2 = RecordingPause()
            let ok = try await F.service(store, pause: pause2).run(HubSpotSyncFixture.options())
            #expect(pause2.waits == [3, 10] && ok.requests == 4 && ok.run.status == .ok && ok.run.recordsSent == 3)
            #expect(fake.problems.isEmpty)
        }
    }

    @Test(
        "401 INVALID_SESSION_ID: one new token and the request again; a second expiry in the run stops it; refused credentials stop it without the secret"
    )
    func sessionRefresh() async throws {
        let store = try await Self.workspace()
        defer { Task { try? await store.close() } }
        let fake = Self.fake()
        try await fake.application().test(.live) { client in
            let instance = "http://127.0.0.1:\(try #require(client.port))"
            try await F.setCredentials(store, instance: instance)
            fake.queue(.expireSession)
            // token-1, PATCH → 401, token-2, PATCH → saved.
            let refreshed = try await F.service(store).run(HubSpotSyncFixture.options())
            #expect(refreshed.run.status == .ok && refreshed.run.recordsSent == 3 && refreshed.requests == 4)
            #expect(fake.tokensIssued == 2 && fake.received.count == 1)

            try await HubSpotSyncFixture.addHS102Surge(store)
            fake.queue(.expireSession, .expireSession)
            let twice = try await F.service(store).run(HubSpotSyncFixture.options())
            #expect(twice.run.status == .stopped && twice.requests == 4 && fake.tokensIssued == 4)
            #expect(twice.run.message?.contains("INVALID_SESSION_ID") == true)
            #expect(
                try await store.crmSentValues(provider: "salesforce", objectType: "Account")[F.a2]?[
                    "kizashi_intent_topics"] == "")

            // A wrong secret: the token endpoint says invalid_client; stopped, the secret nowhere.
            try await F.setCredentials(store, instance: instance, secret: "WRONGSECRET42")
            let refused = try await F.service(store).run(HubSpotSyncFixture.options())
            #expect(refused.run.status == .stopped && refused.run.message?.contains("invalid_client") == true)
            #expect(!refused.text().contains("WRONGSECRET42") && !refused.json().serialized().contains("WRONGSECRET42"))
            #expect(fake.problems.isEmpty)
        }
    }

    @Test("--contacts: the linked Contact gets its account's values in a second request")
    func contacts() async throws {
        let store = try await Self.workspace()
        defer { Task { try? await store.close() } }
        let fake = Self.fake()
        try await fake.application().test(.live) { client in
            try await F.setCredentials(store, instance: "http://127.0.0.1:\(try #require(client.port))")
            let r = try await F.service(store).run(HubSpotSyncFixture.options(contacts: true))
            #expect(fake.received.map(\.object) == ["Account", "Contact"])
            #expect(fake.received.last?.records == [F.k1: F.firstRun[F.a1]!])
            #expect(
                fake.bodies.last?.hasPrefix(
                    #"{"allOrNone":false,"records":[{"attributes":{"type":"Contact"},"id":"003000000000001AAA","#)
                    == true)
            #expect(r.run.recordsSent == 4 && fake.problems.isEmpty)
        }
    }

    @Test("the import links an Account 名寄せ matched to a workspace company, and its Contacts; the sync writes them")
    func matchedAtImport() async throws {
        let store = try await Self.workspace()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(companies: [Company(id: "C20", name: "Delta", domain: "delta.co.jp")])
            try await tx.upsert(targets: [
                TargetMembership(companyId: "C20", tier: .two, addedOn: Day(iso: "2026-01-01")!)
            ])
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-sf-imp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // 15-character IDs, as a report export writes them: read as 001000000000020AAA / 003000000000021AAA.
        let accounts = dir.appendingPathComponent("Account.csv")
        try "Id,Name,Website\n001000000000020,Delta Inc,https://delta.co.jp\n".write(
            to: accounts, atomically: true, encoding: .utf8)
        let contacts = dir.appendingPathComponent("Contact.csv")
        try "Id,AccountId,LastName\n003000000000021,001000000000020,Suzuki\n".write(
            to: contacts, atomically: true, encoding: .utf8)
        let imported = try await ConnectorImporter(store: store).importSalesforce(
            paths: [accounts.path, contacts.path], dryRun: false)
        #expect(imported.notes.contains { $0.hasPrefix("1 Salesforce Accounts matched") })
        #expect(try await store.companyIds().contains("001000000000020AAA") == false)
        #expect(
            try await store.crmRecordLinks(provider: "salesforce", objectType: "Account")
                == [F.a1: "HS101", F.a2: "HS102", F.a3: "HS103", "001000000000020AAA": "C20"])
        #expect(
            try await store.crmRecordLinks(provider: "salesforce", objectType: "Contact")
                == [F.k1: "HS101", "003000000000021AAA": "C20"])

        let fake = Self.fake()
        try await fake.application().test(.live) { client in
            try await F.setCredentials(store, instance: "http://127.0.0.1:\(try #require(client.port))")
            let r = try await F.service(store).run(HubSpotSyncFixture.options(contacts: true))
            let account = try #require(fake.received.first?.records["001000000000020AAA"])
            // C20 has no activity: score 0, stage target, no reasons (its rank depends on the list).
            #expect(account["Kizashi_Score__c"] == .number(0) && account["Kizashi_Stage__c"] == .text("target"))
            #expect(fake.received.last?.records["003000000000021AAA"] == account)
            #expect(r.accountsWithoutRecordId == 1 && r.run.recordsSent == 6 && fake.problems.isEmpty)
        }
    }

    @Test("hostile answers: a 2 MiB body is no answer; a redirect is not followed with the token")
    func hostileAnswers() async throws {
        let store = try await Self.workspace()
        defer { Task { try? await store.close() } }
        let fake = Self.fake()
        try await fake.application().test(.live) { client in
            try await F.setCredentials(store, instance: "http://127.0.0.1:\(try #require(client.port))")
            fake.queue(.huge)
            let huge = try await F.service(store).run(HubSpotSyncFixture.options())
            #expect(huge.run.recordsSent == 0 && huge.run.recordsFailed == 3)
            #expect(huge.run.failures.allSatisfy { $0.error.hasPrefix("no answer from Salesforce: ") })
            fake.queue(.redirect)
            let redirected = try await F.service(store).run(HubSpotSyncFixture.options())
            #expect(redirected.run.failures.map(\.error) == ["HTTP 307", "HTTP 307", "HTTP 307"])
            #expect(fake.stolenAuthorizations.isEmpty)
            #expect(try await store.crmSentValues(provider: "salesforce", objectType: "Account").isEmpty)
        }
    }

    @Test("credentials: sealed at rest, refused without a key or with a bad instance URL")
    func credentialsAtRest() async throws {
        let store = try await Self.workspace()
        defer { Task { try? await store.close() } }
        try await F.setCredentials(store, instance: "https://acme.my.salesforce.com")
        let sealed = try #require(try await store.crmCredential(provider: "salesforce"))
        #expect(!sealed.contains(F.clientSecret) && !sealed.contains(F.clientId))
        let box = try CRMSecretBox(keyText: HubSpotSyncFixture.keyText)
        #expect(throws: CRMSecretProblem.self) { try box.open(sealed, purpose: "crm:hubspot") }
        let shown = try await SalesforceCredentials(store: store, box: box).stored()
        #expect(shown?.instanceURL == "https://acme.my.salesforce.com" && shown?.clientId == F.clientId)
        #expect(
            !"\(String(describing: shown))".contains(F.clientSecret)
                && !String(reflecting: shown).contains(F.clientSecret))
        let noKey = SalesforceCredentials(store: store, box: nil)
        await #expect(throws: CRMSecretProblem.self) {
            try await noKey.set(
                instanceURL: "https://a.my.salesforce.com", clientId: "x", clientSecret: "y", at: HubSpotSyncFixture.now
            )
        }
        for bad in ["http://acme.my.salesforce.com", "https://acme.my.salesforce.com/services", "ftp://x", ""] {
            await #expect(throws: CRMSyncProblem(.badInstanceURL)) {
                try await SalesforceCredentials(store: store, box: box).set(
                    instanceURL: bad, clientId: "x", clientSecret: "y", at: HubSpotSyncFixture.now)
            }
        }
        await #expect(throws: CRMSyncProblem(.badClientCredentials)) {
            try await SalesforceCredentials(store: store, box: box).set(
                instanceURL: "https://a.my.salesforce.com", clientId: "x", clientSecret: "has space",
                at: HubSpotSyncFixture.now)
        }
        // Without credentials a real run that has something to send is refused; a dry run is not.
        try await SalesforceCredentials(store: store, box: box).clear(at: HubSpotSyncFixture.now)
        await #expect(throws: CRMSyncProblem(.noSalesforceCredentials)) {
            try await F.service(store).run(HubSpotSyncFixture.options())
        }
        #expect(try await F.service(store).run(HubSpotSyncFixture.options(dryRun: true)).run.recordsChanged == 3)
    }
}
