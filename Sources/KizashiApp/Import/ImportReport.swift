import KizashiCore

/// What an import did, file by file, for the summary a user reads after `kizashi import`.
public struct ImportReport: Sendable {
    public struct FileReport: Sendable {
        public var file: String
        public var entity: String
        public var encoding: String
        public var rowsRead = 0
        public var imported = 0
        public var rejected = 0
        public var warnings: [String] = []
        /// Header column → canonical column (nil = ignored), in file order.
        public var columns: [(header: String, column: String?)] = []
    }

    /// One bad row: file, line, column and reason (data-format.md: "Bad rows are reported with
    /// file, line, column and reason and are not imported").
    public struct RejectedRow: Sendable, Equatable {
        public var file: String
        public var line: Int
        public var column: String
        public var value: String
        public var reason: String
        public var record: [String]
    }

    public var files: [FileReport] = []
    /// The first rejected rows (all of them are in rejected.csv).
    public var firstRejected: [RejectedRow] = []
    public var rejectedTotal = 0
    public var rejectedFile: String?
    /// false when `--strict` rejected the whole import (nothing changed).
    public var committed = true
    /// A `--dry-run`: everything was checked, nothing written.
    public var dryRun = false
    public var icpSet = false
    /// The activities this import added to the workspace (rows that replaced an equal stored row
    /// left out), for the server's read model; nil when the store could not tell (a first load, a
    /// changed row, too many rows): the read model reloads.
    public var addedActivities: [Activity]?
    public var seconds: Double = 0

    public var rowsRead: Int { files.reduce(0) { $0 + $1.rowsRead } }
    public var imported: Int { files.reduce(0) { $0 + $1.imported } }
}

/// An import that could not run at all (missing required column, unreadable file, …):
/// nothing was written.
public struct ImportFailure: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}

/// `--strict` and a bad row: the whole import was rolled back.
public struct StrictImportRejected: Error, CustomStringConvertible, Sendable {
    public var report: ImportReport
    public var description: String {
        "--strict: \(report.rejectedTotal) bad row(s); the whole import was rejected and nothing changed"
    }
}

/// Progress of a running import, for a progress bar.
public struct ImportProgress: Sendable {
    public var file: String
    public var bytesDone: Int64
    public var bytesTotal: Int64
    public var rows: Int
    public var seconds: Double
    public var finished: Bool

    public var fraction: Double { bytesTotal > 0 ? min(1, Double(bytesDone) / Double(bytesTotal)) : 1 }
    public var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }
    public var etaSeconds: Double? {
        guard fraction > 0.01, seconds > 0 else { return nil }
        return seconds * (1 - fraction) / fraction
    }
}
