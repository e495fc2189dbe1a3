import Dispatch
import Foundation

/// The raw read connections of an SQLite workspace: bulk reads (the KPI dataset, the account
/// reads) decoded in place, without SQLiteNIO's per-row overhead. Two, so the dataset's large
/// reads run on both cores at once (WAL readers do not block each other).
final class SQLiteReaderPool: @unchecked Sendable {
    private let readers: [RawSQLiteConnection]
    private let locks = [NSLock(), NSLock()]
    /// Counts the free readers, so a waiting read takes whichever frees first.
    private let free = DispatchSemaphore(value: 2)

    init(path: String) throws {
        readers = [
            try RawSQLiteConnection(path: path, mappedRead: true),
            try RawSQLiteConnection(path: path, mappedRead: true),
        ]
    }

    /// Runs `body` on a free reader (waiting for the first when both are busy), on a Dispatch
    /// thread: SQLite calls block, and a server must not block Swift's cooperative thread pool.
    func run<T: Sendable>(_ body: @escaping @Sendable (RawSQLiteConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                free.wait()
                // One reader is free: take it.
                var k = locks.firstIndex { $0.try() }
                while k == nil { k = locks.firstIndex { $0.try() } }
                defer {
                    locks[k!].unlock()
                    free.signal()
                }
                continuation.resume(with: Result { try body(readers[k!]) })
            }
        }
    }

    /// `run` inside one read transaction: everything `body` reads is seen at the same commit.
    func snapshot<T: Sendable>(_ body: @escaping @Sendable (RawSQLiteConnection) throws -> T) async throws -> T {
        try await run { r in
            try r.execute("BEGIN")
            defer { try? r.execute("COMMIT") }
            return try body(r)
        }
    }

    /// A bulk read: every row, decoded into stored values.
    func query(_ sql: StoredSQL) async throws -> [StoredRecord] {
        let (text, binds) = sql.rendered(for: .sqlite)
        return try await run { try $0.query(text, binds) }
    }

    /// A bulk scan: `row` decodes each row in place.
    func scan<T: Sendable>(
        _ sql: StoredSQL, _ row: @escaping @Sendable (RawSQLiteCursor, inout StoredStringInterner) throws -> T
    ) async throws -> [T] {
        let (text, binds) = sql.rendered(for: .sqlite)
        return try await run { reader in
            var out: [T] = []
            var strings = StoredStringInterner()
            try reader.scan(text, binds) { out.append(try row($0, &strings)) }
            return out
        }
    }

    func close() {
        for (reader, lock) in zip(readers, locks) { lock.withLock { reader.close() } }
    }
}
