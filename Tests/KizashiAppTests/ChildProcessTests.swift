import Foundation
import KizashiApp
import Testing

@Suite("Child processes without Foundation's Process")
struct ChildProcessTests {
    @Test("exit status, standard output and error to files, the environment given and no other")
    func exitAndOutput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (out, err) = (dir.appendingPathComponent("o").path, dir.appendingPathComponent("e").path)
        let child = try ChildProcess.spawn(
            "/bin/sh", arguments: ["-c", "echo \"out $GREETING ${HOME:-none}\"; echo err >&2; exit 3"],
            environment: ["GREETING": "hi"], standardOutput: out, standardError: err)
        // exit 3: a normal end, status 3; HOME is not passed on (only the environment given).
        #expect(child.wait() == 3)
        #expect(String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self) == "out hi none\n")
        #expect(String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self) == "err\n")
    }

    @Test("a running child has no status; one killed by SIGKILL ends with 128 + 9")
    func killed() throws {
        let child = try ChildProcess.spawn("/bin/sleep", arguments: ["30"], environment: [:])
        #expect(child.status() == nil)
        child.signal(SIGKILL)
        #expect(child.wait() == 137)
    }

    @Test("the exit status is kept: asked again after the end it is the same, and a later signal is not sent")
    func kept() throws {
        let child = try ChildProcess.spawn("/bin/sh", arguments: ["-c", "exit 5"], environment: [:])
        #expect(child.wait() == 5)
        // Reaped once: a second waitpid would fail (the answer would be lost); the kept one answers.
        #expect(child.status() == 5)
        child.signal(SIGKILL)
        #expect(child.wait() == 5)
    }

    @Test("a missing executable is an error, not a crash")
    func missing() {
        #expect(throws: (any Error).self) {
            _ = try ChildProcess.spawn("/nonexistent/kizashi-nothing", arguments: [], environment: [:])
        }
    }
}
