import KizashiCore
import NIOCore
import PostgresNIO

/// One column of a columnar read: a cell holding a one-dimensional PostgreSQL array (`array_agg`)
/// in the binary wire format, its elements read in place.
///
/// Why: a report's large reads (every company, a window's intent signals) cost more in
/// PostgresNIO's per-row work (a `DataRow` message, a state-machine step and a `PostgresCell`
/// per value) than in anything else (perf, eleventh session). Aggregated into arrays, a few
/// rows carry the same values and each is read here by offset.
///
/// The format (PostgreSQL's `array_send`): `ndim`, `hasNull`, the element type (4 bytes each);
/// per dimension its length and lower bound; then per element its byte length (−1: NULL) and
/// its bytes. An empty array has `ndim` 0; `array_agg` over no row is a NULL cell.
struct PostgresArrayColumn {
    private let buffer: ByteBuffer
    /// Where each element's bytes start in `buffer` (reader index based) and how many (−1: NULL).
    private var starts: [Int32] = []
    private var lengths: [Int32] = []

    var count: Int { starts.count }

    init(_ cell: ByteBuffer?) throws {
        guard var b = cell else {
            buffer = ByteBuffer()
            return
        }
        buffer = b
        let base = b.readerIndex
        guard let (dimensions, _, _) = b.readMultipleIntegers(endianness: .big, as: (Int32, Int32, UInt32).self)
        else { throw Self.malformed }
        if dimensions == 0 { return }
        guard dimensions == 1, let (n, _) = b.readMultipleIntegers(endianness: .big, as: (Int32, Int32).self), n >= 0
        else { throw Self.malformed }
        // Each element takes at least its 4-byte length: no stored count sizes an allocation alone.
        let capacity = min(Int(n), b.readableBytes / 4)
        starts.reserveCapacity(capacity)
        lengths.reserveCapacity(capacity)
        for _ in 0..<n {
            guard let length = b.readInteger(endianness: .big, as: Int32.self), length >= -1 else {
                throw Self.malformed
            }
            starts.append(Int32(b.readerIndex - base))
            lengths.append(length)
            if length > 0 {
                guard b.readableBytes >= Int(length) else { throw Self.malformed }
                b.moveReaderIndex(forwardBy: Int(length))
            }
        }
    }

    private static let malformed = StoreError("PostgreSQL sent an array in a form this version cannot read")

    /// The element's bytes, nil for NULL.
    private func bytes(_ i: Int) -> (at: Int, length: Int)? {
        guard lengths[i] >= 0 else { return nil }
        return (buffer.readerIndex + Int(starts[i]), Int(lengths[i]))
    }

    /// A text element (UTF-8, as PostgreSQL sends text in binary format).
    func text(_ i: Int) -> String? {
        guard let (at, length) = bytes(i) else { return nil }
        return buffer.getString(at: at, length: length)
    }

    /// An integer element of any width PostgreSQL sends (int2, int4, int8).
    func integer(_ i: Int) -> Int64? {
        guard let (at, length) = bytes(i) else { return nil }
        switch length {
        case 8: return buffer.getInteger(at: at, endianness: .big, as: Int64.self)
        case 4: return buffer.getInteger(at: at, endianness: .big, as: Int32.self).map(Int64.init)
        case 2: return buffer.getInteger(at: at, endianness: .big, as: Int16.self).map(Int64.init)
        default: return nil
        }
    }

    /// A text element holding a day (`yyyy-mm-dd`, as every date column stores it).
    func day(_ i: Int) -> Day? {
        guard let (at, length) = bytes(i) else { return nil }
        return buffer.withUnsafeReadableBytes { raw in
            let from = at - buffer.readerIndex
            return Day(isoBuffer: UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[from..<from + length]))
        }
    }

    /// Byte order of elements `i` and `j` (PostgreSQL's "C" collation): negative, 0 or positive;
    /// NULL first.
    func compare(_ i: Int, _ j: Int) -> Int {
        switch (bytes(i), bytes(j)) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (a?, b?):
            return buffer.withUnsafeReadableBytes { raw in
                let p = raw.bindMemory(to: UInt8.self)
                let (x, y) = (a.at - buffer.readerIndex, b.at - buffer.readerIndex)
                for k in 0..<min(a.length, b.length) where p[x + k] != p[y + k] {
                    return Int(p[x + k]) - Int(p[y + k])
                }
                return a.length - b.length
            }
        }
    }
}

extension PostgresCells {
    /// The next cell as an array column (`PostgresArrayColumn`).
    mutating func column() throws -> PostgresArrayColumn { try PostgresArrayColumn(next(ByteBuffer?.self)) }
}
