import KizashiCore

/// Which tokens' last use this process wrote in the last minute: a burst of parallel requests
/// with one token makes one write, not one per request.
actor TokenUseRecorder {
    private var lastWrite: [Int64: Int64] = [:]

    /// True when the caller should write the use of `token` at `at` (and it is now claimed).
    func claim(_ token: Int64, at: Instant, interval: Int64) -> Bool {
        let t = at.millisecondsSinceEpoch
        if let last = lastWrite[token], t - last < interval { return false }
        // Tokens are few (admins make them), but keep the table from growing without end.
        if lastWrite.count >= 10_000 { lastWrite = lastWrite.filter { t - $0.value < interval } }
        lastWrite[token] = t
        return true
    }
}
