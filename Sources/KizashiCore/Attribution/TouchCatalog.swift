/// The touch keys and channels of a workspace (attribution.md §Touches): one key per campaign of
/// campaigns.csv, one `direct:<type>` key per touch type, and the channel of each key.
///
/// Keys and channels are numbered once so the engine works on small integers; `keyRank` orders
/// keys by code points (edge case 4: touches at the same instant are ordered by touch key).
public struct TouchCatalog: Sendable {
    /// Campaigns sorted by campaign_id (code points); key i < `campaigns.count` is campaign i.
    public let campaigns: [Campaign]
    /// Every key's text: campaign ids, then `direct:<type>` for each touch type (sorted).
    public let keys: [String]
    /// The touch types of the direct keys, aligned with `keys[campaigns.count...]`.
    public let directTypes: [ActivityType]
    /// Channel names sorted by code points: every campaign's channel (empty → `other`) and `direct`.
    public let channels: [String]
    /// Channel index of each key.
    public let channelOfKey: [Int]
    /// Position of each key in code-point order of the key texts.
    public let keyRank: [Int]
    private let campaignIndex: [String: Int]
    private let directIndex: [Int]

    public static let directChannel = "direct"
    public static let otherChannel = "other"

    public init(campaigns: [Campaign], touchTypes: [ActivityType]) {
        // Within one file a repeated ID cannot be stored; keep the first if a caller passes one.
        var seen = Set<String>()
        let sorted = campaigns.sorted { CodePoints.less($0.id, $1.id) }.filter { seen.insert($0.id).inserted }
        self.campaigns = sorted
        var index: [String: Int] = [:]
        for (i, c) in sorted.enumerated() { index[c.id] = i }
        campaignIndex = index
        let direct = touchTypes.sorted { CodePoints.less($0.rawValue, $1.rawValue) }
        directTypes = direct
        let keys = sorted.map(\.id) + direct.map { "direct:\($0.rawValue)" }
        self.keys = keys
        var di = [Int](repeating: -1, count: ActivityType.allCases.count)
        for (i, t) in direct.enumerated() { di[t.index] = sorted.count + i }
        directIndex = di
        let names = sorted.map(Self.channel(of:))
        let channels = Set(names + [Self.directChannel]).sorted(by: CodePoints.less)
        self.channels = channels
        var channelIndex: [String: Int] = [:]
        for (i, c) in channels.enumerated() { channelIndex[c] = i }
        let directChannel = channelIndex[Self.directChannel]!
        channelOfKey =
            names.map { channelIndex[$0]! } + Array(repeating: directChannel, count: keys.count - names.count)
        var rank = [Int](repeating: 0, count: keys.count)
        let order = keys.indices.sorted { a, b in
            keys[a] == keys[b] ? a < b : CodePoints.less(keys[a], keys[b])
        }
        for (r, k) in order.enumerated() { rank[k] = r }
        keyRank = rank
    }

    /// A campaign's channel as written (trimmed, case-sensitive); empty → `other` (edge case 4).
    public static func channel(of c: Campaign) -> String {
        let name = (c.channel ?? "").trimmingASCIIWhitespace()
        return name.isEmpty ? otherChannel : name
    }

    public var campaignCount: Int { campaigns.count }
    public var directChannelIndex: Int { channels.firstIndex(of: Self.directChannel)! }

    /// The key of an activity: its campaign when the id names one, else `direct:<type>`; nil when
    /// the type is not a touch type.
    public func key(campaignId: String?, type: ActivityType) -> Int? {
        let d = directIndex[type.index]
        guard d >= 0 else { return nil }
        if let campaignId, let i = campaignIndex[campaignId] { return i }
        return d
    }

    /// The key of a campaign of campaigns.csv, by its id.
    public func campaignKey(of id: String) -> Int? { campaignIndex[id] }

    /// The `direct:<type>` key of a touch type; nil when `type` is not a touch type.
    public func directKey(of type: ActivityType) -> Int? {
        let d = directIndex[type.index]
        return d >= 0 ? d : nil
    }

    /// Whether `type` is a touch type.
    public func isTouchType(_ type: ActivityType) -> Bool { directIndex[type.index] >= 0 }

    /// attribution.md §Figures: the campaign's cost pro-rated to the period exactly as `abm_cost`
    /// (kpis.md §Phase 4): cost × (campaign days inside the period) / (campaign days).
    public static func cost(of k: Campaign, in period: KPIPeriod) -> Double {
        let days = (k.endOn - k.startOn) + 1
        let from = max(k.startOn, period.start), to = min(k.endOn, period.lastDay)
        let inside = max(0, (to - from) + 1)
        return days > 0 && inside > 0 ? k.cost * Double(inside) / Double(days) : 0
    }
}

/// Ordering by Unicode code points (attribution.md edge case 4); UTF-8 byte order is the same.
public enum CodePoints {
    public static func less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
