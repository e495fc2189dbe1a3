import KizashiCore

/// Token buckets keyed by a string (a site key, a client address), with a hard bound on memory.
///
/// Each key may spend `capacity` requests at once and regains `refillPerSecond` a second. A key
/// whose bucket has refilled completely is the same as an unknown key, so it can be forgotten:
/// when `maxKeys` are tracked, those go first, and if an attack spreads over more addresses than
/// that, the oldest buckets go (the per-site-key bucket still caps the total).
public struct TokenBuckets: Sendable {
    public struct Rate: Sendable, Equatable {
        public var capacity: Double
        public var refillPerSecond: Double
        public init(capacity: Double, refillPerSecond: Double) {
            self.capacity = capacity
            self.refillPerSecond = refillPerSecond
        }
    }

    public let rate: Rate
    public let maxKeys: Int
    private var buckets: [String: (tokens: Double, at: Int64)] = [:]

    public init(rate: Rate, maxKeys: Int = 50_000) {
        self.rate = rate
        self.maxKeys = max(1, maxKeys)
    }

    public var trackedKeys: Int { buckets.count }

    /// Takes one token for `key` at `nowMs`; nil when allowed, else the whole seconds to wait.
    public mutating func take(_ key: String, nowMs: Int64) -> Int? {
        var (tokens, at) = buckets[key] ?? (rate.capacity, nowMs)
        let elapsed = Double(max(0, nowMs &- at)) / 1000
        tokens = min(rate.capacity, tokens + elapsed * rate.refillPerSecond)
        guard tokens >= 1 else {
            buckets[key] = (tokens, nowMs)
            guard rate.refillPerSecond > 0 else { return 3600 }
            return max(1, Int(((1 - tokens) / rate.refillPerSecond).rounded(.up)))
        }
        if buckets[key] == nil && buckets.count >= maxKeys { evict(nowMs: nowMs) }
        buckets[key] = (tokens - 1, nowMs)
        return nil
    }

    private mutating func evict(nowMs: Int64) {
        let full = rate.refillPerSecond > 0 ? rate.capacity / rate.refillPerSecond * 1000 : .infinity
        buckets = buckets.filter { Double(nowMs &- $0.value.at) < full }
        if buckets.count >= maxKeys {
            // Still full: keep the most recent half.
            let kept = buckets.sorted { $0.value.at > $1.value.at }.prefix(maxKeys / 2)
            buckets = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
        }
    }
}

/// The collect endpoint's limits: one bucket set per site key and one per client address.
public actor CollectRateLimiter {
    private var perKey: TokenBuckets
    private var perAddress: TokenBuckets

    public init(perKey: TokenBuckets.Rate, perAddress: TokenBuckets.Rate, maxAddresses: Int = 50_000) {
        self.perKey = TokenBuckets(rate: perKey, maxKeys: 1_000)
        self.perAddress = TokenBuckets(rate: perAddress, maxKeys: maxAddresses)
    }

    /// Seconds to wait, or nil when a post from this address may go on. Checked before the site
    /// key is looked up, so a flood of made-up keys from one address never reaches the store.
    public func admit(address: String?, now: Instant) -> Int? {
        perAddress.take(address ?? "-", nowMs: now.millisecondsSinceEpoch)
    }

    /// Seconds to wait, or nil when the site (an active key) may send one more page view.
    public func admit(siteKey: String, now: Instant) -> Int? {
        perKey.take(siteKey, nowMs: now.millisecondsSinceEpoch)
    }
}
