import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token; it is printed once.")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "What will use the token.") var name: String
        @Option(help: "admin, editor or viewer.") var role: UserRole = .viewer
        @Option(
            name: .customLong("expires-in"),
            help: ArgumentHelp("How long the token lasts: 90d, 12h or 30m (default: until revoked).", valueName: "TIME")
        )
        var expiresIn: String?
        func run() async throws {
            let lifetime: TokenLifetime?
            do { lifetime = try AccessService.tokenLifetime(expiresIn) } catch {
                throw ValidationError(error.description)
            }
            let (secret, token) = try await withAccess(workspace) {
                try await $0.createToken(
                    name: name, role: role, now: WorkspaceClock.now(), expiresIn: lifetime, actor: .commandLine)
            }
            let expiry = token.expiresAt.map { ", expires \(utcText($0))" } ?? ""
            StandardError.write(
                "Token \(token.id) (\(token.role.rawValue)\(expiry)) created; it is not shown again:\n")
            print(secret)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List API tokens (never their secrets): id, prefix, role, name, expiry, last use, state.")
        @OptionGroup var workspace: WorkspaceOptions
        func run() async throws {
            let tokens = try await withAccess(workspace) { try await $0.store.tokens() }
            let now = WorkspaceClock.now()
            for t in tokens {
                let state = t.revoked ? "revoked" : (t.isUnusable(at: now) ? "expired" : "active")
                print(
                    "\(t.id)\t\(t.prefix)…\t\(t.role.rawValue)\t\(t.name)\texpires \(utcText(t.expiresAt))\tlast used \(utcText(t.lastUsedAt))\t\(state)"
                )
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API token by its id.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument var id: Int64
        func run() async throws {
            try await withAccess(workspace) { try await $0.revokeToken(id: id, actor: .commandLine) }
            print("Token \(id) revoked.")
        }
    }
}
