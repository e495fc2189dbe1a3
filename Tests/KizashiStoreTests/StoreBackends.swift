import Foundation
import KizashiCore
import KizashiStore

/// The backends the contract suite runs against. Every backend must pass the same tests.
enum StoreBackend: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite

    var description: String { rawValue }

    /// A fresh, empty workspace on this backend.
    func makeStore() async throws -> any WorkspaceStore {
        switch self {
        case .sqlite:
            return try await SQLiteWorkspaceStore.open(
                path: TemporaryDirectory.make().appendingPathComponent("w.sqlite").path)
        }
    }
}

enum TemporaryDirectory {
    static func make() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Small builders so tests state only what matters.
enum Build {
    static func day(_ s: String) -> Day { Day(iso: s)! }
    /// `2026-09-30T23:59:00+09:00` style; minutes precision is enough for these tests.
    static func jst(_ date: String, _ hour: Int, _ minute: Int = 0) -> Instant {
        WorkspaceTimeZone.tokyo.instant(localDay: day(date), secondsOfDay: hour * 3600 + minute * 60)
    }
    static func company(_ id: String, name: String? = nil) -> Company { Company(id: id, name: name ?? "Company \(id)") }
}
