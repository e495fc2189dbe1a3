import Foundation
import KizashiCore
import Logging

@testable import KizashiStore

/// The backends the contract suite runs against. Every backend must pass the same tests.
enum StoreBackend: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite
    case postgres

    var description: String { rawValue }

    /// SQLite always; PostgreSQL when `KIZASHI_TEST_POSTGRES_URL` names a server (`.ci/run` starts
    /// one), and always in CI, where a missing URL then fails every PostgreSQL case.
    static var allCases: [StoreBackend] {
        PostgresTestDatabase.enabled ? [.sqlite, .postgres] : [.sqlite]
    }

    /// A fresh, empty workspace on this backend.
    func makeStore() async throws -> any WorkspaceStore {
        switch self {
        case .sqlite:
            return try await SQLiteWorkspaceStore.open(
                path: TemporaryDirectory.make().appendingPathComponent("w.sqlite").path)
        case .postgres:
            return try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh())
        }
    }
}

/// The PostgreSQL server the tests may use: `KIZASHI_TEST_POSTGRES_URL` (an admin URL; each
/// test creates its own database on it).
enum PostgresTestDatabase {
    static let environmentKey = "KIZASHI_TEST_POSTGRES_URL"
    static var url: String? { ProcessInfo.processInfo.environment[environmentKey].flatMap { $0.isEmpty ? nil : $0 } }
    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
    static var enabled: Bool { url != nil || inCI }

    /// How long a test waits to create its database and migrate it. The product's 20 s is for one
    /// server starting; here dozens of cases create and migrate databases at once while other
    /// suites compute on the same two cores, and CI has been seen to need more than 20 s.
    static let setupTimeout: Duration = .seconds(180)

    /// Opens a test database with the tests' patient timeout.
    static func open(_ location: PostgresLocation, logger: Logger = PostgresWorkspaceStore.defaultLogger)
        async throws -> PostgresWorkspaceStore
    {
        try await PostgresWorkspaceStore.open(location, logger: logger, timeout: setupTimeout)
    }

    static func fresh() async throws -> PostgresLocation {
        guard let url else {
            throw StoreError("\(environmentKey) is not set: CI must run the PostgreSQL store tests (see .ci/run)")
        }
        let name = "kizashi_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return try await PostgresWorkspaceStore.createDatabase(
            name, admin: try PostgresLocation(url: url), timeout: setupTimeout)
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

    /// The roll-up cells of a dataset as "day company type" → count ("-" for an unresolved
    /// account), so a test states the counts it expects as a literal.
    static func rollupCells(_ ds: KPIDataset) -> [String: Int32] {
        var out: [String: Int32] = [:]
        for e in ds.activities.entries {
            let who = e.account < 0 ? "-" : ds.activities.accountIds[Int(e.account)]
            out["\(e.day) \(who) \(e.type.rawValue)", default: 0] += e.count
        }
        return out
    }

    /// `rollupCells` of September and October 2026, read from `store`.
    static func rollupCells(_ store: any WorkspaceStore) async throws -> [String: Int32] {
        rollupCells(
            try await store.kpiDataset(
                KPIDataRequirements(
                    periods: [KPIPeriod(start: day("2026-09-01"), end: day("2026-11-01"))],
                    parameters: ScoringParameters())))
    }
}

extension SQLiteWorkspaceStore {
    /// SQLite's plan for `sql` (`EXPLAIN QUERY PLAN`'s detail column, a line per step): the plan
    /// tests check that a window is read through its index.
    func queryPlan(_ sql: String, _ binds: [StoredValue]) async throws -> String {
        try await readers.run { r in
            var lines: [String] = []
            try r.scan("EXPLAIN QUERY PLAN " + sql, binds) { c in lines.append(c.text(3) ?? "") }
            return lines.joined(separator: "\n")
        }
    }
}
