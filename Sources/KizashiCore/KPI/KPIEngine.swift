import Foundation

/// Computes every KPI of kpis.md from a `KPIDataset`.
///
/// The dataset is indexed once (`KPIComputation`); each period then makes one pass over the
/// roll-ups and rows to build per-company figures (`PeriodFigures`), and every set of targets —
/// T, each tier, N — is an aggregation over those arrays. So by_tier, the previous period (for
/// the bottleneck) and monthly trends cost little more than one report.
public enum KPIEngine {
    public static func report(
        dataset: KPIDataset, period: KPIPeriod, parameters: ScoringParameters, tier: Tier? = nil,
        goals: [KPIGoal] = []
    ) -> KPIReport {
        KPIComputation(dataset: dataset, parameters: parameters).report(period: period, tier: tier, goals: goals)
    }

    /// One report per calendar month from `from`'s month through `to`'s month, inclusive.
    public static func monthly(
        dataset: KPIDataset, from: Day, to: Day, parameters: ScoringParameters, tier: Tier? = nil, goals: [KPIGoal] = []
    ) -> [KPIReport] {
        let c = KPIComputation(dataset: dataset, parameters: parameters)
        var out: [KPIReport] = []
        var m = KPIPeriod.month(year: from.year, month: from.month)
        while m.start <= to {
            out.append(c.report(period: m, tier: tier, goals: goals))
            m = KPIPeriod(start: m.end, end: m.end.addingMonths(1))
        }
        return out
    }
}

/// The dataset, indexed for repeated reports.
public final class KPIComputation: Sendable {
    let data: KPIDataset
    let p: ScoringParameters
    let companyIndex: [String: Int]
    let n: Int
    /// Target rows per company index.
    let targetRows: [[TargetMembership]]
    /// Roll-up account index → company index (−1 unresolved or unknown).
    let rollupCompany: [Int32]
    /// The roll-up entries ordered by day, so each window is a slice found by binary search.
    let entries: [ActivityRollup.Entry]
    let contactCompany: [String: Int]
    let intent: IntentIndex
    let phase1: TargetDefinitionAnalysis
    /// w(type) × 0.5^(x / half-life) for x = 0 … window − 1 (kpis.md §engagement score).
    let decay: [[Double]]

    public init(dataset: KPIDataset, parameters: ScoringParameters) {
        data = dataset
        p = parameters
        var index: [String: Int] = [:]
        index.reserveCapacity(dataset.companies.count)
        for (i, c) in dataset.companies.enumerated() { index[c.id] = i }
        companyIndex = index
        n = dataset.companies.count
        var rows = Array(repeating: [TargetMembership](), count: n)
        for t in dataset.targets { if let i = index[t.companyId] { rows[i].append(t) } }
        targetRows = rows
        rollupCompany = dataset.activities.accountIds.map { Int32(index[$0] ?? -1) }
        let e = dataset.activities.entries
        entries = zip(e, e.dropFirst()).allSatisfy { $0.day <= $1.day } ? e : e.sorted { $0.day < $1.day }
        // The intent index apart from the rest, on the other core when there is one: at scale
        // the indexing is a third of a report and runs after every read, the other core idle.
        let positions = index
        let (intentIndex, (cc, analysis)) = inParallel(
            { IntentIndex(dataset.intent, companyIndex: positions) },
            {
                var cc: [String: Int] = [:]
                cc.reserveCapacity(dataset.contacts.count)
                for c in dataset.contacts { if let i = positions[c.companyId] { cc[c.id] = i } }
                let analysis = TargetDefinitionAnalysis(
                    companies: dataset.companies, contacts: dataset.contacts, icp: dataset.icp,
                    candidates: Set(dataset.targets.map(\.companyId)), duplicates: dataset.duplicateCompanyIds,
                    companyIndex: positions)
                return (cc, analysis)
            })
        intent = intentIndex
        contactCompany = cc
        phase1 = analysis
        let window = max(parameters.windowDays, 1)
        decay = ActivityType.allCases.map { t in
            (0..<window).map { x in parameters.weight(t) * pow(0.5, Double(x) / parameters.halfLifeDays) }
        }
    }

    /// Every index but the activity roll-ups taken from `base` (see `adding(_:)`).
    private init(base: KPIComputation, dataset: KPIDataset, rollupCompany: [Int32]) {
        data = dataset
        p = base.p
        companyIndex = base.companyIndex
        n = base.n
        targetRows = base.targetRows
        self.rollupCompany = rollupCompany
        entries = dataset.activities.entries
        contactCompany = base.contactCompany
        intent = base.intent
        phase1 = base.phase1
        decay = base.decay
    }

    /// This computation with `activities` added, exactly as if they had been stored before it
    /// was loaded: each adds one to its (local day, account, type) count of the roll-ups.
    ///
    /// Why: tracked events only ever add activities (new IDs), and the alert rules and live
    /// pages need the scores at once. Reloading the dataset after every event batch took
    /// seconds at medium scale and kept the event-to-alert time far above 1 s under load; this
    /// touches only the days the events fall on. Every other index is shared with `self`.
    public func adding(_ activities: [Activity]) -> KPIComputation {
        guard !activities.isEmpty else { return self }
        var accounts = StringNumbering(data.activities.accountIds)
        var rollupCompany = self.rollupCompany
        struct Cell: Hashable {
            var account: Int32
            var type: UInt8
        }
        var added: [Int32: [Cell: Int32]] = [:]
        for a in activities {
            var k: Int32 = -1
            // data-format.md §activities.csv: the contact's company when company_id is empty.
            let company = a.companyId ?? a.contactId.flatMap { contactCompany[$0] }.map { data.companies[$0].id }
            if let company {
                let (number, isNew) = accounts.insert(company)
                k = number
                if isNew { rollupCompany.append(Int32(companyIndex[company] ?? -1)) }
            }
            let day = p.timeZone.day(of: a.occurredAt).daysSinceEpoch
            added[day, default: [:]][Cell(account: k, type: UInt8(a.type.index)), default: 0] += 1
        }
        var merged = entries
        // Latest day first, so inserting at one day's end never moves a day still to be done.
        for (dayNumber, cells) in added.sorted(by: { $0.key > $1.key }) {
            let day = Day(daysSinceEpoch: dayNumber)
            let lo = firstPosition(notBefore: day, count: merged.count) { merged[$0].day }
            let hi = firstPosition(notBefore: day + 1, count: merged.count) { merged[$0].day }
            var rest = cells
            for i in lo..<hi {
                let cell = Cell(account: merged[i].account, type: UInt8(merged[i].type.index))
                if let more = rest.removeValue(forKey: cell) { merged[i].count += more }
            }
            let new = rest.sorted { ($0.key.account, $0.key.type) < ($1.key.account, $1.key.type) }.map {
                ActivityRollup.Entry(
                    day: day, account: $0.key.account, type: ActivityType(index: Int($0.key.type))!, count: $0.value)
            }
            merged.insert(contentsOf: new, at: hi)
        }
        var dataset = data
        dataset.activities = ActivityRollup(accountIds: accounts.strings, entries: merged)
        return KPIComputation(base: self, dataset: dataset, rollupCompany: rollupCompany)
    }

    /// kpis.md §Period: the tier of each company on `L` (0 = not a target). Overlapping rows: the
    /// row with the latest added_on decides.
    func tiers(on day: Day) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: n)
        for i in 0..<n where !targetRows[i].isEmpty {
            var best: TargetMembership?
            for r in targetRows[i] where r.isActive(on: day) {
                if best == nil || r.addedOn > best!.addedOn { best = r }
            }
            if let best { out[i] = UInt8(best.tier.rawValue) }
        }
        return out
    }

    /// The entries whose day lies in `range`.
    func entries(in range: ClosedRange<Day>) -> ArraySlice<ActivityRollup.Entry> {
        let lo = firstPosition(notBefore: range.lowerBound, count: entries.count) { entries[$0].day }
        let hi = firstPosition(notBefore: range.upperBound + 1, count: entries.count) { entries[$0].day }
        return entries[lo..<max(lo, hi)]
    }

    /// kpis.md §engagement score: score(a) as of `day` for every company (0 without activity).
    public func engagementScores(asOf day: Day) -> [Double] {
        var raw = [Double](repeating: 0, count: n)
        let window = decay[0].count
        for e in entries(in: (day - (window - 1))...day) {
            let x = day - e.day
            guard x >= 0, x < window else { continue }
            let c = e.account < 0 ? -1 : Int(rollupCompany[Int(e.account)])
            guard c >= 0 else { continue }
            raw[c] += decay[e.type.index][x] * Double(e.count)
        }
        return raw.map { 100 * (1 - exp(-$0 / p.scoreScale)) }
    }

    /// The report of one period; reuse one computation for many periods (trends).
    public func report(period: KPIPeriod, tier: Tier? = nil, goals: [KPIGoal] = []) -> KPIReport {
        let f = PeriodFigures(self, period)
        let selected: (Int) -> Bool = { i in f.tier[i] != 0 && (tier == nil || Int(f.tier[i]) == tier!.rawValue) }
        var top = f.kpis(selected: selected, forTier: false)
        if tier != nil {
            // Keys not about the target set keep their whole-workspace values.
            let whole = f.kpis(selected: { f.tier[$0] != 0 }, forTier: false)
            let keep = Set(KPICatalog.all.filter(\.notAboutTargetSet).map(\.key))
            top = zip(top, whole).map { keep.contains($0.0.key) ? $0.1 : $0.0 }
        }
        let tiersShown: [Tier] = tier.map { [$0] } ?? Tier.allCases
        let byTier = tiersShown.map { t in
            (tier: t, kpis: f.kpis(selected: { Int(f.tier[$0]) == t.rawValue }, forTier: true))
        }
        let funnel = f.funnel(selected: selected)
        var report = KPIReport(
            period: period, parameters: p, tier: tier, kpis: top, byTier: byTier, funnel: funnel,
            topTopics: f.topTopics(selected: selected), goals: [], bottleneck: nil)
        report.goals = GoalEvaluation.attainments(report: report, goals: goals)
        let relevant = report.goals.filter { $0.tier == tier }
        if let b = GoalEvaluation.bottleneck(relevant) {
            report.bottleneck = b
        } else if relevant.isEmpty {
            let prev = PeriodFigures(self, period.previous, funnelOnly: true)
            let prevSelected: (Int) -> Bool = { i in
                prev.tier[i] != 0 && (tier == nil || Int(prev.tier[i]) == tier!.rawValue)
            }
            report.bottleneck = GoalEvaluation.funnelBottleneck(
                current: funnel, previous: prev.funnel(selected: prevSelected))
        }
        return report
    }
}
