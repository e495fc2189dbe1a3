import Foundation
import KizashiArchive
import KizashiCore
import KizashiStore

/// Imports a canonical data package (data-format.md) — a folder, or one file of a given entity —
/// in one transaction.
///
/// Files are read in chunks and parsed as they stream, so a 10-million-row activities file never
/// sits in memory. References are checked against the workspace plus the rows accepted earlier
/// in the same import (data-format.md: "exists neither in the workspace nor in the same import").
/// Bad rows go to `rejected.csv`; with `strict`, any bad row rolls the whole import back.
public struct PackageImporter: Sendable {
    public struct Options: Sendable {
        public var strict = false
        /// nil = detect per file.
        public var encoding: SourceEncoding?
        /// Where rejected rows are written; nil = nowhere.
        public var rejectedPath: String? = "rejected.csv"
        /// Parse and check everything, report, write nothing.
        public var dryRun = false
        /// When the file imported is a canonical copy of what the user gave (a spreadsheet): the
        /// name, line numbers and column names to report instead, so every rejected row points
        /// at the user's own file.
        public var shownAs: ShownSource?
        /// The same per file of the plan (a folder of sheets imported in one transaction).
        public var shownAsByPath: [String: ShownSource] = [:]
        /// The longest CSV record (bytes, line end excluded) read as a row; a longer one is a bad
        /// row on its line, and its bytes are skipped without being held (`kizashi import
        /// --max-record-bytes`; default 1 MiB).
        public var maxRecordBytes = CSVTokenizer.defaultMaxRecordBytes
        /// What a zip read on the way (an `.xlsx` sheet) may unpack to.
        public var archiveLimits = ArchiveLimits.default
        public init(
            strict: Bool = false, encoding: SourceEncoding? = nil, rejectedPath: String? = "rejected.csv",
            dryRun: Bool = false, maxRecordBytes: Int = CSVTokenizer.defaultMaxRecordBytes,
            archiveLimits: ArchiveLimits = .default
        ) {
            self.strict = strict
            self.encoding = encoding
            self.rejectedPath = rejectedPath
            self.dryRun = dryRun
            self.maxRecordBytes = maxRecordBytes
            self.archiveLimits = archiveLimits
        }
    }

    public struct ShownSource: Sendable {
        public var file: String
        /// Line of the canonical copy (1-based; index 0 unused) → row in the user's file.
        public var lines: [Int]
        /// Canonical column → the user's header.
        public var headers: [String: String]
        /// Rows the caller already found bad (an unresolved company or contact reference), by
        /// line of the canonical copy: rejected with this column, value and reason.
        public var issues: [Int: (column: String, value: String, reason: String)] = [:]
        public init(file: String, lines: [Int], headers: [String: String]) {
            self.file = file
            self.lines = lines
            self.headers = headers
        }

        func shown(_ r: ImportReport.RejectedRow) -> ImportReport.RejectedRow {
            var r = r
            r.file = file
            if r.line > 0 && r.line < lines.count { r.line = lines[r.line] }
            if let h = headers[r.column] { r.column = "\(h) (\(r.column))" }
            return r
        }
    }

    /// Rows handed to the store per upsert call.
    static let writeBatch = 20_000
    /// Bytes read from a file at a time.
    static let readChunk = 1 << 20
    /// Rejected rows kept in memory for the summary (all go to rejected.csv).
    static let keptRejected = 50

    public let store: any WorkspaceStore
    public let progress: @Sendable (ImportProgress) -> Void

    public init(store: any WorkspaceStore, progress: @escaping @Sendable (ImportProgress) -> Void = { _ in }) {
        self.store = store
        self.progress = progress
    }

    /// Imports every canonical file found in `directory` (and its icp.json).
    public func importPackage(at directory: String, options: Options = Options()) async throws -> ImportReport {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw ImportFailure(file: directory, message: "not a folder (to import one file, add --entity)")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var plan: [(CanonicalEntity, String)] = []
        for entity in CanonicalEntity.importOrder {
            // File names match case-insensitively (Companies.CSV from Windows tools).
            if let name = names.first(where: { $0.lowercased() == entity.fileName }) {
                plan.append((entity, (directory as NSString).appendingPathComponent(name)))
            }
        }
        let icpName = names.first { $0.lowercased() == "icp.json" }
        let known = Set(CanonicalEntity.allCases.map(\.fileName) + ["icp.json"])
        let ignored = names.filter { !known.contains($0.lowercased()) && !$0.hasPrefix(".") }.sorted()
        if plan.isEmpty && icpName == nil {
            throw ImportFailure(
                file: directory,
                message:
                    "no canonical files found (expected \(CanonicalEntity.importOrder.map(\.fileName).joined(separator: ", ")) or icp.json)"
            )
        }
        var icp: IdealCustomerProfile?
        if let icpName {
            let path = (directory as NSString).appendingPathComponent(icpName)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ImportFailure(file: path, message: "cannot read the file")
            }
            do { icp = try ICPDocument.decode(Array(data)) } catch {
                throw ImportFailure(file: path, message: "\(error)")
            }
        }
        var report = try await run(plan: plan, icp: icp, options: options)
        if !ignored.isEmpty, !report.files.isEmpty {
            report.files[0].warnings.append(
                "ignored files not in the canonical package: \(ignored.joined(separator: ", "))")
        }
        return report
    }

    /// Imports one file as `entity` (any file name).
    public func importFile(at path: String, entity: CanonicalEntity, options: Options = Options()) async throws
        -> ImportReport
    {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ImportFailure(file: path, message: "cannot read the file")
        }
        return try await run(plan: [(entity, path)], icp: nil, options: options)
    }

    // MARK: The run

    /// A test's fail point: with `KIZASHI_TEST_PAUSE_IMPORT_AFTER_ROWS=N` set, an import stops
    /// inside its transaction once N rows are written, says so on standard error and waits
    /// (until cancelled), so the crash-safety and shutdown tests can kill or stop it mid-way at a
    /// known point (a timer raced the import on a busy machine: sometimes it had finished).
    /// Compiled into debug builds only: a release binary has no fail points.
    /// `KIZASHI_TEST_RELEASE_IMPORT_FILE=PATH` ends the pause once that file exists (the import
    /// then goes on and commits), for the tests of what happens meanwhile.
    #if DEBUG
        static let pauseAfterRows = ProcessInfo.processInfo.environment["KIZASHI_TEST_PAUSE_IMPORT_AFTER_ROWS"]
            .flatMap { Int($0) }
        static let releaseFile = ProcessInfo.processInfo.environment["KIZASHI_TEST_RELEASE_IMPORT_FILE"]
    #else
        static let pauseAfterRows: Int? = nil
        static let releaseFile: String? = nil
    #endif

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = (ContinuousClock.now - start).components
        return Double(d.seconds) + Double(d.attoseconds) / 1e18
    }

    static func pauseUntilCancelled() async throws {
        FileHandle.standardError.write(Data("kizashi: paused inside the import transaction (test fail point)\n".utf8))
        while true {
            if let releaseFile, FileManager.default.fileExists(atPath: releaseFile) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    func run(plan: [(CanonicalEntity, String)], icp: IdealCustomerProfile?, options: Options) async throws
        -> ImportReport
    {
        // Elapsed time, not the time of day: a monotonic clock.
        let started = ContinuousClock.now
        let parameters = try WorkspaceSettings.parameters(from: try await store.settings())
        let knownCompanies = KnownIDs(try await store.companyIds())
        let knownContacts = KnownIDs(try await store.contactCompanies().keys)
        let totalBytes = plan.reduce(Int64(0)) {
            $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.1)[.size] as? Int64) ?? 0)
        }
        let rejected = try options.rejectedPath.map { try RejectedRowsWriter(path: $0) }
        let progress = self.progress

        var outcome: ImportReport
        do {
            // References are checked row by row below (ReferenceCheck), with the row's line and
            // column; the store's own foreign-key probes would only repeat them.
            outcome = try await store.transaction(referencesChecked: true) { tx in
                var report = ImportReport()
                var companies = knownCompanies
                var contacts = knownContacts
                var bytesBefore: Int64 = 0
                var rowsSoFar = 0
                // Writing a batch overlaps with parsing the next one (two cores: one parses, the
                // store's thread writes); at most one write is in flight, so writes stay in order.
                // The written batch comes back empty with its capacity (the task's result) and is
                // filled again, two batches in turn: a new batch per write regrew its arrays on
                // fresh pages (page faults and copies: about 6% of the parsing thread, by perf).
                var pendingWrite: Task<CanonicalBatch, any Error>?
                var spare: CanonicalBatch?
                var rowsWritten = 0
                var written = ImportedActivityLog()
                let pauseAfter = Self.pauseAfterRows
                var paused = false
                func write(_ b: inout CanonicalBatch) async throws {
                    if options.dryRun {
                        b.removeAll(keepingCapacity: true)
                        return
                    }
                    if let done = try await pendingWrite?.value { spare = done }
                    // A cancelled import (the server shutting down) stops between batches; the
                    // transaction then rolls back.
                    try Task.checkCancellation()
                    if let pauseAfter, rowsWritten >= pauseAfter, !paused {
                        paused = true
                        try await Self.pauseUntilCancelled()
                    }
                    rowsWritten += b.count
                    written.note(b.activityRows)
                    let full = b
                    // Hand the rows over; `b` becomes the spare, so `full` is the task's alone.
                    b = spare ?? CanonicalBatch()
                    spare = nil
                    pendingWrite = Task {
                        var full = full
                        try await full.write(to: tx)
                        return full
                    }
                }
                do {
                    for (entity, path) in plan {
                        let shown = options.shownAsByPath[path] ?? options.shownAs
                        var file = ImportReport.FileReport(
                            file: shown?.file ?? path, entity: entity.rawValue, encoding: "")
                        var batch = CanonicalBatch()
                        var failedStrict = false
                        try await CanonicalFileReader.read(
                            path: path, entity: entity, encoding: options.encoding, timeZone: parameters.timeZone,
                            chunkSize: Self.readChunk, maxRecordBytes: options.maxRecordBytes,
                            onHeader: { encoding, warnings, mapping in
                                file.encoding = encoding.displayName
                                file.warnings += warnings
                                file.columns = mapping
                            },
                            onRecord: { value, line, fields in
                                file.rowsRead += 1
                                if let known = shown?.issues[line] {
                                    let row = ImportReport.RejectedRow(
                                        file: path, line: line, column: known.column, value: known.value,
                                        reason: known.reason, record: fields())
                                    file.rejected += 1
                                    Self.note(
                                        shown.map { $0.shown(row) } ?? row, in: &report, writer: rejected)
                                    failedStrict = true
                                    return
                                }
                                if let issue = ReferenceCheck.issue(
                                    for: value, line: line, fields: fields, companies: companies, contacts: contacts)
                                {
                                    var row = ImportReport.RejectedRow(
                                        file: path, line: issue.line, column: issue.column, value: issue.value,
                                        reason: issue.reason, record: issue.fields)
                                    if let s = shown { row = s.shown(row) }
                                    file.rejected += 1
                                    Self.note(row, in: &report, writer: rejected)
                                    failedStrict = true
                                    return
                                }
                                switch value {
                                case .company(let c): companies.insert(c.id)
                                case .contact(let c): contacts.insert(c.id)
                                default: break
                                }
                                batch.append(value)
                            },
                            onRejected: { r in
                                file.rowsRead += 1
                                file.rejected += 1
                                // A reason the caller found first (a value map, a reference) is the one shown.
                                let known = shown?.issues[r.line]
                                let row = ImportReport.RejectedRow(
                                    file: path, line: r.line, column: known?.column ?? r.column,
                                    value: known?.value ?? r.value, reason: known?.reason ?? r.reason, record: r.fields)
                                Self.note(shown.map { $0.shown(row) } ?? row, in: &report, writer: rejected)
                                failedStrict = true
                            },
                            onChunk: { bytesRead in
                                progress(
                                    ImportProgress(
                                        file: path, bytesDone: bytesBefore + bytesRead, bytesTotal: totalBytes,
                                        rows: rowsSoFar + file.rowsRead, seconds: Self.seconds(since: started),
                                        finished: false))
                            },
                            flushIfNeeded: {
                                if options.strict && failedStrict {
                                    batch.removeAll()
                                    return
                                }
                                if batch.count >= Self.writeBatch {
                                    file.imported += batch.count
                                    try await write(&batch)
                                }
                            })
                        if !(options.strict && failedStrict) {
                            file.imported += batch.count
                            try await write(&batch)
                        }
                        // The next file is parsed while this one's last batch is written: its
                        // references are checked against the IDs parsed so far (`companies`,
                        // `contacts`), not against the store, and writes stay in order (each
                        // waits for the one before). Waiting here left one core idle at every
                        // file boundary (a tenth of a medium import, perf).
                        bytesBefore += (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
                        rowsSoFar += file.rowsRead
                        report.files.append(file)
                    }
                    _ = try await pendingWrite?.value
                    pendingWrite = nil
                } catch {
                    // Never let a write run after the rollback: wait for the one in flight.
                    _ = try? await pendingWrite?.value
                    throw error
                }
                if let icp, !options.dryRun {
                    try await tx.setICP(icp)
                    report.icpSet = true
                }
                if options.dryRun {
                    report.committed = false
                    report.dryRun = true
                    throw DryRunFinished(report: report)
                }
                if options.strict && report.rejectedTotal > 0 {
                    report.committed = false
                    throw StrictImportRejected(report: report)
                }
                report.addedActivities = written.added(given: await tx.activityReplacements)
                return report
            }
        } catch let done as DryRunFinished {
            // A dry run ends by rolling its (empty) transaction back.
            outcome = done.report
        } catch {
            try? rejected?.close()
            throw error
        }
        try rejected?.close()
        var final = outcome
        final.seconds = Self.seconds(since: started)
        if !final.dryRun {
            WorkspaceMetrics.imported(rows: final.imported, rejected: final.rejectedTotal, source: "package")
        }
        if final.rejectedTotal > 0 {
            final.rejectedFile = options.rejectedPath
        } else if let p = options.rejectedPath {
            try? FileManager.default.removeItem(atPath: p)
        }
        progress(
            ImportProgress(
                file: "", bytesDone: totalBytes, bytesTotal: totalBytes, rows: final.rowsRead, seconds: final.seconds,
                finished: true))
        return final
    }

    static func note(_ row: ImportReport.RejectedRow, in report: inout ImportReport, writer: RejectedRowsWriter?) {
        report.rejectedTotal += 1
        if report.firstRejected.count < keptRejected { report.firstRejected.append(row) }
        writer?.write(row)
    }
}

/// Ends a dry run's transaction: nothing was written, the report is what a real run would do.
struct DryRunFinished: Error {
    var report: ImportReport
}
