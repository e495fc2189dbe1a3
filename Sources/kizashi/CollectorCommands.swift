import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

struct SiteKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site-key", abstract: "Publishable site keys of the /t.js tracking tag.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a site key and print the tag snippet.")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "Which site it is for.") var name: String
        @Option(help: "The address the dashboard is served at.") var origin = "http://127.0.0.1:8080"
        func run() async throws {
            let store = try await workspace.openStore()
            var rng = SystemRandomNumberGenerator()
            let key = "pk_" + (0..<16).map { _ in String(UInt8.random(in: 0...255, using: &rng), radix: 16) }.joined()
            try await store.createSiteKey(
                name: name, key: key, now: WorkspaceClock.now())
            try await store.close()
            print("<script src=\"\(origin)/t.js\" data-key=\"\(key)\" async></script>")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List site keys.")
        @OptionGroup var workspace: WorkspaceOptions
        func run() async throws {
            let store = try await workspace.openStore()
            for k in try await store.siteKeys() { print("\(k.key)\t\(k.name)\t\(k.active ? "active" : "revoked")") }
            try await store.close()
        }
    }
}

extension SiteKeyCommand {
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a site key: the tag's posts with it are refused from now on.",
            discussion: "Pages that still carry the old tag send nothing; create a new key and update the snippet.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The key (pk_…), as `kizashi site-key list` prints it.") var key: String
        @Flag(help: "Restore a revoked key instead.") var restore = false
        func run() async throws {
            let store = try await workspace.openStore()
            let found = try await store.setSiteKey(key, active: restore)
            try await store.close()
            guard found else {
                throw ValidationError("no site key \(key) in this workspace (see `kizashi site-key list`)")
            }
            print(restore ? "Site key \(key) restored." : "Site key \(key) revoked.")
        }
    }
}

struct IPRangesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ip-ranges",
        abstract: "The optional IP-range table that resolves anonymous page views to companies.",
        subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the table from a CSV with columns cidr,company_id (IPv4 and IPv6).",
            discussion: "Any bad row (unreadable CIDR, unknown company) rejects the whole file; nothing changes.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "CSV file: cidr,company_id") var file: String
        func run() async throws {
            // Bounded: a table is a few MiB; more is not one.
            guard let handle = FileHandle(forReadingAtPath: file),
                let data = try handle.read(upToCount: IPRangeService.maxFileBytes + 1)
            else { throw ValidationError("cannot read \(file)") }
            let store = try await workspace.openStore()
            do {
                let n = try await IPRangeService(store: store).replace(csv: Array(data), file: file)
                try await store.close()
                print("\(n) IP ranges imported.")
            } catch let e as IPRangeService.Rejected {
                try? await store.close()
                throw ValidationError(e.description)
            } catch {
                try? await store.close()
                throw error
            }
        }
    }
}
