import Foundation
import Testing

/// `kizashi user`, `kizashi token` and `kizashi audit` as an operator runs them.
@Suite("CLI: users, tokens, audit log", .serialized)
struct AccessCLITests {
    static let pw = ["KIZASHI_PASSWORD": "correct horse battery"]

    static func workspace() -> String { Fixture.temporaryDirectory() + "/w.sqlite" }

    @Test("users: disable, enable, set-role, reset-password, delete; the last active admin is kept")
    func userLifecycle() throws {
        let db = Self.workspace()
        #expect(
            try CLI.run(["user", "create", "boss@example.com", "--role", "admin", "--db", db], environment: Self.pw).0
                == 0)
        #expect(
            try CLI.run(["user", "create", "ed@example.com", "--role", "editor", "--db", db], environment: Self.pw).0
                == 0)

        let (s1, _, e1) = try CLI.run(["user", "disable", "boss@example.com", "--db", db])
        #expect(s1 != 0 && e1.contains("last active admin"))
        let (s2, _, e2) = try CLI.run(["user", "set-role", "boss@example.com", "--role", "viewer", "--db", db])
        #expect(s2 != 0 && e2.contains("last active admin"))
        let (s3, _, e3) = try CLI.run(["user", "delete", "boss@example.com", "--db", db])
        #expect(s3 != 0 && e3.contains("last active admin"))

        let (d, out, _) = try CLI.run(["user", "disable", "ed@example.com", "--db", db])
        #expect(d == 0 && out.contains("ed@example.com is disabled"))
        #expect(
            try CLI.run(["user", "list", "--db", db]).1
                == "boss@example.com\tadmin\tactive\ned@example.com\teditor\tdisabled\n")
        #expect(try CLI.run(["user", "enable", "ed@example.com", "--db", db]).0 == 0)
        #expect(try CLI.run(["user", "set-role", "ed@example.com", "--role", "admin", "--db", db]).0 == 0)
        // Two admins now: the first may step down.
        #expect(try CLI.run(["user", "set-role", "boss@example.com", "--role", "viewer", "--db", db]).0 == 0)

        let (r, reset, _) = try CLI.run(["user", "reset-password", "ed@example.com", "--db", db])
        #expect(r == 0 && reset.contains("Password (shown once): "))
        let (short, _, shortErr) = try CLI.run(
            ["user", "reset-password", "ed@example.com", "--db", db], environment: ["KIZASHI_PASSWORD": "short"])
        #expect(short != 0 && shortErr.contains("at least 10 characters"))
        let (u, _, unknownErr) = try CLI.run(["user", "disable", "nobody@example.com", "--db", db])
        #expect(u != 0 && unknownErr.contains("no such user"))
        #expect(try CLI.run(["user", "delete", "boss@example.com", "--db", db]).0 == 0)
        #expect(try CLI.run(["user", "list", "--db", db]).1 == "ed@example.com\tadmin\tactive\n")

        // Every change is in the audit log, newest first, by "cli".
        let (_, table, _) = try CLI.run(["audit", "--db", db])
        let actions = table.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
            .map { "\($0[2]) \($0[3])" }
        #expect(
            actions == [
                "user.delete boss@example.com", "user.password ed@example.com", "user.role boss@example.com",
                "user.role ed@example.com", "user.enable ed@example.com", "user.disable ed@example.com",
                "user.create ed@example.com", "user.create boss@example.com",
            ])
        #expect(table.split(separator: "\n").allSatisfy { $0.split(separator: "\t")[1] == "cli" })
    }

    @Test("tokens: --expires-in sets the expiry, a bad lifetime is refused, list shows it, revoke is audited")
    func tokens() throws {
        let db = Self.workspace()
        let (s, secret, err) = try CLI.run([
            "token", "create", "--name", "ci", "--role", "editor", "--expires-in", "90d", "--db", db,
        ])
        #expect(s == 0 && secret.hasPrefix("kz_") && err.contains("expires"))
        let (bad, _, badErr) = try CLI.run(["token", "create", "--name", "x", "--expires-in", "90x", "--db", db])
        #expect(bad != 0 && badErr.contains("90d (days)"))
        let (_, list, _) = try CLI.run(["token", "list", "--db", db])
        #expect(list.contains("\tci\texpires 20") && list.contains("last used -\tactive"))
        #expect(try CLI.run(["token", "revoke", "1", "--db", db]).0 == 0)
        let (missing, _, missingErr) = try CLI.run(["token", "revoke", "99", "--db", db])
        #expect(missing != 0 && missingErr.contains("no such API token"))
        let (_, csv, _) = try CLI.run(["audit", "--format", "csv", "--db", db])
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "id,at_utc,actor,action,target,client_address,detail")
        #expect(lines.count == 3)
        #expect(lines[1].contains(",cli,token.revoke,token 1 (ci),,"))
        #expect(lines[2].hasSuffix(",cli,token.create,token 1 (ci),,\"role editor, expires in 90d\""))
        let (f, _, fErr) = try CLI.run(["audit", "--format", "xml", "--db", db])
        #expect(f != 0 && fErr.contains("xml"))
    }
}
