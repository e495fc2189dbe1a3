import Foundation
import KizashiCore

/// "Today" in the workspace time zone — the only place the wall clock enters the app, so tests
/// and reproducible reports can pass a fixed day instead.
public enum WorkspaceClock {
    public static func today(in timeZone: WorkspaceTimeZone) -> Day {
        timeZone.day(of: now())
    }

    /// The wall clock as an `Instant` (services take it as an injectable `() -> Instant`).
    @Sendable public static func now() -> Instant {
        Instant(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000))
    }
}
