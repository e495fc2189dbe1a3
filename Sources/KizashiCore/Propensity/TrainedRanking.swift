/// The approach-now ranking as trained once and kept in the workspace (issue 20 §4): which
/// candidate won on the validation days before `choice.asOf`, its fitted parameters, the evidence,
/// the feature list and what it was trained on. `now`, the page and the API reuse it — instead of
/// retraining on every call — while `reuse(asOf:fingerprint:)` says it is still valid.
public struct TrainedRanking: Sendable, Codable {
    /// Bumped when the stored form changes; an older body is retrained, never misread.
    public static let currentFormat = 1
    /// How many days after its as-of day a ranking is still used. Why a limit although nothing
    /// leaks forward: every day adds labelled days the choice has not seen (an opportunity opened
    /// yesterday is a new positive), so after a week the choice is refreshed even without imports.
    public static let maxAgeDays = 7

    public var format: Int
    public var trainedAt: Instant
    public var fingerprint: TrainingFingerprint
    /// The feature names, in the order the fitted parameters read them.
    public var features: [String]
    public var choice: CandidateChoice

    public init(trainedAt: Instant, fingerprint: TrainingFingerprint, choice: CandidateChoice) {
        self.format = Self.currentFormat
        self.trainedAt = trainedAt
        self.fingerprint = fingerprint
        self.features = PropensityFeatures.names
        var kept = choice
        // Only the chosen scorer is used; the others' parameters would only bloat the record.
        kept.scorers = choice.scorers.filter { $0.key == choice.chosen }
        self.choice = kept
    }

    /// Whether the ranking may order the list of `day`, or why it must be retrained.
    public enum Reuse: Equatable, Sendable {
        case reuse
        case retrain(RetrainReason)
    }

    public enum RetrainReason: String, Equatable, Sendable {
        case formatChanged = "format"
        case featuresChanged = "features"
        case dataChanged = "data"
        case settingsChanged = "settings"
        /// The day asked for is before the training day: its validation used labels after it.
        case trainedAfterDay = "trained-after-day"
        case tooOld = "too-old"

        public func explained(_ lang: Language) -> String {
            L10n.t("model.retrain.\(rawValue)", lang, String(TrainedRanking.maxAgeDays))
        }
    }

    /// Reused when the stored form, the features, the settings and the labelled data are the ones
    /// it was trained on, and `day` lies within `maxAgeDays` on or after its as-of day. Never for
    /// an earlier day: the choice was validated on labels up to its own as-of day, which would be
    /// the future of `day` (leakage).
    public func reuse(asOf day: Day, fingerprint now: TrainingFingerprint) -> Reuse {
        if format != Self.currentFormat { return .retrain(.formatChanged) }
        if features != PropensityFeatures.names { return .retrain(.featuresChanged) }
        if fingerprint.settings != now.settings { return .retrain(.settingsChanged) }
        if fingerprint != now { return .retrain(.dataChanged) }
        if day < choice.asOf { return .retrain(.trainedAfterDay) }
        if day - choice.asOf > Self.maxAgeDays { return .retrain(.tooOld) }
        return .reuse
    }
}

/// What a trained ranking learnt from, summarised so a change is seen without rereading the
/// history: the settings (they change scores and windows), the accounts and targets (who is
/// ranked), and the opportunities (the labels). Activities and events are left out on purpose:
/// they arrive all day and change the features — computed fresh on every call — not what the
/// trained parameters mean; new labels are caught by the opportunities and by `maxAgeDays`.
public struct TrainingFingerprint: Sendable, Codable, Equatable, CustomStringConvertible {
    public var settings: UInt64
    public var companies: Int
    public var contacts: Int
    public var targets: Int
    public var opportunities: Int
    /// FNV-1a over every opportunity's id, company and creation day, in id order.
    public var opportunityDigest: UInt64

    public init(
        settings: [String: String], companies: Int, contacts: Int, targets: Int, opportunities: [Opportunity]
    ) {
        var s = FNV1a()
        for key in settings.keys.sorted() {
            s.add(key)
            s.add(settings[key] ?? "")
        }
        self.settings = s.value
        self.companies = companies
        self.contacts = contacts
        self.targets = targets
        self.opportunities = opportunities.count
        var o = FNV1a()
        for deal in opportunities.sorted(by: { $0.id < $1.id }) {
            o.add(deal.id)
            o.add(deal.companyId)
            o.add(deal.createdOn.description)
        }
        self.opportunityDigest = o.value
    }

    public var description: String {
        "settings \(hex(settings)) · companies \(companies) · contacts \(contacts) · targets \(targets) · "
            + "opportunities \(opportunities) (\(hex(opportunityDigest)))"
    }

    private func hex(_ v: UInt64) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 16 - h.count)) + h
    }
}

/// 64-bit FNV-1a: a fixed, platform-independent digest (Swift's `Hasher` is seeded per process,
/// so its values cannot be stored). Each string is followed by a 0xFF byte, which UTF-8 never
/// contains, so ("ab", "c") and ("a", "bc") differ.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ s: String) {
        for b in s.utf8 { byte(b) }
        byte(0xFF)
    }

    private mutating func byte(_ b: UInt8) {
        value ^= UInt64(b)
        value = value &* 0x0000_0100_0000_01B3
    }
}

/// Days are stored as ISO dates ("2026-10-31"): readable in the stored JSON and independent of
/// the epoch arithmetic.
extension Day: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a date YYYY-MM-DD: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Instants are stored as milliseconds since the epoch, like everywhere else in the store.
extension Instant: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(millisecondsSinceEpoch: try decoder.singleValueContainer().decode(Int64.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(millisecondsSinceEpoch)
    }
}
