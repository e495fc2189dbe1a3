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
        if pinned == nil, let replica { return try await replica.reportScan(sql, decode) }
        let query = PostgresQuery.stored(sql)
        do {
            if let pinned { return try await pinned.scan(query, logger: logger, decode) }
            return try await Self.retryingLostConnections {
                try await self.leased("query", watchingClose: true) { [logger] conn in
                    try await conn.scan(query, logger: logger, decode)
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
    /// Every row of `query`, each decoded by `decode` as it arrives.
    func scan<T>(_ query: PostgresQuery, logger: Logger, _ decode: (PostgresRow) throws -> T) async throws -> [T] {
        try ensureOpen()
        var out: [T] = []
        for try await row in try await self.query(query, logger: logger) {
            out.append(try decode(row))
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
