import ArgumentParser
import KizashiApp
import KizashiCore

/// A use case's refusal that the user can act on (a bad segment rule, an unknown experiment, a
/// CRM sync without credentials): the command prints its description as a usage error (exit 64).
/// One list of them instead of a `catch` per type in each command.
protocol UserRefusal: Error, CustomStringConvertible {}

extension SegmentService.Refusal: UserRefusal {}
extension SegmentRuleError: UserRefusal {}
extension ExperimentService.Problem: UserRefusal {}
extension OwnerRouteProblem: UserRefusal {}
extension CRMSyncProblem: UserRefusal {}
extension CRMSecretProblem: UserRefusal {}
extension BackupService.Refusal: UserRefusal {}

/// Runs `body`; a `UserRefusal` it throws becomes a usage error with the refusal's text.
func refusalsAsUsageErrors<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let refusal as any UserRefusal {
        throw ValidationError(refusal.description)
    }
}
