/// Places target accounts in journey stages on any day (docs/journeys.md §Stages), from the KPIs'
/// own inputs: the score is `KPIComputation.engagementScores(asOf:)`, the tier is the KPIs' tier
/// rule, so a stage never disagrees with the KPI report of the same day.
///
/// Each signal is indexed once per company as sorted days (or deal intervals), so a stage on a
/// day is a few binary searches; the score is the only figure computed for all accounts at once.
public final class JourneyComputation: Sendable {
    public let kpi: KPIComputation
    public let rules: JourneyRules
    /// Company IDs, by company index (the dataset's order).
    public let companyIds: [String]
    /// Per company: sorted distinct local days with any activity (roll-up count > 0).
    let activityDays: [[Day]]
    /// Per company: sorted local days of its Qualified signals (the configured ones).
    let qualifiedDays: [[Day]]
    /// Per company: days on which a deal was open, as half-open day intervals `[from, to)`.
    let openDeals: [[(from: Day, to: Day?)]]
    /// Per company: sorted closed_on days of won deals.
    let wonDays: [[Day]]
    let contracts: [[Contract]]

    public init(input: JourneyInput, parameters: ScoringParameters, rules: JourneyRules) {
        let kpi = KPIComputation(dataset: input.dataset, parameters: parameters)
        self.kpi = kpi
        self.rules = rules
        let n = kpi.n
        companyIds = input.dataset.companies.map(\.id)
        let tz = parameters.timeZone

        var activity = Array(repeating: [Day](), count: n)
        for e in kpi.entries where e.account >= 0 && e.count > 0 {
            let c = Int(kpi.rollupCompany[Int(e.account)])
            guard c >= 0 else { continue }
            if activity[c].last != e.day { activity[c].append(e.day) }
        }
        activityDays = activity

        var qualified = Array(repeating: [Day](), count: n)
        let signals = Set(rules.qualifiedSignals)
        if signals.contains(.sql) {
            // kpis.md §Phase 3 sql_count's rows: `lead_stages` with stage sql of the account's contacts.
            for l in input.dataset.leadStages where l.stage == .sql {
                if let i = kpi.contactCompany[l.contactId] { qualified[i].append(tz.day(of: l.reachedAt)) }
            }
        }
        if signals.contains(.meeting) {
            for m in input.dataset.meetings {
                if let i = kpi.companyIndex[m.companyId] { qualified[i].append(tz.day(of: m.heldAt)) }
            }
        }
        if signals.contains(.decisionMaker) {
            for d in input.decisionMakerDays {
                if let i = kpi.companyIndex[d.companyId] { qualified[i].append(d.day) }
            }
        }
        for i in 0..<n where qualified[i].count > 1 { qualified[i].sort() }
        qualifiedDays = qualified

        var open = Array(repeating: [(from: Day, to: Day?)](), count: n)
        var won = Array(repeating: [Day](), count: n)
        for o in input.opportunities {
            guard let i = kpi.companyIndex[o.companyId] else { continue }
            switch o.status {
            case .open:
                // Still open today: open on every day from its creation on.
                open[i].append((from: o.createdOn, to: nil))
            case .won, .lost:
                // Open from creation until the day it closed (a closed deal without a date was
                // never seen open: its interval is unknown).
                if let closed = o.closedOn, closed > o.createdOn { open[i].append((from: o.createdOn, to: closed)) }
                if o.status == .won, let closed = o.closedOn { won[i].append(closed) }
            }
        }
        for i in 0..<n where won[i].count > 1 { won[i].sort() }
        openDeals = open
        wonDays = won
        var k = Array(repeating: [Contract](), count: n)
        for c in input.dataset.contracts { if let i = kpi.companyIndex[c.companyId] { k[i].append(c) } }
        contracts = k
    }

    /// The tier of each company on `day` (0 = not a target), as kpis.md §Period.
    public func tiers(on day: Day) -> [UInt8] { kpi.tiers(on: day) }

    /// The stage of every company on `day`, by company index: nil when it is not a target that day.
    public func stages(on day: Day) -> [JourneyStage?] {
        stages(on: day, tiers: kpi.tiers(on: day))
    }

    func stages(on day: Day, tiers: [UInt8]) -> [JourneyStage?] {
        let score = kpi.engagementScores(asOf: day)
        return (0..<companyIds.count).map { i in
            tiers[i] == 0 ? nil : stage(of: i, on: day, score: score[i])
        }
    }

    /// docs/journeys.md §Stages: the furthest stage whose rule holds on `day`.
    func stage(of i: Int, on day: Day, score: Double) -> JourneyStage {
        if contracts[i].contains(where: { $0.isActive(on: day) }) { return .customer }
        if rules.customerWonDays > 0, Self.any(wonDays[i], in: (day - (rules.customerWonDays - 1))...day) {
            return .customer
        }
        if openDeals[i].contains(where: { $0.from <= day && ($0.to.map { day < $0 } ?? true) }) { return .opportunity }
        if Self.any(qualifiedDays[i], in: (day - (rules.qualifiedWindowDays - 1))...day) { return .qualified }
        if score >= rules.engagedThreshold { return .engaged }
        if Self.any(activityDays[i], in: (day - (rules.awareWindowDays - 1))...day) { return .aware }
        return .target
    }

    /// True when the sorted `days` hold one in `range`.
    static func any(_ days: [Day], in range: ClosedRange<Day>) -> Bool {
        var lo = 0, hi = days.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if days[mid] < range.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        return lo < days.count && days[lo] <= range.upperBound
    }

    /// The stages and tiers of every company on every day of `days` (day-major).
    public func timeline(_ days: ClosedRange<Day>) -> JourneyTimeline {
        var stages: [[JourneyStage?]] = []
        var tiers: [[UInt8]] = []
        var d = days.lowerBound
        while d <= days.upperBound {
            let t = kpi.tiers(on: d)
            stages.append(self.stages(on: d, tiers: t))
            tiers.append(t)
            d = d + 1
        }
        return JourneyTimeline(first: days.lowerBound, companyIds: companyIds, stages: stages, tiers: tiers)
    }
}

/// Stages and tiers per day and company: the material of a movement report and of an
/// account's stage history.
public struct JourneyTimeline: Sendable {
    public var first: Day
    public var companyIds: [String]
    /// `stages[d][i]`: company `i` on day `first + d` (nil: not a target that day).
    public var stages: [[JourneyStage?]]
    public var tiers: [[UInt8]]

    public var last: Day { first + (stages.count - 1) }

    public func stage(_ i: Int, on day: Day) -> JourneyStage? { stages[day - first][i] }
    public func tier(_ i: Int, on day: Day) -> UInt8 { tiers[day - first][i] }

    /// One company's stage changes: the first day and each day its stage differs from the day before.
    public func history(of i: Int) -> [(day: Day, stage: JourneyStage?)] {
        var out: [(day: Day, stage: JourneyStage?)] = []
        for d in stages.indices where d == 0 || stages[d][i] != stages[d - 1][i] {
            out.append((day: first + d, stage: stages[d][i]))
        }
        return out
    }
}
