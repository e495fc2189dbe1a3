import Dispatch

/// `(0..<count).map(body)` on both cores, for pure work the writer would otherwise do alone
/// (match keys of a large company batch, the roll-up merge at the end of a load).
func concurrentMap<T>(_ count: Int, empty: T, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let results = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
    results.initialize(repeating: empty)
    defer { results.deinitialize().deallocate() }
    let out = SendableBuffer(results)
    let parts = min(count, 8)
    DispatchQueue.concurrentPerform(iterations: parts) { p in
        for i in stride(from: p, to: count, by: parts) { out.buffer[i] = body(i) }
    }
    return Array(results)
}

/// Each element is written by one `concurrentPerform` iteration only.
private struct SendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}

extension Array {
    /// Consecutive slices of at most `size` elements (statements with bounded `IN (…)` lists).
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

/// `body` of every part, at most `atOnce` running at a time (each read on its own pooled
/// connection on PostgreSQL, so the server's cores share them); results in completion order.
func boundedConcurrently<Part: Sendable, T: Sendable>(
    _ parts: [Part], atOnce: Int = 4, _ body: @escaping @Sendable (Part) async throws -> T
) async throws -> [T] {
    if parts.count <= 1 {
        guard let part = parts.first else { return [] }
        return [try await body(part)]
    }
    return try await withThrowingTaskGroup(of: T.self) { group in
        var next = parts.makeIterator()
        for _ in 0..<max(atOnce, 1) {
            guard let part = next.next() else { break }
            group.addTask { try await body(part) }
        }
        var out: [T] = []
        out.reserveCapacity(parts.count)
        while let result = try await group.next() {
            out.append(result)
            if let part = next.next() { group.addTask { try await body(part) } }
        }
        return out
    }
}
