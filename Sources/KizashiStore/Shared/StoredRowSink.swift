import KizashiCore

/// Where one row's values go, in column order: a prepared statement's parameters
/// (`SQLiteRowValues`, bound in place) or a list of `StoredValue`s (COPY and the generic paths).
/// One `bind` function per entity writes to either, so every path agrees on the column order.
protocol StoredRowSink {
    mutating func text(_ s: String?)
    mutating func integer(_ n: Int64)
    /// A day as its ISO text (`yyyy-mm-dd`), as every date column stores it.
    mutating func day(_ d: Day?)
}

extension Array: StoredRowSink where Element == StoredValue {
    mutating func text(_ s: String?) { append(.text(s)) }
    mutating func integer(_ n: Int64) { append(.integer(n)) }
    mutating func day(_ d: Day?) { append(StoredValue.day(d)) }
}
