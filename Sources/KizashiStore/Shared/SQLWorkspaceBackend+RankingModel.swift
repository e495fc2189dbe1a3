import KizashiCore

/// The stored approach-now ranking: one row, the same statements on both backends.
extension SQLWorkspaceBackend {
    public func rankingModel() async throws -> StoredRankingModel? {
        guard let r = try await read("SELECT * FROM ranking_model WHERE id = 1").first else { return nil }
        guard let at = r.int64("trained_at"), let asOfText = r.text("as_of"), let asOf = Day(iso: asOfText),
            let fingerprint = r.text("fingerprint"), let body = r.text("body")
        else { throw StoreError("the stored ranking model is unreadable (table ranking_model)") }
        return StoredRankingModel(
            trainedAt: Instant(millisecondsSinceEpoch: at), asOf: asOf, fingerprint: fingerprint, body: body)
    }

    public func saveRankingModel(_ m: StoredRankingModel) async throws {
        _ = try await write(
            """
            INSERT INTO ranking_model (id, trained_at, as_of, fingerprint, body)
            VALUES (1, \(m.trainedAt), \(m.asOf.description), \(m.fingerprint), \(m.body))
            ON CONFLICT (id) DO UPDATE SET trained_at = excluded.trained_at, as_of = excluded.as_of,
            fingerprint = excluded.fingerprint, body = excluded.body
            """)
    }
}
