import KizashiCore
import KizashiStore

/// Refreshes and the target-list feed (issue 26 §4: "a segment can feed the target list,
/// accounts enter and leave as the rule changes, with history kept").
extension SegmentService {
    /// Makes `name` feed the target list at `tier` (with `owner`), from its next refresh on.
    /// Refused when the rule uses a condition only targets have (`SegmentRule.feedProblem`).
    public func feed(name: String, tier: Tier, owner: String?) async throws -> SavedSegment {
        let segment = try await segment(named: name)
        if let why = try SegmentRule(text: segment.rule).feedProblem { throw Refusal.cannotFeed(why) }
        if let owner, let why = SegmentFeed.ownerProblem(owner) { throw Refusal.badOwner(why) }
        guard
            let updated = try await store.setSegmentFeed(
                name: name, feed: SegmentFeed(tier: tier, owner: owner), at: now())
        else { throw Refusal.unknown(name) }
        return updated
    }

    /// Stops the feed: the accounts it added stay on the list (ending them is a person's choice).
    public func stopFeed(name: String) async throws -> SavedSegment {
        guard let updated = try await store.setSegmentFeed(name: name, feed: nil, at: now()) else {
            throw Refusal.unknown(name)
        }
        return updated
    }

    /// Evaluates `name` on `day` and records who entered and who left since the last refresh
    /// (a stay per entry, ended by the refresh that finds the account no longer matching).
    ///
    /// A feeding segment also changes the target list, in the same transaction: an entered
    /// company that is not a target on `day` is added from `day` at the feed's tier and owner
    /// (unless a running experiment holds it out); a company the feed added that left has that
    /// membership ended on `day` (`removed_on`, exclusive; at least one day on the list). Targets
    /// people added or ended are never touched.
    public func refresh(name: String, on day: Day) async throws -> SegmentRefresh {
        let evaluation = try await evaluate(name: name, on: day)
        let segment = evaluation.segment
        if let last = segment.refreshedOn, day < last { throw Refusal.refreshBefore(lastRefresh: last) }
        let openStays = try await store.segmentStays(segmentId: segment.id).filter { $0.leftOn == nil }
        let open = Set(openStays.map(\.companyId))
        let now = Set(evaluation.members.map(\.companyId))
        let entered = now.subtracting(open).sorted(), left = open.subtracting(now).sorted()
        var result = SegmentRefresh(name: name, day: day, entered: entered, left: left, members: now.count)
        var rows: [TargetMembership] = []
        if let feed = segment.feed {
            let targets = try await store.targets()
            let active = Set(targets.filter { $0.isActive(on: day) }.map(\.companyId))
            let heldOut = entered.isEmpty ? [] : try await ExperimentService(store: store).heldOut(on: day)
            for id in entered where !active.contains(id) {
                if heldOut.contains(id) {
                    result.heldOut.append(id)
                    continue
                }
                rows.append(
                    TargetMembership(companyId: id, tier: feed.tier, addedOn: day, removedOn: nil, owner: feed.owner))
                result.addedToTargets.append(id)
            }
            let fedSince = Dictionary(
                openStays.filter(\.fed).map { ($0.companyId, $0.enteredOn) }, uniquingKeysWith: { a, _ in a })
            for id in left {
                guard let since = fedSince[id],
                    var row = targets.last(where: { $0.companyId == id && $0.addedOn == since && $0.removedOn == nil })
                else { continue }
                row.removedOn = max(day, row.addedOn + 1)
                rows.append(row)
                result.removedFromTargets.append(id)
            }
        }
        let changes = rows, fed = Set(result.addedToTargets)
        try await store.transaction { tx in
            if !changes.isEmpty { try await tx.upsert(targets: changes) }
            try await tx.recordSegmentRefresh(segmentId: segment.id, on: day, entered: entered, left: left, fed: fed)
        }
        return result
    }

    /// Every company's facts on `day` (a feeding segment's universe), from the day's computation.
    func everyCompany(on day: Day, for rule: SegmentRule, computation: KPIComputation?) async throws
        -> [SegmentFacts]
    {
        let c: KPIComputation
        if let computation {
            c = computation
        } else {
            c = try await data.computation(for: [KPIPeriod(start: day - 7, end: day + 1)])
        }
        let withTopics = rule.conditions.contains {
            switch $0 {
            case .topic, .surging: true
            default: false
            }
        }
        return SegmentFacts.everyCompany(c, on: day, withTopics: withTopics)
    }
}

extension SegmentRefresh {
    /// What `kizashi segment refresh` prints and `POST /api/v1/segments/{name}/refresh` answers.
    public var json: JSONValue {
        func ids(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }
        return .object([
            ("name", .string(name)), ("day", .string(day.description)), ("members", .int(members)),
            ("entered", ids(entered)), ("left", ids(left)), ("added_to_targets", ids(addedToTargets)),
            ("removed_from_targets", ids(removedFromTargets)), ("held_out", ids(heldOut)),
        ])
    }
}
