/// Writes the activities, day by day in time order, in chunks.
///
/// Each account has a calibrated daily rate (its base intensity × the calendar's day weight, plus
/// any burst covering the day); the day's count is Poisson-drawn, then every activity gets a type,
/// contact, page, topic and campaign. A day's rows are sorted by time before they get their IDs,
/// so `A0000001…` runs chronologically like a real MA export. Nothing but the current chunk and
/// one day's compact records is held in memory.
struct DemoActivityStream {
    let calendar: DemoCalendar
    let accounts: [DemoAccount]
    let contactIDs: [String]
    let contactRoles: [ContactRole]
    let bursts: [DemoBurst]
    let scripted: [DemoScriptedActivity]
    let siteMap: DemoSiteMap
    let campaigns: DemoCampaignCalendar
    let campaignIDs: [String]
    let idWidth: Int
    /// Multiplier that turns base intensities into expected activities per day at weight 1.
    let baseScale: Double
    /// Expected unresolved activities per day at weight 1.
    let unresolvedPerDay: Double

    /// Ordinary mix: web visits dominate; forms and events are rare.
    static let baseTypes = DemoWeighted([55, 20, 6, 10, 7, 1.0, 0.6])
    /// During a buying episode people read, click and ask more.
    static let burstTypes = DemoWeighted([40, 12, 10, 24, 6, 3, 2])
    static let unresolvedTypes = DemoWeighted([80, 0, 0, 5, 15, 0, 0])

    /// Share of activities that no identity resolution could tie to an account.
    static let unresolvedShare = 0.05

    /// Chooses `baseScale` and `unresolvedPerDay` so that the expected total is `total`.
    static func calibrate(
        total: Int, accounts: [DemoAccount], bursts: [DemoBurst], scripted: Int, weights: [Double]
    ) -> (baseScale: Double, unresolvedPerDay: Double) {
        let dayWeights = weights.reduce(0, +)
        let unresolved = Double(total) * unresolvedShare
        var burstTotal = 0.0
        for b in bursts where b.kind != .intentOnly { burstTotal += b.expectedExtra(weights) }
        let baseSum = accounts.reduce(0.0) { $0 + $1.baseIntensity }
        let remaining = Double(total) - unresolved - burstTotal - Double(scripted)
        let scale = baseSum > 0 ? max(remaining, 0) / (baseSum * dayWeights) : 0
        return (scale, unresolved / dayWeights)
    }

    /// One activity before it has an ID.
    private struct Pending {
        /// Seconds of day << 32 (the stream adds the row's position in the day's list).
        var key: UInt64
        var account: Int32
        var contact: Int32
        var type: ActivityType
        var omitCompany: Bool
        var path: Int16
        var topic: Int16
        var campaign: Int16
    }

    @discardableResult
    func run(into sink: inout some DemoSink, chunkSize: Int, _ rng: inout DemoRandom) throws -> Int {
        // Bursts that change activity, grouped per account (CSR layout).
        var burstStart = Array(repeating: 0, count: accounts.count + 1)
        let activityBursts = bursts.indices.filter { bursts[$0].kind != .intentOnly }
            .sorted { (bursts[$0].account, $0) < (bursts[$1].account, $1) }
        for b in activityBursts { burstStart[bursts[b].account + 1] += 1 }
        for i in 0..<accounts.count { burstStart[i + 1] += burstStart[i] }
        let burstFirstDay = activityBursts.map { bursts[$0].start }
        let burstLength = activityBursts.map { bursts[$0].length }
        let active = accounts.indices.filter {
            accounts[$0].baseIntensity > 0 || burstStart[$0 + 1] > burstStart[$0]
        }
        let base = accounts.map { $0.baseIntensity * baseScale }
        let accountIDs = accounts.map(\.id)
        let profiles = accounts.map {
            Profile(contactStart: $0.contactStart, contactCount: $0.contactCount, isUS: $0.isUS, isTarget: $0.isTarget)
        }

        var pending: [Pending] = []
        pending.reserveCapacity(4096)
        // Seconds of day << 32 | position in `pending`: sorting these orders the day by time, ties
        // in creation order, without moving the records themselves.
        var order: [UInt64] = []
        order.reserveCapacity(4096)
        var chunk: [Activity] = []
        chunk.reserveCapacity(chunkSize)
        var nextID = 1
        var nextScripted = 0

        for day in 0..<calendar.dayCount {
            let weight = calendar.weights[day]
            pending.removeAll(keepingCapacity: true)
            order.removeAll(keepingCapacity: true)
            var seq: UInt64 = 0
            for i in active {
                let lambda = base[i] * weight
                var burstLambda = 0.0
                var burst = -1
                for k in burstStart[i]..<burstStart[i + 1] {
                    let offset = day - burstFirstDay[k]
                    if offset >= 0 && offset < burstLength[k] {
                        let b = activityBursts[k]
                        burstLambda += bursts[b].extra * bursts[b].shape(offset) * weight
                        burst = b
                    }
                }
                let total = lambda + burstLambda
                let count = rng.poisson(total)
                for _ in 0..<count {
                    let inBurst = burst >= 0 && rng.unit() * total < burstLambda
                    var p = make(account: i, profiles[i], day: day, burst: inBurst ? bursts[burst] : nil, &rng)
                    p.key |= seq
                    seq += 1
                    pending.append(p)
                }
            }
            // Visitors nobody could identify.
            for _ in 0..<rng.poisson(unresolvedPerDay * weight) {
                var p = unresolved(day: day, &rng)
                p.key |= seq
                seq += 1
                pending.append(p)
            }
            // Rows the pipeline needs at a given moment (the form fill behind an MQL, …).
            while nextScripted < scripted.count && scripted[nextScripted].day == day {
                let s = scripted[nextScripted]
                nextScripted += 1
                pending.append(
                    Pending(
                        key: UInt64(s.secondsOfDay) << 32 | seq, account: Int32(s.account), contact: Int32(s.contact),
                        type: s.type, omitCompany: false, path: Int16(s.path), topic: Int16(s.topic),
                        campaign: Int16(s.campaign)))
                seq += 1
            }
            for p in pending { order.append(p.key) }
            order.sort()
            let dayValue = calendar.day(day)
            for key in order {
                let p = pending[Int(key & 0xFFFF_FFFF)]
                let seconds = Int(p.key >> 32)
                let account = Int(p.account)
                chunk.append(
                    Activity(
                        id: DemoID.make("A", nextID, width: idWidth),
                        occurredAt: DemoCalendar.instant(dayValue, secondsOfDay: seconds),
                        type: p.type,
                        companyId: account >= 0 && !p.omitCompany ? accountIDs[account] : nil,
                        contactId: p.contact >= 0 ? contactIDs[Int(p.contact)] : nil,
                        campaignId: p.campaign >= 0 ? campaignIDs[Int(p.campaign)] : nil,
                        url: p.path >= 0 ? siteMap.paths[Int(p.path)] : nil,
                        topic: p.topic >= 0 ? DemoWebVocabulary.topics[Int(p.topic)] : nil))
                nextID += 1
                if chunk.count == chunkSize {
                    try sink.activities(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
        }
        if !chunk.isEmpty { try sink.activities(chunk) }
        return nextID - 1
    }

    /// The per-account facts the inner loop reads, without the strings (copying a `DemoAccount`
    /// costs reference-count traffic on its three strings, ten million times).
    private struct Profile {
        var contactStart: Int
        var contactCount: Int
        var isUS: Bool
        var isTarget: Bool
    }

    /// One activity of account `i` on `day`; `burst` ≥ 0 when it belongs to that burst.
    private func make(
        account i: Int, _ a: Profile, day: Int, burst: DemoBurst?, _ rng: inout DemoRandom
    ) -> Pending {
        let b = burst
        let committee = b?.committee ?? []
        let buying = b?.kind == .buying
        var type = ActivityType.allCases[(b == nil ? Self.baseTypes : Self.burstTypes).draw(&rng)]
        let known = b != nil ? committee.count : a.contactCount
        let needsContact = type == .emailOpen || type == .emailClick || type == .formSubmit || type == .eventAttend
        if needsContact && known == 0 { type = .webVisit }
        let pContact: Double
        switch type {
        case .emailOpen, .emailClick, .formSubmit, .eventAttend: pContact = 1
        case .webVisit: pContact = b != nil ? 0.6 : 0.3
        case .contentView: pContact = b != nil ? 0.8 : 0.55
        case .adClick: pContact = 0.1
        }
        var contact = -1
        if known > 0 && rng.chance(pContact) {
            if b != nil {
                contact = committee[rng.below(committee.count)]
            } else {
                contact = a.contactStart + rng.below(a.contactCount)
                // Decision makers read less than their teams.
                if contactRoles[contact] == .decisionMaker && rng.chance(0.6) {
                    contact = a.contactStart + rng.below(a.contactCount)
                }
            }
        }
        var path = -1
        var topic = -1
        var campaign = -1
        let focus = b?.topic ?? -1
        switch type {
        case .webVisit:
            if focus >= 0 && rng.chance(buying ? 0.65 : 0.5) {
                path = buying && rng.chance(0.25) ? siteMap.pricing : siteMap.topical(focus, content: false, &rng)
            } else {
                path = siteMap.visitPick.draw(&rng)
            }
            if rng.chance(0.08) { campaign = campaigns.pickAny(day: day, &rng) }
        case .contentView:
            path =
                focus >= 0 && rng.chance(0.75)
                ? siteMap.topical(focus, content: true, &rng)
                : siteMap.contentPages[rng.below(siteMap.contentPages.count)]
        case .emailOpen, .emailClick:
            campaign = campaigns.pick(.email, day: day, target: a.isTarget, &rng)
            topic = campaign >= 0 ? campaigns.topicOf[campaign] : -1
            if type == .emailClick {
                let t = focus >= 0 ? focus : topic
                path = t >= 0 ? siteMap.topical(t, content: rng.chance(0.5), &rng) : siteMap.visitPick.draw(&rng)
            }
        case .adClick:
            campaign = campaigns.pick(.ads, day: day, target: a.isTarget, &rng)
            let t = focus >= 0 ? focus : campaign >= 0 ? campaigns.topicOf[campaign] : rng.below(8)
            path = siteMap.landing(topic: t)
        case .formSubmit:
            path = siteMap.formRange.lowerBound + rng.below(siteMap.formRange.count)
            topic = focus
        case .eventAttend:
            campaign = campaigns.pick(.events, day: day, target: a.isTarget, &rng)
            path = rng.chance(0.7) ? siteMap.eventRange.lowerBound + rng.below(siteMap.eventRange.count) : -1
            topic = campaign >= 0 ? campaigns.topicOf[campaign] : focus
        }
        if path >= 0 && topic < 0 { topic = siteMap.topicOf[path] }
        let seconds = DemoCalendar.secondsOfDay(&rng, us: a.isUS)
        return Pending(
            key: UInt64(seconds) << 32, account: Int32(i), contact: Int32(contact),
            type: type, omitCompany: contact >= 0 && rng.chance(0.2), path: Int16(path), topic: Int16(topic),
            campaign: Int16(campaign))
    }

    /// An anonymous visit or ad click that identity resolution could not place.
    private func unresolved(day: Int, _ rng: inout DemoRandom) -> Pending {
        let type = ActivityType.allCases[Self.unresolvedTypes.draw(&rng)]
        var path: Int
        var campaign = -1
        switch type {
        case .adClick:
            campaign = campaigns.pick(.ads, day: day, target: false, &rng)
            path = siteMap.landing(topic: campaign >= 0 ? campaigns.topicOf[campaign] : rng.below(8))
        case .contentView:
            path = siteMap.contentPages[rng.below(siteMap.contentPages.count)]
        default:
            path = siteMap.visitPick.draw(&rng)
            if rng.chance(0.1) { campaign = campaigns.pickAny(day: day, &rng) }
        }
        let seconds = DemoCalendar.secondsOfDay(&rng, us: false)
        return Pending(
            key: UInt64(seconds) << 32, account: -1, contact: -1, type: type, omitCompany: true,
            path: Int16(path), topic: Int16(siteMap.topicOf[path]), campaign: Int16(campaign))
    }
}
