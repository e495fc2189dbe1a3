/// Turns the plan into the sales pipeline: MQLs and SQLs, meetings, opportunities, contracts.
///
/// The planted relation: a buying episode (engagement burst from a committee including a decision
/// maker, plus an intent surge) is followed by an MQL during the burst, an SQL and a first meeting,
/// and — with probability 75–85% for targets, 50% otherwise — an opportunity created 14–42 days
/// after the burst began. Without an episode an account rarely creates an opportunity (3% of
/// targets, 0.5% of others over 15 months). Targets also win more often (≈ 42–55% vs ≈ 20%), so
/// `win_rate_lift` > 1.
struct DemoPipelineBuilder {
    private typealias W = DemoWebVocabulary
    let calendar: DemoCalendar
    let siteMap: DemoSiteMap
    let campaigns: DemoCampaignCalendar

    struct Result {
        var leadStages: [LeadStageTransition] = []
        var meetings: [Meeting] = []
        var opportunities: [Opportunity] = []
        var contracts: [Contract] = []
        var scripted: [DemoScriptedActivity] = []
    }

    private struct OpportunityDraft {
        var account: Int
        var created: Day
        var amount: Double
        var term: Int?
        var status: OpportunityStatus
        var closed: Day?
        var stage: String
        var source: String
        var topic: Int
    }

    /// Working state: drafts keep a sequence number so every sort has a total, stable order.
    private struct Work {
        var stages: [(at: Instant, seq: Int, contact: Int, stage: LeadStage)] = []
        var stageKeys = Set<StageKey>()
        var meetings: [(at: Instant, seq: Int, account: Int, contact: Int, kind: MeetingKind)] = []
        var opportunities: [(seq: Int, draft: OpportunityDraft)] = []
        var contracts: [(seq: Int, draft: DemoCustomerBuilder.Draft)] = []
        var scripted: [(seq: Int, row: DemoScriptedActivity)] = []
        var seq = 0
        mutating func next() -> Int {
            seq += 1
            return seq
        }
    }

    private struct StageKey: Hashable {
        var contact: Int
        var stage: LeadStage
        var at: Instant
    }

    func build(
        accounts: [DemoAccount], contactIDs: [String], contactRoles: [ContactRole], bursts: [DemoBurst],
        customers: [DemoCustomerBuilder.Draft], _ rng: inout DemoRandom
    ) -> Result {
        var w = Work()
        let n = calendar.dayCount
        var hadEpisode = Array(repeating: false, count: accounts.count)

        for b in bursts where b.kind == .buying {
            hadEpisode[b.account] = true
            episode(b, accounts[b.account], contactRoles, &w, &rng)
        }
        // Opportunities without an episode: outbound, partner referrals, renewals of interest.
        for (i, a) in accounts.enumerated() where !hadEpisode[i] && a.duplicateOf < 0 && a.contactCount > 0 {
            let p = a.targetOnAsOf ? 0.03 : 0.005
            guard rng.chance(p) else { continue }
            let created = calendar.day(rng.below(n))
            let contact = a.contactStart + rng.below(a.contactCount)
            if rng.chance(0.5) { stage(contact, .sql, created - (1 + rng.below(7)), &w, &rng) }
            if rng.chance(0.5) {
                meeting(
                    a, i, contact, .firstMeeting, DemoCalendar.businessDay(onOrAfter: created - rng.below(5)), &w, &rng)
            }
            opportunity(account: i, a, created: created, topic: rng.below(8), background: true, &w, &rng)
        }
        // Marketing-qualified leads that sales never took up (and a few that it did).
        for (i, a) in accounts.enumerated() where a.contactCount > 0 {
            for c in a.contactStart..<(a.contactStart + a.contactCount) where rng.chance(a.isTarget ? 0.02 : 0.01) {
                let day = rng.below(n)
                let at = formFill(account: i, contact: c, day: day, topic: -1, &w, &rng)
                stage(c, .mql, at, &w)
                if rng.chance(0.1) { stage(c, .sql, calendar.day(day) + (3 + rng.below(18)), &w, &rng) }
            }
        }
        for d in customers { w.contracts.append((w.next(), d)) }
        return finish(w, accounts: accounts, contactIDs: contactIDs)
    }

    // MARK: - Episodes

    private func episode(
        _ b: DemoBurst, _ a: DemoAccount, _ roles: [ContactRole], _ w: inout Work, _ rng: inout DemoRandom
    ) {
        let n = calendar.dayCount
        let champion = b.committee.first { roles[$0] != .decisionMaker } ?? b.committee[0]
        let decisionMaker = b.committee.first { roles[$0] == .decisionMaker } ?? champion
        // Strategic accounts get invited to events; the decision maker shows up.
        if a.tier == 1 && rng.chance(0.5) {
            let day = b.start + rng.below(b.length)
            if day < n {
                let campaign = campaigns.pick(.events, day: day, target: true, &rng)
                let path = siteMap.eventRange.lowerBound + rng.below(siteMap.eventRange.count)
                w.scripted.append(
                    (
                        w.next(),
                        DemoScriptedActivity(
                            day: day, secondsOfDay: 14 * 3600 + rng.below(3 * 3600), account: b.account,
                            contact: decisionMaker, type: .eventAttend, path: path, topic: b.topic, campaign: campaign)
                    ))
            }
        }
        // The champion fills in a form during the burst: an MQL.
        let mqlDay = b.start + 1 + rng.below(max(b.length - 2, 1))
        guard mqlDay < n else { return }
        let mqlAt = formFill(account: b.account, contact: champion, day: mqlDay, topic: b.topic, &w, &rng)
        stage(champion, .mql, mqlAt, &w)

        let pOpportunity = a.isTarget ? [0.85, 0.8, 0.75][a.tier - 1] : 0.5
        if rng.chance(pOpportunity) {
            var created = calendar.day(b.start + 14 + rng.below(29))
            let mql = calendar.day(mqlDay)
            let sqlDay = mql + (1 + rng.below(max(created - mql - 2, 1)))
            stage(champion, .sql, sqlDay, &w, &rng)
            let first = DemoCalendar.businessDay(onOrAfter: sqlDay + (1 + rng.below(max(created - sqlDay - 1, 1))))
            meeting(a, b.account, rng.chance(0.5) ? decisionMaker : champion, .firstMeeting, first, &w, &rng)
            if first > created { created = first }
            opportunity(account: b.account, a, created: created, topic: b.topic, background: false, &w, &rng)
        } else if rng.chance(0.35) {
            // Sales followed up but the account was not ready.
            let sqlDay = calendar.day(mqlDay) + (3 + rng.below(10))
            stage(champion, .sql, sqlDay, &w, &rng)
            if rng.chance(0.6) {
                meeting(
                    a, b.account, champion, .firstMeeting, DemoCalendar.businessDay(onOrAfter: sqlDay + 5), &w, &rng)
            }
        }
    }

    private func opportunity(
        account i: Int, _ a: DemoAccount, created: Day, topic: Int, background: Bool, _ w: inout Work,
        _ rng: inout DemoRandom
    ) {
        guard created <= calendar.last else { return }
        let size = a.employees >= 3000 ? 2.2 : a.employees >= 1000 ? 1.6 : a.employees >= 300 ? 1.0 : 0.6
        let tierBoost = a.tier == 1 ? 1.5 : 1.0
        let amount = DemoMath.money(
            rng.logNormal(median: 6_000_000 * size * tierBoost, sigma: 0.6), 100_000,
            min: 1_000_000, max: 50_000_000)
        let t = rng.unit()
        let term: Int? = t < 0.4 ? 12 : t < 0.6 ? 24 : t < 0.75 ? 36 : nil
        let cycle = 30 + rng.below(120) + (amount > 20_000_000 ? 30 : 0)
        let close = created + cycle
        var d = OpportunityDraft(
            account: i, created: created, amount: amount, term: term, status: .open, closed: nil, stage: "",
            source: background
                ? ["Outbound", "Partner", "Referral"][rng.below(3)]
                : a.isTarget ? "ABM" : ["Inbound", "Web", "Event"][rng.below(3)],
            topic: topic)
        if close <= calendar.last {
            let pWin: Double
            if a.targetOnAsOf {
                pWin = background ? 0.3 : [0.55, 0.48, 0.42][max(a.tier, 1) - 1]
            } else {
                pWin = background ? 0.12 : 0.22
            }
            d.closed = close
            d.status = rng.chance(pWin) ? .won : .lost
            d.stage = d.status == .won ? "Closed Won" : "Closed Lost"
        } else {
            let progress = Double(calendar.last - created) / Double(cycle)
            d.stage =
                progress < 0.2
                ? "Qualification"
                : progress < 0.45
                    ? "Needs Analysis"
                    : progress < 0.75 ? "Proposal/Price Quote" : "Negotiation/Review"
        }
        // Most deals get a product demo between creation and close.
        if rng.chance(0.6) && a.contactCount > 0 {
            let demo = DemoCalendar.businessDay(onOrAfter: created + (3 + rng.below(15)))
            if demo <= (d.closed ?? calendar.last) {
                meeting(a, i, a.contactStart + rng.below(a.contactCount), .demo, demo, &w, &rng)
            }
        }
        if rng.chance(0.15) && a.contactCount > 0 {
            let other = DemoCalendar.businessDay(onOrAfter: created + (10 + rng.below(30)))
            if other <= (d.closed ?? calendar.last) {
                meeting(a, i, a.contactStart + rng.below(a.contactCount), .other, other, &w, &rng)
            }
        }
        if d.status == .won, let closed = d.closed {
            var start = closed + (1 + rng.below(14))
            if start > calendar.last { start = closed }
            let annual = DemoMath.money(amount * 12 / Double(max(term ?? 12, 12)), 1, min: 0, max: .infinity)
            var end: Day?
            if rng.chance(0.08) && calendar.last - start > 180 {
                end = start + (180 + rng.below(calendar.last - start - 180 + 1))
            }
            w.contracts.append(
                (w.next(), DemoCustomerBuilder.Draft(account: i, start: start, end: end, annualValue: annual)))
        }
        w.opportunities.append((w.next(), d))
    }

    // MARK: - Rows

    /// A form submission at a business-hours moment of `day`; returns the MQL instant (a minute later).
    private func formFill(
        account: Int, contact: Int, day: Int, topic: Int, _ w: inout Work, _ rng: inout DemoRandom
    ) -> Instant {
        let seconds = 9 * 3600 + rng.below(9 * 3600)
        let path = siteMap.formRange.lowerBound + rng.below(siteMap.formRange.count)
        w.scripted.append(
            (
                w.next(),
                DemoScriptedActivity(
                    day: day, secondsOfDay: seconds, account: account, contact: contact, type: .formSubmit, path: path,
                    topic: topic, campaign: -1)
            ))
        return DemoCalendar.instant(calendar.day(day), secondsOfDay: seconds + 60 + rng.below(240))
    }

    private func stage(_ contact: Int, _ s: LeadStage, _ at: Instant, _ w: inout Work) {
        guard dayOf(at) <= calendar.last else { return }
        let key = StageKey(contact: contact, stage: s, at: at)
        guard w.stageKeys.insert(key).inserted else { return }
        w.stages.append((at, w.next(), contact, s))
    }

    private func stage(_ contact: Int, _ s: LeadStage, _ day: Day, _ w: inout Work, _ rng: inout DemoRandom) {
        stage(contact, s, DemoCalendar.instant(day, secondsOfDay: 9 * 3600 + rng.below(9 * 3600)), &w)
    }

    private func meeting(
        _ a: DemoAccount, _ account: Int, _ contact: Int, _ kind: MeetingKind, _ day: Day, _ w: inout Work,
        _ rng: inout DemoRandom
    ) {
        guard day <= calendar.last else { return }
        let hour = [10, 11, 13, 14, 15, 16, 17][rng.below(7)]
        let at = DemoCalendar.instant(day, secondsOfDay: hour * 3600 + [0, 1800][rng.below(2)])
        w.meetings.append((at, w.next(), account, rng.chance(0.1) ? -1 : contact, kind))
    }

    private func dayOf(_ at: Instant) -> Day {
        Day(daysSinceEpoch: Int32((at.millisecondsSinceEpoch / 1000 + Int64(DemoCalendar.tokyoOffsetSeconds)) / 86_400))
    }

    /// Sorts every entity chronologically and gives it its ID.
    private func finish(_ w: Work, accounts: [DemoAccount], contactIDs: [String]) -> Result {
        var r = Result()
        r.leadStages = w.stages.sorted { ($0.at, $0.seq) < ($1.at, $1.seq) }.map {
            LeadStageTransition(contactId: contactIDs[$0.contact], stage: $0.stage, reachedAt: $0.at)
        }
        for (k, m) in w.meetings.sorted(by: { ($0.at, $0.seq) < ($1.at, $1.seq) }).enumerated() {
            r.meetings.append(
                Meeting(
                    id: DemoID.make("M", k + 1, width: 6), companyId: accounts[m.account].id,
                    contactId: m.contact >= 0 ? contactIDs[m.contact] : nil, heldAt: m.at, kind: m.kind))
        }
        let opportunities = w.opportunities.sorted { ($0.draft.created, $0.seq) < ($1.draft.created, $1.seq) }
        for (k, o) in opportunities.enumerated() {
            let d = o.draft
            let a = accounts[d.account]
            let topic = W.topics[d.topic]
            let name = a.isUS ? a.shortName + " - " + topic + " rollout" : a.shortName + " " + topic + "導入"
            r.opportunities.append(
                Opportunity(
                    id: DemoID.make("O", k + 1, width: 6), companyId: a.id, name: name, createdOn: d.created,
                    amount: d.amount, termMonths: d.term, status: d.status, closedOn: d.closed, stage: d.stage,
                    source: d.source))
        }
        let contracts = w.contracts.sorted { ($0.draft.start, $0.seq) < ($1.draft.start, $1.seq) }
        for (k, c) in contracts.enumerated() {
            r.contracts.append(
                Contract(
                    id: DemoID.make("K", k + 1, width: 6), companyId: accounts[c.draft.account].id,
                    startOn: c.draft.start, endOn: c.draft.end, annualValue: c.draft.annualValue))
        }
        r.scripted = w.scripted.sorted {
            ($0.row.day, $0.row.secondsOfDay, $0.seq) < ($1.row.day, $1.row.secondsOfDay, $1.seq)
        }.map(\.row)
        return r
    }
}
