import ArgumentParser
import Foundation
import KizashiApp
import KizashiArchive
import KizashiCore
import KizashiStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a canonical data package (a folder or a .zip), or one CSV file with --entity.",
        discussion: """
            Bad rows are skipped and written to rejected.csv (file, line, column, reason); with --strict any
            bad row rejects the whole import. Each import is one transaction: interrupted, it changes nothing.
            Re-importing the same data changes nothing (rows are replaced by ID).
            """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(
        help: "A package folder or .zip, or a CSV file with --entity; with --from, the source file(s) or a zip of them."
    )
    var paths: [String]
    @Option(
        help:
            "Import from a source format: salesforce (Account/Contact/Opportunity/Lead/Campaign/CampaignMember/OpportunityHistory CSVs or tree-export JSON), hubspot (company/contact/deal exports), marketo (activity exports), bombora (Company Surge files), intent (domain, topic, score, date), nta (法人番号 file), sheet (a CSV or .xlsx sheet with its own headers, as --entity)."
    )
    var from: String?
    @Option(help: "With --from bombora: the week the surge was measured (default: the date in the file name).")
    var date: String?
    @Option(
        help:
            "With --from hubspot or sheet: a JSON file mapping headers to fields ({\"会社名\": \"name\", …}; or YAML lines 会社名: name), for headers Kizashi does not know; \"\" ignores a column. With salesforce or marketo: headers naming a company or contact (Account Name: company)."
    )
    var mapping: String?
    @Option(help: "With --from sheet: the sheet of an .xlsx workbook to read (default: the first).") var sheet: String?
    @Option(
        help:
            "With --from sheet: the row number holding the headers (default: detected, the top row naming the most known columns)."
    )
    var headerRow: Int?
    @Option(help: "Import PATH as this entity: \(CanonicalEntity.importOrder.map(\.rawValue).joined(separator: ", ")).")
    var entity: String?
    @Option(help: "Source encoding: utf-8 or shift_jis (default: detected per file).") var encoding: String?
    @Flag(help: "Reject the whole import if any row is bad.") var strict = false
    @Option(help: "Where to write rejected rows.") var rejected = "rejected.csv"
    @Flag(help: "Parse and check everything and report, but write nothing.") var dryRun = false
    @Flag(help: "No progress output.") var quiet = false
    @Option(
        help:
            "The longest CSV record read as a row, in bytes (line end excluded); a longer one is a bad row on its line."
    )
    var maxRecordBytes = CSVTokenizer.defaultMaxRecordBytes
    @Option(help: "Bytes a zip (a package, a workbook) may unpack to, all entries together (default 2 GiB).")
    var maxUnpackedBytes: Int64 = ArchiveLimits.default.maxUnpackedBytes

    /// The import options every mode shares.
    func importOptions(encoding enc: SourceEncoding?) throws -> PackageImporter.Options {
        guard maxRecordBytes > 0 else { throw ValidationError("--max-record-bytes must be a positive number of bytes") }
        guard maxUnpackedBytes > 0 else {
            throw ValidationError("--max-unpacked-bytes must be a positive number of bytes")
        }
        var limits = ArchiveLimits.default
        limits.maxUnpackedBytes = maxUnpackedBytes
        return PackageImporter.Options(
            strict: strict, encoding: enc, rejectedPath: rejected, dryRun: dryRun, maxRecordBytes: maxRecordBytes,
            archiveLimits: limits)
    }

    func run() async throws {
        let source = try from.map { name -> ConnectorSource in
            guard let s = ConnectorSource(rawValue: name), s != .canonical else {
                throw ValidationError("--from \(name): use salesforce, hubspot, marketo, bombora, intent, nta or sheet")
            }
            return s
        }
        let enc = try encoding.map { name -> SourceEncoding in
            guard let e = SourceEncoding(name: name) else {
                throw ValidationError("--encoding \(name): use utf-8 or shift_jis")
            }
            return e
        }
        let ent = try entity.map { name -> CanonicalEntity in
            guard let e = CanonicalEntity(rawValue: name.lowercased()) else {
                let hint = CanonicalEntity.suggestion(for: name).map { "did you mean --entity \($0.rawValue)? " } ?? ""
                throw ValidationError(
                    "--entity \(name): \(hint)use one of \(CanonicalEntity.importOrder.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return e
        }
        let day = try date.map { t -> Day in
            guard let d = Day(iso: t) else { throw ValidationError("--date must be a date YYYY-MM-DD") }
            return d
        }
        let mappingFile = try self.mappingFile()
        var request = ImportService.Request(
            source: source ?? .canonical, paths: paths, entity: ent, options: try importOptions(encoding: enc),
            mapping: mappingFile?.single.columns ?? [:], sheet: sheet, date: day, mappingFile: mappingFile)
        let bar = ProgressReporter(enabled: !quiet)
        // A dry run writes nothing: not a new workspace file, not rejected.csv (issue 28).
        if dryRun { request.options.rejectedPath = nil }
        if let headerRow, headerRow < 1 { throw ValidationError("--header-row must be a row number ≥ 1") }
        request.headerRow = headerRow
        let finalRequest = request
        let scratch = dryRun ? DryRunWorkspace(workspace) : nil
        defer { scratch?.remove() }
        let outcome = try await Self.reportingFailures(bar) {
            try await withStore(scratch?.options ?? workspace) { store in
                try await ImportService(store: store, progress: { bar.update($0) }).run(finalRequest)
            }
        }
        switch outcome {
        case .package(let report): print(ImportSummaryText.render(report))
        case .sheet(let sheet):
            print(SheetPreviewText.render(sheet))
            print(ImportSummaryText.render(sheet.report))
        case .folder(let folder):
            // The sheets are in import order, as the report's files.
            for (i, sheet) in folder.sheets.enumerated() {
                let file = i < folder.report.files.count ? folder.report.files[i].file : sheet.mapping.entity.rawValue
                print("\((file as NSString).lastPathComponent):")
                print(SheetPreviewText.render(sheet))
            }
            print(ImportSummaryText.render(folder.report))
        case .connector(let report): print(report.render())
        }
        // Nothing imported and rows rejected: a failed import for scripts too (issue 28).
        if let report = outcome.canonicalReport, !report.dryRun, report.imported == 0, report.rejectedTotal > 0 {
            throw ExitCode(1)
        }
    }

    /// Runs an import; a `--strict` rejection prints its summary (exit 2), a failed import or a
    /// refused zip its reason (exit 1), a request that cannot be done as asked is a usage error.
    /// The progress bar is finished either way.
    static func reportingFailures<T>(_ bar: ProgressReporter, _ body: () async throws -> T) async throws -> T {
        do {
            let value = try await body()
            bar.finish()
            return value
        } catch let e as StrictImportRejected {
            bar.finish()
            print(ImportSummaryText.render(e.report))
            throw ExitCode(2)
        } catch let e as ImportFailure {
            bar.finish()
            StandardError.write("error: \(e.description)\nNothing was imported.\n")
            throw ExitCode(1)
        } catch let e as ArchiveRejected {
            bar.finish()
            StandardError.write("error: \(e.description)\nNothing was imported.\n")
            throw ExitCode(1)
        } catch let e as ImportRequestProblem {
            bar.finish()
            throw ValidationError(e.message)
        }
    }
}

extension ImportCommand {
    /// `--mapping FILE`: header → field lines (`会社名: name`, or a JSON object), or the structured
    /// form (columns, values, constants, files) — read by `MappingFileReader`, bounded.
    func mappingFile() throws -> ImportMapping? {
        guard let mapping else { return nil }
        guard let data = FileManager.default.contents(atPath: mapping) else {
            throw ValidationError("--mapping: cannot read \(mapping)")
        }
        do { return try MappingFileReader.parse(data) } catch {
            throw ValidationError("--mapping: \(mapping) \(error)")
        }
    }
}

/// The column mapping of `--from sheet`, printed before the summary (with `--dry-run`, the preview).
enum SheetPreviewText {
    static func render(_ o: SheetImporter.Outcome) -> String {
        var lines: [String] = []
        if let sheet = o.sheet {
            lines.append(
                "Sheet \"\(sheet)\" (workbook sheets: \(o.sheets.joined(separator: ", "))) as \(o.mapping.entity.rawValue):"
            )
        } else {
            lines.append("Columns as \(o.mapping.entity.rawValue):")
        }
        for (h, c) in o.mapping.headers { lines.append("  \(h) → \(c ?? "(ignored)")") }
        for (c, v) in o.constants.sorted(by: { $0.key < $1.key }) { lines.append("  (constant) → \(c) = \(v)") }
        for (column, map) in o.valueMaps.sorted(by: { $0.key < $1.key }) {
            lines.append("Values of \(column):")
            let hits = o.valueHits[column] ?? [:]
            for (from, to) in map.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(from) → \(to): \(hits[from] ?? 0) row(s)")
            }
            for (v, n) in hits.sorted(by: { $0.key < $1.key }) where map[v] == nil {
                lines.append("  \(v) (not in the map): \(n) row(s) rejected")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// The human summary printed after an import.
enum ImportSummaryText {
    static func render(_ r: ImportReport) -> String {
        var lines: [String] = []
        for f in r.files {
            let name = (f.file as NSString).lastPathComponent
            lines.append(
                "\(name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(f.entity.padding(toLength: 14, withPad: " ", startingAt: 0)) \(f.encoding.padding(toLength: 10, withPad: " ", startingAt: 0)) read \(f.rowsRead), imported \(f.imported), rejected \(f.rejected)"
            )
            for w in f.warnings { lines.append("  warning: \(w)") }
        }
        if r.icpSet { lines.append("icp.json             ICP set") }
        if r.rejectedTotal > 0 {
            lines.append("")
            lines.append("\(r.rejectedTotal) rejected row(s)\(r.rejectedFile.map { ", written to \($0)" } ?? ""):")
            for row in r.firstRejected.prefix(10) {
                let value = row.value.isEmpty ? "" : " (value \"\(row.value)\")"
                lines.append(
                    "  \((row.file as NSString).lastPathComponent):\(row.line) [\(row.column)] \(row.reason)\(value)")
            }
            if r.rejectedTotal > 10 { lines.append("  … and \(r.rejectedTotal - 10) more") }
        }
        if r.dryRun {
            lines.append(
                "Dry run: \(r.rowsRead) rows checked in \(String(format: "%.1f", r.seconds)) s; \(r.imported) would be imported; nothing was written."
            )
        } else if r.committed {
            let rate = r.seconds > 0 ? Int(Double(r.rowsRead) / r.seconds) : 0
            lines.append(
                "Imported \(r.imported) of \(r.rowsRead) rows in \(String(format: "%.1f", r.seconds)) s (\(rate) rows/s)."
            )
        } else {
            lines.append("--strict: the import was rejected; the workspace is unchanged.")
        }
        return lines.joined(separator: "\n")
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the workspace as a canonical data package folder.")
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The folder to write (created if needed).") var directory: String

    func run() async throws {
        let counts = try await withStore(workspace) { store in
            try await PackageExporter(store: store).export(to: directory)
        }
        for e in CanonicalEntity.importOrder { print("\(e.fileName): \(counts[e.rawValue] ?? 0) rows") }
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a realistic, deterministic demo workspace and print its KPI report.",
        discussion: """
            Without --out the data is imported into the workspace and the KPI report of the last full quarter
            is printed. Sizes: small ≈ 1k companies / 50k activities; medium ≈ 20k / 2M; large ≈ 100k / 10M.
            """
    )
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "small, medium or large.") var scale: String = "small"
    @Option(help: "Random seed (same seed, same data).") var seed: UInt64 = 42
    @Option(help: "Last day of the data (YYYY-MM-DD; default today).") var asOf: String?
    @Option(help: "Write the package to this folder instead of importing it.") var out: String?
    @Option(help: "Language of the report: ja or en.") var lang: String?

    func run() async throws {
        guard let s = DemoScale(rawValue: scale) else {
            throw ValidationError("--scale must be small, medium or large")
        }
        let day =
            try asOf.map { t -> Day in
                guard let d = Day(iso: t) else { throw ValidationError("--as-of must be a date YYYY-MM-DD") }
                return d
            } ?? WorkspaceClock.today(in: .tokyo)
        if let out {
            let counts = try DemoPackage.write(scale: s, seed: seed, asOf: day, to: out)
            for e in CanonicalEntity.importOrder { print("\(e.fileName): \(counts[e.rawValue] ?? 0) rows") }
            print("icp.json written. Import it with: kizashi import \(out)")
            return
        }
        let language = try LanguageOption.resolve(lang)
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-demo-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        StandardError.write("Generating the \(s.rawValue) demo data set (seed \(seed), as of \(day))…\n")
        try DemoPackage.write(scale: s, seed: seed, asOf: day, to: tmp)
        let bar = ProgressReporter(enabled: true)
        try await withStore(workspace) { store in
            let report = try await PackageImporter(store: store, progress: { bar.update($0) }).importPackage(
                at: tmp, options: .init(rejectedPath: nil))
            bar.finish()
            StandardError.write(ImportSummaryText.render(report) + "\n\n")
            let quarter = KPIService.lastFullQuarter(before: day + 1)
            let kpis = try await KPIService(store: store).report(period: quarter)
            print(KPITableRenderer.render(kpis, language: language))
        }
        StandardError.write(
            "\nWorkspace: \(workspace.location). Next: kizashi kpi --period <quarter>, kizashi kpi --monthly --from … --to …\n"
        )
    }
}

struct DuplicatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicates",
        abstract: "List groups of companies that look like one (名寄せ): same corporate number, domain, or name + region.",
        discussion: "Keys as kpis.md §duplicate_rate defines them (株式会社/㈱ and full-width forms do not matter).")
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: TableOrJSONOptions

    func run() async throws {
        let groups = try await withStore(workspace) { store in try await DuplicateReport.groups(store: store) }
        if output.format == .json {
            print(
                JSONValue.array(
                    groups.map { g in
                        .object([
                            ("evidence", .string(g.kind)), ("key", .string(g.key)),
                            (
                                "companies",
                                .array(
                                    g.companies.map {
                                        .object([
                                            ("company_id", .string($0.id)), ("name", .string($0.name)),
                                            ("domain", $0.domain.map { .string($0) } ?? .null),
                                            ("region", $0.region.map { .string($0) } ?? .null),
                                        ])
                                    })
                            ),
                        ])
                    }
                ).serialized(pretty: true))
            return
        }
        if groups.isEmpty {
            print("No duplicate groups.")
            return
        }
        for g in groups {
            print("\(g.kind) \(g.key):")
            for c in g.companies {
                print("  \(c.id)\t\(c.name)\t\(c.domain ?? "")\t\(c.region ?? "")")
            }
        }
        print("\(groups.count) group(s).")
    }
}

/// `--dry-run` on a SQLite workspace that does not exist yet: the import is checked against an
/// empty workspace in a temporary folder (what a real run would find), so no file is created.
struct DryRunWorkspace {
    var options: WorkspaceOptions
    var folder: String?

    init?(_ workspace: WorkspaceOptions) {
        let location = workspace.location
        guard !location.hasPrefix("postgres://"), !location.hasPrefix("postgresql://"),
            !FileManager.default.fileExists(atPath: location)
        else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kizashi-dry-run-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else {
            return nil
        }
        options = workspace
        options.db = folder.appendingPathComponent("w.sqlite").path
        self.folder = folder.path
    }

    func remove() { if let folder { try? FileManager.default.removeItem(atPath: folder) } }
}
