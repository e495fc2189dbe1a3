import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

extension UserRole: ExpressibleByArgument {}

/// Runs `body` with the workspace's access service and closes the store whatever happens; a
/// refusal becomes a message and a non-zero exit.
@discardableResult
func withAccess<T>(_ options: WorkspaceOptions, _ body: (AccessService) async throws -> T) async throws -> T {
    let store: any WorkspaceStore
    do {
        store = try await options.openStore()
    } catch let e as StoreError {
        throw ValidationError(e.message)
    }
    do {
        let r = try await body(AccessService(store: store))
        try await store.close()
        return r
    } catch {
        try? await store.close()
        switch error {
        case let e as AccessError: throw ValidationError(e.description)
        case let e as StoreError: throw ValidationError(e.message)
        default: throw error
        }
    }
}

/// A new password from $KIZASHI_PASSWORD, else a generated one (then `generated` is true and it
/// must be printed once).
func passwordFromEnvironment() -> (password: String, generated: Bool) {
    if let given = ProcessInfo.processInfo.environment["KIZASHI_PASSWORD"] { return (given, false) }
    return (AccessService.generatedPassword(), true)
}

/// `2026-09-30 03:00 UTC`, or `-`.
func utcText(_ i: Instant?) -> String {
    guard let i else { return "-" }
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
    return f.string(from: Date(timeIntervalSince1970: Double(i.millisecondsSinceEpoch) / 1000))
}
