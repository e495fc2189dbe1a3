import Foundation
import Testing

/// `kizashi serve` refuses a bad option with its message and exit code 64 — also the options it
/// checks after opening the workspace, which used to stop a debug build with SQLiteNIO's
/// "connection was not closed" assertion instead (a crash, not an answer).
@Suite("kizashi serve: bad options")
struct ServeOptionRefusalTests {
    @Test("each refusal after the workspace is open: exit 64 and the option named, no crash")
    func refusals() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("w.sqlite").path
        let cases: [([String], String)] = [
            (["--metrics-token", "short"], "--metrics-token must have at least 16 characters"),
            (["--bcrypt-cost", "99"], "--bcrypt-cost must be from 4 to 16"),
            (["--trusted-proxy", "not-an-address"], "--trusted-proxy not-an-address"),
            (["--max-upload-bytes", "0"], "--max-upload-bytes must be positive"),
        ]
        for (args, message) in cases {
            let (status, _, err) = try CLI.run(["serve", "--db", db, "--port", "1"] + args)
            #expect(status == 64, "\(args): \(err)")
            #expect(err.contains(message), "\(args): \(err)")
        }
    }
}
