/// A synthetic workspace of N target accounts for the ranking benchmark (`kizashi bench-rank`):
/// the shape of the demo's data (every account active in the score window, intent on several
/// topics with surges, a recent activity stream with roles and pricing pages), generated in
/// memory with a fixed seed, so a timing measures the ranking alone, not I/O.
///
/// Why synthetic: the large demo set has 13k targets, and the ranking's target is about 100k.
public struct SyntheticRankingWorkspace: Sendable {
    public static let today = Day(year: 2026, month: 10, day: 31)!
    public let dataset: KPIDataset
    public let recent: [RecentAccountActivity]

    public init(accounts: Int, seed: UInt64) {
        var rng = seed | 1
        func next(_ n: Int) -> Int {
            rng ^= rng << 13
            rng ^= rng >> 7
            rng ^= rng << 17
            return Int(rng % UInt64(n))
        }
        let today = Self.today
        let topics = ["SFA", "MA", "CRM", "CDP", "BI", "ERP", "会計", "人事労務", "セキュリティ", "EDI"]
        let types = ActivityType.allCases
        var companies: [Company] = []
        var targets: [TargetMembership] = []
        var entries: [ActivityRollup.Entry] = []
        var intent: [IntentSignal] = []
        var recent: [RecentAccountActivity] = []
        for i in 0..<accounts {
            let id = "C\(i)"
            companies.append(Company(id: id, name: "会社\(i)", industry: i % 3 == 0 ? "製造業" : "情報通信業"))
            targets.append(TargetMembership(companyId: id, tier: Tier(rawValue: 1 + i % 3)!, addedOn: today - 400))
            for _ in 0..<(6 + next(10)) {
                entries.append(
                    .init(
                        day: today - next(90), account: Int32(i), type: types[next(types.count)],
                        count: Int32(1 + next(3))))
            }
            for _ in 0..<(2 + next(12)) {
                let d = today - next(63)
                intent.append(
                    IntentSignal(
                        id: "", companyId: id, observedOn: d, topic: topics[next(topics.count)],
                        kind: next(8) == 0 ? .competitorVisit : .contentConsumption, score: next(101)))
            }
            for _ in 0..<next(5) {
                let contact = "P\(i)-\(next(4))"
                recent.append(
                    RecentAccountActivity(
                        companyId: id, day: today - next(7), type: types[next(types.count)], contactId: contact,
                        department: ["情報システム部", "営業部", "経営企画部"][next(3)],
                        role: [ContactRole.decisionMaker, .influencer, .user][next(3)], contactName: "担当 \(contact)",
                        url: next(4) == 0 ? "/pricing" : "/products/\(next(20))", topic: topics[next(topics.count)]))
            }
        }
        entries.sort { $0.day < $1.day }
        intent.sort { $0.observedOn < $1.observedOn }
        self.dataset = KPIDataset(
            companies: companies, targets: targets,
            activities: ActivityRollup(accountIds: companies.map(\.id), entries: entries), intent: intent)
        self.recent = recent
    }
}
