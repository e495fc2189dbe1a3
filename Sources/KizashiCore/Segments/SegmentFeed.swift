/// A segment that feeds the target list (issue 26 §4): on each refresh, the companies that
/// entered it and are not targets that day are added at `tier` (with `owner`), and the ones the
/// feed added are removed when they leave it. Accounts people added stay whatever the rule says.
public struct SegmentFeed: Sendable, Equatable {
    public var tier: Tier
    public var owner: String?

    public init(tier: Tier, owner: String? = nil) {
        self.tier = tier
        self.owner = owner
    }

    /// The owner as the target list's `owner` column takes it: 1–120 characters, one line.
    public static func ownerProblem(_ owner: String) -> String? {
        guard !owner.isEmpty, owner.count <= 120, !owner.contains(where: \.isNewline) else {
            return "the owner has 1 to 120 characters on one line"
        }
        return nil
    }
}

extension SegmentRule {
    /// Why this rule cannot feed the target list, or nil. A feeding rule is judged over every
    /// company, and tier, journey stage and buying-group coverage exist only for target accounts:
    /// a rule on them would judge non-targets on facts they cannot have (and a rule on the tier
    /// would feed itself).
    public var feedProblem: String? {
        for (i, c) in conditions.enumerated() {
            switch c {
            case .tier, .stage, .stageBound, .coverageFull, .missing:
                return
                    "condition \(i + 1) \"\(c.text)\": a segment that feeds the target list is judged over every company; tier, stage, coverage and missing exist only for targets"
            default: continue
            }
        }
        return nil
    }
}
