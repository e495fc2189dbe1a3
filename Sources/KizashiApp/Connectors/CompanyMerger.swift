import Foundation
import KizashiCore
import KizashiStore

/// 名寄せ: merges duplicate companies into one (`kizashi merge KEEP DROP…`), and undoes a merge.
///
/// Everything that referred to a dropped company — contacts, activities recorded against it,
/// intent, meetings, opportunities, contracts, target memberships, IP ranges aside — moves to the
/// kept one; the dropped company itself is deleted. Nothing is lost: the merge log keeps the
/// dropped company's full record, its memberships and the ID of every row moved, so
/// `kizashi merge --undo N` puts each row back. One transaction per merge.
public struct CompanyMerger: Sendable {
    let store: any WorkspaceStore

    public init(store: any WorkspaceStore) { self.store = store }

    public struct Result: Sendable {
        public var mergeId: Int64
        /// Rows moved per entity name.
        public var moved: [String: Int]
    }

    public func merge(keep: String, drop: [String], now: Instant) async throws -> Result {
        guard try await store.company(id: keep) != nil else { throw StoreError("no company \(keep) to keep") }
        let drops = Array(Set(drop)).sorted()
        guard !drops.isEmpty else { throw StoreError("name at least one company to merge into \(keep)") }
        if drops.contains(keep) { throw StoreError("\(keep) cannot be merged into itself") }
        var records: [[String: Any]] = []
        var moves:
            [(Company, [TargetMembership], [Contact], [Activity], [IntentSignal], [Meeting], [Opportunity], [Contract])] =
                []
        let allTargets = try await store.targets()
        let allContracts = try await store.contracts()
        let keepTargets = allTargets.filter { $0.companyId == keep }
        for id in drops {
            guard let company = try await store.company(id: id) else { throw StoreError("no company \(id) to merge") }
            let targets = allTargets.filter { $0.companyId == id }
            let contacts = try await store.contacts(companyId: id)
            let activities = try await store.activities(accountOf: id, limit: Int(Int32.max)).filter {
                $0.companyId == id
            }
            let intent = try await store.intent(companyId: id)
            let meetings = try await store.meetings(companyId: id)
            let opportunities = try await store.opportunities(companyId: id)
            let contracts = allContracts.filter { $0.companyId == id }
            moves.append((company, targets, contacts, activities, intent, meetings, opportunities, contracts))
            records.append([
                "company": Self.json(company),
                "targets": targets.map { t in
                    var o = Self.json(t)
                    o["moved"] = !keepTargets.contains(where: { $0.addedOn == t.addedOn })
                    return o
                },
                "contacts": contacts.map(\.id), "activities": activities.map(\.id), "intent": intent.map(\.id),
                "meetings": meetings.map(\.id), "opportunities": opportunities.map(\.id),
                "contracts": contracts.map(\.id),
            ])
        }
        let baseRecord = try JSONSerialization.data(
            withJSONObject: ["kept": keep, "dropped": records], options: [.sortedKeys])
        var moved: [String: Int] = [:]
        for m in moves {
            moved["contacts", default: 0] += m.2.count
            moved["activities", default: 0] += m.3.count
            moved["intent", default: 0] += m.4.count
            moved["meetings", default: 0] += m.5.count
            moved["opportunities", default: 0] += m.6.count
            moved["contracts", default: 0] += m.7.count
            moved["targets", default: 0] += m.1.count
        }
        let plan = moves
        let id = try await store.transaction { tx in
            // CRM records matched to a dropped company (or imported under its CRM ID) now mean the
            // kept one, so the write-back keeps updating them; the log says which, for undo.
            var crmLinks: [[CRMLinkMove]] = []
            for m in plan {
                let moves = try await CRMLinkMove.moves(of: m.0.id, in: tx)
                try await tx.setCRMRecordLinks(moves.map(\.link), to: keep, at: now)
                crmLinks.append(moves)
            }
            for (company, targets, contacts, activities, intent, meetings, opportunities, contracts) in plan {
                try await tx.upsert(contacts: reassigned(contacts, \.companyId, to: keep))
                try await tx.upsert(activities: reassigned(activities, \.companyId, to: keep))
                try await tx.upsert(intent: reassigned(intent, \.companyId, to: keep))
                try await tx.upsert(meetings: reassigned(meetings, \.companyId, to: keep))
                try await tx.upsert(opportunities: reassigned(opportunities, \.companyId, to: keep))
                try await tx.upsert(contracts: reassigned(contracts, \.companyId, to: keep))
                // Memberships move only when the kept company has none on the same day.
                for t in targets {
                    try await tx.deleteTarget(companyId: company.id, addedOn: t.addedOn)
                    if !keepTargets.contains(where: { $0.addedOn == t.addedOn }) {
                        var moved = t
                        moved.companyId = keep
                        try await tx.upsert(targets: [moved])
                    }
                }
                try await tx.deleteCompany(id: company.id)
            }
            return try await tx.appendMerge(record: CRMLinkMove.record(baseRecord, adding: crmLinks), at: now)
        }
        return Result(mergeId: id, moved: moved)
    }

    /// Puts every row a merge moved back on its original company and re-creates the dropped
    /// companies. Refused when a later merge moved the same rows again (undo that one first).
    public func undo(mergeId: Int64, now: Instant = WorkspaceClock.now()) async throws -> [String] {
        let log = try await store.merges()
        guard let entry = log.first(where: { $0.id == mergeId }) else {
            throw StoreError("no merge \(mergeId) in the merge log (kizashi merge --list)")
        }
        if let later = log.first(where: { $0.id > mergeId }) {
            throw StoreError("merge \(later.id) came after \(mergeId): undo it first")
        }
        guard let object = try JSONSerialization.jsonObject(with: Data(entry.record.utf8)) as? [String: Any],
            let keep = object["kept"] as? String, let dropped = object["dropped"] as? [[String: Any]]
        else { throw StoreError("merge \(mergeId)'s record is unreadable") }
        let contacts = try await store.contacts(companyId: keep)
        let activities = try await store.activities(accountOf: keep, limit: Int(Int32.max))
        let intent = try await store.intent(companyId: keep)
        let meetings = try await store.meetings(companyId: keep)
        let opportunities = try await store.opportunities(companyId: keep)
        let contracts = try await store.contracts().filter { $0.companyId == keep }
        var restored: [String] = []
        var plan:
            [(Company, [TargetMembership], [Contact], [Activity], [IntentSignal], [Meeting], [Opportunity], [Contract])] =
                []
        var movedBack: [Day] = []
        var crmLinks: [(company: String, moves: [CRMLinkMove])] = []
        for d in dropped {
            guard let company = (d["company"] as? [String: Any]).flatMap(Self.company) else {
                throw StoreError("merge \(mergeId)'s record is unreadable")
            }
            func ids(_ k: String) -> Set<String> { Set(d[k] as? [String] ?? []) }
            let targetRecords = d["targets"] as? [[String: Any]] ?? []
            let targets = targetRecords.compactMap { Self.target($0, company: company.id) }
            let movedDays = Set(
                targetRecords.filter { $0["moved"] as? Bool == true }.compactMap {
                    ($0["added_on"] as? String).flatMap(Day.init(iso:))
                })
            plan.append(
                (
                    company, targets,
                    reassigned(contacts.filter { ids("contacts").contains($0.id) }, \.companyId, to: company.id),
                    reassigned(activities.filter { ids("activities").contains($0.id) }, \.companyId, to: company.id),
                    reassigned(intent.filter { ids("intent").contains($0.id) }, \.companyId, to: company.id),
                    reassigned(meetings.filter { ids("meetings").contains($0.id) }, \.companyId, to: company.id),
                    reassigned(
                        opportunities.filter { ids("opportunities").contains($0.id) }, \.companyId, to: company.id),
                    reassigned(contracts.filter { ids("contracts").contains($0.id) }, \.companyId, to: company.id)
                ))
            restored.append(company.id)
            movedBack += movedDays
            crmLinks.append(
                (company.id, (d["crm_links"] as? [[String: Any]] ?? []).compactMap(CRMLinkMove.init(json:))))
        }
        let steps = plan
        let keepDaysToClear = movedBack
        let linksBack = crmLinks
        try await store.transaction { tx in
            for (company, targets, contacts, activities, intent, meetings, opportunities, contracts) in steps {
                try await tx.upsert(companies: [company])
                try await tx.upsert(targets: targets)
                try await tx.upsert(contacts: contacts)
                try await tx.upsert(activities: activities)
                try await tx.upsert(intent: intent)
                try await tx.upsert(meetings: meetings)
                try await tx.upsert(opportunities: opportunities)
                try await tx.upsert(contracts: contracts)
            }
            // Memberships that had moved to the kept company (it had none that day) leave it again.
            for day in keepDaysToClear { try await tx.deleteTarget(companyId: keep, addedOn: day) }
            // Matched CRM records go back to their company; links the merge created are forgotten.
            for (company, moves) in linksBack {
                try await tx.setCRMRecordLinks(moves.filter(\.wasLinked).map(\.link), to: company, at: now)
                try await tx.setCRMRecordLinks(moves.filter { !$0.wasLinked }.map(\.link), to: nil, at: now)
            }
            try await tx.removeMerge(id: mergeId)
        }
        return restored
    }

    // MARK: The record's JSON

    static func json(_ c: Company) -> [String: Any] {
        var o: [String: Any] = ["id": c.id, "name": c.name]
        o["corporate_number"] = c.corporateNumber
        o["domain"] = c.domain
        o["industry"] = c.industry
        o["employees"] = c.employees
        o["annual_revenue"] = c.annualRevenue
        o["country"] = c.country
        o["region"] = c.region
        o["updated_on"] = c.updatedOn?.description
        o["verified_on"] = c.verifiedOn?.description
        return o
    }

    static func company(_ o: [String: Any]) -> Company? {
        guard let id = o["id"] as? String, let name = o["name"] as? String else { return nil }
        return Company(
            id: id, name: name, corporateNumber: o["corporate_number"] as? String, domain: o["domain"] as? String,
            industry: o["industry"] as? String, employees: o["employees"] as? String,
            annualRevenue: o["annual_revenue"] as? String, country: o["country"] as? String,
            region: o["region"] as? String, updatedOn: (o["updated_on"] as? String).flatMap(Day.init(iso:)),
            verifiedOn: (o["verified_on"] as? String).flatMap(Day.init(iso:)))
    }

    static func json(_ t: TargetMembership) -> [String: Any] {
        var o: [String: Any] = ["added_on": t.addedOn.description, "tier": t.tier.rawValue]
        o["removed_on"] = t.removedOn?.description
        o["owner"] = t.owner
        return o
    }

    static func target(_ o: [String: Any], company: String) -> TargetMembership? {
        guard let added = (o["added_on"] as? String).flatMap(Day.init(iso:)),
            let tier = (o["tier"] as? Int).flatMap(Tier.init(rawValue:))
        else { return nil }
        return TargetMembership(
            companyId: company, tier: tier, addedOn: added,
            removedOn: (o["removed_on"] as? String).flatMap(Day.init(iso:)),
            owner: o["owner"] as? String)
    }
}

/// `rows` with `key` set to `value`: the records a merge moves to the kept company.
private func reassigned<Row, Value>(_ rows: [Row], _ key: WritableKeyPath<Row, Value>, to value: Value) -> [Row] {
    rows.map { row in
        var moved = row
        moved[keyPath: key] = value
        return moved
    }
}
