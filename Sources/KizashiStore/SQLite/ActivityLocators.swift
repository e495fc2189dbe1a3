/// Where one account's activities are: the entries of its `activity_locators` chunks (migration
/// 10), each `(occurred_at, activity_id)` of a row that was resolved to the account when written.
///
/// Why not an index on (account_key, occurred_at): SQLite builds such an index after a bulk load
/// by sorting every row on one core, the largest part of a large import. Chunks are built in
/// memory while the rows stream by and written as one blob per account per transaction.
///
/// Entries are hints, the row is the truth: a row that moved to another account (a contact
/// moved, a company merged) or got another timestamp leaves a stale entry behind, which readers
/// drop by checking the row's `account_key`. A later chunk wins for an ID.
///
/// A chunk is the entries back to back: occurred_at (Int64, little-endian, milliseconds), the ID's
/// UTF-8 length (UInt16, little-endian), the ID's bytes.
enum ActivityLocators {
    /// An account with more chunks than this has them merged into one when next written (event
    /// batches write one small chunk per account each).
    static let chunksBeforeCompaction = 32

    /// Which of an account's chunks (sizes oldest first) to merge: the index of the first. At
    /// least the newest half, then each older chunk no larger than what is merged so far.
    ///
    /// Why: merged chunks then double in size like a binary counter, so an entry is re-written
    /// about log₂(n) times over n event batches, and a first-load chunk holding the account's
    /// history is re-written only once the newer chunks together have grown as large.
    static func mergeStart(sizes: [Int]) -> Int {
        guard sizes.count > 1 else { return sizes.count }
        var start = sizes.count - max(2, sizes.count / 2)
        var merged = sizes[start...].reduce(0, +)
        while start > 0, sizes[start - 1] <= merged {
            start -= 1
            merged += sizes[start]
        }
        return start
    }

    static func append(occurredAt: Int64, id: String, to chunk: inout [UInt8]) {
        // Three appends, not one per byte: this runs for every activity of a load.
        withUnsafeBytes(of: UInt64(bitPattern: occurredAt).littleEndian) { chunk.append(contentsOf: $0) }
        var id = id
        id.withUTF8 { u in
            // IDs longer than 65,535 bytes are not IDs; data-format.md has no such limit, so cut
            // the length rather than crash (a cut entry never matches a row and is dropped).
            let n = min(u.count, Int(UInt16.max))
            withUnsafeBytes(of: UInt16(n).littleEndian) { chunk.append(contentsOf: $0) }
            chunk.append(contentsOf: UnsafeBufferPointer(rebasing: u[0..<n]))
        }
    }

    /// Adds the entries of one chunk to `entries` (ID → occurred_at); later chunks overwrite.
    static func decode(_ chunk: UnsafeRawBufferPointer, into entries: inout [String: Int64]) {
        var i = 0
        let n = chunk.count
        while i + 10 <= n {
            var at: UInt64 = 0
            for k in 0..<8 { at |= UInt64(chunk[i + k]) << (8 * UInt64(k)) }
            let len = Int(chunk[i + 8]) | Int(chunk[i + 9]) << 8
            i += 10
            guard i + len <= n else { return }
            let id = String(decoding: UnsafeRawBufferPointer(rebasing: chunk[i..<(i + len)]), as: UTF8.self)
            entries[id] = Int64(bitPattern: at)
            i += len
        }
    }

    /// Entries sorted newest first (ties by ID), as an account's timeline shows them.
    static func newestFirst(_ entries: [String: Int64]) -> [(id: String, occurredAt: Int64)] {
        entries.map { (id: $0.key, occurredAt: $0.value) }.sorted {
            $0.occurredAt != $1.occurredAt ? $0.occurredAt > $1.occurredAt : $0.id < $1.id
        }
    }

    /// The merged entries of an account's stored chunks.
    static func stored(account: Int, on db: RawSQLiteConnection) throws -> [String: Int64] {
        var entries: [String: Int64] = [:]
        try db.scan("SELECT entries FROM activity_locators WHERE account_key = ? ORDER BY rowid", [.integer(account)]) {
            decode($0.blob(0), into: &entries)
        }
        return entries
    }

    /// Adds one chunk for an account.
    static func insert(_ chunk: [UInt8], account: Int, on db: RawSQLiteConnection) throws {
        try db.execute(
            "INSERT INTO activity_locators (account_key, entries) VALUES (?, ?)",
            [.integer(account), .blob(chunk)])
    }
}

/// One transaction's new locator chunks, by account key.
///
/// Why not `[Int64: [UInt8]]`: every activity of a load adds an entry, and at 100k accounts
/// dictionary hashing and probing (this one's and the day counts') were about half of the
/// roll-up and locator bookkeeping, a fifth of the CPU samples of a large import (perf). Account
/// keys are `companies.company_key`, small and dense, so a key indexes an array; the rare key
/// beyond `denseLimit` goes to a dictionary. Measured, the whole import's CPU fell by 1–2 %
/// (BENCHMARKS.md): the bookkeeping runs beside SQLite's insert.
struct LocatorChunks {
    private var dense: [[UInt8]] = []
    private var sparse: [Int64: [UInt8]] = [:]
    /// Keys below this index `dense` (at most 4M slots of 8 bytes).
    static let denseLimit: Int64 = 1 << 22

    /// Adds an entry for `account`; unresolved rows (account < 0) have none.
    mutating func append(occurredAt: Int64, id: String, account: Int64) {
        guard account >= 0 else { return }
        if account < Self.denseLimit {
            let i = Int(account)
            grow(to: i)
            ActivityLocators.append(occurredAt: occurredAt, id: id, to: &dense[i])
        } else {
            ActivityLocators.append(occurredAt: occurredAt, id: id, to: &sparse[account, default: []])
        }
    }

    /// The account's chunk so far; nil when it has none.
    subscript(account: Int64) -> [UInt8]? {
        get {
            if account >= 0 && account < Int64(dense.count) {
                let chunk = dense[Int(account)]
                return chunk.isEmpty ? nil : chunk
            }
            return sparse[account]
        }
        set {
            if account >= 0 && account < Self.denseLimit {
                if newValue == nil && account >= Int64(dense.count) { return }
                grow(to: Int(account))
                dense[Int(account)] = newValue ?? []
            } else {
                sparse[account] = newValue
            }
        }
    }

    /// Accounts with a chunk, in key order.
    var accounts: [Int64] {
        dense.indices.filter { !dense[$0].isEmpty }.map { Int64($0) } + sparse.keys.sorted()
    }

    var isEmpty: Bool { sparse.isEmpty && dense.allSatisfy(\.isEmpty) }

    /// Makes `dense[i]` exist, doubling so that growing to n keys costs O(n).
    private mutating func grow(to i: Int) {
        guard i >= dense.count else { return }
        let target = max(i + 1, min(dense.count * 2, Int(Self.denseLimit)))
        dense.append(contentsOf: repeatElement([], count: target - dense.count))
    }
}
