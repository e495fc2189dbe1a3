import KizashiCore
import KizashiStore

/// Audiences for the ad platforms (issue 27 §2): the accounts of a segment or of the target list
/// (optionally one tier) on a day, counted (`preview`) and written as a LinkedIn, Google Ads,
/// Meta or plain CSV file (`export`). The CLI, the API and the page call this one code path; the
/// files themselves are Core's `AudienceFile`.
public struct AudienceService: Sendable {
    public let store: any WorkspaceStore
    public let data: DashboardData
    let hasher: any AudienceKeyHasher
    let now: @Sendable () -> Instant
    /// At most this many accounts are read one by one; more are read by scanning (`records`).
    var perAccountLimit = 500

    public init(
        store: any WorkspaceStore, data: DashboardData, hasher: any AudienceKeyHasher = SHA256AudienceHasher(),
        now: @escaping @Sendable () -> Instant = WorkspaceClock.now
    ) {
        self.store = store
        self.data = data
        self.hasher = hasher
        self.now = now
    }

    /// Which accounts: the source, an optional tier and the day (default: today in the
    /// workspace's time zone).
    public struct Request: Sendable, Equatable {
        public var source: AudienceSource
        public var tier: Tier?
        public var day: Day?
        public init(source: AudienceSource, tier: Tier? = nil, day: Day? = nil) {
            self.source = source
            self.tier = tier
            self.day = day
        }
    }

    /// An audience as counted on its day.
    public struct Preview: Sendable, Equatable {
        public var source: AudienceSource
        public var tier: Tier?
        public var day: Day
        public var counts: AudienceCounts

        public var json: JSONValue {
            .object([
                ("from", .string(source.description)), ("tier", tier.map { .int($0.rawValue) } ?? .null),
                ("on", .string(day.description)), ("counts", counts.json),
            ])
        }
    }

    public func preview(_ request: Request) async throws -> Preview {
        let (day, accounts) = try await accounts(request)
        return Preview(source: request.source, tier: request.tier, day: day, counts: AudienceCounts(accounts))
    }

    /// The file and the counts it was made from.
    public func export(_ request: Request, format: AudienceFormat) async throws -> (preview: Preview, file: String) {
        let (day, accounts) = try await accounts(request)
        let preview = Preview(source: request.source, tier: request.tier, day: day, counts: AudienceCounts(accounts))
        return (preview, AudienceFile.render(format, accounts, hasher: hasher))
    }

    /// The audience's accounts in company ID order, each with its company and contacts (ID order).
    /// An unknown segment is `SegmentService.Refusal.unknown`.
    public func accounts(_ request: Request) async throws -> (Day, [AudienceAccount]) {
        let day: Day
        if let d = request.day {
            day = d
        } else {
            let (p, _) = try await data.parametersAndGoals()
            day = p.timeZone.day(of: now())
        }
        var members: [(companyId: String, name: String, tier: Tier, score: Double)]
        switch request.source {
        case .targetList:
            members = try await data.accountList(asOf: day).rows.map { ($0.companyId, $0.name, $0.tier, $0.score) }
        case .segment(let name):
            // A feeding segment also holds companies not (yet) on the list: an audience is of targets.
            members = try await SegmentService(store: store, data: data, now: now).evaluate(name: name, on: day)
                .members.compactMap { m in m.tier.map { (m.companyId, m.name, $0, m.score) } }
        }
        if let tier = request.tier { members = members.filter { $0.tier == tier } }
        members.sort { $0.companyId.unicodeScalars.lexicographicallyPrecedes($1.companyId.unicodeScalars) }
        let (companies, contacts) = try await records(of: members.map(\.companyId))
        return (
            day,
            members.map {
                AudienceAccount(
                    companyId: $0.companyId, name: $0.name, tier: $0.tier, score: $0.score,
                    company: companies[$0.companyId], contacts: contacts[$0.companyId] ?? [])
            }
        )
    }

    /// Companies and contacts of `ids`. Up to `perAccountLimit` (500) accounts are read one by one
    /// (indexed by company; a page view of a segment reads a few dozen), more by scanning both
    /// tables page by page (a whole target list of thousands costs two scans, not thousands of
    /// look-ups).
    func records(of ids: [String]) async throws -> ([String: Company], [String: [Contact]]) {
        var companies: [String: Company] = [:], contacts: [String: [Contact]] = [:]
        if ids.count <= perAccountLimit {
            for id in ids {
                companies[id] = try await store.company(id: id)
                contacts[id] = try await store.contacts(companyId: id).sorted {
                    $0.id.unicodeScalars.lexicographicallyPrecedes($1.id.unicodeScalars)
                }
            }
            return (companies, contacts)
        }
        let wanted = Set(ids)
        var after: String?
        while true {
            let page = try await store.companies(after: after, limit: Self.page)
            for c in page where wanted.contains(c.id) { companies[c.id] = c }
            guard let last = page.last, page.count == Self.page else { break }
            after = last.id
        }
        after = nil
        while true {
            let page = try await store.contacts(after: after, limit: Self.page)
            for c in page where wanted.contains(c.companyId) { contacts[c.companyId, default: []].append(c) }
            guard let last = page.last, page.count == Self.page else { break }
            after = last.id
        }
        return (companies, contacts)
    }

    static let page = 5000
}
