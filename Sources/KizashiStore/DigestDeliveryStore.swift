import KizashiCore

/// One attempt to send a scheduled (or manual) review to one destination: the delivery log.
public struct DigestDeliveryRecord: Sendable, Equatable {
    public enum Channel: String, Sendable, CaseIterable { case webhook, email }
    public enum Status: String, Sendable, CaseIterable { case sent, failed }
    public var id: Int64
    /// The slot (`DigestSchedule.Slot.key`, local `2026-12-07T09:00`) or `manual` for `digest send`.
    public var slot: String
    public var channel: Channel
    /// The webhook's number (never its URL: a Slack URL is a secret) or the e-mail address.
    public var destination: String
    public var status: Status
    public var error: String?
    public var at: Instant

    public init(
        id: Int64 = 0, slot: String, channel: Channel, destination: String, status: Status, error: String?,
        at: Instant
    ) {
        self.id = id
        self.slot = slot
        self.channel = channel
        self.destination = destination
        self.status = status
        self.error = error
        self.at = at
    }
}

/// The scheduled review's claims and log (issue 24 §1).
public protocol DigestDeliveryStore: Sendable {
    /// Claims a slot for this server: true for exactly one caller at a time, however many servers
    /// share the workspace (the slot is a unique key). A slot claimed before `staleBefore` and
    /// never finished — its server died while sending — may be claimed again; a finished slot never.
    func claimDigestSlot(_ slot: String, by server: String, at: Instant, staleBefore: Instant) async throws -> Bool
    /// Marks the slot sent to every destination: it is never claimed again.
    func finishDigestSlot(_ slot: String, at: Instant) async throws
    /// Appends outcomes to the delivery log; returns them as stored (with their numbers), in order.
    @discardableResult
    func recordDigestDeliveries(_ records: [DigestDeliveryRecord]) async throws -> [DigestDeliveryRecord]
    /// The latest outcomes, newest first.
    func digestDeliveries(limit: Int) async throws -> [DigestDeliveryRecord]
    /// Every outcome logged under one slot (a server taking over a stale slot skips what was sent).
    func digestDeliveries(slot: String) async throws -> [DigestDeliveryRecord]
}
