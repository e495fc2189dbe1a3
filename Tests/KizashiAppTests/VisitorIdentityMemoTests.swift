import Foundation
import KizashiStore
import Testing

@testable import KizashiApp

/// `VisitorIdentityMemo` keeps an event batch's visitor identities as the store's `setIdentity`
/// leaves them (`coalesce(excluded.x, event_identities.x)` per column: the new value when it has
/// one, else the stored one). The same sets, worked by hand, are checked on the memo and on a
/// SQLite store, so a change to either merge alone fails here.
@Suite struct VisitorIdentityMemoTests {
    /// The sets, in order, from a start where user u1 is known with a contact and an e-mail and
    /// nobody else is.
    static let start = VisitorIdentity(contactId: "P1", companyId: nil, email: "ann@acme.example")
    static let sets: [(kind: String, id: String, VisitorIdentity)] = [
        // 1. The known user gains a company.
        ("user", "u1", VisitorIdentity(contactId: nil, companyId: "C1", email: nil)),
        // 2. A second set with nothing keeps everything set before.
        ("user", "u1", VisitorIdentity(contactId: nil, companyId: nil, email: nil)),
        // 3. A new contact replaces the old one; company and e-mail stay.
        ("user", "u1", VisitorIdentity(contactId: "P2", companyId: nil, email: nil)),
        // 4. An unknown anonymous visitor: stored as given, nil columns stay nil.
        ("anonymous", "a1", VisitorIdentity(contactId: nil, companyId: "C2", email: nil)),
        // 5. An anonymous id equal to the user's id is another visitor (kinds are separate).
        ("anonymous", "u1", VisitorIdentity(contactId: nil, companyId: nil, email: "bo@beta.example")),
    ]

    // Worked by hand, column by column (new ?? old):
    //   u1 (user):      start (P1, nil, ann@)
    //                   1. (nil ?? P1, C1 ?? nil, nil ?? ann@)  = (P1, C1, ann@)
    //                   2. (nil ?? P1, nil ?? C1, nil ?? ann@)  = (P1, C1, ann@)
    //                   3. (P2 ?? P1, nil ?? C1, nil ?? ann@)   = (P2, C1, ann@)
    //   a1 (anonymous): 4. (nil ?? –, C2 ?? –, nil ?? –)        = (nil, C2, nil)
    //   u1 (anonymous): 5. (nil, nil, bo@)                      — user u1 untouched
    static let u1User = VisitorIdentity(contactId: "P2", companyId: "C1", email: "ann@acme.example")
    static let a1Anonymous = VisitorIdentity(contactId: nil, companyId: "C2", email: nil)
    static let u1Anonymous = VisitorIdentity(contactId: nil, companyId: nil, email: "bo@beta.example")

    @Test func memoMergesAsTheStoreDoes() {
        var memo = VisitorIdentityMemo(users: ["u1": Self.start], anonymous: [:])
        // Before any set: the known user as read, the others unknown.
        #expect(memo.get(kind: "user", id: "u1") == Self.start)
        #expect(memo.get(kind: "anonymous", id: "u1") == nil)

        // After set 1 alone: (P1, C1, ann@).
        memo.set(kind: Self.sets[0].kind, id: Self.sets[0].id, Self.sets[0].2)
        #expect(
            memo.get(kind: "user", id: "u1")
                == VisitorIdentity(contactId: "P1", companyId: "C1", email: "ann@acme.example"))
        // After set 2 (all nil): still (P1, C1, ann@).
        memo.set(kind: Self.sets[1].kind, id: Self.sets[1].id, Self.sets[1].2)
        #expect(
            memo.get(kind: "user", id: "u1")
                == VisitorIdentity(contactId: "P1", companyId: "C1", email: "ann@acme.example"))

        for s in Self.sets.dropFirst(2) { memo.set(kind: s.kind, id: s.id, s.2) }
        #expect(memo.get(kind: "user", id: "u1") == Self.u1User)
        #expect(memo.get(kind: "anonymous", id: "a1") == Self.a1Anonymous)
        #expect(memo.get(kind: "anonymous", id: "u1") == Self.u1Anonymous)
        // Never set: unknown.
        #expect(memo.get(kind: "user", id: "a1") == nil)
        #expect(memo.get(kind: "user", id: "u2") == nil)
    }

    @Test func storeMergesToTheSameHandWorkedIdentities() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sets = Self.sets
        let (users, anonymous) = try await store.transaction {
            tx -> ([String: VisitorIdentity], [String: VisitorIdentity]) in
            try await tx.setIdentity(kind: "user", id: "u1", Self.start)
            for s in sets { try await tx.setIdentity(kind: s.kind, id: s.id, s.2) }
            return (
                try await tx.identities(kind: "user", ids: ["u1", "a1", "u2"]),
                try await tx.identities(kind: "anonymous", ids: ["u1", "a1"])
            )
        }
        try await store.close()
        #expect(users == ["u1": Self.u1User])
        #expect(anonymous == ["a1": Self.a1Anonymous, "u1": Self.u1Anonymous])
    }
}
