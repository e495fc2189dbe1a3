/// Generates a realistic, deterministic ABM workspace: the universe of Japanese and US companies
/// (with the duplicates, gaps and malformed values real CRM data has), a target account list,
/// contacts, 15 months of activities and intent ending at `asOf`, and the pipeline that follows.
///
/// Same `scale`, `seed` and `asOf` → identical rows on every machine: all randomness comes from
/// `DemoRandom` (SplitMix64), each stage on its own stream, using only integer and correctly
/// rounded floating-point operations, and no output order ever depends on hashing.
///
/// The planted relation a propensity model should find: for an account, an opportunity is far
/// likelier in the 2–6 weeks after a buying episode (an engagement burst by several contacts
/// including a decision maker, together with an intent surge on one topic) than at any other time;
/// see `DemoPipelineBuilder`. Targets also convert better than non-targets.
public struct DemoGenerator: Sendable {
    public let scale: DemoScale
    public let seed: UInt64
    /// The last day of data.
    public let asOf: Day

    /// Largest number of rows in one sink call.
    public static let chunkSize = 50_000

    public init(scale: DemoScale, seed: UInt64 = 42, asOf: Day) {
        self.scale = scale
        self.seed = seed
        self.asOf = asOf
    }

    /// The ICP the demo's target list was built against: Japanese manufacturing and IT companies
    /// of 300–5,000 employees.
    public var icp: IdealCustomerProfile {
        IdealCustomerProfile(
            industries: ["Manufacturing", "IT"], employees: .init(min: 300, max: 5000), countries: ["JP"])
    }

    /// The first day of data: 15 months before `asOf`, plus one day.
    public var firstDay: Day { DemoCalendar(asOf: asOf).first }

    /// Independent random streams, one per stage.
    private enum Stream: UInt64 {
        case companies = 1, targets, customers, contacts, campaigns, plan, pipeline, activities, intent
    }

    private func random(_ s: Stream) -> DemoRandom { DemoRandom(seed: seed, stream: s.rawValue) }

    /// Streams every entity in import order — companies, targets, contacts, campaigns, activities,
    /// intent, lead stages, meetings, opportunities, contracts — in chunks of at most `chunkSize`,
    /// so 10M activities never sit in memory at once.
    public func generate(into sink: inout some DemoSink) throws {
        let calendar = DemoCalendar(asOf: asOf)

        var rng = random(.companies)
        var (companies, accounts) = DemoCompanyBuilder(count: scale.companyCount, calendar: calendar).build(&rng)
        rng = random(.targets)
        let targets = DemoTargetBuilder(calendar: calendar).build(accounts: &accounts, &rng)
        rng = random(.customers)
        let customers = DemoCustomerBuilder(calendar: calendar).build(accounts: &accounts, &rng)
        rng = random(.contacts)
        let people = DemoContactBuilder(calendar: calendar).build(accounts: &accounts, &rng)
        rng = random(.campaigns)
        let campaignResult = DemoCampaignBuilder(calendar: calendar, count: scale.campaignCount).build(&rng)
        let campaignCalendar = DemoCampaignCalendar(campaignResult, calendar: calendar)
        let siteMap = DemoSiteMap()
        rng = random(.plan)
        let bursts = DemoEpisodePlanner(calendar: calendar).plan(accounts: &accounts, contactRoles: people.roles, &rng)
        rng = random(.pipeline)
        let contactIDs = people.contacts.map(\.id)
        let pipeline = DemoPipelineBuilder(calendar: calendar, siteMap: siteMap, campaigns: campaignCalendar).build(
            accounts: accounts, contactIDs: contactIDs, contactRoles: people.roles, bursts: bursts,
            customers: customers, &rng)

        try emit(companies) { try sink.companies($0) }
        companies = []
        try emit(targets) { try sink.targets($0) }
        try emit(people.contacts) { try sink.contacts($0) }
        try emit(campaignResult.campaigns) { try sink.campaigns($0) }

        let (baseScale, unresolvedPerDay) = DemoActivityStream.calibrate(
            total: scale.activityCount, accounts: accounts, bursts: bursts, scripted: pipeline.scripted.count,
            weights: calendar.weights)
        rng = random(.activities)
        try DemoActivityStream(
            calendar: calendar, accounts: accounts, contactIDs: contactIDs, contactRoles: people.roles,
            bursts: bursts, scripted: pipeline.scripted, siteMap: siteMap, campaigns: campaignCalendar,
            campaignIDs: campaignResult.campaigns.map(\.id), idWidth: scale.activityIDWidth, baseScale: baseScale,
            unresolvedPerDay: unresolvedPerDay
        ).run(into: &sink, chunkSize: Self.chunkSize, &rng)

        rng = random(.intent)
        let backgroundRate = DemoIntentStream.calibrate(
            total: scale.intentCount, accounts: accounts, bursts: bursts, calendar: calendar)
        try DemoIntentStream(calendar: calendar, accounts: accounts, bursts: bursts, backgroundRate: backgroundRate)
            .run(into: &sink, chunkSize: Self.chunkSize, &rng)

        try emit(pipeline.leadStages) { try sink.leadStages($0) }
        try emit(pipeline.meetings) { try sink.meetings($0) }
        try emit(pipeline.opportunities) { try sink.opportunities($0) }
        try emit(pipeline.contracts) { try sink.contracts($0) }
    }

    private func emit<T>(_ rows: [T], _ deliver: ([T]) throws -> Void) throws {
        var start = 0
        while start < rows.count {
            let end = min(start + Self.chunkSize, rows.count)
            try deliver(Array(rows[start..<end]))
            start = end
        }
    }
}
