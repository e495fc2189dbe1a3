/// One kind of login key (client addresses, or e-mails) and each key's record, for
/// `LoginThrottle`: free attempts, then doubling locks; at most `policy.maxTrackedKeys` keys.
struct LoginBuckets {
    struct Bucket {
        var failures = 0
        /// Attempts reserved and not yet settled.
        var inFlight = 0
        var lockedUntil: Int64 = 0
        var lastSeen: Int64 = 0
    }

    /// Failures allowed before the key is locked.
    let limit: Int
    let policy: LoginThrottle.Policy
    private var buckets: [String: Bucket] = [:]

    init(limit: Int, policy: LoginThrottle.Policy) {
        self.limit = limit
        self.policy = policy
    }

    var count: Int { buckets.count }

    /// Seconds to wait, or nil when `key` may make an attempt at `t`.
    func wait(_ key: String, at t: Int64) -> Int? {
        guard let b = buckets[key] else { return limit > 0 ? nil : 1 }
        if t < b.lockedUntil { return Int((b.lockedUntil - t + 999) / 1000) }
        if b.failures + b.inFlight < limit { return nil }
        // Past the free attempts and the lock: one probe at a time.
        if b.failures >= limit && b.inFlight == 0 { return nil }
        // The slots are taken by attempts being checked right now: they settle within a second or so.
        return 1
    }

    mutating func reserve(_ key: String, at t: Int64) {
        if buckets[key] == nil && buckets.count >= policy.maxTrackedKeys { makeRoom(at: t) }
        var b = buckets[key] ?? Bucket()
        b.inFlight += 1
        b.lastSeen = t
        buckets[key] = b
    }

    /// A reserved attempt failed: it stays counted; from `limit` failures on, each one locks the
    /// key for base × 2^(failures − limit) seconds, at most `maxLockSeconds`.
    mutating func charge(_ key: String, at t: Int64) {
        guard var b = buckets[key] else { return }
        b.inFlight = max(0, b.inFlight - 1)
        b.failures += 1
        b.lastSeen = t
        if b.failures >= limit {
            let doublings = min(b.failures - limit, 20)
            let seconds = min(Int64(policy.baseLockSeconds) << Int64(doublings), Int64(policy.maxLockSeconds))
            b.lockedUntil = max(b.lockedUntil, t + seconds * 1000)
        }
        buckets[key] = b
    }

    /// A reserved attempt is given back without counting.
    mutating func release(_ key: String) {
        guard var b = buckets[key] else { return }
        b.inFlight = max(0, b.inFlight - 1)
        buckets[key] = b.inFlight == 0 && b.failures == 0 ? nil : b
    }

    /// The password was right: the key's failures and lock are cleared (attempts still being
    /// checked keep their slots).
    mutating func clear(_ key: String) {
        guard var b = buckets[key] else { return }
        b.inFlight = max(0, b.inFlight - 1)
        b.failures = 0
        b.lockedUntil = 0
        buckets[key] = b.inFlight == 0 ? nil : b
    }

    private func isIdle(_ b: Bucket, at t: Int64) -> Bool {
        b.inFlight <= 0 && t >= b.lockedUntil && t - b.lastSeen >= Int64(policy.forgetAfterSeconds) * 1000
    }

    mutating func sweep(at t: Int64) {
        buckets = buckets.filter { !isIdle($0.value, at: t) }
    }

    /// The table is full: forget idle keys, and if that is not enough a tenth of the keys, the
    /// least recently seen unlocked ones first (a lock is what an attacker would like evicted).
    private mutating func makeRoom(at t: Int64) {
        sweep(at: t)
        guard buckets.count >= policy.maxTrackedKeys else { return }
        let evictable = buckets.filter { $0.value.inFlight <= 0 }.sorted {
            let lockedA = $0.value.lockedUntil > t, lockedB = $1.value.lockedUntil > t
            return lockedA != lockedB ? !lockedA : $0.value.lastSeen < $1.value.lastSeen
        }
        let excess = buckets.count - policy.maxTrackedKeys + 1
        for (key, _) in evictable.prefix(max(excess, policy.maxTrackedKeys / 10)) { buckets[key] = nil }
    }
}
