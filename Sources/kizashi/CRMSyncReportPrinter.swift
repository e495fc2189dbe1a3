import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore

/// What `kizashi sync hubspot` and `kizashi sync salesforce` share around their service: the
/// secret key read from the environment, the secret read from standard input, and the run's
/// report printed the same way (a refusal as a usage error, exit 1 when records were left unsent).
enum CRMSyncReportPrinter {
    /// The box opening stored CRM secrets ($KIZASHI_SECRET_KEY; nil when it is not set).
    static func secretBox() throws -> CRMSecretBox? {
        do { return try CRMSecretBox.fromEnvironment(ProcessInfo.processInfo.environment) } catch {
            throw ValidationError("\(error)")
        }
    }

    /// A token or secret from standard input (never an argument: it would show in `ps` and the
    /// shell history), at most 4 KiB; it is never echoed.
    static func secretFromStandardInput() -> String {
        String(decoding: FileHandle.standardInput.readData(ofLength: 4096), as: UTF8.self)
    }

    /// Runs `sync` and prints its report as a table or JSON; a stopped or partial run exits 1.
    static func run(format: TableOrJSON, _ sync: () async throws -> CRMSyncReport) async throws {
        let report = try await refusalsAsUsageErrors(sync)
        if format == .json {
            print(report.json().serialized(pretty: true))
        } else {
            print(report.text(), terminator: "")
        }
        if report.run.status == .stopped || report.run.status == .partial { throw ExitCode(1) }
    }
}
