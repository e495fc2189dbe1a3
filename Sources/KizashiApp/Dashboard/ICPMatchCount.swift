import KizashiCore

extension DashboardData {
    /// How many of the workspace's companies `icp` matches on `day`, and how many there are: the
    /// Settings page's count, its live preview and `POST /api/v1/icp/preview` (one computation,
    /// cached like every page's).
    public func icpMatches(_ icp: IdealCustomerProfile?, on day: Day) async throws -> (matches: Int, companies: Int) {
        let c = try await computation(for: [KPIPeriod(start: day, end: day + 1)])
        let matches =
            icp.map { ICPMatcher($0) }.map { m in c.dataset.companies.reduce(0) { $0 + (m.matches($1) ? 1 : 0) } } ?? 0
        return (matches, c.dataset.companies.count)
    }

    /// The companies of the workspace as the read model holds them on `day` (the ICP form's choices).
    public func companies(on day: Day) async throws -> [Company] {
        try await computation(for: [KPIPeriod(start: day, end: day + 1)]).dataset.companies
    }
}
