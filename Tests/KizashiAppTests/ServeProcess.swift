import Foundation
import KizashiApp

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real `kizashi serve` on loopback, for the tests that need a server process (signals,
/// crashes, what a client on the network sees). Its standard error is collected in a file.
/// Started through `ChildProcess`: Foundation's `Process.run()` intermittently crashed the
/// test process on Linux.
final class ServeProcess: Sendable {
    let child: ChildProcess
    let port: Int
    private let folder: URL

    init(db: String, arguments: [String] = [], environment: [String: String] = [:]) throws {
        port = 20_000 + Int.random(in: 0..<30_000)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        child = try ChildProcess.spawn(
            CLI.executable,
            arguments: ["serve", "--db", db, "--port", String(port), "--log-level", "notice"] + arguments,
            environment: env, standardError: folder.appendingPathComponent("stderr").path)
    }

    var standardError: String {
        String(
            decoding: FileManager.default.contents(atPath: folder.appendingPathComponent("stderr").path) ?? Data(),
            as: UTF8.self)
    }

    /// The exit status once the server has ended, else nil.
    var exitStatus: Int32? { child.status() }

    var isRunning: Bool { exitStatus == nil }

    /// Waits until /healthz answers (or the process ends).
    func waitUntilReady(seconds: Double = 120) async throws -> Bool {
        let start = Date()
        while Date().timeIntervalSince(start) < seconds && isRunning {
            if let (status, _) = try? await request("GET", "/healthz", timeout: 2), status == 200 { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Waits until standard error contains `text`.
    func waitFor(_ text: String, seconds: Double = 60) async throws -> Bool {
        let start = Date()
        while Date().timeIntervalSince(start) < seconds {
            if standardError.contains(text) { return true }
            if !isRunning { return standardError.contains(text) }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    func request(
        _ method: String, _ path: String, token: String? = nil, headers: [String: String] = [:], body: Data? = nil,
        timeout: Double = 30
    ) async throws -> (Int, String) {
        var r = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        r.httpMethod = method
        r.timeoutInterval = timeout
        if let token { r.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (k, v) in headers { r.setValue(v, forHTTPHeaderField: k) }
        r.httpBody = body
        let (data, response) = try await URLSession.shared.data(for: r)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Sends SIGTERM and waits up to `seconds` for the process to end; true when it did.
    func terminate(within seconds: Double) -> Bool {
        child.signal(SIGTERM)
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning && Date() < deadline { usleep(50_000) }
        return !isRunning
    }

    func kill() {
        child.signal(SIGKILL)
        _ = child.wait()
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(at: folder)
    }
}
