import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// The shared store layer on its own: statements rendered for each dialect, upserts, and the
/// roll-up delta algebra, against expectations written out by hand.
@Suite("Shared store layer")
struct SharedStoreLayerTests {
    @Test("a statement renders ? on SQLite and $n on PostgreSQL, values bound in order, never in the text")
    func rendering() {
        let id: Int64 = 7
        let hostile = "x'; DROP TABLE users; --"
        let sql: StoredSQL =
            "SELECT * FROM \(raw: "users") WHERE user_id = \(id) AND note = \(hostile) AND email IN (\(list: [.text("a"), .text("b")]))"
        let lite = sql.rendered(for: .sqlite)
        #expect(lite.sql == "SELECT * FROM users WHERE user_id = ? AND note = ? AND email IN (?, ?)")
        #expect(lite.binds == [.integer(7), .text(hostile), .text("a"), .text("b")])
        let pg = sql.rendered(for: .postgres)
        #expect(pg.sql == "SELECT * FROM users WHERE user_id = $1 AND note = $2 AND email IN ($3, $4)")
        #expect(pg.binds == lite.binds)
    }

    @Test("a multi-row VALUES list: one tuple of placeholders per row, values in row order")
    func valuesRows() {
        let sql: StoredSQL = "INSERT INTO t (a, b) VALUES \(rows: [[.integer(1), .text("x")], [.integer(2), .null]])"
        #expect(sql.rendered(for: .sqlite).sql == "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)")
        #expect(sql.rendered(for: .postgres).sql == "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)")
        #expect(sql.rendered(for: .postgres).binds == [.integer(1), .text("x"), .integer(2), .null])
    }

    @Test("a case-insensitive comparison is each dialect's own; a null and a day bind as stored")
    func caselessAndValues() {
        let day = Day(iso: "2026-09-30")!
        let none: String? = nil
        let sql: StoredSQL = "SELECT 1 WHERE \(caseless: "email", equals: "A@B.jp") AND d = \(day) AND x = \(none)"
        #expect(sql.rendered(for: .sqlite).sql == "SELECT 1 WHERE email = ? COLLATE NOCASE AND d = ? AND x = ?")
        #expect(sql.rendered(for: .postgres).sql == "SELECT 1 WHERE lower(email) = lower($1) AND d = $2 AND x = $3")
        #expect(sql.rendered(for: .sqlite).binds == [.text("A@B.jp"), .text("2026-09-30"), .null])
    }

    @Test("upserts: one statement text per dialect; the last row of a key wins")
    func upserts() {
        let spec = UpsertSpec(table: "t", columns: ["id", "name"], conflict: ["id"])
        #expect(
            spec.sql(rows: 2, .postgres)
                == "INSERT INTO t (id,name) VALUES ($1,$2),($3,$4) ON CONFLICT (id) DO UPDATE SET name=excluded.name")
        #expect(
            spec.sql(rows: 1)
                == "INSERT INTO t (id,name) VALUES (?,?) ON CONFLICT (id) DO UPDATE SET name=excluded.name")
        let keysOnly = UpsertSpec(table: "k", columns: ["a", "b"], conflict: ["a", "b"])
        #expect(keysOnly.sql(rows: 1) == "INSERT INTO k (a,b) VALUES (?,?) ON CONFLICT (a,b) DO NOTHING")
        let rows: [[StoredValue]] = [
            [.integer(1), .text("a")], [.integer(2), .text("b")], [.integer(1), .text("c")],
        ]
        // Row 1's key comes back with its last values, at its first position.
        #expect(spec.lastRowPerKey(rows) == [[.integer(1), .text("c")], [.integer(2), .text("b")]])
    }

    typealias Cell = ActivityDayRollup.Cell

    static func decode(_ bytes: [UInt8]) throws -> [Cell: Int32] {
        try ActivityDayRollup(day: Day(daysSinceEpoch: 0), encoded: bytes).counts
    }

    @Test("deltas merge into the stored roll-ups: counts add, a cell at zero goes, a day at zero is empty")
    func merge() throws {
        // Stored on day 100: account 5 has 3 of type 0 and 1 of type 1; on day 102: account 8, 1 of type 3.
        let stored: [Int32: [UInt8]] = [
            100: ActivityDayRollup.encode([Cell(account: 5, type: 0): 3, Cell(account: 5, type: 1): 1]),
            102: ActivityDayRollup.encode([Cell(account: 8, type: 3): 1]),
        ]
        var deltas = ActivityRollupDeltas()
        deltas.remove(day: 100, Cell(account: 5, type: 0))  // 3 − 1 = 2
        deltas.remove(day: 100, Cell(account: 5, type: 1))  // 1 − 1 = 0: the cell goes
        deltas.add(day: 100, Cell(account: 6, type: 0), 2)  // new: 2
        deltas.add(day: 101, Cell(account: -1, type: 2))  // a day with nothing stored: 1
        deltas.remove(day: 102, Cell(account: 8, type: 3))  // 1 − 1 = 0: the day's row goes
        let merged = try deltas.merged(with: stored).get()
        #expect(merged.map(\.day) == [100, 101, 102])
        #expect(try Self.decode(merged[0].encoded) == [Cell(account: 5, type: 0): 2, Cell(account: 6, type: 0): 2])
        #expect(try Self.decode(merged[1].encoded) == [Cell(account: -1, type: 2): 1])
        #expect(merged[2].encoded.isEmpty)
    }

    @Test("a count below zero or an unreadable stored roll-up is reported, never merged")
    func inconsistencies() {
        var deltas = ActivityRollupDeltas()
        deltas.remove(day: 100, Cell(account: 5, type: 0))
        deltas.remove(day: 100, Cell(account: 5, type: 0))
        // Stored 1, minus 2.
        let stored: [Int32: [UInt8]] = [100: ActivityDayRollup.encode([Cell(account: 5, type: 0): 1])]
        guard case .failure(.negative(let day, let account, let type, let count)) = deltas.merged(with: stored) else {
            Issue.record("a negative count was merged")
            return
        }
        #expect(day == 100 && account == 5 && type == 0 && count == -1)
        // Five bytes are not a whole number of 9-byte cells.
        guard case .failure(.unreadable(let bad, _)) = deltas.merged(with: [100: [1, 2, 3, 4, 5]]) else {
            Issue.record("an unreadable roll-up was merged")
            return
        }
        #expect(bad == 100)
    }

    @Test("a rebuild counts grouped rows per day, cell by cell, and leaves out an unknown type")
    func rebuild() throws {
        let web = UInt8(ActivityType.webVisit.index), mail = UInt8(ActivityType.emailOpen.index)
        let (rollups, skipped) = ActivityRollupDeltas.rollups(grouped: [
            (day: 100, account: 5, type: "web_visit", count: 2),
            (day: 101, account: -1, type: "email_open", count: 1),
            (day: 100, account: 5, type: "web_visit", count: 1),
            (day: 100, account: 5, type: "no_such_type", count: 4),
        ])
        #expect(skipped == 1)
        #expect(rollups.map(\.day) == [100, 101])
        #expect(try Self.decode(rollups[0].encoded) == [Cell(account: 5, type: web): 3])
        #expect(try Self.decode(rollups[1].encoded) == [Cell(account: -1, type: mail): 1])
    }
}
