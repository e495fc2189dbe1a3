import KizashiCore

/// The activity counts of one local day, per (account, type): one stored row per day.
///
/// Why a packed row per day instead of a row per (day, account, type): at 100k companies the
/// 90-day score window holds over a million (account, type) cells, and reading a million
/// database rows costs seconds, while reading 90 rows of packed cells costs milliseconds.
/// Every backend stores the same byte layout (`encoded()`), so roll-ups copy between backends.
public struct ActivityDayRollup: Sendable, Equatable {
    public var day: Day
    /// (account key, activity type index) → count. Account key −1 = unresolved.
    public var counts: [Cell: Int32]

    public struct Cell: Hashable, Sendable, Comparable {
        public var account: Int64
        public var type: UInt8
        public init(account: Int64, type: UInt8) {
            self.account = account
            self.type = type
        }
        public static func < (a: Cell, b: Cell) -> Bool { (a.account, a.type) < (b.account, b.type) }
    }

    public init(day: Day, counts: [Cell: Int32] = [:]) {
        self.day = day
        self.counts = counts
    }

    /// Layout: repeated little-endian (Int32 account, UInt8 type, Int32 count), sorted by cell.
    public func encoded() -> [UInt8] { Self.encode(counts) }

    /// `encoded()` of any counts, without building a roll-up first (a first load's writer has
    /// the counts of each day as they were tallied).
    ///
    /// Cells are sorted on one integer, (account << 8) | type, which orders them as `Cell`'s `<`
    /// does: sorting through that tuple comparison was most of a first load's roll-up write (perf).
    public static func encode(_ counts: [Cell: Int32]) -> [UInt8] {
        var cells: [(key: Int64, n: Int32)] = []
        cells.reserveCapacity(counts.count)
        for (cell, n) in counts where n != 0 { cells.append((cell.account << 8 | Int64(cell.type), n)) }
        cells.sort { $0.key < $1.key }
        var out: [UInt8] = []
        out.reserveCapacity(cells.count * 9)
        for c in cells {
            append(Int32(truncatingIfNeeded: c.key >> 8), to: &out)
            out.append(UInt8(truncatingIfNeeded: c.key))
            append(c.n, to: &out)
        }
        return out
    }

    public init(day: Day, encoded bytes: some Collection<UInt8>) throws {
        self.day = day
        self.counts = [:]
        try Self.forEachCell(in: bytes) { account, type, n in counts[Cell(account: Int64(account), type: type)] = n }
    }

    /// Decodes without building a dictionary (the KPI path).
    public static func forEachCell(
        in bytes: some Collection<UInt8>, _ body: (Int32, UInt8, Int32) throws -> Void
    ) throws {
        guard bytes.count % 9 == 0 else { throw StoreError("activity roll-up has a corrupt length \(bytes.count)") }
        var i = bytes.startIndex
        func int32() -> Int32 {
            var v: UInt32 = 0
            for shift in stride(from: 0, to: 32, by: 8) {
                v |= UInt32(bytes[i]) << UInt32(shift)
                i = bytes.index(after: i)
            }
            return Int32(bitPattern: v)
        }
        while i != bytes.endIndex {
            let account = int32()
            let type = bytes[i]
            i = bytes.index(after: i)
            let n = int32()
            try body(account, type, n)
        }
    }

    /// Decodes straight from raw memory (the KPI path reads about a million cells per quarter).
    public static func forEachCell(
        in bytes: UnsafeRawBufferPointer, _ body: (Int32, UInt8, Int32) throws -> Void
    ) throws {
        guard bytes.count % 9 == 0 else { throw StoreError("activity roll-up has a corrupt length \(bytes.count)") }
        var offset = 0
        while offset < bytes.count {
            let account = Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self))
            let type = bytes[offset + 4]
            let n = Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 5, as: Int32.self))
            try body(account, type, n)
            offset += 9
        }
    }

    static func append(_ v: Int32, to out: inout [UInt8]) {
        let u = UInt32(bitPattern: v)
        out.append(UInt8(u & 0xFF))
        out.append(UInt8((u >> 8) & 0xFF))
        out.append(UInt8((u >> 16) & 0xFF))
        out.append(UInt8((u >> 24) & 0xFF))
    }
}
