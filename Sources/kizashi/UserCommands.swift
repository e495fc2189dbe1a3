import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage dashboard users.",
        discussion: """
            disable, enable, delete, reset-password and set-role end every session of the user at once.
            The last active admin cannot be disabled, deleted or demoted. Each change is in the audit log.
            """,
        subcommands: [
            Create.self, List.self, SetRole.self, Disable.self, Enable.self, Delete.self, ResetPassword.self,
        ])

    /// Applies `change` (the access service, the user's id) to the user `email` names: what
    /// set-role, disable, enable, delete and reset-password share. The changed user.
    static func change(
        _ workspace: WorkspaceOptions, email: String,
        _ change: (AccessService, _ id: Int64) async throws -> WorkspaceUser
    ) async throws -> WorkspaceUser {
        try await withAccess(workspace) { access in try await change(access, try await access.user(email: email).id) }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user. The password is read from $KIZASHI_PASSWORD, else generated and printed once.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "E-mail address (the login name).") var email: String
        @Option(help: "admin, editor or viewer.") var role: UserRole = .viewer

        func run() async throws {
            let (password, generated) = passwordFromEnvironment()
            let user = try await withAccess(workspace) {
                try await $0.createUser(email: email, role: role, password: password, actor: .commandLine)
            }
            print("Created \(user.email) (\(user.role.rawValue)).")
            if generated { print("Password (shown once): \(password)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users: e-mail, role, active or disabled.")
        @OptionGroup var workspace: WorkspaceOptions
        func run() async throws {
            let users = try await withAccess(workspace) { try await $0.store.users() }
            for u in users { print("\(u.email)\t\(u.role.rawValue)\t\(u.disabled ? "disabled" : "active")") }
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-role", abstract: "Change a user's role (their sessions end).")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument var email: String
        @Option(help: "admin, editor or viewer.") var role: UserRole
        func run() async throws {
            let u = try await UserCommand.change(workspace, email: email) {
                try await $0.setRole(id: $1, to: role, actor: .commandLine)
            }
            print("\(u.email) is now \(u.role.rawValue); their sessions have ended.")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a user: they cannot sign in, and every session of theirs ends now.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument var email: String
        func run() async throws {
            let u = try await UserCommand.change(workspace, email: email) {
                try await $0.disableUser(id: $1, actor: .commandLine)
            }
            print("\(u.email) is disabled; their sessions have ended.")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled user again.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument var email: String
        func run() async throws {
            let u = try await UserCommand.change(workspace, email: email) {
                try await $0.enableUser(id: $1, actor: .commandLine)
            }
            print("\(u.email) is enabled.")
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a user (their audit entries stay); every session of theirs ends now.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument var email: String
        func run() async throws {
            let u = try await UserCommand.change(workspace, email: email) {
                try await $0.deleteUser(id: $1, actor: .commandLine)
            }
            print("\(u.email) is deleted.")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract:
                "Set a new password ($KIZASHI_PASSWORD, else generated and printed once); every session of the user ends."
        )
        @OptionGroup var workspace: WorkspaceOptions
        @Argument var email: String
        func run() async throws {
            let (password, generated) = passwordFromEnvironment()
            let u = try await UserCommand.change(workspace, email: email) {
                try await $0.resetPassword(id: $1, to: password, actor: .commandLine)
            }
            print("\(u.email) has a new password; their sessions have ended.")
            if generated { print("Password (shown once): \(password)") }
        }
    }
}
