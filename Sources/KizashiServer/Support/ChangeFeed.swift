import KizashiCore

/// Tells open dashboards that the workspace changed (an import, a setting, an event), so pages
/// update without a reload (Server-Sent Events, GET /api/v1/stream).
public actor ChangeFeed {
    private var subscribers: [Int: AsyncStream<Int>.Continuation] = [:]
    private var nextId = 0
    private(set) var sequence = 0

    public init() {}

    public func subscribe() -> AsyncStream<Int> {
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = nextId
        nextId += 1
        subscribers[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        return stream
    }

    private func remove(_ id: Int) { subscribers[id] = nil }

    public func publish() {
        sequence += 1
        for c in subscribers.values { c.yield(sequence) }
    }

    public var subscriberCount: Int { subscribers.count }
}
