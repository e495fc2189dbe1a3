import KizashiCore
import Logging
import PostgresNIO

/// Report reads decoded by position with PostgresNIO's typed decoding, straight into the caller's
/// own values: no neutral `StoredValue`s, no look-up of columns by name. Why: the KPI dataset's
/// large reads spent two thirds of a report's CPU in the generic row adapter (BENCHMARKS.md,
/// tenth session). Same routing as `reportRead`: the replica when there is one, a snapshot's
/// pinned connection, else the pool (retried when the pooled connection was lost).
extension PostgresWorkspaceStore {
    func reportScan<T: Sendable>(
        _ sql: StoredSQL, _ decode: @escaping @Sendable (PostgresRow) throws -> T
    ) async throws -> [T] {
        try await reportReduce(sql, into: [T]()) { out, row in out.append(try decode(row)) }
    }

    /// Every row of `sql` folded into one value, `step` by `step`: a read that builds its own
    /// arrays (the columnar reads) appends each row's values in place, with no per-row result to
    /// copy and flatten after. A retried read starts again from `initial`.
    func reportReduce<S: Sendable>(
        _ sql: StoredSQL, into initial: S, _ step: @escaping @Sendable (inout S, PostgresRow) throws -> Void
    ) async throws -> S {
        if pinned == nil, let replica { return try await replica.reportReduce(sql, into: initial, step) }
        let query = PostgresQuery.stored(sql)
        do {
            if let pinned { return try await pinned.reduce(query, into: initial, logger: logger, step) }
            return try await Self.retryingLostConnections {
                try await self.leased("query", watchingClose: true) { [logger] conn in
                    try await conn.reduce(query, into: initial, logger: logger, step)
                }
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError("PostgreSQL query failed: \(Self.describe(error))")
        }
    }
}

extension PostgresConnection {
    /// Every row of `query`, each folded into `initial` by `step` as it arrives.
    func reduce<S>(
        _ query: PostgresQuery, into initial: S, logger: Logger, _ step: (inout S, PostgresRow) throws -> Void
    ) async throws -> S {
        try ensureOpen()
        var out = initial
        for try await row in try await self.query(query, logger: logger) {
            try step(&out, row)
        }
        return out
    }
}

/// A row's cells in order, each decoded to a concrete type. Why not `row.decode((A, B, …).self)`:
/// its variadic generics are not specialised across modules, and looking up the generic metadata
/// of each cell cost more than the neutral adapter saved (perf, tenth session).
struct PostgresCells {
    private var cells: PostgresRow.Iterator

    init(_ row: PostgresRow) { cells = row.makeIterator() }

    mutating func next<T: PostgresDecodable>(_: T.Type = T.self) throws -> T {
        guard let cell = cells.next() else { throw StoreError("a stored row has fewer columns than read") }
        return try cell.decode(T.self)
    }

    /// A text column holding a day (`yyyy-mm-dd`, as every date column stores it).
    mutating func day() throws -> Day? { try next(String?.self).flatMap(Day.init(iso:)) }
}
