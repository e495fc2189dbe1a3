import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiServer
import KizashiStore

extension UserRole: ExpressibleByArgument {}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage dashboard users.", subcommands: [Create.self, List.self, SetRole.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user. The password is read from $KIZASHI_PASSWORD, else generated and printed once.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "E-mail address (the login name).") var email: String
        @Option(help: "admin, editor or viewer.") var role: UserRole = .viewer

        func run() async throws {
            let given = ProcessInfo.processInfo.environment["KIZASHI_PASSWORD"]
            let password = given ?? AccessControl.generatedPassword()
            let store = try await WorkspaceLocation.openForServer(workspace.location)
            do {
                let user = try await AccessControl(store: store).createUser(
                    email: email, role: role, password: password)
                try await store.close()
                print("Created \(user.email) (\(user.role.rawValue)).")
                if given == nil { print("Password (shown once): \(password)") }
            } catch let e as StoreError {
                try? await store.close()
                throw ValidationError(e.message)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var workspace: WorkspaceOptions
        func run() async throws {
            let store = try await WorkspaceLocation.openForServer(workspace.location)
            for u in try await store.users() { print("\(u.email)\t\(u.role.rawValue)") }
            try await store.close()
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Change a user's role.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument var email: String
        @Option(help: "admin, editor or viewer.") var role: UserRole
        func run() async throws {
            let store = try await WorkspaceLocation.openForServer(workspace.location)
            guard let u = try await store.user(email: email) else {
                try? await store.close()
                throw ValidationError("no user \(email)")
            }
            try await store.setRole(userId: u.id, role: role)
            try await store.close()
            print("\(u.email) is now \(role.rawValue).")
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token; it is printed once.")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "What will use the token.") var name: String
        @Option(help: "admin, editor or viewer.") var role: UserRole = .viewer
        func run() async throws {
            let store = try await WorkspaceLocation.openForServer(workspace.location)
            let now = Instant(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000))
            do {
                let (secret, token) = try await AccessControl(store: store).createToken(
                    name: name, role: role, now: now)
                try await store.close()
                StandardError.write("Token \(token.id) (\(token.role.rawValue)) created; it is not shown again:\n")
                print(secret)
            } catch let e as StoreError {
                try? await store.close()
                throw ValidationError(e.message)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List API tokens (never their secrets).")
        @OptionGroup var workspace: WorkspaceOptions
        func run() async throws {
            let store = try await WorkspaceLocation.openForServer(workspace.location)
            for t in try await store.tokens() {
                print("\(t.id)\t\(t.prefix)…\t\(t.role.rawValue)\t\(t.name)\(t.revoked ? "\trevoked" : "")")
            }
            try await store.close()
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API token by its id.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument var id: Int64
        func run() async throws {
            let store = try await WorkspaceLocation.openForServer(workspace.location)
            try await store.revokeToken(id: id)
            try await store.close()
            print("Token \(id) revoked.")
        }
    }
}
