/// What a CRM write-back allows each request and each wait, the same rules for every CRM (each
/// connection sets its own timeout).
public struct CRMRequestLimits: Sendable {
    /// Per request.
    public var timeout: Duration
    /// A batch's answer is a few tens of KB: 1 MiB is far beyond it.
    public var maxResponseBytes = 1 << 20
    /// Rate-limit answers (429; Salesforce's 503 too) retried per request before the run stops.
    public var maxRateLimitRetries = 5
    /// The longest wait for one `Retry-After` (a longer one is cut to this); without the header, 10 s.
    public var maxWaitSeconds = 60
    public var defaultWaitSeconds = 10

    /// The seconds to wait for a `Retry-After` of `retryAfter` (none: the default): at least 1, at
    /// most `maxWaitSeconds`.
    func waitSeconds(retryAfter: Int?) -> Int {
        min(max(retryAfter ?? defaultWaitSeconds, 1), maxWaitSeconds)
    }
}
