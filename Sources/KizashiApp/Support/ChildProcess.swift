import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process started with `posix_spawn`, its output going to files.
///
/// Why not Foundation's `Process`: on Linux its `run()` intermittently reads past the end of a
/// buffer while it lists `/proc/self/fd` and kills the whole process with a segmentation fault
/// (swift-corelibs-foundation PR #5472, "1 in 5 runs of a test suite that spawns child
/// processes"; seen in this project's CI). A server that prints a page with Chromium must not
/// die of it.
///
/// The child is reaped once, and its exit status kept here: asking again, waiting after asking,
/// or signalling after it ended answers from what was kept, and never touches a process ID the
/// system may have given to another process since.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    /// The exit status once reaped (`decode`d); reaping and signalling hold the lock.
    private let ended = Mutex<Int32?>(nil)

    private init(pid: pid_t) { self.pid = pid }

    /// Starts `executable` with `arguments` and exactly `environment`; its standard input is read
    /// from the file named (nil: /dev/null), its standard output and error go to the files named
    /// (created or truncated, 0600; nil: /dev/null). No other descriptor of this process is
    /// passed on.
    public static func spawn(
        _ executable: String, arguments: [String], environment: [String: String],
        standardInput: String? = nil, standardOutput: String? = nil, standardError: String? = nil
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, standardInput ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions, 1, standardOutput ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(
            &actions, 2, standardError ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Listening sockets and database files stay with this process (they are opened
        // close-on-exec too; this covers any that are not).
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard rc == 0 else {
            throw CocoaError(
                .fileReadUnknown,
                userInfo: [NSLocalizedDescriptionKey: "cannot start \(executable): \(String(cString: strerror(rc)))"])
        }
        return ChildProcess(pid: pid)
    }

    /// The exit status once the child has ended (128 + the signal's number if a signal ended
    /// it), nil while it runs.
    public func status() -> Int32? {
        ended.withLock { ended in
            if ended == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid { ended = Self.decode(raw) }
            }
            return ended
        }
    }

    /// Waits for the child to end; its exit status as `status()` gives it.
    public func wait() -> Int32 {
        while true {
            if let done = status() { return done }
            // Blocks until the child has ended without reaping it (WNOWAIT), outside the lock,
            // so `signal` still works meanwhile; `status()` then reaps and keeps the answer.
            var info = siginfo_t()
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno != EINTR { usleep(20_000) }
        }
    }

    /// Sends `signal` (default SIGTERM) while the child has not been reaped.
    public func signal(_ signal: Int32 = SIGTERM) {
        ended.withLock { ended in
            if ended == nil { _ = kill(pid, signal) }
        }
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module
    /// does not declare; nil where the C library has none.
    private static let addCloseFrom:
        (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
            else { return nil }
            return unsafeBitCast(
                symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
        }()

    /// The exit code of a normal end (WIFEXITED), else 128 + the terminating signal.
    static func decode(_ raw: Int32) -> Int32 {
        raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
    }
}
