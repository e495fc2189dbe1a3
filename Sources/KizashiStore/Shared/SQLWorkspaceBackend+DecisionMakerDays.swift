import KizashiCore

/// The journey's decision-maker signal, the same statement on both backends.
extension SQLWorkspaceBackend {
    /// Why a read of its own: the Qualified rule needs only the (account, day) pairs, and reading
    /// the targets' whole activities for them was three quarters of `kizashi journey --on` at
    /// medium scale (perf, BENCHMARKS.md); the database keeps 44k distinct pairs of 1.2M rows.
    public func decisionMakerDays(_ days: ClosedRange<Day>) async throws -> [(companyId: String, day: Day)] {
        try await refuseArchivedActivities(from: days.lowerBound)
        let (lo, hi) = (Int(days.lowerBound.daysSinceEpoch), Int(days.upperBound.daysSinceEpoch))
        let rows = try await reportRead(
            """
            SELECT DISTINCT c.company_id AS company_id, d.day AS day FROM (
                SELECT DISTINCT a.account_key AS account_key, a.day AS day FROM activities a
                WHERE a.day BETWEEN \(lo) AND \(hi) AND a.contact_id IS NOT NULL
                  AND a.account_key IN (SELECT k.company_key FROM companies k JOIN targets t ON t.company_id = k.company_id)
                  AND a.contact_id IN (SELECT contact_id FROM contacts WHERE role = \(ContactRole.decisionMaker.rawValue))
            ) d JOIN companies c ON c.company_key = d.account_key
            ORDER BY c.company_id, d.day
            """)
        return try rows.map { r in
            guard let d = r.int("day") else { throw StoreError("a decision-maker day is unreadable") }
            return (try r.requiredText("company_id"), Day(daysSinceEpoch: Int32(truncatingIfNeeded: d)))
        }
    }
}
