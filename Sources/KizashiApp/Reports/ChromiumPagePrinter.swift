import Foundation

/// Prints pages with headless Chromium (`--print-to-pdf`): the page is written to a private
/// temporary directory and opened as a file, so no server, session or network is involved. The
/// page's own `@media print` rules (A4 landscape, no navigation) decide the layout.
public struct ChromiumPagePrinter: PagePrinter {
    /// Looked up on PATH in this order when `--chromium` is not given.
    public static let names = ["chromium", "chromium-browser", "google-chrome"]

    public let executable: String
    /// Chromium is killed after this long (a hung browser must not hang the command).
    public let timeout: Duration

    public init(executable: String, timeout: Duration = .seconds(60)) {
        self.executable = executable
        self.timeout = timeout
    }

    /// The printer for `explicit` (`--chromium PATH`, which must be an executable file) or else
    /// the first of `names` found on `searchPath` (PATH). Throws `PagePrintError.chromiumMissing`
    /// (naming the path when one was given) when there is none.
    public static func locate(explicit: String?, searchPath: String?) throws -> ChromiumPagePrinter {
        let fm = FileManager.default
        if let explicit {
            guard fm.isExecutableFile(atPath: explicit) else {
                throw PagePrintError("--chromium \(explicit): no executable there. \(PagePrintError.chromiumMissing)")
            }
            return ChromiumPagePrinter(executable: explicit)
        }
        let dirs = (searchPath ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
        for name in names {
            for dir in dirs where fm.isExecutableFile(atPath: dir + "/" + name) {
                return ChromiumPagePrinter(executable: dir + "/" + name)
            }
        }
        throw PagePrintError(PagePrintError.chromiumMissing)
    }

    public func printPDF(html: String, to path: String) async throws {
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("kizashi-print-\(UUID().uuidString)")
        try fm.createDirectory(at: work, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? fm.removeItem(at: work) }
        let page = work.appendingPathComponent("page.html")
        let pdf = work.appendingPathComponent("page.pdf")
        let log = work.appendingPathComponent("chromium.log")
        try Data(html.utf8).write(to: page)
        guard fm.createFile(atPath: log.path, contents: nil) else {
            throw PagePrintError("cannot create Chromium's log file in \(work.path)")
        }

        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(
                executable,
                arguments: [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                    "--disable-extensions", "--user-data-dir=\(work.appendingPathComponent("profile").path)",
                    "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString,
                ],
                environment: ProcessInfo.processInfo.environment, standardError: log.path)
        } catch {
            throw PagePrintError("\(executable) could not be started (\(error)). \(PagePrintError.chromiumMissing)")
        }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var exitStatus = child.status()
        while exitStatus == nil {
            if clock.now >= deadline {
                child.signal(SIGTERM)
                try? await Task.sleep(for: .seconds(2))
                if child.status() == nil { child.signal(SIGKILL) }
                _ = child.wait()
                throw PagePrintError("Chromium did not finish printing within \(timeout); it was stopped.")
            }
            try await Task.sleep(for: .milliseconds(100))
            exitStatus = child.status()
        }
        let output = (try? Data(contentsOf: pdf)) ?? Data()
        guard output.starts(with: Array("%PDF-".utf8)) else {
            let said = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
            throw PagePrintError(
                "Chromium (\(executable)) wrote no PDF (exit status \(exitStatus ?? -1)): "
                    + String(said.suffix(600)))
        }
        do { try output.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw PagePrintError("--out \(path): cannot write the PDF (\(error))")
        }
    }
}
