import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract:
            "Show the audit log: logins, failed logins, user, token and webhook changes, imports, exports, merges.",
        discussion: """
            Newest first. --format csv writes the whole log (or the newest --limit entries) for a spreadsheet;
            text cells that a spreadsheet would run as formulas are prefixed with an apostrophe.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv
    }

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "table or csv.") var format: Format = .table
    @Option(help: "At most this many entries (default: 50 for a table, all for CSV).") var limit: Int?

    func validate() throws {
        if let limit, !(1...1_000_000).contains(limit) { throw ValidationError("--limit must be from 1 to 1000000") }
    }

    func run() async throws {
        try await withAccess(workspace) { access in
            switch format {
            case .csv:
                FileHandle.standardOutput.write(Data(AuditLogCSV.header.utf8))
                var left = limit ?? Int.max
                try await access.audit.allEntries { page in
                    guard left > 0 else { return }
                    let rows = Array(page.prefix(left))
                    left -= rows.count
                    FileHandle.standardOutput.write(Data(AuditLogCSV.rows(rows).utf8))
                }
            case .table:
                let entries = try await access.audit.entries(limit: limit ?? 50)
                if entries.isEmpty { print("No audit entries.") }
                for e in entries {
                    print(
                        [
                            utcText(e.at), e.actor, e.action, e.target ?? "-", e.clientAddress ?? "-", e.detail ?? "",
                        ].joined(separator: "\t"))
                }
            }
        }
    }
}
