import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real `kizashi serve` on loopback, for the tests that need a server process (signals,
/// crashes, what a client on the network sees). Its standard error is collected.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let err = Pipe()
    private let lock = NSLock()
    private var said = ""

    init(db: String, arguments: [String] = [], environment: [String: String] = [:]) throws {
        port = 20_000 + Int.random(in: 0..<30_000)
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["serve", "--db", db, "--port", String(port), "--log-level", "notice"] + arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        err.fileHandleForReading.readabilityHandler = { [weak self] h in
            let chunk = h.availableData
            guard let self, !chunk.isEmpty else { return }
            self.lock.withLock { self.said += String(decoding: chunk, as: UTF8.self) }
        }
        try process.run()
    }

    var standardError: String { lock.withLock { said } }

    /// Waits until /healthz answers (or the process ends).
    func waitUntilReady(seconds: Double = 120) async throws -> Bool {
        let start = Date()
        while Date().timeIntervalSince(start) < seconds && process.isRunning {
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
            if !process.isRunning { return standardError.contains(text) }
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
        process.terminate()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        return !process.isRunning
    }

    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { kill() }
}
