import KizashiCore

/// The scheduled review's slot claims and delivery log: the same statements on both backends.
extension SQLWorkspaceBackend {
    public func claimDigestSlot(_ slot: String, by server: String, at: Instant, staleBefore: Instant) async throws
        -> Bool
    {
        // The slot is the primary key: of servers racing for it, one statement returns the row.
        // An unfinished claim older than `staleBefore` is taken over (its server died).
        !(try await write(
            """
            INSERT INTO digest_slots (slot, claimed_by, claimed_at) VALUES (\(slot), \(server), \(at))
            ON CONFLICT (slot) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at
            WHERE digest_slots.finished_at IS NULL AND digest_slots.claimed_at < \(staleBefore)
            RETURNING slot
            """
        ).isEmpty)
    }

    public func finishDigestSlot(_ slot: String, at: Instant) async throws {
        _ = try await write("UPDATE digest_slots SET finished_at = \(at) WHERE slot = \(slot)")
    }

    public func digestDeliveries(slot: String) async throws -> [DigestDeliveryRecord] {
        try await read("SELECT * FROM digest_deliveries WHERE slot = \(slot) ORDER BY delivery_id").map(
            Self.digestDelivery)
    }

    @discardableResult
    public func recordDigestDeliveries(_ records: [DigestDeliveryRecord]) async throws -> [DigestDeliveryRecord] {
        guard !records.isEmpty else { return [] }
        let rows: [[StoredValue]] = records.map {
            [
                .text($0.slot), .text($0.channel.rawValue), .text($0.destination), .text($0.status.rawValue),
                .text($0.error), .instant($0.at),
            ]
        }
        // RETURNING gives no order on either backend: the rows are put back in insertion order
        // by their increasing numbers.
        return try await write(
            """
            INSERT INTO digest_deliveries (slot, channel, destination, status, error, at)
            VALUES \(rows: rows) RETURNING *
            """
        ).map(Self.digestDelivery).sorted { $0.id < $1.id }
    }

    public func digestDeliveries(limit: Int) async throws -> [DigestDeliveryRecord] {
        try await read("SELECT * FROM digest_deliveries ORDER BY delivery_id DESC LIMIT \(max(0, limit))").map(
            Self.digestDelivery)
    }

    static func digestDelivery(_ r: StoredRecord) throws -> DigestDeliveryRecord {
        guard let id = r.int64("delivery_id"), let slot = r.text("slot"),
            let channel = r.text("channel").flatMap(DigestDeliveryRecord.Channel.init(rawValue:)),
            let destination = r.text("destination"),
            let status = r.text("status").flatMap(DigestDeliveryRecord.Status.init(rawValue:)),
            let at = r.int64("at")
        else { throw StoreError("a digest delivery is unreadable (table digest_deliveries)") }
        return DigestDeliveryRecord(
            id: id, slot: slot, channel: channel, destination: destination, status: status,
            error: r.text("error"), at: Instant(millisecondsSinceEpoch: at))
    }
}
