import Foundation

/// One feature's push on a model's score for one account (log-odds against an average
/// account): coefficient × standardised value for the logistic model, exact TreeSHAP for trees.
public struct ScoreDriver: Sendable, Equatable {
    public var feature: String
    public var value: Double
    public var contribution: Double

    /// "Pricing and forms this week: +0.12".
    public func text(_ lang: Language) -> String {
        L10n.t("now.driver", lang, L10n.t("now.feature.\(feature)", lang), String(format: "%+.2f", contribution))
    }

    /// The largest positive contributions, strongest first (at most `limit`).
    public static func top(_ contributions: [Double], values: [Double], limit: Int = 3) -> [ScoreDriver] {
        let names = PropensityFeatures.names
        return contributions.indices
            .filter { $0 < names.count && contributions[$0] > 0.005 }
            .sorted { contributions[$0] != contributions[$1] ? contributions[$0] > contributions[$1] : $0 < $1 }
            .prefix(limit)
            .map {
                ScoreDriver(
                    feature: names[$0], value: $0 < values.count ? values[$0] : 0, contribution: contributions[$0])
            }
    }
}

/// The approach-now list as a BDR works it (issue 20 §1, §5): accounts without an open deal,
/// ranked by the candidate chosen on validation days before today; accounts in an open deal
/// that are re-engaging (score up by `reengagingMomentum` in 7 days) apart, for the account
/// owner — never mixed into the ranking with a penalty.
public struct RankedApproachList: Sendable {
    /// nil: no choice could be made (the rule score ranks, said as unvalidated).
    public var choice: CandidateChoice?
    public var entries: [ApproachEntry]
    public var inDeal: [ApproachEntry]

    public var candidate: RankingCandidate { choice?.chosen ?? .rule }

    /// What the number ranking the list is, named for the candidate ("rule score", "chance of a
    /// new opportunity within 30 days"), so it is never confused with the engagement score.
    public static func rankValueName(_ candidate: RankingCandidate, _ lang: Language) -> String {
        L10n.t(candidate.isModel ? "now.rankValue.model" : "now.rankValue.\(candidate.rawValue)", lang)
    }

    /// The ranking value as shown: a percentage for a model's probability, one decimal for scores.
    public static func rankValueText(_ value: Double, _ candidate: RankingCandidate) -> String {
        candidate.isModel ? String(format: "%.1f%%", 100 * value) : String(format: "%.1f", value)
    }
}

extension ApproachRanking {
    /// The list ranked by `choice`'s candidate (the rule score without one). `features`: every
    /// target's propensity features as of the list's day (the models and engagement read them).
    public func ranked(by choice: CandidateChoice?, features: [PropensityFeatures], tier: Tier? = nil, limit: Int?)
        -> RankedApproachList
    {
        let scorer = choice?.scorer ?? .rule
        var featuresOf: [String: PropensityFeatures] = [:]
        if scorer.candidate != .rule { for f in features { featuresOf[f.companyId] = f } }
        let rows = accounts.rows
        var keyed: [(key: Double, at: Int)] = []
        keyed.reserveCapacity(unordered.count)
        for (i, s) in unordered.enumerated() where tier == nil || rows[s.row].tier == tier {
            let key: Double
            switch scorer.candidate {
            case .rule: key = s.priority
            case .engagement: key = rows[s.row].score
            // The probability (monotone in the score) so the number shown is the order.
            case .logistic, .gbdt:
                key = featuresOf[rows[s.row].companyId].map { scorer.probability($0) ?? scorer.score($0) } ?? -.infinity
            }
            keyed.append((key, i))
        }
        keyed.sort { a, b in
            a.key != b.key ? a.key > b.key : rows[unordered[a.at].row].companyId < rows[unordered[b.at].row].companyId
        }
        let cap = limit ?? Int.max
        var main: [ApproachEntry] = [], inDeal: [ApproachEntry] = []
        for (key, at) in keyed where main.count < cap || inDeal.count < cap {
            let s = unordered[at]
            let row = rows[s.row]
            let open = row.openPipeline > 0
            if open && (inDeal.count >= cap || row.scoreChange7d < weights.reengagingMomentum) { continue }
            if !open && main.count >= cap { continue }
            var e = entry(s)
            e.rankValue = key.isFinite ? key : nil
            if let f = featuresOf[row.companyId] {
                e.modelProbability = scorer.probability(f)
                e.drivers = scorer.contributions(f).map { ScoreDriver.top($0, values: f.values) } ?? []
            }
            if open { inDeal.append(e) } else { main.append(e) }
        }
        return RankedApproachList(choice: choice, entries: main, inDeal: inDeal)
    }
}

extension CandidateChoice {
    /// Which candidate ranks the list and why, with the validation figures, in one sentence.
    public func why(_ lang: Language) -> String {
        guard validated, let v = validation(of: chosen), let e = validation(of: .engagement) else {
            return L10n.t("now.choice.unvalidated", lang)
        }
        func p(_ q: RankingQuality) -> String { q.precisionAt[k].map { String(format: "%.3f", $0) } ?? "—" }
        let range = validationDays.map { ($0.lowerBound.description, $0.upperBound.description) } ?? ("—", "—")
        return L10n.t(
            chosen == .engagement ? "now.choice.whyEngagement" : "now.choice.why", lang,
            arguments: [
                chosen.name(lang), String(validationDayCount), range.0, range.1, String(k), String(v.hitsAt[k] ?? 0),
                String(horizon), p(v), String(e.hitsAt[k] ?? 0), v.auc.map { String(format: "%.3f", $0) } ?? "—",
            ])
    }

    /// The choice for the API: candidate, validation days and every candidate's figures.
    public func json(_ lang: Language) -> JSONValue {
        guard case .object(var fields) = BacktestRenderer.choiceJSON(self) else { return .null }
        fields.insert(("why", .string(why(lang))), at: 0)
        return .object(fields)
    }
}
