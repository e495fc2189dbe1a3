import KizashiCore

/// Slows down password guessing: at most `limit` failed logins per key (client address and
/// e-mail) in a sliding window; further attempts are refused until it has passed.
public actor LoginRateLimiter {
    let limit: Int
    let windowMs: Int64
    private var failures: [String: [Int64]] = [:]

    public init(limit: Int = 5, windowSeconds: Int = 300) {
        self.limit = limit
        self.windowMs = Int64(windowSeconds) * 1000
    }

    /// Seconds to wait before the next attempt, or nil when one is allowed now.
    public func retryAfter(key: String, now: Instant) -> Int? {
        let recent = prune(key, now)
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return Int((oldest + windowMs - now.millisecondsSinceEpoch + 999) / 1000)
    }

    public func recordFailure(key: String, now: Instant) {
        failures[key, default: []].append(now.millisecondsSinceEpoch)
        _ = prune(key, now)
        if failures.count > 10_000 { failures = failures.filter { !$0.value.isEmpty } }
    }

    public func reset(key: String) { failures[key] = nil }

    private func prune(_ key: String, _ now: Instant) -> [Int64] {
        let kept = (failures[key] ?? []).filter { $0 > now.millisecondsSinceEpoch - windowMs }
        failures[key] = kept.isEmpty ? nil : kept
        return kept
    }
}
