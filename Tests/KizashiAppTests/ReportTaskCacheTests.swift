import KizashiCore
import Synchronization
import Testing

@testable import KizashiApp

/// `ReportTaskCache`: one computation per key shared by concurrent callers; a failure forgotten.
@Suite("Report task cache")
struct ReportTaskCacheTests {
    /// Counts the computations it was asked for; fails the first `failures` of them.
    final class Counter: Sendable {
        let calls = Mutex(0)
        let failures: Int
        init(failures: Int = 0) { self.failures = failures }
        func compute() async throws -> Int {
            let n = calls.withLock { c in
                c += 1
                return c
            }
            try await Task.sleep(for: .milliseconds(20))
            if n <= failures { throw CancellationError() }
            return n * 10
        }
    }

    actor Owner {
        let cache = ReportTaskCache<Int>()
        func value(_ key: String, _ counter: Counter) async throws -> Int {
            try await cache.value(key) { try await counter.compute() }
        }
        func invalidate() { cache.invalidate() }
    }

    @Test("eight concurrent callers of one key share one computation; another key computes its own")
    func shared() async throws {
        let owner = Owner()
        let counter = Counter()
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { try await owner.value("2026Q3|0", counter) } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(values == Array(repeating: 10, count: 8))  // the first (and only) computation: 1 × 10
        #expect(try await owner.value("2026Q2|0", counter) == 20)  // the second computation
        #expect(counter.calls.withLock { $0 } == 2)
    }

    @Test("a failed computation is forgotten: the next call computes again; invalidate starts over")
    func failureForgotten() async throws {
        let owner = Owner()
        let counter = Counter(failures: 1)
        await #expect(throws: CancellationError.self) { try await owner.value("k", counter) }
        #expect(try await owner.value("k", counter) == 20)  // computed again (call 2)
        #expect(try await owner.value("k", counter) == 20)  // kept
        await owner.invalidate()
        #expect(try await owner.value("k", counter) == 30)  // after invalidate: call 3
    }

    @Test("the key of a report names its period's bounds and its tier (0: every tier)")
    func key() {
        // KPIPeriod is half-open: 2026Q3 starts on 07-01 and ends before 10-01.
        let q3 = KPIPeriod(label: "2026Q3")!
        #expect(ReportTaskCache<Int>.key(q3, nil) == "2026-07-01|2026-10-01|0")
        #expect(ReportTaskCache<Int>.key(q3, .two) == "2026-07-01|2026-10-01|2")
    }
}
