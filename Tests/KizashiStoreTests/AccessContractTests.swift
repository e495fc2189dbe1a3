import Foundation
import KizashiCore
import KizashiStore
import Testing

extension StoreBackend {
    /// A fresh workspace, as the access capability (users, sessions, tokens, audit log).
    func makeAccessStore() async throws -> any WorkspaceStore & AccessStore {
        switch self {
        case .sqlite:
            return try await SQLiteWorkspaceStore.open(
                path: TemporaryDirectory.make().appendingPathComponent("w.sqlite").path)
        case .postgres:
            return try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh())
        }
    }
}

/// What both backends must do when people leave: user changes end sessions at once, the last
/// active admin stays, tokens expire, their use is written sparingly, the audit log keeps order.
@Suite("Store contract: users, sessions, tokens, audit log")
struct AccessContractTests {
    static let t0 = Instant(millisecondsSinceEpoch: 1_790_737_200_000)  // 2026-09-30T03:00:00Z

    func close(_ store: any WorkspaceStore & AccessStore) async { try? await store.close() }

    func session(_ store: any AccessStore, _ user: WorkspaceUser, _ name: String) async throws -> BrowserSession {
        let s = BrowserSession(
            idHash: name, userId: user.id, csrfToken: "csrf-\(name)",
            expiresAt: Instant(millisecondsSinceEpoch: Self.t0.millisecondsSinceEpoch + 86_400_000))
        try await store.createSession(s)
        return s
    }

    @Test(
        "disable, enable, role and password changes end every session of the user, and only theirs",
        arguments: StoreBackend.allCases)
    func changesEndSessions(backend: StoreBackend) async throws {
        let store = try await backend.makeAccessStore()
        let admin = try await store.createUser(
            email: "admin@example.com", role: .admin, passwordHash: "h-admin", createdAt: Self.t0)
        let ed = try await store.createUser(
            email: "ed@example.com", role: .editor, passwordHash: "h-ed", createdAt: Self.t0)
        let keep = try await session(store, admin, "admin-1")
        for (n, update) in [UserUpdate.role(.viewer), .password(hash: "h-new"), .disable, .enable].enumerated() {
            let a = try await session(store, ed, "ed-\(n)-a")
            let b = try await session(store, ed, "ed-\(n)-b")
            // Sessions of a disabled user are refused; enabling must not bring them back.
            let expected = update == .enable ? nil : a
            #expect(try await store.session(idHash: a.idHash, now: Self.t0) == expected, "\(update)")
            _ = try await store.updateUser(id: ed.id, update)
            #expect(try await store.session(idHash: a.idHash, now: Self.t0) == nil, "\(update)")
            #expect(try await store.session(idHash: b.idHash, now: Self.t0) == nil, "\(update)")
            #expect(try await store.session(idHash: keep.idHash, now: Self.t0) == keep, "\(update)")
        }
        let after = try await store.user(id: ed.id)
        #expect(after?.role == .viewer && after?.passwordHash == "h-new" && after?.disabled == false)
        await close(store)
    }

    @Test(
        "a disabled user's sessions are refused even if one survived; delete removes the user",
        arguments: StoreBackend.allCases)
    func disabledAndDeleted(backend: StoreBackend) async throws {
        let store = try await backend.makeAccessStore()
        _ = try await store.createUser(email: "admin@example.com", role: .admin, passwordHash: "h", createdAt: Self.t0)
        let v = try await store.createUser(email: "v@example.com", role: .viewer, passwordHash: "h", createdAt: Self.t0)
        let disabled = try await store.updateUser(id: v.id, .disable)
        #expect(disabled.disabled && disabled.email == "v@example.com")
        // A session written after the disable (a race with a login in flight) is still not accepted.
        let late = try await session(store, v, "late")
        #expect(try await store.session(idHash: late.idHash, now: Self.t0) == nil)
        #expect(try await store.user(email: "v@example.com")?.disabled == true)
        let deleted = try await store.updateUser(id: v.id, .delete)
        #expect(deleted.email == "v@example.com")
        #expect(try await store.user(id: v.id) == nil)
        #expect(try await store.users().map(\.email) == ["admin@example.com"])
        await #expect(throws: UserUpdateError.notFound) { _ = try await store.updateUser(id: v.id, .enable) }
        await close(store)
    }

    @Test(
        "the last active admin cannot be disabled, deleted or demoted; a disabled admin does not count",
        arguments: StoreBackend.allCases)
    func lastActiveAdmin(backend: StoreBackend) async throws {
        let store = try await backend.makeAccessStore()
        let a = try await store.createUser(email: "a@example.com", role: .admin, passwordHash: "h", createdAt: Self.t0)
        let b = try await store.createUser(email: "b@example.com", role: .admin, passwordHash: "h", createdAt: Self.t0)
        var second = b
        for update in [UserUpdate.disable, .delete, .role(.editor)] {
            // With two active admins each change is allowed: make it on the second admin, then undo it.
            _ = try await store.updateUser(id: second.id, update)
            switch update {
            case .delete:
                second = try await store.createUser(
                    email: "b2@example.com", role: .admin, passwordHash: "h", createdAt: Self.t0)
            case .disable: _ = try await store.updateUser(id: second.id, .enable)
            default: _ = try await store.updateUser(id: second.id, .role(.admin))
            }
        }
        _ = try await store.updateUser(id: second.id, .disable)
        for update in [UserUpdate.disable, .delete, .role(.editor), .role(.viewer)] {
            await #expect(throws: UserUpdateError.lastActiveAdmin, "\(update)") {
                _ = try await store.updateUser(id: a.id, update)
            }
        }
        // Still allowed on the last admin: a new password, the admin role again.
        _ = try await store.updateUser(id: a.id, .password(hash: "h2"))
        _ = try await store.updateUser(id: a.id, .role(.admin))
        #expect(try await store.user(id: a.id)?.isActiveAdmin == true)
        await close(store)
    }

    @Test("two admins disabling each other at once: exactly one succeeds", arguments: StoreBackend.allCases)
    func concurrentDemotion(backend: StoreBackend) async throws {
        let store = try await backend.makeAccessStore()
        let a = try await store.createUser(email: "a@example.com", role: .admin, passwordHash: "h", createdAt: Self.t0)
        let b = try await store.createUser(email: "b@example.com", role: .admin, passwordHash: "h", createdAt: Self.t0)
        async let x: Bool = (try? await store.updateUser(id: a.id, .disable)) != nil
        async let y: Bool = (try? await store.updateUser(id: b.id, .disable)) != nil
        let (okA, okB) = await (x, y)
        #expect(okA != okB)
        #expect(try await store.users().filter(\.isActiveAdmin).count == 1)
        await close(store)
    }

    @Test(
        "tokens: expiry is kept and enforced; a use is written only when the last one is older",
        arguments: StoreBackend.allCases)
    func tokens(backend: StoreBackend) async throws {
        let store = try await backend.makeAccessStore()
        let day: Int64 = 86_400_000
        let expiry = Instant(millisecondsSinceEpoch: Self.t0.millisecondsSinceEpoch + 90 * day)
        let t = try await store.createToken(
            name: "ci", role: .editor, tokenHash: "hash-ci", prefix: "kz_abc", createdAt: Self.t0, expiresAt: expiry)
        #expect(t.expiresAt == expiry && t.lastUsedAt == nil)
        let forever = try await store.createToken(
            name: "bi", role: .viewer, tokenHash: "hash-bi", prefix: "kz_def", createdAt: Self.t0, expiresAt: nil)
        #expect(forever.expiresAt == nil)
        let justBefore = Instant(millisecondsSinceEpoch: expiry.millisecondsSinceEpoch - 1)
        #expect(try await store.token(hash: "hash-ci", now: justBefore)?.id == t.id)
        #expect(try await store.token(hash: "hash-ci", now: expiry) == nil)
        #expect(try await store.token(hash: "hash-bi", now: expiry)?.id == forever.id)

        func at(_ s: Int64) -> Instant { Instant(millisecondsSinceEpoch: Self.t0.millisecondsSinceEpoch + s * 1000) }
        // First use at +10 s is written; a use at +40 s with "not before +40 s − 60 s = −20 s" is not
        // (the stored +10 s is newer than −20 s); a use at +75 s (not before +15 s) is.
        try await store.recordTokenUse(id: t.id, at: at(10), notBefore: at(-50))
        #expect(try await store.tokens().first { $0.id == t.id }?.lastUsedAt == at(10))
        try await store.recordTokenUse(id: t.id, at: at(40), notBefore: at(-20))
        #expect(try await store.tokens().first { $0.id == t.id }?.lastUsedAt == at(10))
        try await store.recordTokenUse(id: t.id, at: at(75), notBefore: at(15))
        #expect(try await store.tokens().first { $0.id == t.id }?.lastUsedAt == at(75))

        #expect(try await store.revokeToken(id: t.id)?.name == "ci")
        #expect(try await store.revokeToken(id: 999_999) == nil)
        #expect(try await store.token(hash: "hash-ci", now: Self.t0) == nil)
        await close(store)
    }

    @Test("the audit log: appended in order, read newest first, page by page", arguments: StoreBackend.allCases)
    func auditLog(backend: StoreBackend) async throws {
        let store = try await backend.makeAccessStore()
        var ids: [Int64] = []
        for i in 0..<5 {
            ids.append(
                try await store.appendAudit(
                    AuditEntry(
                        at: Instant(millisecondsSinceEpoch: Self.t0.millisecondsSinceEpoch + Int64(i)),
                        actor: "admin@example.com", action: "user.disable", target: "u\(i)@example.com",
                        clientAddress: i == 0 ? nil : "203.0.113.\(i)", detail: i == 4 ? "=1+1" : nil)))
        }
        #expect(ids == ids.sorted() && Set(ids).count == 5)
        let newest = try await store.auditEntries(before: nil, limit: 2)
        #expect(newest.map(\.target) == ["u4@example.com", "u3@example.com"])
        #expect(newest[0].detail == "=1+1" && newest[0].clientAddress == "203.0.113.4")
        #expect(newest[0].at.millisecondsSinceEpoch == Self.t0.millisecondsSinceEpoch + 4)
        let rest = try await store.auditEntries(before: newest[1].id, limit: 10)
        #expect(rest.map(\.target) == ["u2@example.com", "u1@example.com", "u0@example.com"])
        #expect(rest[2].clientAddress == nil && rest[2].detail == nil && rest[2].actor == "admin@example.com")
        #expect(try await store.auditEntries(before: rest[2].id, limit: 10).isEmpty)
        await close(store)
    }
}
