import KizashiCore

/// One row's parameters for `RawSQLiteConnection.executeEach(_:rows:unchanged:values:)`: texts
/// are copied back to back into one buffer that is reused from row to row, and bound without
/// SQLite copying them again.
///
/// Why: building a `[SQLiteData]` per row and binding with `SQLITE_TRANSIENT` meant, per text, a
/// retain, an enum box and a malloc'd copy inside SQLite: most of the Swift-side cost of the
/// writer on a first load (perf, BENCHMARKS.md "shortening the writer's chain").
struct SQLiteRowValues: StoredRowSink {
    enum Cell {
        case null
        case integer(Int64)
        /// Offset and length in `bytes`.
        case text(Int, Int)
    }
    private(set) var bytes: [UInt8] = []
    private(set) var cells: [Cell] = []

    init() {
        bytes.reserveCapacity(1024)
        cells.reserveCapacity(16)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        cells.removeAll(keepingCapacity: true)
    }

    mutating func text(_ s: String?) {
        guard var s else {
            cells.append(.null)
            return
        }
        let start = bytes.count
        s.withUTF8 { bytes.append(contentsOf: $0) }
        cells.append(.text(start, bytes.count - start))
    }

    mutating func integer(_ n: Int64) { cells.append(.integer(n)) }

    /// Writes the ten ISO digits and dashes straight into the buffer: `Day.description` made a
    /// `String` per row, a tenth of an intent row's write (perf). Years outside 0…9999 (which no
    /// import accepts) take the general path.
    mutating func day(_ d: Day?) {
        guard let d else {
            cells.append(.null)
            return
        }
        let (y, m, day) = d.components
        guard (0...9999).contains(y) else { return text(d.description) }
        let start = bytes.count
        bytes.append(UInt8(48 + y / 1000))
        bytes.append(UInt8(48 + y / 100 % 10))
        bytes.append(UInt8(48 + y / 10 % 10))
        bytes.append(UInt8(48 + y % 10))
        bytes.append(45)
        bytes.append(UInt8(48 + m / 10))
        bytes.append(UInt8(48 + m % 10))
        bytes.append(45)
        bytes.append(UInt8(48 + day / 10))
        bytes.append(UInt8(48 + day % 10))
        cells.append(.text(start, 10))
    }
}
